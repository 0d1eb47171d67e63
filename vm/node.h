/*
 * node.h — a Moat node: one running VM instance (vm/node.c).
 *
 * Everything mutable that a VM has lives in its node: the process table,
 * the schedulers, the timer thread, the registered names, the loaded
 * modules and their export table, ETS tables, persistent terms, atomics,
 * the output sink and open files, the halt status. Several nodes may run
 * in one OS process (an embedding host may open several VMs, each on its
 * own threads) and never see each other's state.
 *
 * Shared by all nodes, and immutable or append-only under their own
 * locks: the atom table (vm/atom.c), the BIF table (vm/bif.c), the
 * interpreter's handler table and the verifier's opcode table.
 *
 * Which node: every thread that runs VM code belongs to one node at a
 * time: a scheduler, the timer thread and the native pool threads belong
 * to theirs for life; a host thread enters a node for the duration of an
 * API call (node_enter/node_leave in vm/moat.c). node_cur() reads that
 * thread-local pointer; subsystems reach their state through it rather
 * than through a parameter threaded down every call path.
 */
#ifndef MOAT_NODE_H
#define MOAT_NODE_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "term.h"

struct ptab;
struct modtab;
struct regtab;
struct timer_svc;
struct io_state;
struct ets_reg;
struct pterm_tab;
struct atomics_reg;
struct sched_set;
struct moat_vm;
struct shell_frontend;

/* What erlang:statistics/1 reports that no one subsystem owns. */
struct node_stats {
    int64_t start_ns;              /* CLOCK_MONOTONIC when the node started */
    _Atomic uint64_t gcs, gc_reclaimed_words;  /* vm/heap.c */
    _Atomic uint64_t io_in, io_out;            /* bytes on standard input, output and error */
    /* the totals at the last call, for "since the last call" */
    _Atomic uint64_t last_runtime_ms, last_wall_ms, last_reductions, last_exact_reductions;
};

struct node {
    struct ptab *ptab;           /* vm/ptab.c */
    struct modtab *code;         /* vm/module.c: exports, modules, code path */
    struct regtab *names;        /* vm/proc.c: registered names */
    struct regtab *aliases;      /* vm/proc.c: active aliases' processes */
    struct timer_svc *timers;    /* vm/timer.c */
    struct io_state *io;         /* vm/io.c, vm/bif_io.c: sink, files, plain arguments */
    struct ets_reg *ets;         /* vm/ets.c */
    struct pterm_tab *pterm;     /* vm/pterm.c */
    struct atomics_reg *atomics; /* vm/atomics.c */
    struct sched_set *sched;     /* vm/scheduler.c */
    /* stdout and stderr taken over (io_set_sink), or NULL */
    void (*sink)(int fd, const char *bytes, size_t len, void *ud);
    void *sink_ud;
    struct moat_vm *host;        /* vm/moat.c: the embedding handle, or NULL (the moat command) */
    _Atomic uint64_t user_pid;   /* vm/io.c: the standard io server (`user`), 0 until started */
    int halt_status;             /* what erlang:halt asked for */
    _Atomic int log_level;       /* logger's primary level (vm/bif_logger.c) */
    _Atomic int64_t offheap_bytes; /* off-heap binaries alive (erlang:memory(binary)) */
    const struct shell_frontend *shell_frontend; /* the moat command's terminal (vm/bif_shell.c) */
    struct node_stats stats;     /* erlang:statistics/1 (vm/bif_stats.c) */
};

extern __thread struct node *node_tls __attribute__((tls_model("initial-exec")));

/* The node this thread belongs to now (NULL on a thread outside any). */
static inline struct node *node_cur(void) { return node_tls; }

/* Make n this thread's node; returns the previous one for node_leave. */
static inline struct node *node_enter(struct node *n) {
    struct node *prev = node_tls;
    node_tls = n;
    return prev;
}
static inline void node_leave(struct node *prev) { node_tls = prev; }
static inline void node_scope_end(struct node **prev) { node_leave(*prev); }
/* In n until the end of the enclosing block, whichever way it is left. */
#define NODE_SCOPE(n) \
    struct node *node_prev_ __attribute__((cleanup(node_scope_end), unused)) = node_enter(n)

/* Tables of modules that have no header of their own. */
struct pterm_tab *pterm_create(void);
void pterm_destroy(struct pterm_tab *pt);
struct atomics_reg *atomics_reg_create(void);
void atomics_reg_destroy(struct atomics_reg *ar);

/* A new node with its tables (no threads yet: sched_init starts them),
   made this thread's node. NULL when memory is short. */
struct node *node_new(void);
/* Free a node's tables, modules and processes; its threads must have
   stopped (sched_shutdown, timer_shutdown). Leaves this thread in no node. */
void node_free(struct node *n);

#endif
