/*
 * proc.h — a Moat process (actor): its heap, stack, registers and state.
 *
 * A process is owned by exactly one scheduler thread while it runs; only
 * that thread touches its heap, stack, registers, mailbox queue and ext.
 * Other threads reach it only by pushing onto its inbox (messages and
 * signals: vm/mailbox.h, vm/proc.c) and by the atomic `state` word
 * (vm/scheduler.h), and they hold a ptab reference while they do.
 *
 * Memory: one block holds the young heap and the stack. The heap grows up
 * from heap_start (htop is the next free word), the stack grows down from
 * heap_end (stop is the lowest word in use). They meet: GC. The old
 * generation is a separate block. Everything the process can reach lives
 * in these two blocks, in a module's literal area, or off-heap (refc
 * binaries, counted through the handles on offheap_first).
 *
 * Stack frames (allocate in vm/opcodes.def): stop[0] is the saved CP,
 * y(i) is stop[1 + i]. A stack word with primary tag 00 is a CP
 * (return address), never a term; the GC skips it, as it skips catch
 * markers.
 *
 * Received messages: a message consumed by a receive stays in its own
 * block (a fragment, struct msg in vm/mailbox.h) on `frags` until the next
 * collection, which copies its live parts into the heap and frees it.
 * Terms of the process may point into those fragments meanwhile.
 *
 * GC roots: x[0..live-1], the stack, dict, and the exception fields.
 */
#ifndef MOAT_PROC_H
#define MOAT_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mailbox.h"
#include "term.h"

#define X_REGS 1024 /* size of the x register file */

struct vm;
struct sched;
struct proc_ext;

enum proc_prio { PRIO_MAX, PRIO_HIGH, PRIO_NORMAL, PRIO_LOW };

/* proc.flags (owner only) */
#define PF_TRAP_EXIT 1u  /* exit signals become {'EXIT', From, Reason} messages */
#define PF_XSAVED 2u     /* the stack top holds small(n) and then x0..x(n-1) (vm/interp.c) */
#define PF_MAIN 4u       /* the program's main process: its end halts the VM */
#define PF_SPAWNED 8u    /* print an error report if it crashes */
#define PF_HEAP_QUIET 16u /* max_heap_size's error_logger => false: no report */
#define PF_YIELDED 32u   /* erlang:yield() ended its slice; the call again returns */
struct msg;

/* Reductions in a time slice: a process runs this many (calls, mostly)
   before the scheduler may run another. */
#define PROC_SLICE_REDS 4000

struct proc {
    /* ---- young heap and stack (one block) ---- */
    term *htop;       /* next free heap word */
    term *stop;       /* lowest stack word in use; stack is [stop, heap_end) */
    term *heap_start;
    term *heap_end;
    term *high_water; /* young objects below this survived one GC */

    /* ---- old generation ---- */
    term *old_start, *old_top, *old_end;
    uint32_t minor_gcs; /* since the last full sweep */

    size_t min_heap_words;
    size_t max_heap_words; /* 0 = no limit */

    /* refc binary handles on this process's heaps, linked through their
       'next' word (term.h); the GC drops references of dead handles */
    term *offheap_first;
    size_t offheap_bytes;

    /* consumed message fragments (vm/mailbox.h struct msg), linked through
       msg.next (atomic, but only this process's thread touches them once
       they are here: relaxed loads and stores), added by heap_add_frag;
       every collection copies what is live in them into the heap, frees
       them all and resets both fields. frag_words is the sum of their
       msg.words. A message still in the mailbox queue is never here. */
    struct msg *frags;
    size_t frag_words;

    /* ---- registers ---- */
    term *x;       /* the x register file in use (the scheduler's) */
    uint32_t live; /* x registers that are GC roots at the current safe point */

    /* ---- exception being raised (see vm/error.h) ---- */
    term exc_class;  /* AM(error) / AM(exit) / AM(throw) */
    term exc_reason;
    term exc_trace;  /* stacktrace term, or [] */
    term exc_args;   /* arguments for the top frame, or TERM_NONE */

    /* ---- execution state when not running ---- */
    const void *pc;
    const void *cp;
    int32_t reds;        /* left in the current time slice */
    uint64_t reductions; /* of the slices used up, for process_info */

    uint64_t id; /* the pid's number */
    term dict;   /* process dictionary: a list of {Key, Value}, or [] */
    /* the group leader's pid number; 0 for the node's standard io server
       (user, vm/io.h io_user_pid), so a spawn copies one word and a node
       without that server yet still has a leader. Written by
       erlang:group_leader/2 from any thread: relaxed atomic. */
    _Atomic uint64_t group_leader;

    struct mbox mbox;

    /* ---- scheduling (vm/scheduler.c) ---- */
    _Atomic uint32_t state;          /* enum proc_state (scheduler.h) */
    _Atomic uint32_t timeout_fired;  /* the receive timer that fired (its seq) */
    uint32_t timer_seq;              /* the current receive timer's seq */
    uint8_t prio;                    /* enum proc_prio */
    uint8_t flags;                   /* PF_* */
    uint8_t named;                   /* has a registered name (under the registry's lock) */
    _Atomic uint8_t ets_owner;       /* may own ETS tables (vm/ets.c): set by ets, read at exit */
    struct proc *rq_next;            /* run queue link */
    struct sched *home;              /* the scheduler whose queue it joins */
    struct proc_ext *ext;            /* links, monitors, name, timers: lazily */

    /* ---- owned by vm/ptab.c ---- */
    _Atomic uint32_t refc;  /* the table's reference + lookups in flight */
    struct proc *free_next; /* on the free list of process structs */
};


/* ---- processes and signals (vm/proc.c) ---- */

/* A link or monitor record. A monitor has two: `origin` on the watcher
   (pid = the target, 0 if the target was a name nobody had), and one on
   the target (pid = the watcher). name: the registered name the watcher
   used, or 0. */
struct mon {
    uint64_t ref; /* the reference's number */
    uint64_t pid;
    term name;
    bool origin;
    struct msg *tag; /* origin, monitor/3's {tag, Tag}: a copy of Tag, which
                        the 'DOWN' message carries instead of 'DOWN'; or NULL */
};

/* ---- embedding: per-actor limits and capabilities (spawn_opt, vm/moat.c) ----
   Going over a limit ends the process with {limit, reductions | mailbox |
   memory}; checked by the scheduler at the end of a slice and before a
   wait (reductions, memory) and when a message is queued (mailbox,
   memory). A BIF of a capability class the process was denied raises
   error:{capability, Class} (vm/bif.c). Children are denied at least what
   their parent is. */
enum proc_cap { CAP_FILE = 1, CAP_NET = 2, CAP_OS = 4, CAP_SPAWN = 8, CAP_CODE = 16, CAP_HALT = 32,
                CAP_TIME = 64, CAP_NATIVES = 128, CAP_ALL = 255 };
struct proc_limits {
    uint64_t max_reductions; /* 0: none */
    uint64_t max_memory;     /* bytes: heaps, consumed messages, off-heap binaries; 0: none */
    uint32_t max_mailbox;    /* queued messages; 0: none */
    bool mailbox_drop;       /* past max_mailbox, drop (counted) instead of dying */
    uint8_t denied;          /* CAP_* bits the process may not use */
};
static inline bool proc_limited(const struct proc_limits *l) {
    return l->max_reductions || l->max_memory || l->max_mailbox || l->denied;
}
/* The process is past a limit of its own (scheduler, at a slice end
   or a wait: no live x registers): its exception says which; true. */
bool proc_over_limit(struct proc *p);

/* An alias of the process (alias/0,1, monitor/3): the reference's number
   and what deactivates it besides unalias/1 and the process's end. */
enum alias_mode {
    ALIAS_EXPLICIT,        /* nothing else */
    ALIAS_REPLY,           /* the first message that arrives through it */
    ALIAS_DEMONITOR,       /* its monitor's end: demonitor, 'DOWN' */
    ALIAS_REPLY_DEMONITOR, /* either; a reply also removes the monitor */
};
struct alias {
    uint64_t ref;
    uint8_t mode; /* enum alias_mode */
};

/* What most processes never need, allocated on first use. */
struct proc_ext {
    uint64_t *links; /* pid numbers */
    uint32_t nlinks, caplinks;
    uint32_t nmons, capmons;
    struct mon *mons;
    struct alias *aliases;
    uint32_t naliases, capaliases;
    uint64_t timer_id;  /* the pending receive timer (vm/timer.h), or 0 */
    term init_m, init_f; /* initial call of spawn/3 (else erlang:apply/2) */
    uint32_t init_a;
    struct proc_limits lim; /* embedding: limits and capabilities */
    uint64_t dropped;       /* messages dropped by {max_mailbox, N, drop} */
};

struct spawn_opts {
    struct proc_limits lim; /* embedding */
    bool link, monitor;
    uint8_t prio;
    uint64_t monitor_ref;  /* with monitor */
    int8_t monitor_alias;  /* with monitor: its alias's enum alias_mode, or -1 */
    term monitor_tag;      /* with monitor: the tag of its 'DOWN', or TERM_NONE */
    size_t min_heap_words; /* 0: default */
    size_t max_heap_words; /* 0: no limit */
    bool max_heap_quiet;   /* error_logger => false */
    bool no_start;         /* embedding: left in PS_NEW, the caller starts it (vm/moat.c) */
};

#define PROC_KILLED 1 /* proc_drain: an exit signal ends the process */

struct proc_ext *proc_ext(struct proc *p); /* NULL if out of memory */
/* Start a process running erlang:apply(M, F, Args) (f an atom) or
   erlang:apply(Fun, Args) (f == TERM_NONE, m_or_fun the fun, args []).
   Terms are copied. Returns the new pid number, 0 if out of memory or
   the process table is full. parent may be NULL (the first process). */
uint64_t proc_spawn(struct proc *parent, term f, term m_or_fun, term args, const struct spawn_opts *o);
/* A process with an empty heap of heap_words (and stack) and mailbox,
   state PS_NEW; NULL when out of memory or the table is full. */
struct proc *proc_new(size_t heap_words);
/* Put arguments for the call interp_prepare_call set up where the
   scheduler's first run of p takes them (p's stack, PF_XSAVED). */
bool proc_start_args(struct proc *p, const term *args, uint32_t n);
/* p ! msg: 0, SEND_BADARG (not a pid, or an unregistered name), or
   SEND_NOMEM (no memory for the message: the sender should not go on as
   if it was sent). */
enum { SEND_BADARG = -1, SEND_NOMEM = -2 };
int proc_send(struct proc *p, term to, term msg);
/* A self-contained copy of t as a message; NULL if out of memory. */
struct msg *msg_make(term t);
/* Any thread: deliver m (a message or signal) to pid / to q (a reference
   held), waking it; to a process that is gone, answered as dead. m may
   be NULL (lost: out of memory). */
void proc_post(uint64_t pid, struct msg *m);
void proc_deliver(struct proc *q, struct msg *m);
/* Owner: handle what the inbox holds; PROC_KILLED if an exit signal ends
   the process (exc_class/exc_reason then say how), else 0. */
int proc_drain(struct proc *p);
/* The message at the save pointer, draining first; NULL if none, or
   PROC_DEAD if a signal ended the process. */
#define PROC_DEAD ((struct msg *)1)
static inline struct msg *proc_peek(struct proc *p) {
    struct msg *m = *p->mbox.save;
    if (m) return m;
    if (mbox_inbox_empty(&p->mbox)) return NULL;
    if (proc_drain(p) == PROC_KILLED) return PROC_DEAD;
    return *p->mbox.save;
}
/* The end of p (on its own thread): links and monitors are told, the
   name and memory released, the table's reference dropped. */
void proc_exit(struct proc *p, term reason);
void proc_destroy(struct proc *p); /* ptab's destroy callback */

bool proc_link(struct proc *p, uint64_t pid);   /* false: out of memory */
void proc_unlink(struct proc *p, uint64_t pid);
bool proc_link_has(struct proc *p, uint64_t pid);
bool proc_link_add(struct proc *p, uint64_t pid);
bool proc_link_del(struct proc *p, uint64_t pid);
bool proc_monitor(struct proc *p, uint64_t pid, term name, uint64_t ref);
bool proc_monitor_dead(struct proc *p, term name, uint64_t ref);
bool proc_demonitor(struct proc *p, uint64_t ref); /* false: no such monitor */
struct mon *proc_mon_find(struct proc *p, uint64_t ref, bool origin);
bool proc_mon_add(struct proc *p, struct mon m);
void proc_mon_del(struct proc *p, struct mon *m);
void proc_exit_signal(struct proc *p, uint64_t pid, term reason);
/* Aliases (vm/proc.c): p's own set decides, when a message sent to an
   alias arrives, whether the alias is still active. */
bool proc_alias_add(struct proc *p, uint64_t ref, enum alias_mode mode); /* false: out of memory */
bool proc_unalias(struct proc *p, uint64_t ref); /* false: not an active alias of p */
/* The 'DOWN' of p's monitor `ref` carries a copy of tag in place of
   'DOWN' (monitor/3, spawn_opt); false if out of memory. */
bool proc_monitor_tag(struct proc *p, uint64_t ref, term tag);
/* The number of a reference made on this node (make_ref, monitor,
   alias); false for any other term. */
static inline bool ref_local_number(term t, uint64_t *n) {
    if (!term_is_ref(t) || term_boxed_ptr(t)[2] != 0) return false;
    *n = term_boxed_ptr(t)[1];
    return true;
}
/* Hold q (another process) so this thread may read its state: succeeds
   only while q is waiting or runnable (PS_HELD until proc_unhold, which
   wakes it if something arrived meanwhile); false while it runs or ends.
   Used by process_info and code purging. */
bool proc_hold(struct proc *q, uint32_t *was);
void proc_unhold(struct proc *q, uint32_t was);

/* max_heap_size's value (N or #{size, kill, error_logger}) in words, 0
   for no limit (kill => false is no limit: there is no logging-only
   mode); false if malformed. */
bool proc_max_heap_parse(term v, size_t *words, bool *quiet);
/* p passed its max_heap_size: print erl's report; p's exception becomes
   exit/killed (the caller ends it without unwinding). */
void proc_max_heap_killed(struct proc *p);
/* p's group leader (a pid number): its own, or the node's standard io
   server's (vm/io.h io_user_pid) if it never had another. Any thread. */
uint64_t proc_group_leader(const struct proc *p);
/* A node's registered names (vm/node.h). */
struct regtab;
struct regtab *registry_create(void);
void registry_destroy(struct regtab *reg);

/* Registered names. */
/* -1: the name is taken, p has a name, or p is ending. Any thread (with
   a reference on p). */
int reg_register(term name, struct proc *p);
uint64_t reg_whereis(term name);            /* 0 if none */
uint64_t reg_unregister(term name, uint64_t pid);
size_t reg_names(term *out, size_t max);    /* how many there are */
term reg_name_of(uint64_t pid);             /* 0 if none */

/* The timer of a receive ... after T (vm/timer.h): when it fires,
   timeout_fired becomes timer_seq and the process is woken. */
bool receive_timer_start(struct proc *p, uint64_t ms); /* false: out of memory */
void receive_timer_cancel(struct proc *p);

/* A fresh reference number (make_ref and monitors share the counter). */
uint64_t ref_new_number(void);

/* Reductions p has run in all, as last saved (a running process saves
   them at yields, waits and BIF calls). */
static inline uint64_t proc_reductions(const struct proc *p) {
    int32_t left = p->reds;
    return p->reductions + (left > 0 && left <= PROC_SLICE_REDS ? (uint64_t)(PROC_SLICE_REDS - left) : 0);
}

#endif
