/*
 * proc.h — a Moat process (actor): its heap, stack, registers and state.
 *
 * A process is owned by exactly one scheduler thread while it runs; only
 * that thread touches its heap, stack and registers. Other threads reach
 * it only through its mailbox (vm/mailbox.c) and its signal queue.
 *
 * Memory: one block holds the young heap and the stack. The heap grows up
 * from heap_start (htop is the next free word), the stack grows down from
 * heap_end (stop is the lowest word in use). They meet: GC. The old
 * generation is a separate block. Everything the process can reach lives
 * in these two blocks, in a module's literal area, or off-heap (refc
 * binaries, counted through the handles on offheap_first).
 *
 * Stack frames (allocate in vm/opcodes.def): stop[0] is the saved CP,
 * y(i) is stop[1 + i]. A stack word with primary tag 00 is a CP
 * (return address), never a term; the GC skips it, as it skips catch
 * markers.
 *
 * Received messages: a message consumed by a receive stays in its own
 * block (a fragment, struct msg in vm/mailbox.h) on `frags` until the next
 * collection, which copies its live parts into the heap and frees it.
 * Terms of the process may point into those fragments meanwhile.
 *
 * GC roots: x[0..live-1], the stack, dict, and the exception fields.
 */
#ifndef MOAT_PROC_H
#define MOAT_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "term.h"

#define X_REGS 1024 /* size of the x register file */

struct vm;
struct msg;

struct proc {
    /* ---- young heap and stack (one block) ---- */
    term *htop;       /* next free heap word */
    term *stop;       /* lowest stack word in use; stack is [stop, heap_end) */
    term *heap_start;
    term *heap_end;
    term *high_water; /* young objects below this survived one GC */

    /* ---- old generation ---- */
    term *old_start, *old_top, *old_end;
    uint32_t minor_gcs; /* since the last full sweep */

    size_t min_heap_words;
    size_t max_heap_words; /* 0 = no limit */

    /* refc binary handles on this process's heaps, linked through their
       'next' word (term.h); the GC drops references of dead handles */
    term *offheap_first;
    size_t offheap_bytes;

    /* consumed message fragments (vm/mailbox.h struct msg), linked through
       msg.next (atomic, but only this process's thread touches them once
       they are here: relaxed loads and stores), added by heap_add_frag;
       every collection copies what is live in them into the heap, frees
       them all and resets both fields. frag_words is the sum of their
       msg.words. A message still in the mailbox queue is never here. */
    struct msg *frags;
    size_t frag_words;

    /* ---- registers ---- */
    term *x;       /* the x register file in use (the scheduler's) */
    uint32_t live; /* x registers that are GC roots at the current safe point */

    /* ---- exception being raised (see vm/error.h) ---- */
    term exc_class;  /* AM(error) / AM(exit) / AM(throw) */
    term exc_reason;
    term exc_trace;  /* stacktrace term, or [] */
    term exc_args;   /* arguments for the top frame, or TERM_NONE */

    /* ---- execution state when not running ---- */
    const void *pc;
    const void *cp;
    int32_t reds;
    uint64_t reductions; /* total, for process_info */

    uint64_t id; /* the pid's number */
    term dict;   /* process dictionary: a list of {Key, Value}, or [] */

    struct vm *vm;
    void *sched_data; /* owned by the scheduler (run queue links, mailbox ...) */

    /* ---- owned by vm/ptab.c ---- */
    _Atomic uint32_t refc;  /* the table's reference + lookups in flight */
    struct proc *free_next; /* on the free list of process structs */
};

#endif
