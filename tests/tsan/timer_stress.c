/*
 * timer_stress.c — a ThreadSanitizer run of the timer service
 * (vm/timer.c): threads start, read and cancel timers (their own and each
 * other's) while the timer thread fires them and fires start more; then
 * the service is shut down while threads are still starting. Plain C
 * (criterion's runner does not mix with TSan). Exits non-zero when a timer
 * is lost, fired twice, both fired and cancelled, or fired after shutdown.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "node.h"
#include "timer.h"

/* Only the timer service of a node is linked in: a node holding just it. */
__thread struct node *node_tls;
static struct node node;

#define THREADS 4
#define PER_THREAD 20000
#define TOTAL (THREADS * PER_THREAD)

/* One slot per timer; a fire of slot i may start a follow-up in slot
   TOTAL + i, which nobody cancels. */
static _Atomic uint64_t ids[TOTAL];
static _Atomic int fired[2 * TOTAL];
static _Atomic int cancelled[TOTAL];
static _Atomic int dropped[2 * TOTAL];
static _Atomic int refused[2 * TOTAL];
static _Atomic bool shut_down;
static _Atomic int fired_after_shutdown;

static void on_fire(void *arg) {
    intptr_t i = (intptr_t)arg;
    if (atomic_load(&shut_down)) atomic_fetch_add(&fired_after_shutdown, 1);
    atomic_fetch_add(&fired[i], 1);
    if (i < TOTAL && i % 4 == 1 && !timer_start((uint64_t)(i % 3), on_fire, (void *)(i + TOTAL)))
        atomic_fetch_add(&refused[i + TOTAL], 1);
}

static void on_drop(void *arg) { atomic_fetch_add(&dropped[(intptr_t)arg], 1); }

static void *worker(void *arg) {
    node_enter(&node);
    intptr_t t = (intptr_t)arg;
    uint32_t seed = (uint32_t)t * 2654435761u + 1;
    for (intptr_t k = 0; k < PER_THREAD; k++) {
        intptr_t i = t * PER_THREAD + k;
        seed = seed * 1103515245u + 12345u;
        uint64_t id = timer_start((seed >> 16) % 5, on_fire, (void *)i);
        if (!id) {
            fprintf(stderr, "timer_start failed while running\n");
            exit(1);
        }
        atomic_store(&ids[i], id);
        int64_t left;
        timer_read(id, &left);
        /* cancel one of another thread's recent timers, whatever its state */
        intptr_t other = ((t + 1) % THREADS) * PER_THREAD + k;
        uint64_t oid = atomic_load(&ids[other]);
        if (oid && (seed >> 8) % 2) {
            void *got = NULL;
            if (timer_cancel(oid, &left, &got)) {
                if ((intptr_t)got != other || left < 0) {
                    fprintf(stderr, "cancel returned a wrong arg or time\n");
                    exit(1);
                }
                atomic_fetch_add(&cancelled[other], 1);
            }
        }
        if (k % 1000 == 0) sched_yield();
    }
    return NULL;
}

/* Phase two: starts racing the shutdown; each is refused, fired or
   dropped, exactly once. */
static _Atomic long late_started;
static void *late_starter(void *arg) {
    node_enter(&node);
    intptr_t base = (intptr_t)arg;
    for (intptr_t k = 0; k < PER_THREAD / 4; k++) {
        intptr_t i = TOTAL + base + k;
        if (!timer_start(k % 2 ? 1000 : 0, on_fire, (void *)i))
            atomic_fetch_add(&refused[i], 1);
        atomic_fetch_add(&late_started, 1);
    }
    return NULL;
}

/* Every timer fired or was cancelled, once; every fire of a slot i % 4 == 1
   started a follow-up that fired (or was refused). */
static bool phase_one_balanced(bool verbose, long *n_fired, long *n_cancelled) {
    *n_fired = *n_cancelled = 0;
    if (timer_pending() > 0) {
        if (verbose) fprintf(stderr, "timers still pending: %zu\n", timer_pending());
        return false;
    }
    for (int i = 0; i < TOTAL; i++) {
        int f = atomic_load(&fired[i]), c = atomic_load(&cancelled[i]);
        int follow = atomic_load(&fired[TOTAL + i]) + atomic_load(&refused[TOTAL + i]);
        if (f + c != 1 || follow != (f && i % 4 == 1)) {
            if (verbose) fprintf(stderr, "timer %d: fired %d, cancelled %d, follow-up %d\n", i, f, c, follow);
            return false;
        }
        *n_fired += f;
        *n_cancelled += c;
    }
    return true;
}

int main(void) {
    if (!(node.timers = timer_svc_create(&node))) return 1;
    node_enter(&node);
    if (!timer_init()) return 1;
    timer_set_drop(on_drop);
    pthread_t th[THREADS];
    for (intptr_t t = 0; t < THREADS; t++) pthread_create(&th[t], NULL, worker, (void *)t);
    for (int t = 0; t < THREADS; t++) pthread_join(th[t], NULL);
    /* a fire may be between leaving the heap and starting its follow-up:
       wait until the books balance (or give up after 20 s) */
    long n_fired = 0, n_cancelled = 0;
    for (int spin = 0; !phase_one_balanced(spin > 20000, &n_fired, &n_cancelled); spin++) {
        if (spin > 20000) return 1;
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }

    /* phase two: shut down under concurrent starts (slots reused: reset) */
    for (int i = TOTAL; i < 2 * TOTAL; i++) {
        atomic_store(&fired[i], 0);
        atomic_store(&refused[i], 0);
    }
    pthread_t late[2];
    for (intptr_t t = 0; t < 2; t++)
        pthread_create(&late[t], NULL, late_starter, (void *)(t * PER_THREAD / 4));
    while (atomic_load(&late_started) < PER_THREAD / 8) sched_yield();
    timer_shutdown();
    atomic_store(&shut_down, true);
    for (int t = 0; t < 2; t++) pthread_join(late[t], NULL);
    for (int i = TOTAL; i < TOTAL + PER_THREAD / 2; i++) {
        int n = atomic_load(&fired[i]) + atomic_load(&refused[i]) + atomic_load(&dropped[i]);
        if (n != 1) {
            fprintf(stderr, "late timer %d: fired %d refused %d dropped %d\n", i,
                    atomic_load(&fired[i]), atomic_load(&refused[i]), atomic_load(&dropped[i]));
            return 1;
        }
    }
    if (atomic_load(&fired_after_shutdown)) {
        fprintf(stderr, "%d fires after shutdown\n", atomic_load(&fired_after_shutdown));
        return 1;
    }
    long n_dropped = 0, n_refused = 0;
    for (int i = TOTAL; i < TOTAL + PER_THREAD / 2; i++) {
        n_dropped += atomic_load(&dropped[i]);
        n_refused += atomic_load(&refused[i]);
    }
    printf("timer stress: %ld fired, %ld cancelled; at shutdown %ld dropped, %ld refused\n",
           n_fired, n_cancelled, n_dropped, n_refused);
    return 0;
}
