/*
 * scheduler.c — scheduler threads, run queues, work stealing, sleeping, and
 * what happens when a process's time slice ends, it waits or it ends
 * (see scheduler.h for the state machine and the placement policy).
 *
 * Each scheduler owns: its run queues (a lock-free ring of normal
 * processes it queued itself, and one locked queue per priority for the
 * rest; see struct sched), its x register file (the running process's
 * registers), and the process it runs. A process's saved registers travel
 * on its own stack (PF_XSAVED, vm/interp.c), so moving a process between
 * schedulers moves no scheduler state.
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
#include "node.h"
#include "print.h"
#include "ptab.h"
#include "strbuf.h"
#include "timer.h"
#include "vm.h"

#define LOW_EVERY 8
#define SPIN_ROUNDS 400    /* idle polls before sleeping (a few microseconds each) */
#define STALE_ROUNDS 100   /* a lone queued process waiting this long is stolen */
#define RUNNEXT_STREAK 64  /* then the run queue gets a turn */
#define BACKLOG 64         /* a queue this long is stolen from even while its owner moves on */
#define RING_SIZE 256      /* a power of two */
#define RING_EVERY 8       /* the ring goes ahead of the locked normal queue every this many picks */

struct runq {
    struct proc *head, *tail;
};

/* Run queues: normal processes that a scheduler queues itself (spawned,
   preempted, displaced from runnext) go to its ring, lock-free (Go's
   runq: the owner writes slots and tail, anyone takes from head with a
   compare-and-swap, a thief half at a time). The rest (other priorities,
   wake-ups from threads that are not schedulers, the ring's overflow)
   go to the locked queues. */
struct sched {
    _Atomic uint32_t head;   /* the ring's next to take (anyone, by CAS) */
    _Atomic uint32_t tail;   /* the ring's next free slot (owner only) */
    struct proc *_Atomic ring[RING_SIZE];
    unsigned id;
    pthread_t thread;
    struct node *node;
    term *x;
    pthread_mutex_t lock;
    pthread_cond_t cv;
    struct runq q[4];        /* under lock */
    _Atomic uint32_t qlen;   /* processes in q (changed under lock, read by anyone) */
    _Atomic uint32_t qprio[4]; /* of them, by priority */
    _Atomic uint64_t picks;  /* processes this scheduler started running (owner writes, thieves read) */
    _Atomic uint64_t reductions; /* run here, by processes whose slice is over (owner writes) */
    _Atomic bool busy;       /* running a process (owner writes) */
    struct proc *_Atomic runnext; /* woken by the process running here: runs next */
    unsigned streak;         /* runnext picks in a row */
    unsigned normal_picks;   /* since low last ran (under lock) */
    unsigned ring_turn;      /* owner: picks since the ring last went first */
    bool spinning;           /* owner: counted in idle.nspinning */
    bool sleeping;           /* under lock: counted in idle.nsleeping */
    bool woken_to_spin;      /* under lock: a peer woke it to look for work (counted spinning) */
} __attribute__((aligned(64)));

/* A node's schedulers (vm/node.h) and its halt state. */
struct sched_set {
    struct sched *scheds;
    void *scheds_block; /* the allocation scheds is aligned in */
    unsigned nscheds;
    /* idle schedulers (see "waking a peer") */
    struct {
        _Atomic unsigned nsleeping;
        _Atomic unsigned nspinning;
    } idle;
    _Atomic bool halting;
    int halt_status;
    pthread_mutex_t halt_lock;
    pthread_cond_t halt_cv;
    _Atomic bool deadlock_exit; /* set last, with release: status and why are read after it */
    int deadlock_status;
    const char *deadlock_why;
    void (*on_halt)(void);
    void (*host_wake)(struct proc *p);
    void (*main_done)(struct proc *p);
    struct node *node;
    unsigned started, joined; /* scheduler threads */
};

static void join_all(struct sched_set *ss) {
    for (; ss->joined < ss->started; ss->joined++) pthread_join(ss->scheds[ss->joined].thread, NULL);
}

struct sched_set *sched_set_create(struct node *n) {
    struct sched_set *ss = mem_zalloc(sizeof *ss);
    if (!ss) return NULL;
    pthread_mutex_init(&ss->halt_lock, NULL);
    pthread_cond_init(&ss->halt_cv, NULL);
    ss->node = n;
    return ss;
}

void sched_set_destroy(struct sched_set *ss) {
    if (!ss) return;
    pthread_mutex_destroy(&ss->halt_lock);
    pthread_cond_destroy(&ss->halt_cv);
    mem_free(ss);
}
static __thread struct sched *self;

static inline void cpu_relax(void) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ volatile("yield");
#endif
}

term *sched_xregs(void) { return self ? self->x : NULL; }
unsigned sched_self_id(void) { return self ? self->id + 1 : 0; }
unsigned sched_count(void) { return node_cur()->sched->nscheds; }
bool sched_halting(void) { return atomic_load_explicit(&node_cur()->sched->halting, memory_order_acquire); }

void sched_set_deadlock_exit(int status, const char *why) {
    struct sched_set *ss = node_cur()->sched;
    ss->deadlock_status = status;
    ss->deadlock_why = why;
    atomic_store_explicit(&ss->deadlock_exit, true, memory_order_release);
}

void sched_on_halt(void (*fn)(void)) { node_cur()->sched->on_halt = fn; }

void sched_halt(int status) {
    struct sched_set *ss = node_cur()->sched;
    pthread_mutex_lock(&ss->halt_lock);
    bool first = !atomic_load(&ss->halting);
    if (first) {
        ss->halt_status = status;
        atomic_store(&ss->halting, true);
        pthread_cond_broadcast(&ss->halt_cv);
    }
    pthread_mutex_unlock(&ss->halt_lock);
    if (first && ss->on_halt) ss->on_halt();
    for (unsigned i = 0; i < ss->nscheds; i++) {
        pthread_mutex_lock(&ss->scheds[i].lock);
        pthread_cond_signal(&ss->scheds[i].cv);
        pthread_mutex_unlock(&ss->scheds[i].lock);
    }
}

/* ---- run queues ------------------------------------------------------------------ */

static inline uint32_t ring_len(struct sched *s) {
    uint32_t h = atomic_load_explicit(&s->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&s->tail, memory_order_acquire);
    uint32_t n = t - h; /* h was read first and tail only grows, so n is never below 0 */
    return n > RING_SIZE ? RING_SIZE : n;
}

/* Processes queued at s (the ring and the locked queues; not runnext). */
static inline uint32_t queued(struct sched *s) {
    return ring_len(s) + atomic_load_explicit(&s->qlen, memory_order_relaxed);
}

/* Under s->lock. */
static void q_push(struct sched *s, struct proc *p) {
    int prio = p->prio & 3;
    struct runq *q = &s->q[prio];
    p->rq_next = NULL;
    if (q->tail) q->tail->rq_next = p;
    else q->head = p;
    q->tail = p;
    atomic_fetch_add_explicit(&s->qlen, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->qprio[prio], 1, memory_order_relaxed);
}

/* Under s->lock. */
static struct proc *q_pop(struct sched *s, int prio) {
    struct runq *q = &s->q[prio];
    struct proc *p = q->head;
    if (!p) return NULL;
    q->head = p->rq_next;
    if (!q->head) q->tail = NULL;
    atomic_fetch_sub_explicit(&s->qlen, 1, memory_order_relaxed);
    atomic_fetch_sub_explicit(&s->qprio[prio], 1, memory_order_relaxed);
    return p;
}

/* Under s->lock: the next process of the locked queues by priority
   (ring_has: normal processes wait in the ring too). */
static struct proc *q_pick(struct sched *s, bool ring_has) {
    struct proc *p;
    if ((p = q_pop(s, PRIO_MAX)) || (p = q_pop(s, PRIO_HIGH))) return p;
    if (s->q[PRIO_LOW].head && ((!s->q[PRIO_NORMAL].head && !ring_has) || ++s->normal_picks >= LOW_EVERY)) {
        s->normal_picks = 0;
        return q_pop(s, PRIO_LOW);
    }
    if ((p = q_pop(s, PRIO_NORMAL))) return p;
    return ring_has ? NULL : q_pop(s, PRIO_LOW);
}

static struct proc *q_take(struct sched *s, bool ring_has) {
    pthread_mutex_lock(&s->lock);
    struct proc *p = q_pick(s, ring_has);
    pthread_mutex_unlock(&s->lock);
    return p;
}

/* Owner: append p to the ring; false when it is full. */
static bool ring_put(struct sched *s, struct proc *p) {
    uint32_t h = atomic_load_explicit(&s->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&s->tail, memory_order_relaxed);
    if (t - h >= RING_SIZE) return false;
    atomic_store_explicit(&s->ring[t % RING_SIZE], p, memory_order_relaxed);
    atomic_store_explicit(&s->tail, t + 1, memory_order_release);
    return true;
}

/* Owner, ring full: move its older half and p to the locked normal
   queue (they stay ahead of the ring: the owner looks there first).
   False when a thief took some meanwhile: there is room again. */
static bool ring_put_slow(struct sched *s, struct proc *p) {
    struct proc *batch[RING_SIZE / 2];
    uint32_t h = atomic_load_explicit(&s->head, memory_order_acquire);
    uint32_t t = atomic_load_explicit(&s->tail, memory_order_relaxed);
    uint32_t n = (t - h) / 2;
    if (t - h < RING_SIZE) return false;
    for (uint32_t i = 0; i < n; i++) batch[i] = atomic_load_explicit(&s->ring[(h + i) % RING_SIZE], memory_order_relaxed);
    if (!atomic_compare_exchange_strong_explicit(&s->head, &h, h + n, memory_order_release, memory_order_relaxed))
        return false;
    for (uint32_t i = 0; i + 1 < n; i++) batch[i]->rq_next = batch[i + 1];
    batch[n - 1]->rq_next = p;
    p->rq_next = NULL;
    struct runq *q = &s->q[PRIO_NORMAL];
    pthread_mutex_lock(&s->lock);
    if (q->tail) q->tail->rq_next = batch[0];
    else q->head = batch[0];
    q->tail = p;
    atomic_fetch_add_explicit(&s->qlen, n + 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->qprio[PRIO_NORMAL], n + 1, memory_order_relaxed);
    pthread_mutex_unlock(&s->lock);
    return true;
}

/* Owner, its ring empty: p and up to half a ring more of the locked
   normal queue, the rest into the ring (one lock for many picks). */
static struct proc *q_take_batch(struct sched *s) {
    struct runq *q = &s->q[PRIO_NORMAL];
    pthread_mutex_lock(&s->lock);
    struct proc *p = q->head, *last = p;
    uint32_t n = 0;
    if (p) {
        for (n = 1; n < RING_SIZE / 2 && last->rq_next; n++) last = last->rq_next;
        q->head = last->rq_next;
        if (!q->head) q->tail = NULL;
        atomic_fetch_sub_explicit(&s->qlen, n, memory_order_relaxed);
        atomic_fetch_sub_explicit(&s->qprio[PRIO_NORMAL], n, memory_order_relaxed);
    }
    pthread_mutex_unlock(&s->lock);
    /* the ring was empty and only this thread fills it: they all fit */
    for (struct proc *r = p ? p->rq_next : NULL; n > 1; n--) {
        struct proc *next = r->rq_next;
        if (!ring_put(s, r)) {
            pthread_mutex_lock(&s->lock);
            q_push(s, r);
            pthread_mutex_unlock(&s->lock);
        }
        r = next;
    }
    return p;
}

/* Anyone: take the oldest process of s's ring, or NULL. The slot is read
   before the compare-and-swap claims it: the owner overwrites a slot
   only after head has passed it, and then the swap fails. */
static struct proc *ring_get(struct sched *s) {
    uint32_t h = atomic_load_explicit(&s->head, memory_order_acquire);
    for (;;) {
        uint32_t t = atomic_load_explicit(&s->tail, memory_order_acquire);
        if (t == h) return NULL;
        struct proc *p = atomic_load_explicit(&s->ring[h % RING_SIZE], memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(&s->head, &h, h + 1, memory_order_release, memory_order_acquire))
            return p;
    }
}

/* Thief s (its own ring empty, and only s fills it): move the older half
   of v's ring into its own and return one of them to run. */
static struct proc *ring_steal(struct sched *s, struct sched *v) {
    uint32_t mine = atomic_load_explicit(&s->tail, memory_order_relaxed);
    if (mine - atomic_load_explicit(&s->head, memory_order_acquire) > RING_SIZE / 2) return NULL;
    uint32_t h = atomic_load_explicit(&v->head, memory_order_acquire), n;
    for (;;) {
        uint32_t t = atomic_load_explicit(&v->tail, memory_order_acquire);
        n = t - h;
        n -= n / 2;
        if (n == 0) return NULL;
        if (n > RING_SIZE / 2) { /* h and t from different moments */
            h = atomic_load_explicit(&v->head, memory_order_acquire);
            continue;
        }
        for (uint32_t i = 0; i < n; i++)
            atomic_store_explicit(&s->ring[(mine + i) % RING_SIZE],
                                  atomic_load_explicit(&v->ring[(h + i) % RING_SIZE], memory_order_relaxed),
                                  memory_order_relaxed);
        if (atomic_compare_exchange_weak_explicit(&v->head, &h, h + n, memory_order_release, memory_order_acquire))
            break;
    }
    n--;
    struct proc *p = atomic_load_explicit(&s->ring[(mine + n) % RING_SIZE], memory_order_relaxed);
    if (n) atomic_store_explicit(&s->tail, mine + n, memory_order_release);
    return p;
}

/* Owner: the next process of its own queues. Max and high first; low by
   LOW_EVERY; then normal, the locked queue (older overflow, wake-ups from
   other threads) ahead of the ring except every RING_EVERY-th pick. */
static struct proc *local_pick(struct sched *s) {
    bool ring_has = ring_len(s) != 0;
    if (atomic_load_explicit(&s->qlen, memory_order_relaxed)) {
        bool urgent = atomic_load_explicit(&s->qprio[PRIO_MAX], memory_order_relaxed) ||
                      atomic_load_explicit(&s->qprio[PRIO_HIGH], memory_order_relaxed);
        bool ring_turn = ring_has && ++s->ring_turn >= RING_EVERY;
        if (ring_turn) s->ring_turn = 0;
        struct proc *p = NULL;
        if (urgent || atomic_load_explicit(&s->qprio[PRIO_LOW], memory_order_relaxed)) p = q_take(s, ring_has);
        else if (!ring_turn) p = ring_has ? q_take(s, true) : q_take_batch(s);
        if (p) return p;
    }
    struct proc *p = ring_get(s);
    if (!p && atomic_load_explicit(&s->qprio[PRIO_NORMAL], memory_order_relaxed)) p = q_take_batch(s);
    if (!p && atomic_load_explicit(&s->qlen, memory_order_relaxed)) p = q_take(s, false);
    return p;
}

static bool has_work(struct sched *s) {
    return queued(s) || atomic_load_explicit(&s->runnext, memory_order_relaxed);
}

unsigned sched_stats(struct sched_stats *out, unsigned max) {
    struct sched_set *ss = node_cur()->sched;
    unsigned n = ss->nscheds < max ? ss->nscheds : max;
    for (unsigned i = 0; i < n; i++) {
        struct sched *s = &ss->scheds[i];
        out[i] = (struct sched_stats){
            .reductions = atomic_load_explicit(&s->reductions, memory_order_relaxed),
            .switches = atomic_load_explicit(&s->picks, memory_order_relaxed),
            .queued = queued(s) + (atomic_load_explicit(&s->runnext, memory_order_relaxed) != NULL),
            .busy = atomic_load_explicit(&s->busy, memory_order_relaxed),
        };
    }
    return n;
}

/* ---- waking a peer ---------------------------------------------------------------------
 * A scheduler with nothing to run spins a while looking for work to steal
 * (idle.nspinning counts those), then sleeps (idle.nsleeping). A
 * scheduler whose own queue grows past one wakes a sleeping peer only
 * when nobody spins: a spinner will find the work, and when it does and
 * was the last one, it wakes another (Go's "spinning M" rule). So a busy
 * spawner costs no futex call per spawn. A sleeper, after counting itself
 * sleeping, looks at every queue once more; a pusher, after pushing,
 * looks at the counts: with a fence between on both sides, one of the
 * two sees the other. Correctness never rests on these wake-ups (a
 * queue's owner runs what it holds); they buy parallelism. */

static void wake_spinner(void) {
    struct sched_set *ss = node_cur()->sched;
    atomic_thread_fence(memory_order_seq_cst);
    if (!atomic_load_explicit(&ss->idle.nsleeping, memory_order_relaxed) ||
        atomic_load_explicit(&ss->idle.nspinning, memory_order_relaxed))
        return;
    unsigned zero = 0;
    if (!atomic_compare_exchange_strong(&ss->idle.nspinning, &zero, 1)) return;
    for (unsigned i = 0; i < ss->nscheds; i++) {
        struct sched *v = &ss->scheds[i];
        if (v == self) continue;
        pthread_mutex_lock(&v->lock);
        bool was = v->sleeping && !v->woken_to_spin;
        if (was) {
            v->woken_to_spin = true; /* it counts as spinning from now on */
            pthread_cond_signal(&v->cv);
        }
        pthread_mutex_unlock(&v->lock);
        if (was) return;
    }
    atomic_fetch_sub(&ss->idle.nspinning, 1);
}

static void stop_spinning(struct sched *s) {
    struct sched_set *ss = node_cur()->sched;
    s->spinning = false;
    if (atomic_fetch_sub(&ss->idle.nspinning, 1) != 1) return;
    /* the last spinner found work: there may be more */
    for (unsigned i = 0; i < ss->nscheds; i++)
        if (&ss->scheds[i] != s && queued(&ss->scheds[i]) >= 2) {
            wake_spinner();
            return;
        }
}

static void enqueue(struct sched *s, struct proc *p) {
    if (s == self && p->prio == PRIO_NORMAL) {
        while (!ring_put(s, p))
            if (ring_put_slow(s, p)) break;
    } else {
        pthread_mutex_lock(&s->lock);
        q_push(s, p);
        if (s->sleeping) pthread_cond_signal(&s->cv);
        pthread_mutex_unlock(&s->lock);
    }
    /* more work here than this thread can do at once: let a peer steal */
    if (s == self && queued(s) >= 2) wake_spinner();
}

static struct sched *place(struct proc *p) {
    struct sched_set *ss = node_cur()->sched;
    if (self) return self;
    return p->home ? p->home : &ss->scheds[0];
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

void sched_set_host_wake(void (*fn)(struct proc *p)) { node_cur()->sched->host_wake = fn; }

void sched_wake(struct proc *p) {
    struct sched_set *ss = node_cur()->sched;
    uint32_t st = atomic_load_explicit(&p->state, memory_order_seq_cst); /* after the push: proc_unhold */
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
            if (st == PS_HOST && ss->host_wake) ss->host_wake(p); /* embedding: a host context */
            return; /* queued, already notified, new or ending: it will look */
        }
    }
}

/* ---- stealing and sleeping ----------------------------------------------------------- */

/* Thief s takes work queued at v: max and high first, then half of the
   ring, then one of the locked queues. */
static struct proc *steal_from(struct sched *s, struct sched *v) {
    struct proc *p = NULL;
    if (atomic_load_explicit(&v->qprio[PRIO_MAX], memory_order_relaxed) ||
        atomic_load_explicit(&v->qprio[PRIO_HIGH], memory_order_relaxed))
        p = q_take(v, false);
    if (!p) p = ring_steal(s, v);
    if (!p && atomic_load_explicit(&v->qlen, memory_order_relaxed)) p = q_take(v, false);
    return p;
}

/* Look for work elsewhere; NULL after the spin, when own work came, or
   when halting. Spins only while spinners are fewer than half the busy
   schedulers. */
static struct proc *find_work(struct sched *s) {
    struct sched_set *ss = node_cur()->sched;
    if (!s->spinning) {
        unsigned busy = ss->nscheds - atomic_load(&ss->idle.nsleeping);
        if (2 * atomic_load(&ss->idle.nspinning) >= busy) return NULL;
        s->spinning = true;
        atomic_fetch_add(&ss->idle.nspinning, 1);
    }
    uint64_t seen[SCHED_MAX];
    unsigned stale[SCHED_MAX];
    for (unsigned i = 0; i < ss->nscheds; i++) {
        seen[i] = atomic_load_explicit(&ss->scheds[i].picks, memory_order_relaxed);
        stale[i] = 0;
    }
    for (int round = 0; round < SPIN_ROUNDS; round++) {
        if (sched_halting()) return NULL;
        if (has_work(s)) return NULL; /* own work came */
        for (unsigned k = 1; k < ss->nscheds; k++) {
            unsigned i = (s->id + k) % ss->nscheds;
            struct sched *v = &ss->scheds[i];
            uint32_t len = queued(v);
            uint64_t picks = atomic_load_explicit(&v->picks, memory_order_relaxed);
            bool next = atomic_load_explicit(&v->runnext, memory_order_relaxed) != NULL;
            /* a queue that grows past what its owner keeps up with is
               stolen from at once; a short one only while its owner
               runs the same process (else it is churning through it,
               and the processes are best left together) */
            if (len >= BACKLOG) {
                struct proc *p = steal_from(s, v);
                if (p) return p;
            }
            if ((len == 0 && !next) || picks != seen[i]) {
                seen[i] = picks;
                stale[i] = 0;
                continue;
            }
            if (len >= 2 || ++stale[i] >= STALE_ROUNDS) {
                struct proc *p = len ? steal_from(s, v) : NULL;
                if (!p && next) p = atomic_exchange_explicit(&v->runnext, NULL, memory_order_acq_rel);
                if (p) return p;
            }
        }
        for (int k = 0; k < 16; k++) cpu_relax();
    }
    return NULL;
}

/* Relies on deadlock_exit being armed only once the main process is
   queued (vm/main.c run): before that, nothing queued proves nothing. */
static void check_deadlock(void) {
    struct sched_set *ss = node_cur()->sched;
    if (!atomic_load_explicit(&ss->deadlock_exit, memory_order_acquire) || timer_pending() > 0) return;
    for (unsigned i = 0; i < ss->nscheds; i++)
        if (has_work(&ss->scheds[i])) return;
    io_flush();
    fprintf(stderr, "%s\n", ss->deadlock_why);
    sched_halt(ss->deadlock_status);
}

/* Under s->lock: stop counting s as sleeping (a peer that woke it to spin
   has counted it as spinning). */
static void stop_sleeping(struct sched *s) {
    struct sched_set *ss = node_cur()->sched;
    atomic_fetch_sub(&ss->idle.nsleeping, 1);
    s->sleeping = false;
    if (s->woken_to_spin) {
        s->woken_to_spin = false;
        s->spinning = true;
    }
}

/* Sleep until own work comes, a peer wakes s to spin, or the VM halts;
   the work found by the last look before sleeping, or NULL. */
static struct proc *sleep_until_work(struct sched *s) {
    struct sched_set *ss = node_cur()->sched;
    heap_spares_release(); /* an idle scheduler holds no spare heap */
    pthread_mutex_lock(&s->lock);
    s->sleeping = true;
    atomic_fetch_add(&ss->idle.nsleeping, 1);
    if (s->spinning) {
        s->spinning = false;
        atomic_fetch_sub(&ss->idle.nspinning, 1);
    }
    pthread_mutex_unlock(&s->lock);
    /* the last look (the pusher's fence is in wake_spinner); a steal only
       once s no longer counts as sleeping, so that a process in its hands
       never looks like a deadlock to check_deadlock */
    atomic_thread_fence(memory_order_seq_cst);
    for (unsigned k = 1; k < ss->nscheds; k++) {
        struct sched *v = &ss->scheds[(s->id + k) % ss->nscheds];
        if (queued(v) < BACKLOG) continue;
        pthread_mutex_lock(&s->lock);
        stop_sleeping(s);
        pthread_mutex_unlock(&s->lock);
        return steal_from(s, v);
    }
    pthread_mutex_lock(&s->lock);
    while (!has_work(s) && !sched_halting() && !s->woken_to_spin) {
        unsigned n = atomic_load(&ss->idle.nsleeping);
        if (n == ss->nscheds && ss->deadlock_exit) { /* embedding: only a script can deadlock-exit */
            /* everybody idle: is anything left that could ever run? Look
               again after a moment (a wake-up may be on its way) */
            pthread_mutex_unlock(&s->lock);
            struct timespec ts = {0, 2000000};
            nanosleep(&ts, NULL);
            if (atomic_load(&ss->idle.nsleeping) == ss->nscheds) check_deadlock();
            pthread_mutex_lock(&s->lock);
            if (has_work(s) || sched_halting() || s->woken_to_spin) break;
        }
        pthread_cond_wait(&s->cv, &s->lock);
    }
    stop_sleeping(s);
    pthread_mutex_unlock(&s->lock);
    return NULL;
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

void sched_on_main_done(void (*fn)(struct proc *p)) { node_cur()->sched->main_done = fn; }

static void main_ended(struct proc *p, enum interp_result r) {
    struct sched_set *ss = node_cur()->sched;
    if (r == INTERP_DONE) {
        if (ss->main_done) ss->main_done(p);
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

static void run_slices(struct sched *s, struct proc *p);

static void run(struct sched *s, struct proc *p) {
    uint32_t st = PS_RUNNABLE;
    while (!atomic_compare_exchange_weak_explicit(&p->state, &st, PS_RUNNING, memory_order_acq_rel,
                                                  memory_order_acquire)) {
        st = PS_RUNNABLE; /* held by a reader for a moment */
        cpu_relax();
    }
    p->x = s->x;
    p->home = s;
    atomic_store_explicit(&s->busy, true, memory_order_relaxed);
    run_slices(s, p);
    atomic_store_explicit(&s->busy, false, memory_order_relaxed);
}

/* Adds what p ran since `before` (proc_reductions) to s's count. */
static void count_reductions(struct sched *s, struct proc *p, uint64_t before) {
    uint64_t now = proc_reductions(p);
    if (now > before)
        atomic_store_explicit(&s->reductions,
                              atomic_load_explicit(&s->reductions, memory_order_relaxed) + (now - before),
                              memory_order_relaxed);
}

static void run_slices(struct sched *s, struct proc *p) {
    /* signals that came while it was queued (an exit may end it now) */
    if (!mbox_inbox_empty(&p->mbox) && proc_drain(p) == PROC_KILLED) {
        end_process(p, INTERP_EXIT);
        return;
    }
    for (;;) {
        uint64_t before = proc_reductions(p);
        enum interp_result r = interp_run(p);
        count_reductions(s, p, before);
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
            sched_halt(node_cur()->halt_status);
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
    node_enter(s->node);
    self = s;
    heap_spares_begin();
    while (!sched_halting()) {
        struct proc *p = NULL;
        if (s->streak < RUNNEXT_STREAK || !queued(s)) p = atomic_exchange_explicit(&s->runnext, NULL, memory_order_acq_rel);
        if (p) {
            s->streak++;
        } else {
            s->streak = 0;
            p = local_pick(s);
        }
        if (!p) p = atomic_exchange_explicit(&s->runnext, NULL, memory_order_acq_rel);
        if (!p) p = find_work(s);
        if (!p && !has_work(s) && !sched_halting()) p = sleep_until_work(s);
        if (!p) continue;
        if (s->spinning) stop_spinning(s);
        atomic_store_explicit(&s->picks, atomic_load_explicit(&s->picks, memory_order_relaxed) + 1,
                              memory_order_relaxed);
        run(s, p);
    }
    heap_spares_end();
    return NULL;
}

/* ---- start and stop -------------------------------------------------------------------- */

bool sched_init(unsigned n) {
    struct sched_set *ss = node_cur()->sched;
    if (ss->scheds) return true;
    const char *env = getenv("MOAT_SCHEDULERS"); /* only where the caller did not choose */
    if (n == 0 && env && atoi(env) > 0) n = (unsigned)atoi(env);
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        n = c > 0 ? (unsigned)c : 1;
    }
    if (n > SCHED_MAX) n = SCHED_MAX;
    if (!timer_init()) return false;
    /* each on its own cache lines */
    ss->scheds_block = mem_zalloc(n * sizeof *ss->scheds + 63);
    if (!ss->scheds_block) return false;
    ss->scheds = (struct sched *)(((uintptr_t)ss->scheds_block + 63) & ~(uintptr_t)63);
    ss->nscheds = n;
    for (unsigned i = 0; i < n; i++) {
        struct sched *s = &ss->scheds[i];
        s->id = i;
        s->node = ss->node;
        s->x = mem_zalloc((X_REGS + 32) * sizeof(term));
        if (!s->x) return false;
        pthread_mutex_init(&s->lock, NULL);
        pthread_cond_init(&s->cv, NULL);
    }
    for (; ss->started < n; ss->started++)
        if (pthread_create(&ss->scheds[ss->started].thread, NULL, sched_main, &ss->scheds[ss->started]) != 0)
            return false;
    return true;
}

int sched_wait_halt(void) {
    struct sched_set *ss = node_cur()->sched;
    pthread_mutex_lock(&ss->halt_lock);
    while (!atomic_load(&ss->halting)) pthread_cond_wait(&ss->halt_cv, &ss->halt_lock);
    int status = ss->halt_status;
    pthread_mutex_unlock(&ss->halt_lock);
    join_all(ss);
    return status;
}

/* ---- embedding: stop, so that a later sched_init starts afresh ---------------------------- */

void sched_shutdown(void) {
    struct sched_set *ss = node_cur()->sched;
    if (!ss->scheds) return;
    sched_halt(0);
    join_all(ss);
    for (unsigned i = 0; i < ss->nscheds; i++) {
        pthread_mutex_destroy(&ss->scheds[i].lock);
        pthread_cond_destroy(&ss->scheds[i].cv);
        mem_free(ss->scheds[i].x);
    }
    mem_free(ss->scheds_block);
    ss->scheds = ss->scheds_block = NULL;
    ss->nscheds = 0;
    ss->started = ss->joined = 0;
    atomic_store(&ss->idle.nsleeping, 0);
    atomic_store(&ss->idle.nspinning, 0);
    atomic_store(&ss->halting, false);
    ss->halt_status = 0;
}

void sched_end_process(struct proc *p, int r) { end_process(p, (enum interp_result)r); }
