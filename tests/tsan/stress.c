/*
 * stress.c — a ThreadSanitizer run of the lock-free parts (mailbox inbox,
 * process table): many threads send to many mailboxes and look up pids
 * while processes come and go. Plain C (criterion's runner does not mix
 * with TSan). Exits non-zero on a lost, duplicated or reordered message.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#include "heap.h"
#include "mailbox.h"
#include "node.h"
#include "proc.h"
#include "ptab.h"

#define BOXES 8
#define SENDERS 4
#define PER_SENDER 200000

/* The stress sends no binaries; this stands in for vm/heap.c's, which
   pulls in the whole VM. */
void offheap_bin_release(struct offheap_bin *b) { (void)b; }

static struct mbox boxes[BOXES];
static _Atomic long received[BOXES];

static void *sender(void *arg) {
    long id = (long)arg;
    for (long i = 0; i < PER_SENDER; i++) {
        struct msg *m = msg_alloc(0);
        if (!m) abort();
        m->payload = term_from_small(id << 32 | i);
        mbox_push(&boxes[i % BOXES], m);
    }
    return NULL;
}

static void *receiver(void *arg) {
    long b = (long)arg;
    long last[SENDERS];
    for (int i = 0; i < SENDERS; i++) last[i] = -1;
    long want = (long)SENDERS * PER_SENDER / BOXES;
    for (long got = 0; got < want;) {
        struct msg *m = mbox_peek(&boxes[b]);
        if (!m) continue;
        int64_t v = term_to_small(m->payload);
        int s = (int)(v >> 32);
        long i = (long)(v & 0xFFFFFFFF);
        if (i <= last[s]) {
            fprintf(stderr, "box %ld: sender %d out of order (%ld after %ld)\n", b, s, i, last[s]);
            exit(1);
        }
        last[s] = i;
        msg_free(mbox_remove(&boxes[b]));
        got++;
    }
    atomic_store(&received[b], want);
    return NULL;
}

static _Atomic bool stop;
static _Atomic uint64_t newest;
static void destroy(struct proc *p) {}

/* Only the process table of a node is linked in: a node holding just it. */
__thread struct node *node_tls;
static struct node node;

static void *looker(void *arg) {
    node_enter(&node);
    while (!atomic_load(&stop)) {
        struct proc *p = ptab_lookup(atomic_load(&newest));
        if (p) ptab_release(p);
    }
    return NULL;
}

int main(void) {
    pthread_t th[BOXES + SENDERS + 1];
    for (int i = 0; i < BOXES; i++) mbox_init(&boxes[i]);
    for (long i = 0; i < BOXES; i++) pthread_create(&th[i], NULL, receiver, (void *)i);
    for (long i = 0; i < SENDERS; i++) pthread_create(&th[BOXES + i], NULL, sender, (void *)i);
    if (!(node.ptab = ptab_create(1024, destroy))) return 1;
    node_enter(&node);
    pthread_create(&th[BOXES + SENDERS], NULL, looker, NULL);
    for (int i = 0; i < 100000; i++) {
        struct proc *p = ptab_new();
        if (!p) return 1;
        atomic_store(&newest, p->id);
        ptab_remove(p);
        ptab_release(p);
    }
    atomic_store(&stop, true);
    for (int i = 0; i < BOXES + SENDERS + 1; i++) pthread_join(th[i], NULL);
    long total = 0;
    for (int i = 0; i < BOXES; i++) total += received[i];
    printf("%ld messages, 100000 processes: ok\n", total);
    return total == (long)SENDERS * PER_SENDER ? 0 : 1;
}
