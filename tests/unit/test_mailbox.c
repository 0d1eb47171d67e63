/*
 * Unit tests of the mailbox: selective-receive bookkeeping, and a
 * multi-producer stress run in which no message is lost, duplicated or
 * reordered between one sender and the receiver.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdatomic.h>

#include "mailbox.h"

static struct msg *small(int64_t v) {
    struct msg *m = msg_alloc(0);
    m->payload = term_from_small(v);
    return m;
}

Test(mailbox, selective_receive_keeps_order_and_save_pointer) {
    struct mbox mb;
    mbox_init(&mb);
    for (int i = 1; i <= 5; i++) mbox_push(&mb, small(i));
    /* a receive that wants 3: skips 1 and 2, takes 3 */
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), 1);
    mbox_skip(&mb);
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), 2);
    mbox_skip(&mb);
    struct msg *m = mbox_peek(&mb);
    cr_assert_eq(term_to_small(m->payload), 3);
    msg_free(mbox_remove(&mb));
    cr_assert_eq(mb.len, 4);
    /* the next receive starts from the first message again */
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), 1);
    /* skip to the end, a new message arrives: the scan resumes there */
    for (int i = 0; i < 4; i++) mbox_skip(&mb);
    cr_assert_null(mbox_peek(&mb));
    mbox_push(&mb, small(6));
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), 6);
    msg_free(mbox_remove(&mb));
    /* remove the last message: appending still works */
    mbox_rewind(&mb);
    for (int i = 0; i < 3; i++) mbox_skip(&mb);
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), 5);
    msg_free(mbox_remove(&mb));
    mbox_push(&mb, small(7));
    mbox_rewind(&mb);
    int64_t seen[4];
    for (int i = 0; i < 4; i++) {
        seen[i] = term_to_small(mbox_peek(&mb)->payload);
        mbox_skip(&mb);
    }
    cr_assert(seen[0] == 1 && seen[1] == 2 && seen[2] == 4 && seen[3] == 7);
    mbox_destroy(&mb);
}

Test(mailbox, mark_skips_older_messages) {
    struct mbox mb;
    mbox_init(&mb);
    for (int i = 0; i < 1000; i++) mbox_push(&mb, small(i));
    mbox_drain(&mb); /* the owner queues the inbox before it marks */
    mbox_set_mark(&mb);
    mbox_push(&mb, small(-1));
    mbox_use_mark(&mb);
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), -1);
    msg_free(mbox_remove(&mb));
    cr_assert_eq(term_to_small(mbox_peek(&mb)->payload), 0);
    mbox_destroy(&mb);
}

#define PRODUCERS 4
#define PER_PRODUCER 500000

struct producer_arg {
    struct mbox *mb;
    int id;
};

static void *producer(void *arg) {
    struct producer_arg *a = arg;
    for (int i = 0; i < PER_PRODUCER; i++) mbox_push(a->mb, small((int64_t)a->id << 32 | i));
    return NULL;
}

Test(mailbox, many_producers_lose_nothing) {
    struct mbox mb;
    mbox_init(&mb);
    pthread_t th[PRODUCERS];
    struct producer_arg args[PRODUCERS];
    for (int i = 0; i < PRODUCERS; i++) {
        args[i] = (struct producer_arg){&mb, i};
        pthread_create(&th[i], NULL, producer, &args[i]);
    }
    int64_t next[PRODUCERS] = {0};
    long total = 0;
    while (total < (long)PRODUCERS * PER_PRODUCER) {
        struct msg *m = mbox_peek(&mb);
        if (!m) continue;
        int64_t v = term_to_small(m->payload);
        int id = (int)(v >> 32);
        cr_assert(id >= 0 && id < PRODUCERS);
        cr_assert_eq(v & 0xFFFFFFFF, next[id], "producer %d: got %lld, expected %lld", id,
                     (long long)(v & 0xFFFFFFFF), (long long)next[id]);
        next[id]++;
        total++;
        msg_free(mbox_remove(&mb));
    }
    for (int i = 0; i < PRODUCERS; i++) pthread_join(th[i], NULL);
    cr_assert_null(mbox_peek(&mb));
    cr_assert_eq(mb.len, 0);
    mbox_destroy(&mb);
}
