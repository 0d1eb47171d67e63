/*
 * vm.c — a VM instance: global start-up, processes, and sending (for now
 * only to oneself: the scheduler and process table come later).
 *
 * One thread drives a vm at a time; processes created here belong to it.
 */
#include "vm.h"

#include <mimalloc.h>
#include <stdatomic.h>

#include "atom.h"
#include "bif.h"
#include "heap.h"
#include "interp.h"

#define PROC_INITIAL_HEAP 1024

void vm_global_init(void) {
    static _Atomic int done;
    if (atomic_exchange(&done, 1)) return;
    atom_init();
    bif_init();
    interp_handlers();
    /* apply/2,3 are code, not C: they call on into Erlang */
    struct export_entry *e = export_get(AM(erlang), AM(apply), 3);
    if (e) atomic_store(&e->code, (const void *)interp_apply3_code());
    e = export_get(AM(erlang), AM(apply), 2);
    if (e) atomic_store(&e->code, (const void *)interp_apply2_code());
}

struct vm *vm_new(void) {
    vm_global_init();
    struct vm *vm = mi_zalloc(sizeof *vm);
    if (!vm) return NULL;
    /* slack above X_REGS: BIFs called with live near X_REGS use a few
       registers above their arguments as scratch roots */
    vm->x = mi_zalloc((X_REGS + 32) * sizeof(term));
    if (!vm->x) {
        mi_free(vm);
        return NULL;
    }
    return vm;
}

void vm_free(struct vm *vm) {
    if (!vm) return;
    mi_free(vm->x);
    mi_free(vm);
}

struct proc *vm_proc_new(struct vm *vm) {
    struct proc *p = mi_zalloc(sizeof *p);
    struct proc_mail *pm = mi_zalloc(sizeof *pm);
    if (!p || !pm || !heap_init(p, PROC_INITIAL_HEAP)) {
        mi_free(p);
        mi_free(pm);
        return NULL;
    }
    mbox_init(&pm->mbox);
    p->sched_data = pm;
    p->vm = vm;
    p->x = vm->x;
    p->id = ++vm->next_pid;
    p->dict = TERM_NIL;
    p->exc_class = p->exc_reason = p->exc_trace = p->exc_args = TERM_NIL;
    return p;
}

void vm_proc_free(struct proc *p) {
    if (!p) return;
    struct proc_mail *pm = proc_mail(p);
    if (pm) {
        mbox_destroy(&pm->mbox);
        while (pm->consumed) {
            struct msg *next = atomic_load_explicit(&pm->consumed->next, memory_order_relaxed);
            msg_free(pm->consumed);
            pm->consumed = next;
        }
        mi_free(pm);
    }
    heap_destroy(p);
    mi_free(p);
}

bool vm_send(struct proc *p, term to, term msg) {
    if (!term_is_pid(to)) return false;
    if (!term_is_local_pid(to) || term_to_pid(to) != p->id) return true; /* nobody else yet */
    size_t words = term_size(msg);
    struct msg *m = msg_alloc(words);
    if (!m) return true; /* out of memory: the message is lost, as if sent to a dead process */
    term *hp = m->data;
    m->offheap = NULL;
    m->payload = term_copy(msg, &hp, &m->offheap);
    m->words = words;
    mbox_push(&proc_mail(p)->mbox, m);
    return true;
}

int vm_run_call(struct proc *p, term module, term function, term args) {
    p->x[0] = module;
    p->x[1] = function;
    p->x[2] = args;
    interp_prepare_call(p, interp_apply3_code());
    return interp_run(p);
}
