/*
 * mailbox.c — message queues (see mailbox.h for the design).
 *
 * The inbox is a Treiber stack: push is a compare-and-swap on its top;
 * the owner takes it all with one exchange and reverses the chain. No
 * ABA problem: nobody but the owner ever pops, and it pops everything.
 */
#include "mailbox.h"


#include "alloc.h"
#include "heap.h"

void mbox_init(struct mbox *mb) {
    atomic_store_explicit(&mb->inbox, NULL, memory_order_relaxed);
    mb->first = NULL;
    mb->last = &mb->first;
    mb->save = &mb->first;
    mb->mark = NULL;
    mb->len = 0;
}

void mbox_push(struct mbox *mb, struct msg *m) {
    struct msg *top = atomic_load_explicit(&mb->inbox, memory_order_relaxed);
    do {
        atomic_store_explicit(&m->next, top, memory_order_relaxed);
    } while (!atomic_compare_exchange_weak_explicit(&mb->inbox, &top, m, memory_order_seq_cst, /* proc_unhold */
                                                    memory_order_relaxed));
}

struct msg *mbox_take(struct mbox *mb) {
    if (mbox_inbox_empty(mb)) return NULL;
    struct msg *m = atomic_exchange_explicit(&mb->inbox, NULL, memory_order_acquire), *fifo = NULL;
    while (m) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        atomic_store_explicit(&m->next, fifo, memory_order_relaxed);
        fifo = m;
        m = next;
    }
    return fifo;
}

void mbox_append(struct mbox *mb, struct msg *m) {
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    *mb->last = m;
    mb->last = (struct msg **)&m->next;
    mb->len++;
}

size_t mbox_drain(struct mbox *mb) {
    size_t n = 0;
    for (struct msg *m = mbox_take(mb); m; n++) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
        mbox_append(mb, m);
        m = next;
    }
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

void mbox_unlink(struct mbox *mb, struct msg **link) {
    struct msg *m = *link;
    struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
    *link = next;
    if (mb->last == (struct msg **)&m->next) mb->last = link;
    mb->len--;
    mb->save = &mb->first;
    mb->mark = NULL;
}

void mbox_rewind(struct mbox *mb) { mb->save = &mb->first; }

void mbox_set_mark(struct mbox *mb) {
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
    struct msg *m = mem_malloc(sizeof *m + words * sizeof(term));
    if (!m) return NULL;
    atomic_store_explicit(&m->next, NULL, memory_order_relaxed);
    m->kind = MSG_MESSAGE;
    m->flags = 0;
    m->from = 0;
    m->aux = 0;
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
    mem_free(m);
}
