/*
 * vm.h — a VM instance (vm/vm.c): global start-up, an x register file for
 * running code on the calling thread, and process creation.
 *
 * A struct vm owns a node (vm/node.h: its processes, modules, schedulers)
 * and runs code on the thread that made it. One thread drives a vm at a
 * time.
 */
#ifndef MOAT_VM_H
#define MOAT_VM_H

#include <stdbool.h>

#include "mailbox.h"
#include "module.h"
#include "proc.h"

struct vm {
    term *x; /* X_REGS x registers for vm_run_call and for setting up the main process */
    struct node *node; /* its own, entered on the creating thread (vm/node.h) */
};

/* Process-wide init (atoms, BIF table, interpreter handlers), shared by
   every node: idempotent, any thread. false when memory was short the
   first time (no VM can run in this process then). */
bool vm_global_init(void);
/* A new node, entered on this thread, with an x register file to run
   code here; vm_free ends the node. */
struct vm *vm_new(void);
void vm_free(struct vm *vm);

/* A new process with an empty heap and mailbox. NULL when out of memory. */
struct proc *vm_proc_new(struct vm *vm);
void vm_proc_free(struct proc *p);

/* Run M:F(Args) in p (Args: a list term on p's heap or a constant) to the
   end on this thread, through time-slice ends. The result of interp_run;
   on INTERP_DONE the value is in p->x[0]. */
int vm_run_call(struct proc *p, term module, term function, term args);

#endif
