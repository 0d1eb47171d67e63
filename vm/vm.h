/*
 * vm.h — a VM instance (vm/vm.c): global start-up, an x register file for
 * running code on the calling thread, and process creation.
 *
 * Modules and export entries are global to the OS process (vm/module.c);
 * a struct vm is what runs code. One thread drives a vm at a time.
 */
#ifndef MOAT_VM_H
#define MOAT_VM_H

#include <stdbool.h>

#include "mailbox.h"
#include "module.h"
#include "proc.h"

struct vm {
    term *x; /* X_REGS x registers for vm_run_call and for setting up the main process */
};

/* The status erlang:halt asked for (read after INTERP_HALT). */
extern int vm_halt_status;

/* Global init (atoms, BIF table): idempotent. */
void vm_global_init(void);
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
