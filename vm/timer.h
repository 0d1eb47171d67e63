/*
 * timer.h — the VM's timer service (vm/timer.c): one-shot timers that run
 * a callback on the timer thread. The basis of `receive ... after`,
 * erlang:send_after/start_timer, cancel_timer/read_timer and timer:sleep;
 * what a fire does (deliver a message, wake a process) is the caller's.
 *
 * Threads: timer_start, timer_cancel, timer_read, timer_now_ms and
 * timer_pending may be called from any thread, including from inside a
 * fire callback. timer_init and timer_shutdown are for the VM's start and
 * stop (not from a fire callback: shutdown joins the timer thread).
 * The timer thread runs a libuv loop (timer_loop) that other services
 * (sockets) may later share.
 *
 * Guarantees:
 *  - A timer never fires before `ms` milliseconds (monotonic clock,
 *    nanosecond-exact comparison) have passed since timer_start returned
 *    its deadline; it fires as soon after as the thread gets to it.
 *  - Timers due at the same time fire in start order (the order in which
 *    timer_start calls took the service's lock, which is also id order).
 *  - Each timer fires at most once, and a cancelled one never fires.
 *  - Start and cancel take one mutex and make no syscall, except a start
 *    whose deadline is earlier than the one the timer thread is armed for
 *    (one uv_async_send). A cancel never wakes the timer thread.
 *
 * The fire/cancel race, precisely: a timer is "pending" from timer_start
 * until the timer thread takes it out as due (under the lock, just before
 * calling fire(arg) with the lock released). timer_cancel succeeds (true)
 * exactly when it takes the lock while the timer is still pending; from
 * then on the timer thread never sees it and fire() is never called. When
 * timer_cancel returns false for an id it started, fire(arg) has run, is
 * running or is about to run on the timer thread, and owns `arg`: the
 * caller must not free it, and must expect the fire's effect (e.g. a
 * timeout message) to arrive after the cancel — as in Erlang, where
 * cancel_timer returning false means the message may already be queued.
 */
#ifndef MOAT_TIMER_H
#define MOAT_TIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*timer_fire_fn)(void *arg);

/* Each node has its own timer service (vm/node.h); the functions below
   work on the one of this thread's node. */
struct node;
struct timer_svc;
struct timer_svc *timer_svc_create(struct node *n);
/* After timer_shutdown. */
void timer_svc_destroy(struct timer_svc *svc);

/* Idempotent; starts the timer thread (a libuv loop). false if it cannot
   (no memory, no thread). May be called again after timer_shutdown. */
bool timer_init(void);

/* Stops and joins the timer thread; pending timers are dropped without
   firing (their args passed to the drop fn, if set). Idempotent. Must not
   be called from a fire callback. Starts racing with it return 0 or are
   dropped; never fire after it returns. */
void timer_shutdown(void);

/* Optional: called (on the thread calling timer_shutdown) with the arg of
   each timer dropped at shutdown, in start order. NULL for none. */
void timer_set_drop(void (*drop)(void *arg));

/* Start a one-shot timer: fire(arg) runs once, on the timer thread, no
   earlier than `ms` milliseconds from now, unless cancelled first.
   Returns an id >= 1, never reused within the OS process; 0 if out of
   memory, if fire is NULL or if the service is not running (no
   timer_init, or after timer_shutdown). ms == 0 fires as soon as
   possible, still on the timer thread (never inside timer_start).
   ms is clamped to about 100 years. */
uint64_t timer_start(uint64_t ms, timer_fire_fn fire, void *arg);

/* As timer_start, and the id is also stored at *id_slot before fire can
   run (so a fire may read an id the caller placed in arg). */
uint64_t timer_start_id(uint64_t ms, timer_fire_fn fire, void *arg, uint64_t *id_slot);

/* Cancel: true if the timer was still pending — it will never fire;
   *remaining_ms = milliseconds left, rounded up as erlang:cancel_timer
   does (>= 0; 0 if already due but not yet taken by the timer thread),
   *arg = its arg so the caller can free it. false if it already fired,
   is firing right now, was cancelled, was dropped, or the id is unknown
   (outputs untouched). Either output pointer may be NULL. Any thread. */
bool timer_cancel(uint64_t id, int64_t *remaining_ms, void **arg);

/* Read: true and the ms left (rounded up, >= 0) if pending; false (output
   untouched) otherwise. remaining_ms may be NULL. Any thread. */
bool timer_read(uint64_t id, int64_t *remaining_ms);

/* Monotonic milliseconds (arbitrary origin, never goes back). */
uint64_t timer_now_ms(void);

/* Monotonic nanoseconds: the clock deadlines are kept in. */
uint64_t timer_now_ns(void);

/* Number of pending timers, counting those whose fire is running (for
   tests, erlang:statistics and the idle-VM check). */
size_t timer_pending(void);

/* The timer thread's libuv loop (a uv_loop_t *), for services that will
   share it; NULL when not running. Only touch it from the timer thread
   or through uv_async_send. */
void *timer_loop(void);

/* True when called on the timer thread (inside a fire callback). */
bool timer_on_timer_thread(void);

#endif
