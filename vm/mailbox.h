/*
 * mailbox.h — a process's message queue (vm/mailbox.c).
 *
 * Two halves:
 *  - the inbox, a lock-free multi-producer single-consumer stack: any
 *    thread pushes a message or signal with a compare-and-swap; the owner
 *    takes the whole stack at once (one exchange) and reverses it, so the
 *    taken batch is in push order.
 *  - the queue proper, private to the owner: messages moved from the inbox
 *    in arrival order, with the save pointer of selective receive (the
 *    next message to examine), so a receive never rescans messages it
 *    already rejected, and a mark (recv_mark) for the make_ref optimisation.
 *
 * Messages from one sender arrive in the order sent: a sender's pushes are
 * ordered by its own program order, batches are taken in order, and each
 * batch is reversed into push order. Signals (links, exits, monitors: see
 * vm/proc.c) travel in the same inbox, so a message sent before an exit
 * signal is seen before it.
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

#include <stdatomic.h>

#include "term.h"

enum msg_kind {
    MSG_MESSAGE,  /* payload is the message */
    SIG_EXIT,     /* exit/2: payload {'EXIT', From, Reason} */
    SIG_EXIT_LINK,/* a linked process ended: as SIG_EXIT, if still linked */
    SIG_LINK,     /* link request from `from` */
    SIG_UNLINK,   /* unlink from `from` */
    SIG_MONITOR,  /* `from` monitors me: payload Ref, aux the name used or 0 */
    SIG_DEMONITOR,/* payload Ref */
    SIG_DOWN,     /* a monitored process ended: payload {'DOWN', Ref, ...} */
};

#define MSG_ON_HEAP 1u /* payload was copied into the receiver's heap (a GC root) */
#define MSG_VIA_ALIAS 2u /* a message sent to an alias: aux is the reference's number */

struct msg {
    struct msg *_Atomic next;
    uint32_t kind;    /* enum msg_kind */
    uint32_t flags;   /* MSG_ON_HEAP, MSG_VIA_ALIAS */
    uint64_t from;    /* the sender's pid number (signals), or 0 */
    term aux;         /* per-kind extra immediate (SIG_MONITOR: name atom; MSG_VIA_ALIAS: ref number) */
    term payload;
    term *offheap;    /* refc binary handles in data[], linked as on a heap */
    size_t words;     /* words of data[] */
    term data[];
};

struct mbox {
    struct msg *_Atomic inbox; /* newest first; any thread pushes */
    /* the owner's queue */
    struct msg *first;
    struct msg **last;  /* where the next message is linked */
    struct msg **save;  /* link of the next message a receive examines */
    struct msg **mark;  /* recv_mark: the save position to start from, or NULL */
    size_t len;
};

void mbox_init(struct mbox *mb);
/* Any thread: push a message or signal (the caller wakes the owner). */
void mbox_push(struct mbox *mb, struct msg *m);
/* Any thread: whether something was pushed and not yet taken. */
static inline bool mbox_inbox_empty(struct mbox *mb) {
    return atomic_load_explicit(&mb->inbox, memory_order_acquire) == NULL;
}
/* Owner: everything pushed so far, oldest first (linked through next). */
struct msg *mbox_take(struct mbox *mb);
/* Owner: append one message to the queue. */
void mbox_append(struct mbox *mb, struct msg *m);
/* Owner: take the inbox and append all of it to the queue (callers that
   know there are no signals: tests); returns how many. */
size_t mbox_drain(struct mbox *mb);
/* Owner: the message at the save pointer (draining first if needed), or NULL. */
struct msg *mbox_peek(struct mbox *mb);
/* Owner: advance the save pointer past the current message. */
void mbox_skip(struct mbox *mb);
/* Owner: unlink the current message (returned) and reset the save pointer. */
struct msg *mbox_remove(struct mbox *mb);
/* Owner: unlink the message at *link (a link of the queue), whatever the
   save pointer; resets it. The caller frees the message. */
void mbox_unlink(struct mbox *mb, struct msg **link);
/* Owner: reset the save pointer to the first message (timeout). */
void mbox_rewind(struct mbox *mb);
void mbox_set_mark(struct mbox *mb);  /* recv_mark: remember the end (drain first) */
void mbox_use_mark(struct mbox *mb);  /* recv_set: start at the mark */
/* Owner: free every message (the process is gone). */
void mbox_destroy(struct mbox *mb);

/* A fragment of `words` words, not yet filled. NULL if out of memory. */
struct msg *msg_alloc(size_t words);
void msg_free(struct msg *m);

#endif
