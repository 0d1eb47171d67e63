/*
 * timer.c — the VM's timer service (contract and the fire/cancel race in
 * vm/timer.h).
 *
 * Owns: the pending timers, kept twice under one mutex (`svc.lock`):
 *  - a binary min-heap of (deadline_ns, record) slots ordered by
 *    (deadline_ns, id), each record knowing its heap index, so the
 *    earliest is heap[0] and a cancel removes from the middle in O(log n);
 *  - an id -> record hash table (chained through the records, buckets a
 *    power of two, Fibonacci hashing of the sequential ids).
 * A record is in both structures exactly while it is pending; the timer
 * thread takes a due record out of both under the lock, then calls its
 * fire() with the lock released and frees it. Whoever takes a record out
 * (the timer thread, timer_cancel, timer_shutdown) owns it and frees it.
 *
 * Ids come from a counter under the lock, never reset, so id order is start
 * order and equal deadlines fire in start order.
 *
 * The timer thread runs a libuv loop with one uv_timer_t (`tick`) armed for
 * the earliest deadline and one uv_async_t (`wake`) that re-arms it (or
 * stops the loop). `armed_ns`, under the lock, is the deadline the thread
 * is armed for (or is about to be, a wake being on its way): a start
 * sends a wake only when its deadline is earlier. A cancel never wakes the
 * thread; the tick then finds nothing due and re-arms. Deadlines are
 * compared in nanoseconds, so an early libuv tick (its clock is coarser)
 * fires nothing early.
 *
 * The wake is sent with the lock held: shutdown clears `running` under the
 * lock before it closes the handle, so no sender can touch a closed one.
 * The libuv handles and the loop belong to the timer thread between
 * timer_init and the join in timer_shutdown.
 */
#include "timer.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <uv.h>

#include "alloc.h"

#define NS_PER_MS UINT64_C(1000000)
/* About 100 years: keeps deadline_ns far from overflow. */
#define MAX_MS (UINT64_C(100) * 366 * 24 * 3600 * 1000)

struct timer {
    uint64_t id;
    timer_fire_fn fire;
    void *arg;
    struct timer *hash_next;
    size_t heap_index;
};

/* The heap holds the deadline beside the record, so sifting through a
   million timers compares without touching the records. */
struct heap_slot {
    uint64_t deadline_ns;
    struct timer *timer;
};

static struct {
    pthread_mutex_t lock;          /* guards everything below but loop/handles */
    bool running;                  /* starts accepted; the thread is up */
    uint64_t next_id;
    uint64_t armed_ns;             /* UINT64_MAX: idle */
    struct heap_slot *heap;
    size_t heap_len, heap_cap;
    struct timer **buckets;
    size_t bucket_bits;            /* nbuckets = 1 << bucket_bits, 0 if none */
    /* owned by the timer thread while running */
    uv_loop_t loop;
    uv_timer_t tick;
    uv_async_t wake;
    pthread_t thread;
} svc = {.lock = PTHREAD_MUTEX_INITIALIZER, .next_id = 1, .armed_ns = UINT64_MAX};

/* Serialises timer_init and timer_shutdown; never taken with svc.lock. */
static pthread_mutex_t lifecycle_lock = PTHREAD_MUTEX_INITIALIZER;
static void (*_Atomic drop_fn)(void *arg);
static _Thread_local bool on_timer_thread;
/* Set while the timer thread runs fires: it re-arms afterwards, so starts
   made from a fire need not wake it. */
static _Thread_local bool in_fire_loop;
/* timers taken out to fire whose fire has not returned yet: timer_pending
   counts them, so nobody concludes that nothing can happen any more while
   a fire is about to wake a process */
static _Atomic size_t firing;

uint64_t timer_now_ns(void) { return uv_hrtime(); }
uint64_t timer_now_ms(void) { return uv_hrtime() / NS_PER_MS; }
bool timer_on_timer_thread(void) { return on_timer_thread; }
void timer_set_drop(void (*drop)(void *arg)) { atomic_store(&drop_fn, drop); }

/* svc.lock held; t pending. */
static int64_t remaining_ms(const struct timer *t, uint64_t now_ns) {
    uint64_t deadline = svc.heap[t->heap_index].deadline_ns;
    if (deadline <= now_ns) return 0;
    return (int64_t)((deadline - now_ns + NS_PER_MS - 1) / NS_PER_MS);
}

/* ---- the heap (svc.lock held) ---------------------------------------- */

static bool heap_less(struct heap_slot a, struct heap_slot b) {
    return a.deadline_ns < b.deadline_ns ||
           (a.deadline_ns == b.deadline_ns && a.timer->id < b.timer->id);
}

static void heap_put(size_t i, struct heap_slot slot) {
    svc.heap[i] = slot;
    slot.timer->heap_index = i;
}

static void heap_sift_up(size_t i) {
    struct heap_slot slot = svc.heap[i];
    while (i > 0) {
        size_t parent = (i - 1) / 2;
        if (!heap_less(slot, svc.heap[parent])) break;
        heap_put(i, svc.heap[parent]);
        i = parent;
    }
    heap_put(i, slot);
}

static void heap_sift_down(size_t i) {
    struct heap_slot slot = svc.heap[i];
    size_t n = svc.heap_len;
    for (;;) {
        size_t child = 2 * i + 1;
        if (child >= n) break;
        if (child + 1 < n && heap_less(svc.heap[child + 1], svc.heap[child])) child++;
        if (!heap_less(svc.heap[child], slot)) break;
        heap_put(i, svc.heap[child]);
        i = child;
    }
    heap_put(i, slot);
}

static bool heap_reserve(void) {
    if (svc.heap_len < svc.heap_cap) return true;
    size_t cap = svc.heap_cap ? svc.heap_cap * 2 : 64;
    struct heap_slot *heap = mem_realloc(svc.heap, cap * sizeof *heap);
    if (!heap) return false;
    svc.heap = heap;
    svc.heap_cap = cap;
    return true;
}

/* Room must have been reserved. */
static void heap_insert(struct timer *t, uint64_t deadline_ns) {
    heap_put(svc.heap_len++, (struct heap_slot){deadline_ns, t});
    heap_sift_up(t->heap_index);
}

static void heap_remove(struct timer *t) {
    size_t i = t->heap_index;
    struct heap_slot last = svc.heap[--svc.heap_len];
    if (last.timer == t) return;
    heap_put(i, last);
    if (i > 0 && heap_less(last, svc.heap[(i - 1) / 2]))
        heap_sift_up(i);
    else
        heap_sift_down(i);
}

/* ---- the id table (svc.lock held) ------------------------------------ */

static size_t bucket_of(uint64_t id, size_t bits) {
    return (size_t)((id * UINT64_C(0x9E3779B97F4A7C15)) >> (64 - bits));
}

/* Keeps the load at most 1 when memory allows; a failed growth only makes
   chains longer, unless there is no table at all. */
static bool hash_reserve(void) {
    size_t n = svc.bucket_bits ? (size_t)1 << svc.bucket_bits : 0;
    if (svc.heap_len < n) return true;
    size_t bits = svc.bucket_bits ? svc.bucket_bits + 1 : 6;
    if (bits >= 8 * sizeof(size_t) - 4) return n > 0;
    struct timer **buckets = mem_calloc((size_t)1 << bits, sizeof *buckets);
    if (!buckets) return n > 0;
    for (size_t b = 0; b < n; b++) {
        struct timer *t = svc.buckets[b];
        while (t) {
            struct timer *next = t->hash_next;
            size_t nb = bucket_of(t->id, bits);
            t->hash_next = buckets[nb];
            buckets[nb] = t;
            t = next;
        }
    }
    mem_free(svc.buckets);
    svc.buckets = buckets;
    svc.bucket_bits = bits;
    return true;
}

static void hash_insert(struct timer *t) {
    size_t b = bucket_of(t->id, svc.bucket_bits);
    t->hash_next = svc.buckets[b];
    svc.buckets[b] = t;
}

static struct timer *hash_find(uint64_t id) {
    if (!svc.bucket_bits) return NULL;
    struct timer *t = svc.buckets[bucket_of(id, svc.bucket_bits)];
    while (t && t->id != id) t = t->hash_next;
    return t;
}

static void hash_remove(struct timer *t) {
    struct timer **link = &svc.buckets[bucket_of(t->id, svc.bucket_bits)];
    while (*link != t) link = &(*link)->hash_next;
    *link = t->hash_next;
}

/* Takes a pending record out of both structures. */
static void unlink_timer(struct timer *t) {
    hash_remove(t);
    heap_remove(t);
}

/* ---- the timer thread --------------------------------------------------- */

static void on_tick(uv_timer_t *handle);

/* Arms the tick for the earliest deadline (or disarms it). From on_tick,
   a deadline already due goes through the wake instead of a 0 ms tick:
   libuv 1.44 runs a timer restarted at 0 ms from its own callback again in
   the same pass, never polling, which would starve the wake and I/O. */
static void rearm(bool from_tick) {
    pthread_mutex_lock(&svc.lock);
    uint64_t next = svc.running && svc.heap_len ? svc.heap[0].deadline_ns : UINT64_MAX;
    svc.armed_ns = next;
    pthread_mutex_unlock(&svc.lock);
    if (next == UINT64_MAX) {
        uv_timer_stop(&svc.tick);
        return;
    }
    uint64_t now = timer_now_ns();
    uint64_t delay = next <= now ? 0 : (next - now + NS_PER_MS - 1) / NS_PER_MS;
    if (delay == 0 && from_tick) {
        uv_timer_stop(&svc.tick);
        uv_async_send(&svc.wake);
        return;
    }
    uv_update_time(&svc.loop);
    uv_timer_start(&svc.tick, on_tick, delay, 0);
}

/* Fires every timer due at the tick's time, one at a time, the lock
   released around each fire. Timers started by a fire are left to the
   next tick, so a fire that restarts itself with ms == 0 cannot starve
   the loop. */
static void on_tick(uv_timer_t *handle) {
    (void)handle;
    uint64_t now = timer_now_ns();
    in_fire_loop = true;
    for (;;) {
        pthread_mutex_lock(&svc.lock);
        if (!svc.running || svc.heap_len == 0 || svc.heap[0].deadline_ns > now) {
            pthread_mutex_unlock(&svc.lock);
            break;
        }
        struct timer *t = svc.heap[0].timer;
        unlink_timer(t);
        atomic_fetch_add_explicit(&firing, 1, memory_order_relaxed);
        pthread_mutex_unlock(&svc.lock);
        /* From here the timer is no longer pending: cancel returns false. */
        t->fire(t->arg);
        mem_free(t);
        atomic_fetch_sub_explicit(&firing, 1, memory_order_release);
    }
    in_fire_loop = false;
    rearm(true);
}

static void close_handle(uv_handle_t *h, void *unused) {
    (void)unused;
    if (!uv_is_closing(h)) uv_close(h, NULL);
}

static void on_wake(uv_async_t *handle) {
    (void)handle;
    pthread_mutex_lock(&svc.lock);
    bool running = svc.running;
    pthread_mutex_unlock(&svc.lock);
    if (running) {
        rearm(false);
        return;
    }
    /* Shutdown: close every handle on the loop, so uv_run returns. */
    uv_walk(&svc.loop, close_handle, NULL);
}

static void *timer_thread_main(void *unused) {
    (void)unused;
    on_timer_thread = true;
    uv_run(&svc.loop, UV_RUN_DEFAULT);
    return NULL;
}

/* ---- lifecycle ------------------------------------------------------------ */

bool timer_init(void) {
    pthread_mutex_lock(&lifecycle_lock);
    pthread_mutex_lock(&svc.lock);
    bool running = svc.running;
    pthread_mutex_unlock(&svc.lock);
    if (running) {
        pthread_mutex_unlock(&lifecycle_lock);
        return true;
    }
    bool ok = false;
    if (uv_loop_init(&svc.loop) == 0) {
        if (uv_timer_init(&svc.loop, &svc.tick) == 0 &&
            uv_async_init(&svc.loop, &svc.wake, on_wake) == 0) {
            /* Nothing wakes the thread before `running` is set. */
            ok = pthread_create(&svc.thread, NULL, timer_thread_main, NULL) == 0;
            if (ok) {
                pthread_mutex_lock(&svc.lock);
                svc.running = true;
                svc.armed_ns = UINT64_MAX;
                pthread_mutex_unlock(&svc.lock);
            }
        }
        if (!ok) {
            uv_walk(&svc.loop, close_handle, NULL);
            uv_run(&svc.loop, UV_RUN_DEFAULT);
            uv_loop_close(&svc.loop);
        }
    }
    pthread_mutex_unlock(&lifecycle_lock);
    return ok;
}

static int by_id(const void *a, const void *b) {
    uint64_t x = ((const struct heap_slot *)a)->timer->id;
    uint64_t y = ((const struct heap_slot *)b)->timer->id;
    return x < y ? -1 : x > y;
}

void timer_shutdown(void) {
    pthread_mutex_lock(&lifecycle_lock);
    pthread_mutex_lock(&svc.lock);
    bool running = svc.running;
    svc.running = false;
    pthread_mutex_unlock(&svc.lock);
    if (!running) {
        pthread_mutex_unlock(&lifecycle_lock);
        return;
    }
    uv_async_send(&svc.wake);
    pthread_join(svc.thread, NULL);
    uv_run(&svc.loop, UV_RUN_NOWAIT); /* close callbacks, if any are left */
    uv_loop_close(&svc.loop);

    /* No fire can run now and no start succeeds: take every pending timer. */
    pthread_mutex_lock(&svc.lock);
    size_t n = svc.heap_len;
    struct heap_slot *pending = svc.heap;
    mem_free(svc.buckets);
    svc.heap = NULL;
    svc.heap_len = svc.heap_cap = 0;
    svc.buckets = NULL;
    svc.bucket_bits = 0;
    svc.armed_ns = UINT64_MAX;
    pthread_mutex_unlock(&svc.lock);

    if (n) qsort(pending, n, sizeof *pending, by_id);
    void (*drop)(void *) = atomic_load(&drop_fn);
    for (size_t i = 0; i < n; i++) {
        if (drop) drop(pending[i].timer->arg);
        mem_free(pending[i].timer);
    }
    mem_free(pending);
    pthread_mutex_unlock(&lifecycle_lock);
}

/* ---- the API ------------------------------------------------------------- */

uint64_t timer_start(uint64_t ms, timer_fire_fn fire, void *arg) { return timer_start_id(ms, fire, arg, NULL); }

uint64_t timer_start_id(uint64_t ms, timer_fire_fn fire, void *arg, uint64_t *id_slot) {
    if (!fire) return 0;
    struct timer *t = mem_malloc(sizeof *t);
    if (!t) return 0;
    if (ms > MAX_MS) ms = MAX_MS;
    uint64_t deadline_ns = timer_now_ns() + ms * NS_PER_MS;
    t->fire = fire;
    t->arg = arg;

    pthread_mutex_lock(&svc.lock);
    if (!svc.running || !heap_reserve() || !hash_reserve()) {
        pthread_mutex_unlock(&svc.lock);
        mem_free(t);
        return 0;
    }
    uint64_t id = t->id = svc.next_id++;
    if (id_slot) *id_slot = id; /* before fire can run: it runs after we unlock */
    heap_insert(t, deadline_ns);
    hash_insert(t);
    if (deadline_ns < svc.armed_ns && !in_fire_loop) {
        svc.armed_ns = deadline_ns;
        uv_async_send(&svc.wake); /* under the lock: see the header */
    }
    pthread_mutex_unlock(&svc.lock);
    return id;
}

bool timer_cancel(uint64_t id, int64_t *remaining, void **arg) {
    /* the clock is read only when asked for (a receive timeout is not) */
    uint64_t now = remaining ? timer_now_ns() : 0;
    pthread_mutex_lock(&svc.lock);
    struct timer *t = hash_find(id);
    if (t) {
        if (remaining) *remaining = remaining_ms(t, now);
        unlink_timer(t);
    }
    pthread_mutex_unlock(&svc.lock);
    if (!t) return false;
    if (arg) *arg = t->arg;
    mem_free(t);
    return true;
}

bool timer_read(uint64_t id, int64_t *remaining) {
    uint64_t now = timer_now_ns();
    pthread_mutex_lock(&svc.lock);
    struct timer *t = hash_find(id);
    if (t && remaining) *remaining = remaining_ms(t, now);
    pthread_mutex_unlock(&svc.lock);
    return t != NULL;
}

size_t timer_pending(void) {
    pthread_mutex_lock(&svc.lock);
    size_t n = svc.heap_len + atomic_load_explicit(&firing, memory_order_acquire);
    pthread_mutex_unlock(&svc.lock);
    return n;
}

void *timer_loop(void) {
    pthread_mutex_lock(&svc.lock);
    void *loop = svc.running ? &svc.loop : NULL;
    pthread_mutex_unlock(&svc.lock);
    return loop;
}
