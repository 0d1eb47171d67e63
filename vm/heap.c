/*
 * heap.c — process heaps, the generational copying collector, and term
 * copying between heaps (vm/heap.h).
 *
 * Owns: the young block (heap up from heap_start, stack down from
 * heap_end), the old block, the off-heap binary list of a process, the
 * consumed message fragments on p->frags, and the sizing policy of both
 * blocks.
 *
 * Collector (Cheney, iterative, no C recursion):
 *   minor  live young objects above high_water are copied into a fresh
 *          young block; those below high_water (they survived a previous
 *          collection) are promoted to the end of the old block.
 *   full   live young and old objects are all copied into a fresh old
 *          block; the new young block holds only the stack. Runs when the
 *          old block cannot take the promotions, or after enough minors
 *          (FULLSWEEP_AFTER) to reclaim garbage that was promoted.
 *   fragments (consumed messages on p->frags) are from-space for both:
 *          a full sweep copies their live objects into the new old block;
 *          a minor copies them into the young to-space. An object must
 *          never point to one younger than itself (see below), so a
 *          fragment object ages with the oldest object that reaches it:
 *          a minor runs in up to three passes over the same to-space.
 *            1. roots and young survivors; fragment pointers met from
 *               roots or young objects are left alone, those met from
 *               promoted objects are promoted with them (first, so that
 *               nothing old can meet a young copy).
 *            2. if young survivors met a fragment pointer: rescan them;
 *               what they reach in fragments is copied after them.
 *               High water is set here: all of the above survived.
 *            3. if roots met a fragment pointer: rescan the roots; what
 *               only they reach is copied above high water, as new
 *               objects (a message just received and still only in
 *               registers is not promoted at the next minor).
 *          Then every fragment is freed (msg_free); refc binary handles
 *          copied out of one are linked on p->offheap_first with their
 *          count raised first. Whether a pointer is in a fragment: a
 *          binary search in a sorted array of their ranges, built (and
 *          allocated) before anything moves.
 * Invariants relied on:
 *   - Terms are immutable once built and an object only points to older
 *     objects, so nothing in the old block points into the young block
 *     and a minor collection needs no remembered set. (An in-place update
 *     instruction would have to respect this.) Likewise nothing below
 *     high water points above it, so what is promoted never points to
 *     what stays young.
 *   - Objects outside this process's blocks and fragments on p->frags
 *     (literals, messages still in the mailbox queue) are never moved nor
 *     scanned. A message is self-contained: fragment objects point only
 *     into their own fragment.
 *   - Nothing in the old block points into a fragment on p->frags: a
 *     minor collection does not scan the old block. (Objects promoted in
 *     a minor are scanned, and what they reach in fragments is promoted
 *     with them; so the old block can take promotable + frag_words, or
 *     the collection is a full sweep.)
 *   - A forwarded boxed object has a boxed pointer to its copy in its
 *     header word; a forwarded cons has TERM_NONE in its head and the new
 *     list term in its tail.
 *   - Every allocation happens before the first object moves: when
 *     mi_malloc fails, heap_gc returns false with the heap intact.
 *   - Sizing: a minor gives the young block room for the survivors, the
 *     fragments, the stack and the request, at least young_target (a
 *     quarter of the old data, and YOUNG_PER_STACK times the stack, which
 *     every minor moves and scans); it shrinks when 8x too big (a resizing
 *     copy keeps the high-water split: passes 1 and 3). A full sweep
 *     allocates the new old block for young + old + fragments + a young
 *     block, then re-sizes young to that target and ends old at 2x live +
 *     young (the untouched tail of the allocation costs no memory; only
 *     when that does not fit is old copied again), so the old block fills
 *     (forcing the next sweep) only after as much promotion as it holds.
 *     heap_gc_major (erlang:garbage_collect) always sweeps.
 *   - Collections that GC stress forces (heap_gc_forced) do not count
 *     towards the periodic full sweep; debug and stress builds poison
 *     from-space before freeing it; heap_check verifies the invariants.
 * Called only by the thread running the process.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifdef MOAT_ASAN
#include <sanitizer/asan_interface.h>
#else
#define ASAN_POISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(a, n) ((void)(a), (void)(n))
#endif

#include "heap.h"
#include "alloc.h"
#include "mailbox.h"
#include "node.h"

/* A full sweep also runs after FULLSWEEP_AFTER minors once the minors
   since the last one have had room to allocate as much as the old heap
   holds: its cost stays proportional to the allocation it follows. */
#define FULLSWEEP_AFTER 20
#define SIZE_FIB_LIMIT (1u << 22)
/* The young block is at least this many times the stack (see
   young_target). */
#define YOUNG_PER_STACK 8
/* Larger requests fail at once (2^56 words: more memory than exists). */
#define HEAP_MAX_REQUEST ((size_t)1 << 56)

/* The smallest heap size of the series (Fibonacci, then +20% steps) that
   is >= n words. */
static size_t heap_size_ge(size_t n) {
    size_t a = 55, b = 89;
    while (b < n) {
        if (b < SIZE_FIB_LIMIT) {
            size_t c = a + b;
            a = b;
            b = c;
        } else {
            b += b / 5;
        }
    }
    return b;
}

/* ---- spare young blocks ----------------------------------------------------- */

/* A minor collection copies into a new young block and frees the old one.
   For a big young heap that would map fresh memory at every minor (page
   faults, cold cache), so a scheduler thread keeps the last two young
   blocks of at least SPARE_MIN_WORDS it freed, and a collection asking for
   a block of that size takes one back: a process with a big young heap
   swaps between two warm blocks. The spares are released before the
   thread sleeps and when it ends, so an idle VM holds none. */
#define SPARE_MIN_WORDS (32 * 1024)
/* Larger ones go back at once: freeing a block this big unmaps it (about
   5 ms at 32 MiB, measured), which an idle scheduler's release pays. */
#define SPARE_MAX_WORDS ((size_t)4 << 20)
static __thread struct spare {
    term *block;
    size_t words;
} spares[2];
static __thread bool spares_on;

void heap_spares_begin(void) { spares_on = true; }

void heap_spares_release(void) {
    for (int i = 0; i < 2; i++) {
        if (!spares[i].block) continue;
        ASAN_UNPOISON_MEMORY_REGION(spares[i].block, spares[i].words * sizeof(term));
        mem_free(spares[i].block);
        spares[i].block = NULL;
    }
}

void heap_spares_end(void) {
    heap_spares_release();
    spares_on = false;
}

/* A young block of at least *words: a spare of up to twice that (the
   size policy's own hysteresis band; *words becomes its size), else a new
   one. */
static term *young_block_new(size_t *words) {
    int best = -1;
    for (int i = 0; i < 2; i++) {
        size_t w = spares[i].words;
        if (spares[i].block && w >= *words && w / 2 <= *words && (best < 0 || w < spares[best].words)) best = i;
    }
    if (best < 0) return mem_malloc(*words * sizeof(term));
    term *b = spares[best].block;
    *words = spares[best].words;
    spares[best].block = NULL;
    ASAN_UNPOISON_MEMORY_REGION(b, *words * sizeof(term));
    return b;
}

/* The oldest spare goes when a third comes. */
static void young_block_free(term *block, size_t words) {
    if (!block || !spares_on || words < SPARE_MIN_WORDS || words > SPARE_MAX_WORDS) {
        mem_free(block);
        return;
    }
    if (spares[0].block) {
        ASAN_UNPOISON_MEMORY_REGION(spares[0].block, spares[0].words * sizeof(term));
        mem_free(spares[0].block);
    }
    spares[0] = spares[1];
    spares[1] = (struct spare){block, words};
    ASAN_POISON_MEMORY_REGION(block, words * sizeof(term));
}

bool heap_init(struct proc *p, size_t words) {
    if (words < HEAP_TINY_WORDS) words = HEAP_TINY_WORDS;
    term *block = mem_malloc(words * sizeof(term));
    if (!block) return false;
    p->heap_start = p->htop = p->high_water = block;
    p->heap_end = p->stop = block + words;
    p->old_start = p->old_top = p->old_end = NULL;
    p->minor_gcs = 0;
    p->min_heap_words = words;
    p->offheap_first = NULL;
    p->offheap_bytes = 0;
    p->frags = NULL;
    p->frag_words = 0;
    return true;
}

struct offheap_bin *offheap_bin_new(size_t bytes) {
    struct offheap_bin *b = mem_malloc(sizeof *b + bytes);
    if (!b) return NULL;
    atomic_init(&b->refc, 1);
    b->size = bytes;
    atomic_fetch_add_explicit(&node_cur()->offheap_bytes, (int64_t)bytes, memory_order_relaxed);
    return b;
}

void offheap_bin_release(struct offheap_bin *b) {
    if (b && atomic_fetch_sub_explicit(&b->refc, 1, memory_order_acq_rel) == 1) {
        atomic_fetch_sub_explicit(&node_cur()->offheap_bytes, (int64_t)b->size, memory_order_relaxed);
        mem_free(b);
    }
}

void heap_add_frag(struct proc *p, struct msg *m) {
    atomic_store_explicit(&m->next, p->frags, memory_order_relaxed);
    p->frags = m;
    p->frag_words += m->words;
}

/* Free every fragment on p->frags (after a collection has copied what is
   live in them). Debug and stress builds poison them first, as from-space;
   the binary references are released here, as msg_free would. */
static void gc_free_frags(struct proc *p) {
    for (struct msg *m = p->frags; m;) {
        struct msg *next = atomic_load_explicit(&m->next, memory_order_relaxed);
#if defined(MOAT_GC_STRESS) || defined(MOAT_DEBUG)
        for (term *h = m->offheap; h;) {
            term *hn = (term *)(uintptr_t)h[3];
            offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
            h = hn;
        }
        m->offheap = NULL;
        memset(m->data, 0xAB, m->words * sizeof(term));
#endif
        msg_free(m);
        m = next;
    }
    p->frags = NULL;
    p->frag_words = 0;
}

void heap_destroy(struct proc *p) {
    gc_free_frags(p);
    for (term *h = p->offheap_first; h;) {
        term *next = (term *)(uintptr_t)h[3];
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        h = next;
    }
    p->offheap_first = NULL;
    p->offheap_bytes = 0;
    young_block_free(p->heap_start, (size_t)(p->heap_end - p->heap_start));
    mem_free(p->old_start);
    p->heap_start = p->htop = p->stop = p->heap_end = p->high_water = NULL;
    p->old_start = p->old_top = p->old_end = NULL;
}

size_t heap_used_words(const struct proc *p) {
    return (size_t)(p->htop - p->heap_start) + (size_t)(p->heap_end - p->stop) +
           (size_t)(p->old_top - p->old_start);
}

size_t heap_total_words(const struct proc *p) {
    return (size_t)(p->heap_end - p->heap_start) + (size_t)(p->old_end - p->old_start) + p->frag_words;
}

/* ---- where the fragments are ---------------------------------------- */

struct frag_range {
    const term *lo, *hi;
};

#define FRAG_INLINE 8
/* The ranges of the non-empty fragments on p->frags, sorted; lo/hi bound
   them all. Built in place (r may point to inline_r): never copied. */
struct frag_index {
    struct frag_range *r;
    size_t n;
    const term *lo, *hi;
    struct frag_range inline_r[FRAG_INLINE];
};

static const struct frag_index no_frags = {0};

static int frag_range_cmp(const void *a, const void *b) {
    uintptr_t x = (uintptr_t)((const struct frag_range *)a)->lo;
    uintptr_t y = (uintptr_t)((const struct frag_range *)b)->lo;
    return x < y ? -1 : x > y;
}

/* false (nothing allocated) if out of memory */
static bool frag_index_build(const struct proc *p, struct frag_index *fi) {
    size_t n = 0;
    const struct msg *m;
    for (m = p->frags; m; m = atomic_load_explicit(&m->next, memory_order_relaxed)) n += m->words > 0;
    fi->r = fi->inline_r;
    fi->n = 0;
    fi->lo = fi->hi = NULL;
    if (n > FRAG_INLINE && !(fi->r = mem_malloc(n * sizeof *fi->r))) return false;
    for (m = p->frags; m; m = atomic_load_explicit(&m->next, memory_order_relaxed)) {
        if (m->words == 0) continue;
        fi->r[fi->n].lo = m->data;
        fi->r[fi->n].hi = m->data + m->words;
        fi->n++;
    }
    if (n == 0) return true;
    /* frags is newest first, and an allocator often hands out rising
       addresses: try the reversed order before sorting; small sets get an
       insertion sort, only large unordered ones qsort */
    bool desc = true;
    for (size_t i = 1; i < n && desc; i++) desc = fi->r[i].lo < fi->r[i - 1].lo;
    if (desc) {
        for (size_t i = 0, j = n - 1; i < j; i++, j--) {
            struct frag_range t = fi->r[i];
            fi->r[i] = fi->r[j];
            fi->r[j] = t;
        }
    } else if (n > 4096) {
        qsort(fi->r, n, sizeof *fi->r, frag_range_cmp);
    } else {
        /* Shell sort (Ciura's gaps), comparisons inline: n is the messages
           taken since the last collection, usually tens */
        static const size_t gaps[] = {1750, 701, 301, 132, 57, 23, 10, 4, 1};
        for (size_t g = 0; g < sizeof gaps / sizeof gaps[0]; g++) {
            size_t gap = gaps[g];
            for (size_t i = gap; i < n; i++) {
                struct frag_range t = fi->r[i];
                size_t j = i;
                for (; j >= gap && fi->r[j - gap].lo > t.lo; j -= gap) fi->r[j] = fi->r[j - gap];
                fi->r[j] = t;
            }
        }
    }
    fi->lo = fi->r[0].lo;
    fi->hi = fi->r[n - 1].hi; /* fragments do not overlap */
    return true;
}

static void frag_index_free(struct frag_index *fi) {
    if (fi->r != fi->inline_r) mem_free(fi->r);
}

static inline bool frag_index_has(const struct frag_index *fi, const term *ptr) {
    if (ptr < fi->lo || ptr >= fi->hi) return false; /* also when empty */
    size_t a = 0, b = fi->n; /* the last range with lo <= ptr is in [a, b) */
    while (b - a > 1) {
        size_t mid = a + (b - a) / 2;
        if (fi->r[mid].lo <= ptr) a = mid;
        else b = mid;
    }
    return ptr < fi->r[a].hi;
}

/* ---- the copying machinery ------------------------------------------ */

struct gc {
    term *y_lo, *y_hi; /* young from-space: [heap_start, htop) */
    term *hw;          /* young objects below this go to pro_top */
    term *o_lo, *o_hi; /* old from-space (full sweep) or empty */
    term *dst_top, *dst_scan;
    term *pro_top, *pro_scan;
    struct proc *p;
    const struct frag_index *fi; /* fragments: from-space too */
    term **frag_young; /* where fragment objects met from roots and young
                          to-space go; NULL: leave them (a minor's pass 1) */
    term **frag_dst;   /* the same for what is being scanned now */
    unsigned frag_from; /* what is being scanned now: FROM_ROOTS or FROM_YOUNG */
    unsigned frag_seen; /* FROM_ bits: a fragment pointer was left alone there */
};

enum { FROM_ROOTS = 1, FROM_YOUNG = 2 };

/* A refc handle copied out of a fragment becomes the process's: the
   fragment's own reference goes with msg_free. */
static void gc_adopt_handle(struct gc *g, term *n) {
    struct offheap_bin *b = (struct offheap_bin *)(uintptr_t)n[2];
    atomic_fetch_add_explicit(&b->refc, 1, memory_order_relaxed);
    n[3] = (term)(uintptr_t)g->p->offheap_first;
    g->p->offheap_first = n;
    g->p->offheap_bytes += b->size;
}

/* Copy an object's words. Most are small tuples and conses' neighbours:
   moved inline rather than through a libc call per object. */
static inline void gc_copy_words(term *restrict to, const term *restrict from, size_t words) {
    switch (words) {
    case 4: to[3] = from[3]; /* fall through */
    case 3: to[2] = from[2]; /* fall through */
    case 2: to[1] = from[1]; /* fall through */
    case 1: to[0] = from[0]; return;
    default: memcpy(to, from, words * sizeof(term));
    }
}

/* The new location of t: copies its object if it is in from-space. */
static inline __attribute__((always_inline)) term gc_evac(struct gc *g, term t) {
    unsigned tag = (unsigned)(t & TAG_PRIMARY_MASK);
    if (tag == TAG_HEADER || tag == TAG_IMMED) return t;
    term *ptr = (term *)(uintptr_t)(t & ~(term)TAG_PRIMARY_MASK);
    term **dst;
    bool from_frag = false;
    if (ptr >= g->y_lo && ptr < g->y_hi) {
        dst = ptr < g->hw ? &g->pro_top : &g->dst_top;
    } else if (ptr >= g->o_lo && ptr < g->o_hi) {
        dst = &g->dst_top;
    } else if (frag_index_has(g->fi, ptr)) {
        if (!g->frag_dst) {
            g->frag_seen |= g->frag_from;
            return t;
        }
        dst = g->frag_dst;
        from_frag = true;
    } else {
        return t;
    }
    term *n = *dst;
    if (tag == TAG_LIST) {
        if (ptr[0] == TERM_NONE) return ptr[1];
        n[0] = ptr[0];
        n[1] = ptr[1];
        *dst = n + 2;
        ptr[0] = TERM_NONE;
        return ptr[1] = term_from_list_ptr(n);
    }
    term h = ptr[0];
    if (term_is_boxed(h)) return h; /* forwarded */
    size_t words = boxed_words(h);
    gc_copy_words(n, ptr, words);
    *dst = n + words;
    if (from_frag && header_sub(h) == SUB_REFC_BIN) gc_adopt_handle(g, n);
    return ptr[0] = term_from_boxed_ptr(n);
}

/* Which words of a boxed object are terms: [first, first + count). */
static inline void boxed_term_words(term h, size_t *first, size_t *count) {
    size_t arity = (size_t)header_arity(h);
    switch (header_sub(h)) {
    case SUB_TUPLE:
    case SUB_MAP:
    case SUB_HASHMAP:
        *first = 1, *count = arity;
        return;
    case SUB_FUN:
        *first = 2, *count = arity ? arity - 1 : 0;
        return;
    case SUB_SUB_BIN:
        *first = 3, *count = 1;
        return;
    case SUB_MATCH_CTX:
        *first = 1, *count = 1;
        return;
    default: /* numbers, refs, export funs, binaries, external ids: raw */
        *first = 0, *count = 0;
        return;
    }
}

/* Scan [*scan, *top) (which grows while we scan) to the end. */
static bool gc_scan_area(struct gc *g, term **scan, term **top) {
    term *s = *scan;
    if (s >= *top) return false;
    while (s < *top) {
        term w = *s;
        if (term_is_header(w)) {
            size_t first, count;
            boxed_term_words(w, &first, &count);
            for (size_t i = first; i < first + count; i++) s[i] = gc_evac(g, s[i]);
            s += boxed_words(w);
        } else {
            *s = gc_evac(g, w);
            s++;
        }
    }
    *scan = s;
    return true;
}

/* Fragment objects that promoted objects point to are promoted too. */
static void gc_scan(struct gc *g) {
    bool more = true;
    while (more) {
        g->frag_dst = g->frag_young;
        g->frag_from = FROM_YOUNG;
        more = gc_scan_area(g, &g->dst_scan, &g->dst_top);
        if (g->pro_top) {
            g->frag_dst = &g->pro_top;
            more |= gc_scan_area(g, &g->pro_scan, &g->pro_top);
        }
    }
}

/* Evacuate the roots. The stack has already been copied to new_stack. */
static void gc_roots(struct gc *g, struct proc *p, term *new_stack, term *new_end) {
    g->frag_dst = g->frag_young;
    g->frag_from = FROM_ROOTS;
    for (uint32_t i = 0; i < p->live; i++) p->x[i] = gc_evac(g, p->x[i]);
    for (term *s = new_stack; s < new_end; s++) *s = gc_evac(g, *s); /* CPs have tag 00 */
    p->dict = gc_evac(g, p->dict);
    p->exc_reason = gc_evac(g, p->exc_reason);
    p->exc_trace = gc_evac(g, p->exc_trace);
    p->exc_args = gc_evac(g, p->exc_args);
    p->exc_class = gc_evac(g, p->exc_class);
    /* queued messages copied into the heap when they arrived (vm/proc.c) */
    for (struct msg *m = p->mbox.first; m; m = atomic_load_explicit(&m->next, memory_order_relaxed))
        if (m->flags & MSG_ON_HEAP) m->payload = gc_evac(g, m->payload);
}

/* Rebuild the off-heap list after a collection: handles in from-space
   that were not copied are dead and release their binary. */
static void gc_sweep_offheap(struct gc *g, struct proc *p) {
    term *list = NULL;
    for (term *h = p->offheap_first; h;) {
        term *next = (term *)(uintptr_t)h[3];
        bool in_from = (h >= g->y_lo && h < g->y_hi) || (h >= g->o_lo && h < g->o_hi);
        term *keep = h;
        if (in_from) {
            if (term_is_boxed(h[0])) {
                keep = term_boxed_ptr(h[0]);
            } else {
                struct offheap_bin *b = (struct offheap_bin *)(uintptr_t)h[2];
                size_t bytes = b ? b->size : 0;
                p->offheap_bytes = p->offheap_bytes > bytes ? p->offheap_bytes - bytes : 0;
                offheap_bin_release(b);
                keep = NULL;
            }
        }
        if (keep) {
            keep[3] = (term)(uintptr_t)list;
            list = keep;
        }
        h = next;
    }
    p->offheap_first = list;
}

/* Debug and GC-stress builds overwrite from-space before freeing it, so
   a pointer the collector missed reads garbage at once. */
static void gc_poison(term *from, size_t words) {
#if defined(MOAT_GC_STRESS) || defined(MOAT_DEBUG)
    if (from) memset(from, 0xAB, words * sizeof(term));
#else
    (void)from, (void)words;
#endif
}

/* Copy the stack of p to the top of a new young block of `size` words. */
static term *gc_move_stack(struct proc *p, term *block, size_t size) {
    size_t stack = (size_t)(p->heap_end - p->stop);
    term *new_stop = block + size - stack;
    memmove(new_stop, p->stop, stack * sizeof(term));
    return new_stop;
}

/* Minor collection (or, with promote false, a plain copy of the young
   generation into a block of another size, which keeps the high-water
   split). The block is given. The passes are the header's: pass 1 copies
   what survived a collection (when promote, all that is young; else what
   is below high water), leaving fragment pointers (and pointers above
   high water) from roots and young objects alone; pass 2 copies what the
   young survivors reach in fragments; pass 3 what only roots reach. */
static void gc_minor_into(struct proc *p, term *block, size_t size, bool promote,
                          const struct frag_index *fi) {
    struct gc g = {0};
    g.p = p;
    g.fi = fi;
    g.y_lo = p->heap_start;
    g.y_hi = promote ? p->htop : p->high_water;
    g.hw = promote ? p->high_water : p->heap_start;
    g.dst_top = g.dst_scan = block;
    if (promote && p->high_water > p->heap_start) g.pro_top = g.pro_scan = p->old_top;
    term *new_stop = gc_move_stack(p, block, size);
    gc_roots(&g, p, new_stop, block + size);
    gc_scan(&g);
    g.frag_young = &g.dst_top;
    if (g.frag_seen & FROM_YOUNG) {
        term *scan = block, *end = g.dst_top;
        g.frag_dst = &g.dst_top;
        g.frag_from = FROM_YOUNG;
        gc_scan_area(&g, &scan, &end);
        gc_scan(&g);
    }
    term *aged_end = g.dst_top;
    if (g.y_hi < p->htop || (g.frag_seen & FROM_ROOTS)) {
        g.y_hi = p->htop;
        gc_roots(&g, p, new_stop, block + size);
        gc_scan(&g);
    }
    gc_sweep_offheap(&g, p);
    if (g.pro_top) p->old_top = g.pro_top;
    gc_poison(p->heap_start, (size_t)(p->heap_end - p->heap_start));
    young_block_free(p->heap_start, (size_t)(p->heap_end - p->heap_start));
    p->heap_start = block;
    p->htop = g.dst_top;
    p->high_water = aged_end;
    p->stop = new_stop;
    p->heap_end = block + size;
}

/* The young size a process with this much old data should have: big old
   generations get big young ones, so minors (and the full sweeps they
   lead to) stay rare relative to the data. */
static size_t young_target(const struct proc *p) {
    size_t t = (size_t)(p->old_top - p->old_start) / 4;
    /* the stack is moved and scanned at every minor: room to allocate a
       few times its size between two of them (deep recursion would
       otherwise collect every few hundred words) */
    size_t s = YOUNG_PER_STACK * (size_t)(p->heap_end - p->stop);
    if (t < s) t = s;
    if (t < p->min_heap_words) t = p->min_heap_words;
    /* a process that collects at all is doing work: a new one starts
       tiny (spawn sizes it to its arguments) but grows to a usual size */
    if (t < HEAP_GROWN_WORDS) t = HEAP_GROWN_WORDS;
    return heap_size_ge(t);
}

/* What the old block must have room for in a minor: the promotions and
   the fragment objects they may point to. */
static size_t promotion_worst(const struct proc *p) {
    size_t promotable = (size_t)(p->high_water - p->heap_start);
    return promotable ? promotable + p->frag_words : 0;
}

static bool gc_minor(struct proc *p, size_t need, const struct frag_index *fi) {
    size_t stack = (size_t)(p->heap_end - p->stop);
    size_t ysize = (size_t)(p->heap_end - p->heap_start);
    size_t promotable = (size_t)(p->high_water - p->heap_start);
    size_t worst = (size_t)(p->htop - p->high_water) + p->frag_words + stack + need;
    size_t target = young_target(p);
    size_t size = ysize > target ? ysize : target;
    if (size < worst) size = heap_size_ge(worst);
    term *old = NULL;
    size_t old_size = 0;
    if (promotable > 0 && !p->old_start) {
        old_size = heap_size_ge(2 * promotable + ysize + p->frag_words); /* >= promotion_worst */
        old = mem_malloc(old_size * sizeof(term));
        if (!old) return false;
    }
    term *block = young_block_new(&size);
    if (!block) {
        mem_free(old);
        return false;
    }
    if (old) {
        p->old_start = p->old_top = old;
        p->old_end = old + old_size;
    }
    gc_minor_into(p, block, size, true, fi);
    p->minor_gcs++;

    /* resize the young block if the survivors fill most of it, or if it is
       far larger than both they and the target need (hysteresis: no
       back-and-forth between two sizes) */
    size_t want = (size_t)(p->htop - p->heap_start) + stack + need;
    target = young_target(p);
    size_t resize = 0;
    if (want * 4 > size * 3) {
        resize = heap_size_ge(2 * want);
    } else if (size > 8 * (want > target ? want : target)) {
        resize = heap_size_ge(2 * want > target ? 2 * want : target);
        if (resize >= size) resize = 0;
    }
    if (resize) {
        term *nb = young_block_new(&resize);
        if (nb) gc_minor_into(p, nb, resize, false, &no_frags);
    }
    return true;
}

/* Copy every live object of the young and old generations into the
   block `old` of old_size words; the young block `young` (ysize words,
   possibly the current one: its heap part is all garbage afterwards)
   gets the stack only. */
static void gc_full_into(struct proc *p, term *old, size_t old_size, term *young, size_t ysize,
                         const struct frag_index *fi) {
    struct gc g = {0};
    g.p = p;
    g.fi = fi;
    g.frag_young = &g.dst_top;
    g.y_lo = p->heap_start;
    g.y_hi = p->htop;
    g.hw = p->heap_start;
    g.o_lo = p->old_start;
    g.o_hi = p->old_top;
    g.dst_top = g.dst_scan = old;
    term *new_stop = gc_move_stack(p, young, ysize);
    gc_roots(&g, p, new_stop, young + ysize);
    gc_scan(&g);
    gc_sweep_offheap(&g, p);
    if (young != p->heap_start) {
        gc_poison(p->heap_start, (size_t)(p->heap_end - p->heap_start));
        young_block_free(p->heap_start, (size_t)(p->heap_end - p->heap_start));
    } else {
        gc_poison(p->heap_start, (size_t)(p->htop - p->heap_start));
    }
    gc_poison(p->old_start, (size_t)(p->old_end - p->old_start));
    mem_free(p->old_start);
    p->heap_start = p->htop = p->high_water = young;
    p->stop = new_stop;
    p->heap_end = young + ysize;
    p->old_start = old;
    p->old_top = g.dst_top;
    p->old_end = old + old_size;
}

/* Give an empty young heap (htop == heap_start: right after a full
   sweep) a block of `size` words. Only the stack moves, and nothing
   points into the stack. Keeps the current block if mi_malloc fails. */
static void young_resize_empty(struct proc *p, size_t size) {
    term *block = young_block_new(&size);
    if (!block) return;
    term *new_stop = gc_move_stack(p, block, size);
    gc_poison(p->heap_start, (size_t)(p->heap_end - p->heap_start));
    young_block_free(p->heap_start, (size_t)(p->heap_end - p->heap_start));
    p->heap_start = p->htop = p->high_water = block;
    p->stop = new_stop;
    p->heap_end = block + size;
}

static size_t max_size(size_t a, size_t b) { return a > b ? a : b; }

static bool gc_full(struct proc *p, size_t need, const struct frag_index *fi) {
    size_t stack = (size_t)(p->heap_end - p->stop);
    size_t ysize = (size_t)(p->heap_end - p->heap_start);
    size_t worst = (size_t)(p->htop - p->heap_start) + (size_t)(p->old_top - p->old_start) + p->frag_words;
    /* the young block only has to hold the stack and the request: keep
       the current one when it can (no allocation), else a new one */
    size_t ymin = stack + need + HEAP_MIN_WORDS;
    size_t ynew = ysize >= ymin ? ysize : heap_size_ge(max_size(ymin, p->min_heap_words));
    /* the new old block: room for everything that may survive and for the
       promotions after it; how much is live is known only afterwards,
       when its end is set (the tail never touched costs no memory) */
    size_t osize = heap_size_ge(worst + ynew);
    term *young = ynew == ysize ? p->heap_start : young_block_new(&ynew);
    term *old = young ? mem_malloc(osize * sizeof(term)) : NULL;
    if (!old) {
        if (young != p->heap_start) young_block_free(young, ynew);
        return false;
    }
    gc_full_into(p, old, osize, young, ynew, fi);
    p->minor_gcs = 0;

    /* now that the live data is known: the young size it calls for */
    size_t ywant = max_size(young_target(p), heap_size_ge(2 * (stack + need)));
    if (ynew > 2 * ywant || 2 * ynew < ywant) young_resize_empty(p, ywant);
    ynew = (size_t)(p->heap_end - p->heap_start);

    size_t live = (size_t)(p->old_top - p->old_start);
    if (live == 0) {
        mem_free(p->old_start);
        p->old_start = p->old_top = p->old_end = NULL;
        return true;
    }
    /* the old block should hold the live data twice over plus a young
       generation of promotions (the next sweep comes after as much
       promotion as it holds): end it there when that fits, else (the
       young block grew, or far less is live) copy it once more. Young is
       empty, so this copies old only. */
    size_t want = heap_size_ge(2 * live + ynew);
    if (want <= osize && 4 * want >= osize) {
        p->old_end = p->old_start + want;
    } else {
        term *nb = mem_malloc(want * sizeof(term));
        if (nb) gc_full_into(p, nb, want, p->heap_start, ynew, &no_frags);
    }
    return true;
}

static bool gc_collect(struct proc *p, size_t need, bool major) {
    size_t stack = (size_t)(p->heap_end - p->stop);
    if (need > HEAP_MAX_REQUEST) return false; /* no size arithmetic overflows below this */
    if (p->max_heap_words && need + stack > p->max_heap_words) return false;
    size_t ysize = (size_t)(p->heap_end - p->heap_start);
    size_t old_used = (size_t)(p->old_top - p->old_start);
    bool full = major || (p->old_start && (size_t)(p->old_end - p->old_top) < promotion_worst(p));
    if (p->minor_gcs >= FULLSWEEP_AFTER && old_used > 0 && (size_t)p->minor_gcs * ysize >= old_used) full = true;
    struct frag_index fi;
    if (!frag_index_build(p, &fi)) return false;
    size_t used_before = heap_used_words(p) + p->frag_words;
    bool ok = full ? gc_full(p, need, &fi) : gc_minor(p, need, &fi);
    struct node_stats *st = &node_cur()->stats;
    atomic_fetch_add_explicit(&st->gcs, 1, memory_order_relaxed);
    size_t used_after = heap_used_words(p);
    if (ok && used_before > used_after)
        atomic_fetch_add_explicit(&st->gc_reclaimed_words, used_before - used_after, memory_order_relaxed);
    frag_index_free(&fi);
    if (!ok) return false;
    gc_free_frags(p); /* nothing points into them any more */
    if ((size_t)(p->stop - p->htop) < need) return false;
    if (p->max_heap_words && heap_total_words(p) > p->max_heap_words) {
        /* a full sweep may get under the limit when a minor did not */
        if (full || !gc_full(p, need, &no_frags) || heap_total_words(p) > p->max_heap_words) return false;
    }
    return true;
}

bool heap_gc(struct proc *p, size_t need) { return gc_collect(p, need, false); }

bool heap_gc_major(struct proc *p, size_t need) { return gc_collect(p, need, true); }

bool heap_gc_forced(struct proc *p, size_t need) {
    uint32_t minors = p->minor_gcs;
    if (!heap_gc(p, need)) return false;
    if (p->minor_gcs == minors + 1) p->minor_gcs = minors;
    return true;
}

/* ---- copying terms out of a heap ------------------------------------ */

/* An explicit stack of terms still to visit (term_size). */
struct tstack {
    term *items;
    size_t len, cap;
    term inline_items[64];
    bool failed;
};

static void tstack_grow_push(struct tstack *s, term t);

/* Only terms that point somewhere are worth visiting. */
static inline void tstack_push(struct tstack *s, term t) {
    if (term_is_immed(t)) return;
    if (s->len == s->cap) {
        tstack_grow_push(s, t);
        return;
    }
    s->items[s->len++] = t;
}

static void tstack_grow_push(struct tstack *s, term t) {
    size_t cap = s->cap * 2;
    term *n = s->items == s->inline_items ? mem_malloc(cap * sizeof(term)) : mem_realloc(s->items, cap * sizeof(term));
    if (!n) {
        s->failed = true;
        return;
    }
    if (s->items == s->inline_items) memcpy(n, s->inline_items, sizeof s->inline_items);
    s->items = n;
    s->cap = cap;
    s->items[s->len++] = t;
}

/* Words of the object t points at, not counting what it refers to;
   pushes the terms it refers to (the last one is returned in *next). */
static size_t size_one(term t, struct tstack *s, term *next) {
    *next = TERM_NONE;
    if (term_is_list(t)) {
        tstack_push(s, CAR(t));
        *next = CDR(t);
        return CONS_WORDS;
    }
    if (!term_is_boxed(t)) return 0;
    term *ptr = term_boxed_ptr(t);
    size_t first, count;
    boxed_term_words(ptr[0], &first, &count);
    for (size_t i = first; i + 1 < first + count; i++) tstack_push(s, ptr[i]);
    if (count) *next = ptr[first + count - 1];
    return boxed_words(ptr[0]);
}

size_t term_size(term t) {
    if (term_is_immed(t)) return 0;
    struct tstack s; /* inline_items is not cleared: only pushed slots are read */
    s.items = s.inline_items;
    s.len = 0;
    s.cap = sizeof s.inline_items / sizeof(term);
    s.failed = false;
    size_t words = 0;
    tstack_push(&s, t);
    while (s.len > 0 && !s.failed) {
        term cur = s.items[--s.len];
        while (cur != TERM_NONE && !term_is_immed(cur)) words += size_one(cur, &s, &cur);
    }
    if (s.items != s.inline_items) mem_free(s.items);
    return s.failed ? SIZE_MAX : words;
}

/* Copy the boxed object of t (one level) to *top; returns the new term. */
static term copy_boxed(term t, term **top, term **offheap) {
    term *n = *top;
    term *ptr = term_boxed_ptr(t);
    size_t words = boxed_words(ptr[0]);
    memcpy(n, ptr, words * sizeof(term));
    *top = n + words;
    if (header_sub(ptr[0]) == SUB_REFC_BIN) {
        struct offheap_bin *b = (struct offheap_bin *)(uintptr_t)n[2];
        atomic_fetch_add_explicit(&b->refc, 1, memory_order_relaxed);
        n[3] = (term)(uintptr_t)*offheap;
        *offheap = n;
    }
    return term_from_boxed_ptr(n);
}

/* Copy the object of t (one level) to *top, or return an immediate. */
static inline term copy_ref(term t, term **top, term **offheap) {
    if (term_is_list(t)) {
        term *n = *top;
        n[0] = CAR(t);
        n[1] = CDR(t);
        *top = n + 2;
        return term_from_list_ptr(n);
    }
    return term_is_boxed(t) ? copy_boxed(t, top, offheap) : t;
}

/* Cheney over the destination: every pointer met while scanning the
   copied words is to a source object, copied anew (no sharing kept). */
term term_copy(term t, term **hp, term **offheap) {
    term *start = *hp, *top = *hp;
    term result = copy_ref(t, &top, offheap);
    for (term *s = start; s < top;) {
        term w = *s;
        if (term_is_header(w)) {
            size_t first, count;
            boxed_term_words(w, &first, &count);
            for (size_t i = first; i < first + count; i++) s[i] = copy_ref(s[i], &top, offheap);
            s += boxed_words(w);
        } else {
            *s = copy_ref(w, &top, offheap);
            s++;
        }
    }
    *hp = top;
    return result;
}

/* ---- checking the invariants ---------------------------------------- */

/* t may live in: the used young heap, the used old heap, or outside both
   blocks (literals, fragments; but an old object never points into a
   fragment on p->frags). Never in the free parts nor on the stack. */
static bool check_ref(const struct proc *p, const struct frag_index *fi, term t, bool from_old) {
    unsigned tag = (unsigned)(t & TAG_PRIMARY_MASK);
    if (tag == TAG_IMMED) return true;
    if (tag == TAG_HEADER) return false;
    const term *ptr = (const term *)(uintptr_t)(t & ~(term)TAG_PRIMARY_MASK);
    if (ptr >= p->heap_start && ptr < p->heap_end) return !from_old && ptr < p->htop;
    if (ptr >= p->old_start && ptr < p->old_end) return ptr < p->old_top;
    return !from_old || !frag_index_has(fi, ptr);
}

static bool check_old_block(const struct proc *p, const struct frag_index *fi) {
    for (const term *s = p->old_start; s < p->old_top;) {
        term w = *s;
        if (!term_is_header(w)) { /* a cons */
            if (s + 2 > p->old_top || !check_ref(p, fi, s[0], true) || !check_ref(p, fi, s[1], true)) return false;
            s += 2;
            continue;
        }
        size_t words = boxed_words(w), first, count;
        if (s + words > p->old_top) return false;
        boxed_term_words(w, &first, &count);
        for (size_t i = first; i < first + count; i++)
            if (!check_ref(p, fi, s[i], true)) return false;
        s += words;
    }
    return true;
}

static bool check_frag_words(const struct proc *p) {
    size_t words = 0;
    for (const struct msg *m = p->frags; m; m = atomic_load_explicit(&m->next, memory_order_relaxed))
        words += m->words;
    return words == p->frag_words;
}

bool heap_check(const struct proc *p) {
    if (!(p->heap_start <= p->high_water && p->high_water <= p->htop && p->htop <= p->stop &&
          p->stop <= p->heap_end))
        return false;
    if (!(p->old_start <= p->old_top && p->old_top <= p->old_end)) return false;
    if (!check_frag_words(p)) return false;
    const struct frag_index *fi = &no_frags;
    for (uint32_t i = 0; i < p->live; i++)
        if (!check_ref(p, fi, p->x[i], false)) return false;
    for (const term *s = p->stop; s < p->heap_end; s++)
        if (!term_is_header(*s) && !check_ref(p, fi, *s, false)) return false; /* CPs have tag 00 */
    if (!check_ref(p, fi, p->dict, false)) return false;
    const term exc[] = {p->exc_reason, p->exc_trace, p->exc_args};
    for (size_t i = 0; i < 3; i++)
        if (exc[i] != TERM_NONE && !check_ref(p, fi, exc[i], false)) return false;
    /* out of memory for the index: the old block is checked without it */
    struct frag_index built;
    bool have = frag_index_build(p, &built);
    bool ok = check_old_block(p, have ? &built : &no_frags);
    if (have) frag_index_free(&built);
    return ok;
}
