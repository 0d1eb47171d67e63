/*
 * Unit tests of the timer service (vm/timer.c): order and earliness of
 * fires, ms == 0, cancel and read before and after a fire, starts and
 * cancels from inside a fire, a two-thread start/cancel stress in which no
 * timer is lost or fired twice, and shutdown with pending timers.
 * Timing assertions are lower bounds (never early) or generous upper ones.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>

#include "node.h"
#include "timer.h"

static void sleep_ms(long ms) {
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Waits up to 10 s for *counter to reach want. */
static bool wait_for(_Atomic long *counter, long want) {
    for (int i = 0; i < 10000 && atomic_load(counter) < want; i++) sleep_ms(1);
    return atomic_load(counter) >= want;
}

static void setup(void) { cr_assert(timer_init()); }
static void teardown(void) { timer_shutdown(); }

/* ---- one fire log --------------------------------------------------------- */

#define MAX_LOG 1000
struct rec {
    int index;
    uint64_t before_ns, after_ns, ms, fired_ns;
    bool on_thread;
};
static struct rec recs[MAX_LOG];
static int fire_order[MAX_LOG];
static _Atomic long fired;

static void log_fire(void *arg) {
    struct rec *r = arg;
    r->fired_ns = timer_now_ns();
    r->on_thread = timer_on_timer_thread();
    fire_order[atomic_load(&fired)] = r->index; /* fires are serial */
    atomic_fetch_add(&fired, 1);
}

static uint64_t start_logged(int i, uint64_t ms) {
    recs[i].index = i;
    recs[i].ms = ms;
    recs[i].before_ns = timer_now_ns();
    uint64_t id = timer_start(ms, log_fire, &recs[i]);
    recs[i].after_ns = timer_now_ns();
    return id;
}

Test(timer, fires_in_deadline_then_start_order_never_early, .init = setup, .fini = teardown) {
    enum { N = 600 };
    uint64_t last_id = 0;
    srand(42);
    for (int i = 0; i < N; i++) {
        /* a third share one delay, so that equal deadlines occur */
        uint64_t ms = i % 3 == 0 ? 15 : (uint64_t)(rand() % 40);
        uint64_t id = start_logged(i, ms);
        cr_assert_gt(id, last_id, "ids grow");
        last_id = id;
    }
    cr_assert(wait_for(&fired, N));
    cr_assert_eq(timer_pending(), 0);
    int pos[N];
    for (int k = 0; k < N; k++) pos[fire_order[k]] = k;
    for (int i = 0; i < N; i++) {
        struct rec *a = &recs[i];
        cr_assert(a->on_thread);
        cr_assert_geq(a->fired_ns, a->before_ns + a->ms * 1000000, "timer %d fired early", i);
        for (int j = 0; j < N; j++) {
            struct rec *b = &recs[j];
            /* a's deadline surely before b's, or same delay and started first */
            bool a_first = a->after_ns + a->ms * 1000000 < b->before_ns + b->ms * 1000000 ||
                           (a->ms == b->ms && i < j);
            if (a_first) cr_assert_lt(pos[i], pos[j], "timer %d fired after %d", i, j);
        }
    }
}

static _Atomic bool in_start;
static _Atomic bool fired_inside_start;
static void note_zero(void *arg) {
    (void)arg;
    if (atomic_load(&in_start)) atomic_store(&fired_inside_start, true);
    atomic_fetch_add(&fired, 1);
}

Test(timer, zero_ms_fires_soon_on_the_timer_thread, .init = setup, .fini = teardown) {
    for (int round = 0; round < 50; round++) {
        atomic_store(&in_start, true);
        cr_assert_neq(timer_start(0, note_zero, NULL), 0);
        atomic_store(&in_start, false);
        cr_assert(wait_for(&fired, round + 1));
    }
    cr_assert_not(atomic_load(&fired_inside_start));
    uint64_t id = start_logged(0, 0);
    cr_assert(wait_for(&fired, 51));
    cr_assert(recs[0].on_thread);
    cr_assert_not(timer_read(id, NULL));
}

static void count_fire(void *arg) {
    (void)arg;
    atomic_fetch_add(&fired, 1);
}

Test(timer, cancel_before_fire_returns_arg_and_remaining, .init = setup, .fini = teardown) {
    int payload;
    uint64_t id = timer_start(60, count_fire, &payload);
    uint64_t id2 = timer_start(60, count_fire, NULL);
    cr_assert_eq(timer_pending(), 2);
    int64_t left = -1;
    void *arg = NULL;
    cr_assert(timer_cancel(id, &left, &arg));
    cr_assert_eq(arg, &payload);
    cr_assert(left > 0 && left <= 60, "left %ld", (long)left);
    cr_assert_eq(timer_pending(), 1);
    cr_assert_not(timer_cancel(id, &left, &arg), "second cancel");
    cr_assert_not(timer_read(id, &left));
    cr_assert(timer_cancel(id2, NULL, NULL));
    sleep_ms(150);
    cr_assert_eq(atomic_load(&fired), 0, "a cancelled timer fired");
    /* a long one, cancelled at once, rounds up like erlang:cancel_timer */
    id = timer_start(5000, count_fire, NULL);
    cr_assert(timer_cancel(id, &left, NULL));
    cr_assert(left == 5000 || left == 4999, "left %ld", (long)left);
}

Test(timer, cancel_after_fire_or_unknown_is_false, .init = setup, .fini = teardown) {
    int64_t left = 1234;
    void *arg = &left;
    uint64_t id = timer_start(1, count_fire, NULL);
    cr_assert(wait_for(&fired, 1));
    cr_assert_not(timer_cancel(id, &left, &arg));
    cr_assert_eq(left, 1234, "outputs untouched");
    cr_assert_eq(arg, &left);
    cr_assert_not(timer_cancel(0, NULL, NULL));
    cr_assert_not(timer_cancel(id + 1000, NULL, NULL));
    cr_assert_not(timer_read(id, &left));
    cr_assert_eq(timer_pending(), 0);
}

Test(timer, read_counts_down, .init = setup, .fini = teardown) {
    uint64_t id = timer_start(1000, count_fire, NULL);
    int64_t left = -1;
    cr_assert(timer_read(id, &left));
    cr_assert(left >= 990 && left <= 1000, "left %ld", (long)left);
    sleep_ms(100);
    cr_assert(timer_read(id, &left));
    cr_assert(left >= 500 && left <= 900, "left %ld", (long)left);
    cr_assert(timer_read(id, NULL));
    cr_assert_eq(timer_pending(), 1);
    cr_assert(timer_cancel(id, NULL, NULL));
}

Test(timer, huge_delays_are_clamped_not_wrapped, .init = setup, .fini = teardown) {
    uint64_t id = timer_start(UINT64_MAX, count_fire, NULL);
    cr_assert_neq(id, 0);
    int64_t left = 0;
    cr_assert(timer_read(id, &left));
    cr_assert_gt(left, (int64_t)50 * 365 * 24 * 3600 * 1000, "left %ld", (long)left);
    sleep_ms(20);
    cr_assert_eq(atomic_load(&fired), 0);
    cr_assert(timer_cancel(id, NULL, NULL));
}

Test(timer, now_is_monotonic) {
    uint64_t a = timer_now_ms();
    sleep_ms(20);
    uint64_t b = timer_now_ms();
    cr_assert(b >= a + 19 && b < a + 5000);
}

Test(timer, not_running_refuses_starts) {
    cr_assert_eq(timer_start(1, count_fire, NULL), 0);
    cr_assert_null(timer_loop());
    cr_assert(timer_init());
    cr_assert(timer_init(), "idempotent");
    cr_assert_not_null(timer_loop());
    cr_assert_eq(timer_start(1, NULL, NULL), 0, "no fire function");
    timer_shutdown();
    timer_shutdown();
}

/* ---- fires that start and cancel timers ------------------------------------ */

static _Atomic long chain_left;
static uint64_t victim;
static _Atomic bool victim_cancelled;

static void chain_fire(void *arg) {
    (void)arg;
    if (atomic_fetch_sub(&chain_left, 1) > 1)
        if (!timer_start(atomic_load(&chain_left) % 2, chain_fire, NULL)) abort();
    if (victim && timer_cancel(victim, NULL, NULL)) atomic_store(&victim_cancelled, true);
    atomic_fetch_add(&fired, 1);
}

Test(timer, fire_may_start_and_cancel_timers, .init = setup, .fini = teardown) {
    victim = timer_start(3000, count_fire, NULL);
    atomic_store(&chain_left, 20);
    cr_assert_neq(timer_start(2, chain_fire, NULL), 0);
    cr_assert(wait_for(&fired, 20));
    cr_assert(atomic_load(&victim_cancelled));
    sleep_ms(20);
    cr_assert_eq(atomic_load(&fired), 20);
    cr_assert_eq(timer_pending(), 0);
}

/* A fire that restarts itself at 0 ms must not starve other timers. */
static _Atomic bool stop_spinning;
static void spin_fire(void *arg) {
    if (!atomic_load(&stop_spinning)) timer_start(0, spin_fire, arg);
}

Test(timer, self_restarting_fire_does_not_starve_others, .init = setup, .fini = teardown) {
    timer_start(0, spin_fire, NULL);
    timer_start(20, count_fire, NULL);
    cr_assert(wait_for(&fired, 1));
    atomic_store(&stop_spinning, true);
}

/* ---- two threads start and cancel 100,000 timers ----------------------------- */

#define STRESS_N 100000
static _Atomic uint64_t stress_ids[STRESS_N];
static _Atomic int stress_fired[STRESS_N];
static _Atomic int stress_cancelled[STRESS_N];

static void stress_fire(void *arg) {
    atomic_fetch_add(&stress_fired[(intptr_t)arg], 1);
}

/* Thread `half` starts the timers of its half, then cancels those of the
   other half (as they appear), so cancels cross threads and race fires. */
static struct node *stress_node;

static void *stress_thread(void *arg) {
    node_enter(stress_node); /* a thread of the test's node */
    intptr_t half = (intptr_t)arg;
    intptr_t from = half * STRESS_N / 2, to = from + STRESS_N / 2;
    for (intptr_t i = from; i < to; i++) {
        uint64_t id = timer_start((uint64_t)(i % 7) * (i % 3), stress_fire, (void *)i);
        if (!id) abort();
        atomic_store(&stress_ids[i], id);
        if (i % 5 == 0) { /* cancel some of one's own at once */
            void *got = NULL;
            if (timer_cancel(id, NULL, &got)) {
                if (got != (void *)i) abort();
                atomic_fetch_add(&stress_cancelled[i], 1);
            }
        }
    }
    intptr_t ofrom = (1 - half) * STRESS_N / 2, oto = ofrom + STRESS_N / 2;
    for (intptr_t i = ofrom; i < oto; i++) {
        uint64_t id;
        while (!(id = atomic_load(&stress_ids[i]))) sched_yield();
        if (i % 2 == 0) {
            void *got = NULL;
            if (timer_cancel(id, NULL, &got)) {
                if (got != (void *)i) abort();
                atomic_fetch_add(&stress_cancelled[i], 1);
            }
        }
    }
    return NULL;
}

Test(timer, two_threads_start_and_cancel_none_lost_or_doubled, .init = setup, .fini = teardown,
     .timeout = 60) {
    stress_node = node_cur();
    pthread_t th[2];
    for (intptr_t t = 0; t < 2; t++) pthread_create(&th[t], NULL, stress_thread, (void *)t);
    for (int t = 0; t < 2; t++) pthread_join(th[t], NULL);
    for (int i = 0; i < 10000 && timer_pending() > 0; i++) sleep_ms(1);
    cr_assert_eq(timer_pending(), 0);
    long n_fired = 0, n_cancelled = 0;
    for (int i = 0; i < STRESS_N; i++) {
        int f = atomic_load(&stress_fired[i]), c = atomic_load(&stress_cancelled[i]);
        cr_assert_eq(f + c, 1, "timer %d: fired %d, cancelled %d", i, f, c);
        n_fired += f;
        n_cancelled += c;
    }
    /* both outcomes occurred, so the race was exercised */
    cr_assert_gt(n_fired, 0);
    cr_assert_gt(n_cancelled, 0);
}

/* ---- shutdown ------------------------------------------------------------------ */

static int dropped[16];
static int n_dropped;
static void record_drop(void *arg) { dropped[n_dropped++] = (int)(intptr_t)arg; }

Test(timer, shutdown_drops_pending_in_start_order) {
    cr_assert(timer_init());
    timer_set_drop(record_drop);
    uint64_t ids[10];
    for (intptr_t i = 0; i < 10; i++)
        ids[i] = timer_start((uint64_t)(10 - i) * 1000, count_fire, (void *)i);
    cr_assert_eq(timer_pending(), 10);
    timer_shutdown();
    cr_assert_eq(n_dropped, 10);
    for (int i = 0; i < 10; i++) cr_assert_eq(dropped[i], i);
    cr_assert_eq(atomic_load(&fired), 0);
    cr_assert_eq(timer_pending(), 0);
    cr_assert_not(timer_cancel(ids[0], NULL, NULL));
    cr_assert_eq(timer_start(0, count_fire, NULL), 0, "stopped");
    /* restart: the service works again and ids are not reused */
    cr_assert(timer_init());
    uint64_t id = timer_start(0, count_fire, NULL);
    cr_assert_gt(id, ids[9]);
    cr_assert(wait_for(&fired, 1));
    timer_set_drop(NULL);
    timer_shutdown();
}
