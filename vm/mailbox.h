/*
 * mailbox.h — a process's message queue (vm/mailbox.c).
 *
 * Two halves:
 *  - the inbox, a lock-free multi-producer single-consumer queue (an
 *    intrusive Vyukov queue): any thread pushes a message with one atomic
 *    exchange; nobody but the owner pops.
 *  - the queue proper, private to the owner: messages moved from the inbox
 *    in arrival order, with the save pointer of selective receive (the
 *    next message to examine), so a receive never rescans messages it
 *    already rejected, and a mark (recv_mark) for the make_ref optimisation.
 *
 * Messages from one sender arrive in the order sent: a sender's pushes are
 * ordered by its own program order and the exchange on the tail.
 *
 * A message is a self-contained copy of a term in its own block (a heap
 * fragment, vm/heap.h's term_copy), made by the sender; the receiver's GC
 * takes the live parts into its heap. No message ever points into a
 * process heap.
 */
#ifndef MOAT_MAILBOX_H
#define MOAT_MAILBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "term.h"

struct msg {
    struct msg *_Atomic next;
    term payload;
    term *offheap;    /* refc binary handles in data[], linked as on a heap */
    size_t words;     /* words of data[] */
    term data[];
};

struct mbox {
    /* inbox: producers touch only tail; the owner only head */
    struct msg *_Atomic tail;
    struct msg *head;
    struct msg stub;
    /* the owner's queue */
    struct msg *first;
    struct msg **last;  /* where the next message is linked */
    struct msg **save;  /* link of the next message a receive examines */
    struct msg **mark;  /* recv_mark: the save position to start from, or NULL */
    size_t len;
};

void mbox_init(struct mbox *mb);
/* Any thread: append a message (the caller wakes the owner if needed). */
void mbox_push(struct mbox *mb, struct msg *m);
/* Owner: move everything pushed so far into the queue; returns how many. */
size_t mbox_drain(struct mbox *mb);
/* Owner: the message at the save pointer (draining first if needed), or NULL. */
struct msg *mbox_peek(struct mbox *mb);
/* Owner: advance the save pointer past the current message. */
void mbox_skip(struct mbox *mb);
/* Owner: unlink the current message (returned) and reset the save pointer. */
struct msg *mbox_remove(struct mbox *mb);
/* Owner: reset the save pointer to the first message (timeout). */
void mbox_rewind(struct mbox *mb);
void mbox_set_mark(struct mbox *mb);  /* recv_mark: remember the end */
void mbox_use_mark(struct mbox *mb);  /* recv_set: start at the mark */
/* Owner: free every message (the process is gone). */
void mbox_destroy(struct mbox *mb);

/* A fragment of `words` words, not yet filled. NULL if out of memory. */
struct msg *msg_alloc(size_t words);
void msg_free(struct msg *m);

#endif
