/*
 * vm.h — a VM instance (vm/vm.c): configuration, the x register file of
 * its (single, for now) scheduler, and process creation.
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
    term *x;         /* X_REGS x registers, shared by processes as they run */
    int halt_status; /* set by erlang:halt */
    uint64_t next_pid;
};

/* Per-process data this stage keeps behind proc.sched_data: the mailbox
   and the fragments of received messages (their terms stay where they
   are until the process ends; the GC leaves pointers outside its heaps
   alone, as for literals). */
struct proc_mail {
    struct mbox mbox;
    struct msg *consumed;
};

static inline struct proc_mail *proc_mail(struct proc *p) { return (struct proc_mail *)p->sched_data; }

/* Global init (atoms, BIF table): idempotent. */
void vm_global_init(void);
struct vm *vm_new(void);
void vm_free(struct vm *vm);

/* A new process with an empty heap and mailbox. NULL when out of memory. */
struct proc *vm_proc_new(struct vm *vm);
void vm_proc_free(struct proc *p);

/* Run M:F(Args) in p (Args: a list term on p's heap or a constant) to the
   end. The result of interp_run; on INTERP_DONE the value is in p->x[0].
   Loads M on demand; an unknown function ends as an undef exception. */
/* p ! msg. Only a send to p itself delivers for now (a copy into p's
   mailbox); other pids are dropped. false: `to` is not a pid (badarg). */
bool vm_send(struct proc *p, term to, term msg);

int vm_run_call(struct proc *p, term module, term function, term args);

#endif
