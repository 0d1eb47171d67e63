/*
 * node.c — a node's life: its tables made in one place, freed in one
 * place (see node.h for what a node holds and which thread is in which).
 */
#include "node.h"

#include <time.h>


#include "alloc.h"
#include "atom.h"
#include "ets.h"
#include "interp.h"
#include "io.h"
#include "module.h"
#include "proc.h"
#include "ptab.h"
#include "scheduler.h"
#include "timer.h"
#include "vm.h"

__thread struct node *node_tls __attribute__((tls_model("initial-exec")));

/* Every timer a node starts has an argument whose first member is the
   function that frees it (vm/proc.c, vm/bif_proc.c): timers still pending
   when the node ends are freed through it. */
static void drop_timer_arg(void *arg) { (*(void (**)(void *))arg)(arg); }

struct node *node_new(void) {
    if (!vm_global_init()) return NULL;
    struct node *n = mem_zalloc(sizeof *n);
    if (!n) return NULL;
    atomic_init(&n->log_level, LOG_NOTICE);
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    n->stats.start_ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
    node_enter(n);
    n->ptab = ptab_create(PTAB_DEFAULT_MAX, proc_destroy);
    n->code = modtab_create();
    n->names = registry_create();
    n->aliases = registry_create();
    n->timers = timer_svc_create(n);
    n->io = io_state_create();
    n->ets = ets_reg_create();
    n->pterm = pterm_create();
    n->atomics = atomics_reg_create();
    n->sched = sched_set_create(n);
    struct export_entry *apply3 = n->code ? export_get(AM(erlang), AM(apply), 3) : NULL;
    struct export_entry *apply2 = n->code ? export_get(AM(erlang), AM(apply), 2) : NULL;
    if (!n->ptab || !n->code || !n->names || !n->aliases || !n->timers || !n->io || !n->ets || !n->pterm || !n->atomics ||
        !n->sched || !apply3 || !apply2) {
        node_free(n);
        return NULL;
    }
    /* apply/2,3 are code, not C: they call on into Erlang */
    atomic_store(&apply3->code, (const void *)interp_apply3_code());
    atomic_store(&apply2->code, (const void *)interp_apply2_code());
    timer_set_drop(drop_timer_arg);
    return n;
}

void node_free(struct node *n) {
    if (!n) return;
    node_enter(n);
    if (n->sched) sched_shutdown();
    if (n->timers) timer_shutdown();
    /* what the tables hold may point into modules' literals and binaries:
       tables first, code last */
    ets_reg_destroy(n->ets);
    pterm_destroy(n->pterm);
    atomics_reg_destroy(n->atomics);
    registry_destroy(n->names);
    registry_destroy(n->aliases);
    io_state_destroy(n->io);
    ptab_destroy(n->ptab);
    modtab_destroy(n->code);
    timer_svc_destroy(n->timers);
    sched_set_destroy(n->sched);
    node_leave(NULL);
    mem_free(n);
}
