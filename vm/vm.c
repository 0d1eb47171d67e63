/*
 * vm.c — a VM instance: global start-up, and processes run synchronously
 * on the calling thread (unit tests; the scheduler runs everything else:
 * vm/scheduler.c).
 */
#include "vm.h"

#include <stdatomic.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "interp.h"
#include "ptab.h"

#define PROC_INITIAL_HEAP 1024

int vm_halt_status;

void vm_global_init(void) {
    static _Atomic int done;
    if (atomic_exchange(&done, 1)) return;
    atom_init();
    bif_init();
    ptab_init(PTAB_DEFAULT_MAX, proc_destroy);
    interp_handlers();
    /* apply/2,3 are code, not C: they call on into Erlang */
    struct export_entry *e = export_get(AM(erlang), AM(apply), 3);
    if (e) atomic_store(&e->code, (const void *)interp_apply3_code());
    e = export_get(AM(erlang), AM(apply), 2);
    if (e) atomic_store(&e->code, (const void *)interp_apply2_code());
}

struct vm *vm_new(void) {
    vm_global_init();
    struct vm *vm = mem_zalloc(sizeof *vm);
    if (!vm) return NULL;
    /* slack above X_REGS: BIFs called with live near X_REGS use a few
       registers above their arguments as scratch roots */
    vm->x = mem_zalloc((X_REGS + 32) * sizeof(term));
    if (!vm->x) {
        mem_free(vm);
        return NULL;
    }
    return vm;
}

void vm_free(struct vm *vm) {
    if (!vm) return;
    mem_free(vm->x);
    mem_free(vm);
}

struct proc *vm_proc_new(struct vm *vm) {
    struct proc *p = proc_new(PROC_INITIAL_HEAP);
    if (p) p->x = vm->x;
    return p;
}

void vm_proc_free(struct proc *p) {
    if (p) proc_exit(p, AM(normal));
}

int vm_run_call(struct proc *p, term module, term function, term args) {
    p->x[0] = module;
    p->x[1] = function;
    p->x[2] = args;
    interp_prepare_call(p, interp_apply3_code());
    enum interp_result r;
    while ((r = interp_run(p)) == INTERP_YIELD) {
    }
    return r;
}
