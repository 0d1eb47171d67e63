/*
 * bif_stats.c — erlang:statistics/1.
 *
 * Where the figures come from:
 *   runtime, wall_clock   the CPU time of the OS process (user and system,
 *                         every thread: with several VMs in one process,
 *                         theirs together) and the node's start on the
 *                         monotonic clock
 *   reductions            each scheduler's count of what the processes it
 *                         ran used, up to their last yield, wait or exit;
 *                         exact_reductions adds the caller's current slice
 *   garbage_collection    the node's count of collections and of the words
 *                         they freed (vm/heap.c)
 *   context_switches      processes the schedulers started running
 *   run_queue…, active_tasks…  each scheduler's queue now (and whether it is
 *                         running one); the lists end with the dirty CPU
 *                         queue (and, for the _all forms, the dirty IO
 *                         queue) as erl's do: Moat has none, so 0
 *   io                    bytes read from standard input and written to
 *                         standard output and error (erl counts port I/O:
 *                         the same traffic for a script)
 *   scheduler_wall_time(_all), microstate_accounting
 *                         undefined: the measurements they report are not
 *                         kept (in erl, until a system flag turns them on)
 * "Since the last call" is per node, as erl's is per VM.
 */
#include <stdatomic.h>
#include <string.h>
#include <time.h>

#include "atom.h"
#include "bif.h"
#include "error.h"
#include "heap.h"
#include "node.h"
#include "scheduler.h"

enum stat {
    ST_RUNTIME, ST_WALL_CLOCK, ST_REDUCTIONS, ST_EXACT_REDUCTIONS, ST_GC, ST_CONTEXT_SWITCHES, ST_IO,
    ST_RUN_QUEUE, ST_RUN_QUEUE_LENGTHS, ST_RUN_QUEUE_LENGTHS_ALL, ST_TOTAL_RUN_QUEUE_LENGTHS,
    ST_TOTAL_RUN_QUEUE_LENGTHS_ALL, ST_ACTIVE_TASKS, ST_ACTIVE_TASKS_ALL, ST_TOTAL_ACTIVE_TASKS,
    ST_TOTAL_ACTIVE_TASKS_ALL, ST_SCHEDULER_WALL_TIME, ST_SCHEDULER_WALL_TIME_ALL, ST_MSACC
};

static const char *const stat_names[] = {
    [ST_RUNTIME] = "runtime",
    [ST_WALL_CLOCK] = "wall_clock",
    [ST_REDUCTIONS] = "reductions",
    [ST_EXACT_REDUCTIONS] = "exact_reductions",
    [ST_GC] = "garbage_collection",
    [ST_CONTEXT_SWITCHES] = "context_switches",
    [ST_IO] = "io",
    [ST_RUN_QUEUE] = "run_queue",
    [ST_RUN_QUEUE_LENGTHS] = "run_queue_lengths",
    [ST_RUN_QUEUE_LENGTHS_ALL] = "run_queue_lengths_all",
    [ST_TOTAL_RUN_QUEUE_LENGTHS] = "total_run_queue_lengths",
    [ST_TOTAL_RUN_QUEUE_LENGTHS_ALL] = "total_run_queue_lengths_all",
    [ST_ACTIVE_TASKS] = "active_tasks",
    [ST_ACTIVE_TASKS_ALL] = "active_tasks_all",
    [ST_TOTAL_ACTIVE_TASKS] = "total_active_tasks",
    [ST_TOTAL_ACTIVE_TASKS_ALL] = "total_active_tasks_all",
    [ST_SCHEDULER_WALL_TIME] = "scheduler_wall_time",
    [ST_SCHEDULER_WALL_TIME_ALL] = "scheduler_wall_time_all",
    [ST_MSACC] = "microstate_accounting",
};

static int stat_of(term t) {
    for (size_t i = 0; i < sizeof stat_names / sizeof *stat_names; i++)
        if (t == atom_term(stat_names[i], strlen(stat_names[i]))) return (int)i;
    return -1;
}

/* {Total, Total - *last}, *last becoming Total */
static term total_and_since(struct proc *p, uint64_t total, _Atomic uint64_t *last) {
    uint64_t before = atomic_exchange_explicit(last, total, memory_order_relaxed);
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = term_from_small((int64_t)total);
    hp[2] = term_from_small((int64_t)(total >= before ? total - before : 0));
    return term_from_boxed_ptr(hp);
}

static term tuple_of(struct proc *p, const term *elems, uint32_t n) {
    if (!heap_ensure_free(p, TUPLE_WORDS(n))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n));
    hp[0] = make_header(SUB_TUPLE, n);
    memcpy(hp + 1, elems, n * sizeof(term));
    return term_from_boxed_ptr(hp);
}

/* Milliseconds on a clock, from `since` nanoseconds. */
static uint64_t clock_ms(clockid_t id, int64_t since) {
    struct timespec now;
    if (clock_gettime(id, &now) != 0) return 0;
    int64_t ns = (int64_t)now.tv_sec * 1000000000 + now.tv_nsec - since;
    return ns > 0 ? (uint64_t)ns / 1000000 : 0;
}

/* Per scheduler: queued (tasks false) or queued + running (tasks true),
   as a list with the dirty queues' zeros after (one, or two with all),
   or its sum. */
static term per_scheduler(struct proc *p, const struct sched_stats *st, unsigned n, bool tasks, bool all,
                          bool sum) {
    uint64_t total = 0;
    for (unsigned i = 0; i < n; i++) total += st[i].queued + (tasks && st[i].busy);
    if (sum) return term_from_small((int64_t)total);
    unsigned len = n + 1 + all;
    if (!heap_ensure_free(p, 2 * len)) return raise_system_limit(p);
    term *hp = heap_take(p, 2 * len);
    term l = TERM_NIL;
    for (unsigned k = 0; k < 1u + all; k++, hp += 2) l = cons_store(hp, term_from_small(0), l);
    for (unsigned i = n; i-- > 0; hp += 2)
        l = cons_store(hp, term_from_small((int64_t)(st[i].queued + (tasks && st[i].busy))), l);
    return l;
}

term bif_erlang_statistics_1(struct proc *p, term *args) {
    struct node *n = node_cur();
    struct node_stats *ns = &n->stats;
    int what = stat_of(args[0]);
    struct sched_stats st[SCHED_MAX];
    unsigned nsched = sched_stats(st, SCHED_MAX);
    uint64_t reds = 0, switches = 0;
    for (unsigned i = 0; i < nsched; i++) {
        reds += st[i].reductions;
        switches += st[i].switches;
    }
    switch (what) {
    case ST_RUNTIME: return total_and_since(p, clock_ms(CLOCK_PROCESS_CPUTIME_ID, 0), &ns->last_runtime_ms);
    case ST_WALL_CLOCK: return total_and_since(p, clock_ms(CLOCK_MONOTONIC, ns->start_ns), &ns->last_wall_ms);
    case ST_REDUCTIONS: return total_and_since(p, reds, &ns->last_reductions);
    case ST_EXACT_REDUCTIONS:
        return total_and_since(p, reds + (proc_reductions(p) - p->reductions), &ns->last_exact_reductions);
    case ST_GC: {
        term t[3] = {term_from_small((int64_t)atomic_load(&ns->gcs)),
                     term_from_small((int64_t)atomic_load(&ns->gc_reclaimed_words)), term_from_small(0)};
        return tuple_of(p, t, 3);
    }
    case ST_CONTEXT_SWITCHES: {
        term t[2] = {term_from_small((int64_t)switches), term_from_small(0)};
        return tuple_of(p, t, 2);
    }
    case ST_IO: { /* {{input, In}, {output, Out}}: 9 words */
        if (!heap_ensure_free(p, 3 * TUPLE_WORDS(2))) return raise_system_limit(p);
        term *hp = heap_take(p, 3 * TUPLE_WORDS(2));
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = atom_term("input", 5);
        hp[2] = term_from_small((int64_t)atomic_load(&ns->io_in));
        hp[3] = make_header(SUB_TUPLE, 2);
        hp[4] = atom_term("output", 6);
        hp[5] = term_from_small((int64_t)atomic_load(&ns->io_out));
        hp[6] = make_header(SUB_TUPLE, 2);
        hp[7] = term_from_boxed_ptr(hp);
        hp[8] = term_from_boxed_ptr(hp + 3);
        return term_from_boxed_ptr(hp + 6);
    }
    case ST_RUN_QUEUE:
    case ST_TOTAL_RUN_QUEUE_LENGTHS:
    case ST_TOTAL_RUN_QUEUE_LENGTHS_ALL: return per_scheduler(p, st, nsched, false, false, true);
    case ST_RUN_QUEUE_LENGTHS: return per_scheduler(p, st, nsched, false, false, false);
    case ST_RUN_QUEUE_LENGTHS_ALL: return per_scheduler(p, st, nsched, false, true, false);
    case ST_ACTIVE_TASKS: return per_scheduler(p, st, nsched, true, false, false);
    case ST_ACTIVE_TASKS_ALL: return per_scheduler(p, st, nsched, true, true, false);
    case ST_TOTAL_ACTIVE_TASKS:
    case ST_TOTAL_ACTIVE_TASKS_ALL: return per_scheduler(p, st, nsched, true, false, true);
    case ST_SCHEDULER_WALL_TIME:
    case ST_SCHEDULER_WALL_TIME_ALL:
    case ST_MSACC: return AM(undefined);
    default: return raise_badarg(p);
    }
}
