/*
 * heap.h — the one way to get process heap memory, and the GC behind it.
 *
 * heap_ensure_free(p, words) is the only call that may collect. After it
 * returns true there are `words` free words at p->htop; take them with
 * heap_take. Every term held across the call must be a root (an x register
 * below p->live, a stack slot, or a process field) or be re-read from its
 * root afterwards: the GC moves objects. A GC-stress build
 * (--enable-gc-stress) collects on every call.
 *
 * On false the process is out of memory or over max_heap_size: the caller
 * raises system_limit (or the scheduler kills the process); nothing has
 * been allocated and the heap is intact.
 *
 * Called only by the thread running the process.
 */
#ifndef MOAT_HEAP_H
#define MOAT_HEAP_H

#include <stdbool.h>
#include <stddef.h>

#include <stdatomic.h>

#include "mailbox.h"
#include "proc.h"
#include "term.h"

#define HEAP_MIN_WORDS 64 /* the usual smallest young heap + stack */
#define HEAP_GROWN_WORDS 233 /* the least young target once a process has collected */
#define HEAP_TINY_WORDS 16 /* the least heap_init gives (spawn sizes a new heap to its arguments) */

/* Create / destroy a process's heaps. */
bool heap_init(struct proc *p, size_t words);
/* A scheduler thread keeps two freed young blocks for the next minor
   collections of that size (heap.c); begin at its start, release before
   it sleeps, end when it stops. */
void heap_spares_begin(void);
void heap_spares_release(void);
void heap_spares_end(void);
void heap_destroy(struct proc *p);

/* Collect so that at least `need` words are free. Generational: a minor
   collection promotes survivors of a previous one to the old heap; a full
   sweep runs when the old heap fills. */
bool heap_gc(struct proc *p, size_t need) __attribute__((warn_unused_result));

/* A full sweep whatever the policy would choose (erlang:garbage_collect):
   everything dead in either generation is given back, and the blocks are
   sized for what is live. */
bool heap_gc_major(struct proc *p, size_t need) __attribute__((warn_unused_result));

/* A collection a GC-stress build forces although there is room (added by
   the GC's owner): it moves objects like any other but does not count
   towards the next periodic full sweep, so that sweeps stay proportional
   to allocation. */
bool heap_gc_forced(struct proc *p, size_t need) __attribute__((warn_unused_result));

#ifdef MOAT_GC_STRESS
/* GC-stress builds collect at every allocation check for the first 10,000
   checks of a thread, then at every 1024th, so long-running programs still
   finish in make check's time. */
static inline bool heap_stress_now(void) {
    static __thread uint64_t checks;
    checks++;
    return checks < 10000 || (checks & 1023) == 0;
}
#endif

static inline bool heap_ensure_free(struct proc *p, size_t need) __attribute__((warn_unused_result));
static inline bool heap_ensure_free(struct proc *p, size_t need) {
#ifdef MOAT_GC_STRESS
    if ((size_t)(p->stop - p->htop) < need) return heap_gc(p, need);
    if (heap_stress_now()) return heap_gc_forced(p, need);
    return true;
#else
    if ((size_t)(p->stop - p->htop) >= need) return true;
    return heap_gc(p, need);
#endif
}

/* ---- consumed messages (fragments) ---------------------------------- */

/* Link a message the process has consumed (removed from its queue) onto
   p->frags; the next collection copies its live parts into the heap and
   frees it (msg_free). Its terms stay valid until then; afterwards only
   through roots. The message must be self-contained (vm_send's copy). */
void heap_add_frag(struct proc *p, struct msg *m);

/* True when the consumed fragments hold more words than the young block
   (and at least HEAP_FRAG_PRESSING_MIN): the scheduler then collects at a
   safe point, or a process that receives much and allocates little would
   keep every message it ever received. */
#define HEAP_FRAG_PRESSING_MIN 512
static inline bool heap_frags_pressing(const struct proc *p) {
    return p->frag_words >= HEAP_FRAG_PRESSING_MIN && p->frag_words > (size_t)(p->heap_end - p->heap_start);
}

/* Take words reserved by heap_ensure_free. */
static inline term *heap_take(struct proc *p, size_t words) {
    term *hp = p->htop;
    p->htop += words;
    return hp;
}

/* Words used / allocated, for process_info and erlang:memory. Used
   (process_info heap_size) is the young heap and stack in use plus the
   old heap in use; total (total_heap_size) is both blocks plus the
   consumed fragments not yet collected (erl counts heap fragments there
   too). */
size_t heap_used_words(const struct proc *p);
size_t heap_total_words(const struct proc *p);

/* Check the heap invariants a collection relies on (added by the GC's
   owner, for tests and debug builds): block bounds; every root is an
   immediate, a CP or catch on the stack, or points to a used part of the
   young or old block or outside both (literals, fragments); nothing in
   the old block points into the young block nor into a fragment on
   p->frags (a minor collection does not scan the old block); frag_words
   is the sum of the fragments' words. O(roots + old data x log frags). */
bool heap_check(const struct proc *p);

/* ---- copying terms between heaps (messages, ETS, literals) ---------- */

/* Words needed to copy t as a self-contained term (off-heap binary bytes
   are shared, not counted). */
size_t term_size(term t);
/* Copy t into the words at *hp (term_size(t) of them), advancing *hp.
   Refc binary handles copied are linked onto *offheap (a handle list
   head, as proc.offheap_first) with their reference counts raised. */
term term_copy(term t, term **hp, term **offheap);

/* A new off-heap binary of `bytes` bytes (uninitialised), reference
   count 1; NULL if out of memory. The node's offheap_bytes counts the
   bytes of all live ones (erlang:memory(binary)). */
struct offheap_bin *offheap_bin_new(size_t bytes);
/* Release an off-heap binary reference (frees at zero). */
void offheap_bin_release(struct offheap_bin *b);

#endif
