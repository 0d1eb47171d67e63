/*
 * scheduler.c — scheduler threads, run queues, work stealing, sleeping, and
 * what happens when a process's time slice ends, it waits or it ends
 * (see scheduler.h for the state machine and the placement policy).
 *
 * Each scheduler owns: its run queues (one per priority, under its lock),
 * its x register file (the running process's registers), and the process
 * it runs. A process's saved registers travel on its own stack
 * (PF_XSAVED, vm/interp.c), so moving a process between schedulers moves
 * no scheduler state.
 *
 * Priorities: max and high run before normal; low runs when nothing of
 * normal is queued, and otherwise every LOW_EVERY-th pick, so it is never
 * starved.
 */
#include "scheduler.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "alloc.h"
#include "atom.h"
#include "error.h"
#include "heap.h"
#include "interp.h"
#include "io.h"
#include "print.h"
#include "ptab.h"
#include "strbuf.h"
#include "timer.h"
#include "vm.h"

#define LOW_EVERY 8
#define SPIN_ROUNDS 400    /* idle polls before sleeping (a few microseconds each) */
#define STALE_ROUNDS 100   /* a lone queued process waiting this long is stolen */
#define RUNNEXT_STREAK 64  /* then the run queue gets a turn */

struct runq {
    struct proc *head, *tail;
};

struct sched {
    unsigned id;
    pthread_t thread;
    term *x;
    pthread_mutex_t lock;
    pthread_cond_t cv;
    struct runq q[4];
    _Atomic uint32_t len;    /* processes queued (thieves read it) */
    _Atomic uint64_t picks;  /* processes taken so far (thieves read it) */
    struct proc *_Atomic runnext; /* woken by the process running here: runs next */
    unsigned streak;         /* runnext picks in a row */
    bool sleeping;           /* under lock */
    unsigned normal_picks;   /* since low last ran */
};

static struct sched *scheds;
static unsigned nscheds;
static _Atomic unsigned nsleeping;
static _Atomic bool halting;
static int halt_status;
static pthread_mutex_t halt_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t halt_cv = PTHREAD_COND_INITIALIZER;
static _Atomic bool deadlock_exit; /* set last, with release: status and why are read after it */
static int deadlock_status;
static const char *deadlock_why;
static __thread struct sched *self;

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

term *sched_xregs(void) { return self ? self->x : NULL; }
unsigned sched_count(void) { return nscheds; }
bool sched_halting(void) { return atomic_load_explicit(&halting, memory_order_acquire); }

void sched_set_deadlock_exit(int status, const char *why) {
    deadlock_status = status;
    deadlock_why = why;
    atomic_store_explicit(&deadlock_exit, true, memory_order_release);
}

static void (*on_halt)(void);
void sched_on_halt(void (*fn)(void)) { on_halt = fn; }

void sched_halt(int status) {
    pthread_mutex_lock(&halt_lock);
    bool first = !atomic_load(&halting);
    if (first) {
        halt_status = status;
        atomic_store(&halting, true);
        pthread_cond_broadcast(&halt_cv);
    }
    pthread_mutex_unlock(&halt_lock);
    if (first && on_halt) on_halt();
    for (unsigned i = 0; i < nscheds; i++) {
        pthread_mutex_lock(&scheds[i].lock);
        pthread_cond_signal(&scheds[i].cv);
        pthread_mutex_unlock(&scheds[i].lock);
    }
}

/* ---- run queues ------------------------------------------------------------------ */

static void rq_push(struct sched *s, struct proc *p) {
    struct runq *q = &s->q[p->prio & 3];
    p->rq_next = NULL;
    if (q->tail) q->tail->rq_next = p;
    else q->head = p;
    q->tail = p;
    atomic_fetch_add_explicit(&s->len, 1, memory_order_relaxed);
}

static struct proc *rq_pop(struct sched *s, int prio) {
    struct runq *q = &s->q[prio];
    struct proc *p = q->head;
    if (!p) return NULL;
    q->head = p->rq_next;
    if (!q->head) q->tail = NULL;
    atomic_fetch_sub_explicit(&s->len, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->picks, 1, memory_order_relaxed);
    return p;
}

/* Under s->lock: the next process by priority. */
static struct proc *rq_pick(struct sched *s) {
    struct proc *p;
    if ((p = rq_pop(s, PRIO_MAX)) || (p = rq_pop(s, PRIO_HIGH))) return p;
    if (s->q[PRIO_LOW].head && (!s->q[PRIO_NORMAL].head || ++s->normal_picks >= LOW_EVERY)) {
        s->normal_picks = 0;
        return rq_pop(s, PRIO_LOW);
    }
    return rq_pop(s, PRIO_NORMAL);
}

static void wake_idle_peer(void) {
    if (atomic_load_explicit(&nsleeping, memory_order_relaxed) == 0) return;
    for (unsigned i = 0; i < nscheds; i++) {
        struct sched *s = &scheds[i];
        if (s == self) continue;
        pthread_mutex_lock(&s->lock);
        bool was = s->sleeping;
        if (was) pthread_cond_signal(&s->cv);
        pthread_mutex_unlock(&s->lock);
        if (was) return;
    }
}

static void enqueue(struct sched *s, struct proc *p) {
    pthread_mutex_lock(&s->lock);
    rq_push(s, p);
    if (s->sleeping) pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->lock);
    /* more work here than this thread can do at once: let a peer steal */
    if (s == self && atomic_load_explicit(&s->len, memory_order_relaxed) >= 2) wake_idle_peer();
}

static struct sched *place(struct proc *p) {
    if (self) return self;
    return p->home ? p->home : &scheds[0];
}

void sched_start(struct proc *parent, struct proc *p) {
    (void)parent;
    struct sched *s = place(p);
    p->home = s;
    atomic_store_explicit(&p->state, PS_RUNNABLE, memory_order_release);
    enqueue(s, p);
}

/* A process woken by the one running on this scheduler runs next, ahead
   of the queue and without its lock (ping-pong, rings); the one it
   displaces joins the queue. */
static void make_next(struct sched *s, struct proc *p) {
    struct proc *old = atomic_exchange_explicit(&s->runnext, p, memory_order_acq_rel);
    if (old) enqueue(s, old);
}

static bool has_work(struct sched *s) {
    return atomic_load_explicit(&s->len, memory_order_relaxed) ||
           atomic_load_explicit(&s->runnext, memory_order_relaxed);
}

static void (*host_wake)(struct proc *p);
void sched_set_host_wake(void (*fn)(struct proc *p)) { host_wake = fn; }

void sched_wake(struct proc *p) {
    uint32_t st = atomic_load_explicit(&p->state, memory_order_acquire);
    for (;;) {
        if (st == PS_WAITING) {
            if (atomic_compare_exchange_weak_explicit(&p->state, &st, PS_RUNNABLE, memory_order_acq_rel,
                                                      memory_order_acquire)) {
                if (self) make_next(self, p);
                else enqueue(place(p), p);
                return;
            }
        } else if (st == PS_RUNNING) {
            if (atomic_compare_exchange_weak_explicit(&p->state, &st, PS_NOTIFIED, memory_order_acq_rel,
                                                      memory_order_acquire))
                return;
        } else {
            if (st == PS_HOST && host_wake) host_wake(p); /* embedding: a host context */
            return; /* queued, already notified, new or ending: it will look */
        }
    }
}

/* ---- stealing and sleeping ----------------------------------------------------------- */

static struct proc *steal_from(struct sched *v) {
    pthread_mutex_lock(&v->lock);
    struct proc *p = rq_pick(v);
    pthread_mutex_unlock(&v->lock);
    return p;
}

/* Look for work elsewhere; NULL after the spin, or when halting. */
static struct proc *find_work(struct sched *s) {
    uint64_t seen[SCHED_MAX];
    unsigned stale[SCHED_MAX];
    for (unsigned i = 0; i < nscheds; i++) {
        seen[i] = atomic_load_explicit(&scheds[i].picks, memory_order_relaxed);
        stale[i] = 0;
    }
    for (int round = 0; round < SPIN_ROUNDS; round++) {
        if (sched_halting()) return NULL;
        if (has_work(s)) return NULL; /* own work came */
        for (unsigned k = 1; k < nscheds; k++) {
            unsigned i = (s->id + k) % nscheds;
            struct sched *v = &scheds[i];
            uint32_t len = atomic_load_explicit(&v->len, memory_order_relaxed);
            uint64_t picks = atomic_load_explicit(&v->picks, memory_order_relaxed);
            bool next = atomic_load_explicit(&v->runnext, memory_order_relaxed) != NULL;
            if ((len == 0 && !next) || picks != seen[i]) {
                seen[i] = picks;
                stale[i] = 0;
                continue;
            }
            if (len >= 2 || ++stale[i] >= STALE_ROUNDS) {
                struct proc *p = len ? steal_from(v) : NULL;
                if (!p && next) p = atomic_exchange_explicit(&v->runnext, NULL, memory_order_acq_rel);
                if (p) return p;
            }
        }
        for (int k = 0; k < 16; k++) cpu_relax();
    }
    return NULL;
}

static void check_deadlock(void) {
    if (!atomic_load_explicit(&deadlock_exit, memory_order_acquire) || timer_pending() > 0) return;
    for (unsigned i = 0; i < nscheds; i++)
        if (has_work(&scheds[i])) return;
    io_flush();
    fprintf(stderr, "%s\n", deadlock_why);
    sched_halt(deadlock_status);
}

static void sleep_until_work(struct sched *s) {
    pthread_mutex_lock(&s->lock);
    while (!has_work(s) && !sched_halting()) {
        s->sleeping = true;
        unsigned n = atomic_fetch_add(&nsleeping, 1) + 1;
        if (n == nscheds && deadlock_exit) { /* embedding: only a script can deadlock-exit */
            /* everybody idle: is anything left that could ever run? Look
               again after a moment (a wake-up may be on its way) */
            pthread_mutex_unlock(&s->lock);
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
            if (atomic_load(&nsleeping) == nscheds) check_deadlock();
            pthread_mutex_lock(&s->lock);
            if (has_work(s) || sched_halting()) {
                atomic_fetch_sub(&nsleeping, 1);
                s->sleeping = false;
                break;
            }
        }
        pthread_cond_wait(&s->cv, &s->lock);
        atomic_fetch_sub(&nsleeping, 1);
        s->sleeping = false;
    }
    pthread_mutex_unlock(&s->lock);
}

/* ---- running a process ---------------------------------------------------------------- */

/* The reason an uncaught exception ends a process with, built on its
   heap: error → {Reason, Stack}, throw → {{nocatch, V}, Stack}. */
static term exit_reason(struct proc *p) {
    term cls = p->exc_class;
    if (cls == AM(exit)) return p->exc_reason;
    p->live = 0;
    if (!heap_ensure_free(p, 6)) return p->exc_reason;
    term *hp = heap_take(p, 6);
    term r = p->exc_reason;
    if (cls == AM(throw)) {
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = atom_term("nocatch", 7);
        hp[2] = r;
        r = term_from_boxed_ptr(hp);
    }
    hp[3] = make_header(SUB_TUPLE, 2);
    hp[4] = r;
    hp[5] = term_is_list(p->exc_trace) ? p->exc_trace : TERM_NIL;
    return term_from_boxed_ptr(hp + 3);
}

/* erl logger's time stamp: 25-Nov-2026::11:11:13.518581 */
void error_report_time(struct strbuf *sb) {
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    struct tm tm;
    localtime_r(&ts.tv_sec, &tm);
    static const char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    sb_printf(sb, "%d-%s-%d::%02d:%02d:%02d.%06ld", tm.tm_mday, mon[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour,
              tm.tm_min, tm.tm_sec, ts.tv_nsec / 1000);
}

/* erl's logger report for a process that crashed */
static void error_report(struct proc *p, term reason) {
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "=ERROR REPORT==== ");
    error_report_time(&sb);
    sb_printf(&sb, " ===\nError in process ");
    print_term(&sb, term_from_pid(p->id), -1);
    sb_printf(&sb, " with exit value:\n");
    print_pretty(&sb, reason, 1, 80, -1, true);
    sb_printf(&sb, "\n\n");
    io_write(p, 2, sb.data, sb.len);
    sb_free(&sb);
}

static void (*main_done)(struct proc *p);
void sched_on_main_done(void (*fn)(struct proc *p)) { main_done = fn; }

static void main_ended(struct proc *p, enum interp_result r) {
    if (r == INTERP_DONE) {
        if (main_done) main_done(p);
        sched_halt(0);
        return;
    }
    struct strbuf sb = STRBUF_INIT;
    error_format_uncaught(&sb, "moat", p->exc_class, p->exc_reason, p->exc_trace);
    io_write(p, 2, sb.data, sb.len);
    sb_free(&sb);
    sched_halt(127);
}

static void end_process(struct proc *p, enum interp_result r) {
    if (p->flags & PF_MAIN) main_ended(p, r);
    term reason = AM(normal);
    if (r == INTERP_EXIT) {
        bool crashed = p->exc_class != AM(exit);
        reason = exit_reason(p);
        if (crashed && (p->flags & PF_SPAWNED) && logger_allows(LOG_ERROR)) error_report(p, reason);
    }
    proc_exit(p, reason);
}

/* At a time-slice end or a wait (no live x registers: they are on the
   stack): collect if consumed messages take more room than the heap. A
   failure is left to the next allocation to report. */
static void collect_frags(struct proc *p) {
    if (!heap_frags_pressing(p)) return;
    p->live = 0;
    if (!heap_gc(p, 0)) return; /* the next allocation reports it */
}

/* embedding: a process with limits (proc.h struct proc_limits) past one */
static inline bool over_limit(struct proc *p) {
    return p->ext && proc_limited(&p->ext->lim) && proc_over_limit(p);
}

static void run(struct sched *s, struct proc *p) {
    uint32_t st = PS_RUNNABLE;
    while (!atomic_compare_exchange_weak_explicit(&p->state, &st, PS_RUNNING, memory_order_acq_rel,
                                                  memory_order_acquire)) {
        st = PS_RUNNABLE; /* held by a reader for a moment */
        cpu_relax();
    }
    p->x = s->x;
    p->home = s;
    /* signals that came while it was queued (an exit may end it now) */
    if (!mbox_inbox_empty(&p->mbox) && proc_drain(p) == PROC_KILLED) {
        end_process(p, INTERP_EXIT);
        return;
    }
    for (;;) {
        enum interp_result r = interp_run(p);
        switch (r) {
        case INTERP_YIELD:
            if ((!mbox_inbox_empty(&p->mbox) && proc_drain(p) == PROC_KILLED) || over_limit(p)) {
                end_process(p, INTERP_EXIT);
                return;
            }
            collect_frags(p);
            atomic_store_explicit(&p->state, PS_RUNNABLE, memory_order_release);
            enqueue(s, p);
            return;
        case INTERP_WAIT: {
            if (over_limit(p)) {
                end_process(p, INTERP_EXIT);
                return;
            }
            collect_frags(p);
            uint32_t st = PS_RUNNING;
            if (atomic_compare_exchange_strong_explicit(&p->state, &st, PS_WAITING, memory_order_acq_rel,
                                                        memory_order_acquire))
                return;
            /* notified since it looked: look again */
            atomic_store_explicit(&p->state, PS_RUNNING, memory_order_release);
            continue;
        }
        case INTERP_HALT:
            sched_halt(vm_halt_status);
            return;
        case INTERP_DONE:
        case INTERP_EXIT:
            end_process(p, r);
            return;
        }
    }
}

static void *sched_main(void *arg) {
    struct sched *s = arg;
    self = s;
    while (!sched_halting()) {
        struct proc *p = NULL;
        if (s->streak < RUNNEXT_STREAK || !atomic_load_explicit(&s->len, memory_order_relaxed))
            p = atomic_exchange_explicit(&s->runnext, NULL, memory_order_acq_rel);
        if (p) {
            s->streak++;
            atomic_fetch_add_explicit(&s->picks, 1, memory_order_relaxed);
        } else {
            s->streak = 0;
            pthread_mutex_lock(&s->lock);
            p = rq_pick(s);
            pthread_mutex_unlock(&s->lock);
        }
        if (!p && !(p = atomic_exchange_explicit(&s->runnext, NULL, memory_order_acq_rel)) && !(p = find_work(s))) {
            if (!has_work(s)) sleep_until_work(s);
            continue;
        }
        run(s, p);
    }
    return NULL;
}

/* ---- start and stop -------------------------------------------------------------------- */

bool sched_init(unsigned n) {
    if (scheds) return true;
    const char *env = getenv("MOAT_SCHEDULERS");
    if (env && atoi(env) > 0) n = (unsigned)atoi(env);
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (unsigned)c : 1;
    }
    if (n > SCHED_MAX) n = SCHED_MAX;
    if (!timer_init()) return false;
    scheds = mem_zalloc(n * sizeof *scheds);
    if (!scheds) return false;
    nscheds = n;
    for (unsigned i = 0; i < n; i++) {
        struct sched *s = &scheds[i];
        s->id = i;
        s->x = mem_zalloc((X_REGS + 32) * sizeof(term));
        if (!s->x) return false;
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->cv, NULL);
    }
    for (unsigned i = 0; i < n; i++)
        if (pthread_create(&scheds[i].thread, NULL, sched_main, &scheds[i]) != 0) return false;
    return true;
}

int sched_wait_halt(void) {
    pthread_mutex_lock(&halt_lock);
    while (!atomic_load(&halting)) pthread_cond_wait(&halt_cv, &halt_lock);
    int status = halt_status;
    pthread_mutex_unlock(&halt_lock);
    for (unsigned i = 0; i < nscheds; i++) pthread_join(scheds[i].thread, NULL);
    return status;
}

/* ---- embedding: stop, so that a later sched_init starts afresh ---------------------------- */

void sched_shutdown(void) {
    if (!scheds) return;
    sched_halt(0);
    for (unsigned i = 0; i < nscheds; i++) pthread_join(scheds[i].thread, NULL);
    for (unsigned i = 0; i < nscheds; i++) {
        pthread_mutex_destroy(&scheds[i].lock);
        pthread_cond_destroy(&scheds[i].cv);
        mem_free(scheds[i].x);
    }
    mem_free(scheds);
    scheds = NULL;
    nscheds = 0;
    atomic_store(&nsleeping, 0);
    atomic_store(&halting, false);
    halt_status = 0;
}

void sched_end_process(struct proc *p, int r) { end_process(p, (enum interp_result)r); }
