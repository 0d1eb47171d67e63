/*
 * scheduler.h — the schedulers (vm/scheduler.c): one OS thread per core, each
 * with its own run queues, running processes preemptively.
 *
 * Process states (proc.state), and who moves them:
 *   PS_NEW       being set up; nobody may enqueue it
 *   PS_RUNNABLE  in a run queue
 *   PS_RUNNING   a scheduler runs it
 *   PS_NOTIFIED  running, and a message or signal arrived since it began
 *                to run: it must look at its inbox again before waiting
 *   PS_WAITING   in a receive with nothing to take; in no queue
 *   PS_EXITING   ending: nobody enqueues it again
 *   PS_HELD      not running, and another process reads it (process_info:
 *                from WAITING or RUNNABLE and back; a scheduler that
 *                dequeues it waits, a sender leaves it to the holder)
 * A sender pushes onto the inbox first, then calls sched_wake: WAITING
 * becomes RUNNABLE (and the sender enqueues it), RUNNING becomes
 * NOTIFIED. The scheduler turns RUNNING into WAITING with a
 * compare-and-swap when the process waits; if that fails the process was
 * notified and runs on. All transitions are atomic operations on the one
 * word, so no wake-up is lost.
 *
 * Placement: a spawned process joins the queue of the scheduler that
 * spawned it; a woken one runs next on the scheduler that woke it (the
 * runnext slot: processes that talk end up together, and ping-pong costs
 * no lock and no cross-thread wake-up). An idle scheduler steals (half
 * of a queue at a time) from another whose queue holds BACKLOG or more,
 * or two or more while its owner runs the same process, or one that has
 * waited there a long time. Idle schedulers spin for a few microseconds,
 * then sleep on a condition variable; a scheduler whose queue grows past
 * one wakes a sleeping peer only when no peer is spinning (see "waking a
 * peer" in scheduler.c).
 */
#ifndef MOAT_SCHEDULER_H
#define MOAT_SCHEDULER_H

#include <stdbool.h>
#include <stdint.h>

#include "proc.h"

enum proc_state { PS_NEW, PS_RUNNABLE, PS_RUNNING, PS_NOTIFIED, PS_WAITING, PS_EXITING, PS_HELD,
                  PS_HOST /* embedding: a host context (vm/moat.c), never scheduled */ };

#define SCHED_MAX 64

/* A node's schedulers (vm/node.h); destroy after sched_shutdown. */
struct node;
struct sched_set;
struct sched_set *sched_set_create(struct node *n);
void sched_set_destroy(struct sched_set *ss);
/* Start n scheduler threads for this thread's node (0: MOAT_SCHEDULERS
   if set, else one per core). */
bool sched_init(unsigned n);
unsigned sched_count(void);
/* erlang:statistics/1: what each scheduler has run and holds now. */
struct sched_stats {
    uint64_t reductions; /* by processes, up to their last yield, wait or exit */
    uint64_t switches;   /* processes it started running */
    uint32_t queued;     /* ready to run */
    bool busy;           /* running one */
};
/* Fills out[0 .. the number of schedulers or max) and returns how many. */
unsigned sched_stats(struct sched_stats *out, unsigned max);
/* Make p (state PS_NEW, set up) runnable; parent: the spawning process
   (NULL from outside the VM). */
void sched_start(struct proc *parent, struct proc *p);
/* Any thread: something was pushed onto p's inbox. */
void sched_wake(struct proc *p);
/* Block the calling (non-scheduler) thread until the VM halts; returns
   the exit status. */
int sched_wait_halt(void);
/* Halt the VM with a status (erlang:halt, the end of the main process).
   The first call wins. */
void sched_halt(int status);
bool sched_halting(void);
/* fn is called once, on the halting thread, when the VM starts halting
   (the shell's front end wakes up). Set before sched_init. */
void sched_on_halt(void (*fn)(void));
/* The x register file of the scheduler running on this thread, or NULL. */
term *sched_xregs(void);
/* The number of the scheduler running on this thread (1, 2, ...), or 0. */
unsigned sched_self_id(void);
/* Called on the main process's thread when it returns (moat -e prints
   the value in p->x[0]), before the VM halts. */
void sched_on_main_done(void (*fn)(struct proc *p));
/* When every scheduler is idle and no timer is pending, nothing can ever
   run again: halt with `status` after printing `why` (the script runner
   sets this, once its main process is started: idle schedulers before
   that prove nothing; an embedding host does not). */
void sched_set_deadlock_exit(int status, const char *why);

/* ---- embedding (vm/moat.c) ---- */
/* sched_wake of a PS_HOST process calls fn (any thread) instead of
   queueing it: the host thread waiting on it is woken. */
void sched_set_host_wake(void (*fn)(struct proc *p));
/* Halt, join the scheduler threads and free them; afterwards sched_init
   may start new ones (moat_close, then moat_open). Not from a scheduler. */
void sched_shutdown(void);
/* The end of a process that ran (interp_run returned INTERP_DONE or
   INTERP_EXIT: r) on a thread that is not a scheduler: as a scheduler ends
   one (reports, links, monitors). */
void sched_end_process(struct proc *p, int r);

/* Append the time stamp of erl's logger reports to sb. */
struct strbuf;
void error_report_time(struct strbuf *sb);
/* The logger's primary level (vm/bif_logger.c): whether a report of this
   severity is printed. */
enum { LOG_EMERGENCY, LOG_ALERT, LOG_CRITICAL, LOG_ERROR, LOG_WARNING, LOG_NOTICE, LOG_INFO, LOG_DEBUG };
bool logger_allows(int severity);

#endif
