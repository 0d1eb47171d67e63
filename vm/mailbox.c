/*
 * mailbox.c — message queues (see mailbox.h for the design).
 *
 * The inbox is Vyukov's intrusive MPSC queue: push is an exchange on the
 * tail and a store of the predecessor's next; the consumer follows next
 * pointers from a stub. A producer preempted between its two steps makes
 * the consumer see the queue as momentarily shorter, never broken: the
 * message shows up at a later drain.
 */
#include "mailbox.h"

#include <mimalloc.h>
#include <stdatomic.h>

#include "heap.h"

void mbox_init(struct mbox *mb) {
    atomic_store_explicit(&mb->stub.next, NULL, memory_order_relaxed);
    atomic_store_explicit(&mb->tail, &mb->stub, memory_order_relaxed);
    mb->head = &mb->stub;
    mb->first = NULL;
    mb->last = &mb->first;
    mb->save = &mb->first;
    mb->mark = NULL;
    mb->len = 0;
}

void mbox_push(struct mbox *mb, struct msg *m) {
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    struct msg *prev = atomic_exchange_explicit(&mb->tail, m, memory_order_acq_rel);
    atomic_store_explicit(&prev->next, m, memory_order_release);
}

/* Pop one message from the inbox, or NULL if none is visible yet. */
static struct msg *inbox_pop(struct mbox *mb) {
    struct msg *head = mb->head;
    struct msg *next = atomic_load_explicit(&head->next, memory_order_acquire);
    if (head == &mb->stub) {
        if (!next) return NULL;
        mb->head = next;
        head = next;
        next = atomic_load_explicit(&next->next, memory_order_acquire);
    }
    if (next) {
        mb->head = next;
        return head;
    }
    struct msg *tail = atomic_load_explicit(&mb->tail, memory_order_acquire);
    if (head != tail) return NULL; /* a producer is between its two steps */
    /* head is the last message: put the stub behind it to release it */
    mbox_push(mb, &mb->stub);
    next = atomic_load_explicit(&head->next, memory_order_acquire);
    if (next) {
        mb->head = next;
        return head;
    }
    return NULL;
}

size_t mbox_drain(struct mbox *mb) {
    size_t n = 0;
    struct msg *m;
    while ((m = inbox_pop(mb))) {
        atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
        *mb->last = m;
        mb->last = (struct msg **)&m->next;
        n++;
    }
    mb->len += n;
    return n;
}

struct msg *mbox_peek(struct mbox *mb) {
    if (!*mb->save) mbox_drain(mb);
    return *mb->save;
}

void mbox_skip(struct mbox *mb) {
    struct msg *m = *mb->save;
    if (m) mb->save = (struct msg **)&m->next;
}

struct msg *mbox_remove(struct mbox *mb) {
    struct msg *m = *mb->save;
    if (!m) return NULL;
    struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
    *mb->save = next;
    if (mb->last == (struct msg **)&m->next) mb->last = mb->save;
    mb->len--;
    mb->save = &mb->first;
    mb->mark = NULL;
    return m;
}

void mbox_rewind(struct mbox *mb) { mb->save = &mb->first; }

void mbox_set_mark(struct mbox *mb) {
    mbox_drain(mb);
    mb->mark = mb->last;
}

void mbox_use_mark(struct mbox *mb) {
    if (mb->mark) mb->save = mb->mark;
}

void mbox_destroy(struct mbox *mb) {
    mbox_drain(mb);
    struct msg *m = mb->first;
    while (m) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        msg_free(m);
        m = next;
    }
    mbox_init(mb);
}

struct msg *msg_alloc(size_t words) {
    struct msg *m = mi_malloc(sizeof *m + words * sizeof(term));
    if (!m) return NULL;
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    m->payload = TERM_NIL;
    m->offheap = NULL;
    m->words = words;
    return m;
}

void msg_free(struct msg *m) {
    /* release refc binaries held by the fragment (handles link through
       their last word, as on a heap: see term.h) */
    for (term *h = m->offheap; h;) {
        term *next = (term *)(uintptr_t)h[3];
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        h = next;
    }
    mi_free(m);
}
