/*
 * Unit tests of the heaps and the collector (vm/heap.c), and of term_size
 * / term_copy, on hand-made processes: roots are put in x registers and
 * on hand-built stack frames, collections are forced, and the terms are
 * checked afterwards.
 *
 * Message fragments (p->frags): messages are made as vm_send makes them
 * (term_size, msg_alloc, term_copy), consumed with heap_add_frag, and
 * compared after collections with an independent copy kept outside the
 * heap.
 *
 * TEMPORARY: the weak bin_view at the end stands in for vm/bits.c until
 * it exists (a real definition wins).
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <stdatomic.h>
#include <string.h>

#include "atom.h"
#include "bits.h"
#include "compare.h"
#include "heap.h"
#include "mailbox.h"
#include "node.h"

#ifdef MOAT_GC_STRESS
#define SCALE 10 /* every heap check collects: keep sizes small */
#else
#define SCALE 1
#endif

static struct proc *mkproc(void) {
    struct proc *p = mi_zalloc(sizeof *p);
    cr_assert(p && heap_init(p, HEAP_MIN_WORDS));
    p->x = mi_zalloc(X_REGS * sizeof(term));
    p->dict = p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
    p->exc_args = TERM_NONE;
    return p;
}

static void freeproc(struct proc *p) {
    heap_destroy(p);
    mi_free(p->x);
    mi_free(p);
}

static term *alloc(struct proc *p, size_t words) {
    cr_assert(heap_ensure_free(p, words));
    return heap_take(p, words);
}

static bool in_young(struct proc *p, term t) {
    term *ptr = (term *)(uintptr_t)(t & ~(term)3);
    return ptr >= p->heap_start && ptr < p->htop;
}
static bool in_old(struct proc *p, term t) {
    term *ptr = (term *)(uintptr_t)(t & ~(term)3);
    return ptr >= p->old_start && ptr < p->old_top;
}

/* heap_check also makes the linker take vm/heap.o from libmoat: nothing
   else of it is missing once another test file defines weak stand-ins
   for the rest (an archive member is not pulled in to replace a weak
   definition, so without this the stand-ins were tested instead). */
static void gc(struct proc *p) {
    cr_assert(heap_gc(p, 0));
    cr_assert(heap_check(p));
}

/* x[slot] = [N-1, ..., 1, 0] built by consing one cell at a time */
static void build_list(struct proc *p, unsigned slot, int64_t n) {
    p->x[slot] = TERM_NIL;
    p->live = slot + 1;
    for (int64_t i = 0; i < n; i++) {
        term *hp = alloc(p, 2);
        p->x[slot] = cons_store(hp, term_from_small(i), p->x[slot]);
    }
}

static void check_list(term l, int64_t n) {
    for (int64_t i = n - 1; i >= 0; i--) {
        cr_assert(term_is_list(l));
        cr_assert_eq(CAR(l), term_from_small(i));
        l = CDR(l);
    }
    cr_assert_eq(l, TERM_NIL);
}

Test(heap, million_element_list_survives_many_gcs) {
    struct proc *p = mkproc();
    int64_t n = 1000000 / SCALE;
    build_list(p, 0, n);
    check_list(p->x[0], n);
    for (int i = 0; i < 30; i++) gc(p);
    check_list(p->x[0], n);
    cr_assert_geq(heap_used_words(p), (size_t)(2 * n));
    freeproc(p);
}

Test(heap, garbage_is_dropped_and_heap_shrinks) {
    struct proc *p = mkproc();
    build_list(p, 0, 200000 / SCALE);
    size_t big = heap_total_words(p);
    p->x[0] = TERM_NIL;
    for (int i = 0; i < 1000 && heap_used_words(p) >= 1000; i++) gc(p);
    cr_assert_lt(heap_used_words(p), 1000);
    cr_assert_lt(heap_total_words(p), big / 10);
    freeproc(p);
}

Test(heap, promotion_then_full_sweep) {
    struct proc *p = mkproc();
    p->live = 1;
    term *hp = alloc(p, 3);
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = term_from_small(7);
    hp[2] = AM(ok);
    p->x[0] = term_from_boxed_ptr(hp);
    gc(p); /* survives once: still young, now below high water */
    cr_assert(in_young(p, p->x[0]));
    gc(p); /* survives twice: promoted */
    cr_assert(in_old(p, p->x[0]));
    /* the old generation is now collected only by a full sweep, which
       resets minor_gcs (proc.h: minors since the last full sweep). The
       old block's address would not tell: the allocator may reuse it. */
    cr_assert_gt(p->minor_gcs, 0);
    bool swept = false;
    for (int i = 0; i < 100 && !swept; i++) {
        gc(p);
        swept = p->minor_gcs == 0;
    }
    cr_assert(swept, "no full sweep happened");
    cr_assert(in_old(p, p->x[0]));
    cr_assert_eq(tuple_elems(p->x[0])[0], term_from_small(7));
    cr_assert_eq(tuple_elems(p->x[0])[1], AM(ok));
    freeproc(p);
}

Test(heap, old_garbage_is_reclaimed_by_full_sweep) {
    struct proc *p = mkproc();
    build_list(p, 0, 100000 / SCALE);
    gc(p);
    gc(p);
    size_t used = heap_used_words(p);
    cr_assert_geq(used, 200000 / SCALE);
    p->x[0] = TERM_NIL;
    for (int i = 0; i < 1000 && heap_used_words(p) >= 1000; i++) gc(p);
    cr_assert_lt(heap_used_words(p), 1000);
    freeproc(p);
}

/* erlang:garbage_collect: a full sweep whatever the policy; the new old
   block is sized once for what is live (twice it, plus room for a young
   generation of promotions), and shrinks when the live data does. */
Test(heap, major_sweep_sizes_the_old_block_for_the_live_data) {
    struct proc *p = mkproc();
    int64_t n = 200000 / SCALE;
    build_list(p, 0, n);
    build_list(p, 1, n); /* x0 and x1 live */
    cr_assert(heap_gc_major(p, 0));
    cr_assert(heap_check(p));
    cr_assert_eq(p->minor_gcs, 0);
    size_t live = (size_t)(p->old_top - p->old_start), young = (size_t)(p->heap_end - p->heap_start);
    cr_assert_geq(live, (size_t)(4 * n));
    cr_assert_eq((size_t)(p->htop - p->heap_start), 0);
    cr_assert_geq((size_t)(p->old_end - p->old_top), young);
    cr_assert_leq((size_t)(p->old_end - p->old_start), 4 * (2 * live + young));
    check_list(p->x[0], n);
    check_list(p->x[1], n);
    size_t big = heap_total_words(p);
    p->live = 1; /* x1 dropped */
    cr_assert(heap_gc_major(p, 0));
    cr_assert(heap_check(p));
    check_list(p->x[0], n);
    cr_assert_lt((size_t)(p->old_top - p->old_start), live * 3 / 4);
    cr_assert_lt(heap_total_words(p), big * 3 / 4);
    /* the old block keeps working: promotions, minors and sweeps */
    for (int i = 0; i < 60; i++) {
        build_list(p, 1, 1000);
        gc(p);
        check_list(p->x[1], 1000);
    }
    check_list(p->x[0], n);
    freeproc(p);
}

/* Deep recursion: every minor moves and scans the whole stack, so the
   young block leaves room to allocate several times the stack between
   two of them (else a process 500 frames deep collected every few
   hundred words). The frames survive intact. */
Test(heap, young_block_grows_with_a_deep_stack) {
    struct proc *p = mkproc();
    static const uint64_t code[2] __attribute__((aligned(8))) = {0};
    term cp = (term)(uintptr_t)&code[1];
    build_list(p, 0, 10);
    const int frames = 2000 / SCALE;
    for (int i = 0; i < frames; i++) { /* [CP, y0 = i, y1 = the list] */
        cr_assert(heap_ensure_free(p, 3));
        p->stop -= 3;
        p->stop[0] = cp;
        p->stop[1] = term_from_small(i);
        p->stop[2] = p->x[0];
    }
    size_t stack = (size_t)(p->heap_end - p->stop);
    cr_assert_eq(stack, (size_t)(3 * frames));
    unsigned before = p->minor_gcs;
    for (int i = 0; i < 10; i++) {
        build_list(p, 1, 100); /* garbage: 200 words each */
        p->live = 1;
    }
    gc(p);
    cr_assert_geq((size_t)(p->stop - p->htop), 4 * stack);
    /* now 2,000 words of garbage take at most one more collection */
    before = p->minor_gcs;
    for (int i = 0; i < 10; i++) {
        build_list(p, 1, 100);
        p->live = 1;
    }
    cr_assert_leq(p->minor_gcs - before, 1);
    for (int i = 0; i < frames; i++) {
        term *f = p->heap_end - 3 * (size_t)(i + 1);
        cr_assert_eq(f[0], cp);
        cr_assert_eq(f[1], term_from_small(i));
        cr_assert_eq(f[2], p->x[0]);
    }
    check_list(p->x[0], 10);
    freeproc(p);
}

Test(heap, hundred_megabytes_live) {
    struct proc *p = mkproc();
    /* [{I, <<48 bytes>>} | ...]: 2 + 3 + 8 = 13 words = 104 bytes each */
    int64_t n = 1000000 / SCALE;
    p->x[0] = TERM_NIL;
    p->live = 1;
    for (int64_t i = 0; i < n; i++) {
        term *hp = alloc(p, 13);
        term *bin = hp + 5;
        bin[0] = make_header(SUB_HEAP_BIN, HEAP_BIN_WORDS(48) - 1);
        bin[1] = 48;
        memset(bin + 2, (int)(i & 0xFF), 48);
        hp[2] = make_header(SUB_TUPLE, 2);
        hp[3] = term_from_small(i);
        hp[4] = term_from_boxed_ptr(bin);
        p->x[0] = cons_store(hp, term_from_boxed_ptr(hp + 2), p->x[0]);
    }
    gc(p);
    term l = p->x[0];
    for (int64_t i = n - 1; i >= 0; i--) {
        term t = CAR(l);
        cr_assert_eq(tuple_elems(t)[0], term_from_small(i));
        term *bin = term_boxed_ptr(tuple_elems(t)[1]);
        cr_assert_eq(bin[1], 48);
        uint8_t *bytes = (uint8_t *)(bin + 2);
        cr_assert(bytes[0] == (uint8_t)(i & 0xFF) && bytes[47] == (uint8_t)(i & 0xFF));
        l = CDR(l);
    }
    cr_assert_eq(l, TERM_NIL);
    cr_assert_geq(heap_used_words(p) * 8, (size_t)(n * 104));
    freeproc(p);
}

/* A frame as the allocate instruction makes it: CP, then y slots. */
Test(heap, roots_on_the_stack_and_in_x_registers) {
    struct proc *p = mkproc();
    static const uint64_t code[4] __attribute__((aligned(8))) = {0};
    term cp = (term)(uintptr_t)&code[1]; /* an 8-aligned address: tag 00 */
    term catch_marker = term_from_catch(&code[2]);
    build_list(p, 0, 1000);
    /* two frames: [CP, y0, y1] [CP, y0 = catch] */
    cr_assert(heap_ensure_free(p, 5));
    p->stop -= 3;
    p->stop[0] = cp;
    p->stop[1] = p->x[0];
    p->stop[2] = AM(undefined);
    p->stop -= 2;
    p->stop[0] = cp;
    p->stop[1] = catch_marker;
    /* the same tuple from x1, the stack and the dictionary */
    p->live = 2;
    term *hp = alloc(p, 3);
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = term_from_small(1);
    hp[2] = p->x[0];
    p->x[1] = term_from_boxed_ptr(hp);
    p->stop[3 + 1] = p->x[1]; /* y1 of the outer frame */
    p->dict = p->x[1];
    for (int i = 0; i < 25; i++) {
        gc(p);
        cr_assert_eq(p->stop[0], cp);
        cr_assert_eq(p->stop[1], catch_marker);
        cr_assert_eq(p->stop[2], cp);
        check_list(p->stop[3], 1000);
        cr_assert_eq(p->stop[4], p->x[1], "sharing between roots is kept");
        cr_assert_eq(p->dict, p->x[1]);
        cr_assert_eq(tuple_elems(p->x[1])[1], p->x[0]);
        cr_assert_eq(p->stop[3], p->x[0]);
    }
    freeproc(p);
}

/* a refc binary with one extra reference held by the test */
static struct offheap_bin *new_offheap(size_t size) {
    struct offheap_bin *b = mi_malloc(sizeof *b + size);
    atomic_store(&b->refc, 2);
    b->size = size;
    memset(b->data, 0x5A, size);
    return b;
}

static term put_refc(struct proc *p, term *hp, struct offheap_bin *b) {
    hp[0] = make_header(SUB_REFC_BIN, 3);
    hp[1] = b->size;
    hp[2] = (term)(uintptr_t)b;
    hp[3] = (term)(uintptr_t)p->offheap_first;
    p->offheap_first = hp;
    p->offheap_bytes += b->size;
    return term_from_boxed_ptr(hp);
}

static size_t offheap_count(struct proc *p) {
    size_t n = 0;
    for (term *h = p->offheap_first; h; h = (term *)(uintptr_t)h[3]) n++;
    return n;
}

Test(heap, refc_binaries_released_exactly_once) {
    struct proc *p = mkproc();
    struct offheap_bin *b1 = new_offheap(1000), *b2 = new_offheap(2000), *b3 = new_offheap(3000);
    p->live = 3;
    /* one allocation: under GC stress each one collects, and b2 must still
       be young (above high water) when it is dropped below */
    term *hp = alloc(p, 3 * PROCBIN_WORDS);
    p->x[0] = put_refc(p, hp, b1);
    p->x[1] = put_refc(p, hp + PROCBIN_WORDS, b2);
    p->x[2] = put_refc(p, hp + 2 * PROCBIN_WORDS, b3);
    cr_assert_eq(offheap_count(p), 3);
    gc(p);
    cr_assert_eq(atomic_load(&b1->refc), 2);
    p->x[1] = TERM_NIL; /* b2 unreachable while young */
    gc(p);
    cr_assert_eq(atomic_load(&b2->refc), 1);
    cr_assert_eq(atomic_load(&b1->refc), 2);
    cr_assert_eq(offheap_count(p), 2);
    gc(p); /* b1, b3 promoted */
    cr_assert(in_old(p, p->x[0]));
    p->x[0] = TERM_NIL; /* b1 unreachable on the old heap: freed at a full sweep */
    for (int i = 0; i < 100 && atomic_load(&b1->refc) == 2; i++) gc(p);
    cr_assert_eq(atomic_load(&b1->refc), 1);
    for (int i = 0; i < 50; i++) gc(p);
    cr_assert_eq(atomic_load(&b1->refc), 1);
    cr_assert_eq(atomic_load(&b2->refc), 1);
    cr_assert_eq(atomic_load(&b3->refc), 2);
    cr_assert_eq(offheap_count(p), 1);
    cr_assert_eq(term_boxed_ptr(p->x[2])[2], (term)(uintptr_t)b3);
    cr_assert_eq(p->offheap_bytes, 3000);
    freeproc(p); /* releases b3's heap reference */
    cr_assert_eq(atomic_load(&b3->refc), 1);
    mi_free(b1), mi_free(b2), mi_free(b3);
}

/* erlang:memory(binary) is the node's count: a binary dropped on the old
   heap gives its bytes back at erlang:garbage_collect (heap_gc_major),
   not at some later collection (tests/erl/proc_heap_grow_shrink.erl
   checks what erl also guarantees: the process's own references) */
static int64_t node_binary_bytes(void) { return atomic_load(&node_cur()->offheap_bytes); }

Test(heap, major_sweep_gives_dropped_binaries_bytes_back_to_the_node) {
    struct proc *p = mkproc();
    int64_t before = node_binary_bytes();
    struct offheap_bin *keep = offheap_bin_new(1000), *drop = offheap_bin_new(100000);
    cr_assert(keep && drop);
    p->live = 2;
    term *hp = alloc(p, 2 * PROCBIN_WORDS);
    p->x[0] = put_refc(p, hp, keep); /* the handles own the references */
    p->x[1] = put_refc(p, hp + PROCBIN_WORDS, drop);
    gc(p);
    gc(p); /* promoted */
    cr_assert(in_old(p, p->x[1]));
    cr_assert_eq(node_binary_bytes() - before, 101000);
    p->x[1] = TERM_NIL;
    cr_assert(heap_gc_major(p, 0));
    cr_assert_eq(node_binary_bytes() - before, 1000);
    cr_assert_eq(p->offheap_bytes, 1000);
    freeproc(p);
    cr_assert_eq(node_binary_bytes(), before);
}

struct fun_entry;
Test(heap, every_object_kind) {
    struct proc *p = mkproc();
    static uint64_t fake_entry[8] __attribute__((aligned(8)));
    struct offheap_bin *ob = new_offheap(100);
    p->live = 12;
    term *hp;
    hp = alloc(p, BIG_WORDS(2)); /* bignum 2^64 + 5 */
    hp[0] = make_header(SUB_POS_BIG, 2); hp[1] = 5; hp[2] = 1;
    p->x[0] = term_from_boxed_ptr(hp);
    p->x[1] = float_store(alloc(p, FLOAT_WORDS), 3.25);
    hp = alloc(p, REF_WORDS);
    hp[0] = make_header(SUB_REF, 2); hp[1] = 0x123456789ull; hp[2] = 42;
    p->x[2] = term_from_boxed_ptr(hp);
    hp = alloc(p, FUN_WORDS(2));
    hp[0] = make_header(SUB_FUN, 3); hp[1] = (term)(uintptr_t)fake_entry; hp[2] = p->x[0]; hp[3] = AM(ok);
    p->x[3] = term_from_boxed_ptr(hp);
    hp = alloc(p, EXPORT_FUN_WORDS);
    hp[0] = make_header(SUB_EXPORT, 1); hp[1] = (term)(uintptr_t)fake_entry;
    p->x[4] = term_from_boxed_ptr(hp);
    hp = alloc(p, HEAP_BIN_WORDS(11));
    hp[0] = make_header(SUB_HEAP_BIN, HEAP_BIN_WORDS(11) - 1); hp[1] = 11;
    memcpy(hp + 2, "hello world", 11);
    p->x[5] = term_from_boxed_ptr(hp);
    p->x[6] = put_refc(p, alloc(p, PROCBIN_WORDS), ob);
    hp = alloc(p, SUBBIN_WORDS); /* bits 4..60 of the heap binary */
    hp[0] = make_header(SUB_SUB_BIN, 3); hp[1] = 56; hp[2] = 4; hp[3] = p->x[5];
    p->x[7] = term_from_boxed_ptr(hp);
    hp = alloc(p, TUPLE_WORDS(2) + MAP_WORDS(2)); /* #{a => Big, b => Float} */
    hp[0] = make_header(SUB_TUPLE, 2); hp[1] = term_from_atom(ATOM_badarg); hp[2] = term_from_atom(ATOM_badarith);
    hp[3] = make_header(SUB_MAP, 3); hp[4] = term_from_boxed_ptr(hp); hp[5] = p->x[0]; hp[6] = p->x[1];
    p->x[8] = term_from_boxed_ptr(hp + 3);
    hp = alloc(p, MATCH_CTX_WORDS);
    hp[0] = make_header(SUB_MATCH_CTX, 3); hp[1] = p->x[6]; hp[2] = 8; hp[3] = 800;
    p->x[9] = term_from_boxed_ptr(hp);
    hp = alloc(p, TUPLE_WORDS(0));
    hp[0] = make_header(SUB_TUPLE, 0);
    p->x[10] = term_from_boxed_ptr(hp);
    p->x[11] = term_from_pid(77);
    for (int round = 0; round < 60; round++) {
        gc(p);
        cr_assert(big_size(p->x[0]) == 2 && big_limbs(p->x[0])[0] == 5 && big_limbs(p->x[0])[1] == 1);
        cr_assert(float_value(p->x[1]) == 3.25);
        cr_assert(term_boxed_ptr(p->x[2])[1] == 0x123456789ull && term_boxed_ptr(p->x[2])[2] == 42);
        cr_assert(fun_entry_of(p->x[3]) == (struct fun_entry *)fake_entry);
        cr_assert_eq(fun_free(p->x[3])[0], p->x[0]);
        cr_assert_eq(fun_free(p->x[3])[1], AM(ok));
        cr_assert(export_of(p->x[4]) == (struct export_entry *)fake_entry);
        cr_assert(memcmp(term_boxed_ptr(p->x[5]) + 2, "hello world", 11) == 0);
        cr_assert_eq(term_boxed_ptr(p->x[6])[2], (term)(uintptr_t)ob);
        cr_assert_eq(term_boxed_ptr(p->x[7])[3], p->x[5]);
        cr_assert_eq(term_boxed_ptr(p->x[7])[1], 56);
        cr_assert_eq(map_size(p->x[8]), 2);
        cr_assert_eq(tuple_elems(map_keys(p->x[8]))[1], term_from_atom(ATOM_badarith));
        cr_assert_eq(map_values(p->x[8])[0], p->x[0]);
        cr_assert_eq(map_values(p->x[8])[1], p->x[1]);
        cr_assert_eq(term_boxed_ptr(p->x[9])[1], p->x[6]);
        cr_assert_eq(term_boxed_ptr(p->x[9])[3], 800);
        cr_assert_eq(tuple_arity(p->x[10]), 0);
        cr_assert_eq(p->x[11], term_from_pid(77));
    }
    cr_assert_eq(atomic_load(&ob->refc), 2);
    freeproc(p);
    cr_assert_eq(atomic_load(&ob->refc), 1);
    mi_free(ob);
}

/* x0 = {x, {x, {x, ... []}}} n deep */
static void build_chain(struct proc *p, int64_t n) {
    p->live = 1;
    p->x[0] = TERM_NIL;
    for (int64_t i = 0; i < n; i++) {
        term *hp = alloc(p, 3);
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = term_from_small(i);
        hp[2] = p->x[0];
        p->x[0] = term_from_boxed_ptr(hp);
    }
}

Test(heap, deep_structure_without_recursion) {
    struct proc *p = mkproc();
    int64_t n = 1000000 / SCALE;
    build_chain(p, n);
    for (int i = 0; i < 5; i++) gc(p);
    term t = p->x[0];
    for (int64_t i = n - 1; i >= 0; i--) {
        cr_assert_eq(tuple_elems(t)[0], term_from_small(i));
        t = tuple_elems(t)[1];
    }
    cr_assert_eq(t, TERM_NIL);
    /* term_size / term_copy / compare on it: no C recursion either */
    size_t words = term_size(p->x[0]);
    cr_assert_eq(words, (size_t)(3 * n));
    term *buf = mi_malloc(words * sizeof(term)), *hp = buf, *offheap = NULL;
    term copy = term_copy(p->x[0], &hp, &offheap);
    cr_assert_eq(hp, buf + words);
    cr_assert(term_eq_exact(copy, p->x[0]));
    cr_assert_eq(term_compare(copy, p->x[0]), 0);
    cr_assert_eq(term_hash2(copy), term_hash2(p->x[0]));
    mi_free(buf);
    freeproc(p);
}

Test(heap, term_copy_does_not_keep_sharing_and_counts_refc) {
    struct proc *p = mkproc();
    struct offheap_bin *ob = new_offheap(500);
    p->live = 2;
    p->x[0] = put_refc(p, alloc(p, PROCBIN_WORDS), ob);
    term *hp = alloc(p, TUPLE_WORDS(3) + 2 * CONS_WORDS);
    term l = cons_store(hp, term_from_small(1), cons_store(hp + 2, p->x[0], TERM_NIL));
    hp[4] = make_header(SUB_TUPLE, 3); hp[5] = l; hp[6] = l; hp[7] = AM(ok);
    p->x[1] = term_from_boxed_ptr(hp + 4);
    size_t words = term_size(p->x[1]);
    cr_assert_eq(words, 4 + 2 * (4 + PROCBIN_WORDS));
    term *buf = mi_malloc(words * sizeof(term)), *bp = buf, *offheap = NULL;
    term c = term_copy(p->x[1], &bp, &offheap);
    cr_assert_eq(bp, buf + words);
    cr_assert(term_eq_exact(c, p->x[1]));
    cr_assert_neq(tuple_elems(c)[0], tuple_elems(c)[1], "sharing is not kept");
    cr_assert_eq(atomic_load(&ob->refc), 4);
    int handles = 0;
    for (term *h = offheap; h; h = (term *)(uintptr_t)h[3]) {
        cr_assert(h >= buf && h < buf + words);
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        handles++;
    }
    cr_assert_eq(handles, 2);
    cr_assert_eq(atomic_load(&ob->refc), 2);
    mi_free(buf);
    freeproc(p);
    cr_assert_eq(atomic_load(&ob->refc), 1);
    mi_free(ob);
}

Test(heap, immediate_and_literal_terms_copy_as_is) {
    cr_assert_eq(term_size(AM(ok)), 0);
    term *hp = NULL, *off = NULL;
    cr_assert_eq(term_copy(term_from_small(-5), &hp, &off), term_from_small(-5));
    /* an object outside any heap (a literal) is neither moved nor scanned by a GC */
    static term lit[3] = {0};
    lit[0] = make_header(SUB_TUPLE, 2); lit[1] = AM(ok); lit[2] = TERM_NIL;
    struct proc *p = mkproc();
    p->live = 1;
    p->x[0] = term_from_boxed_ptr(lit);
    gc(p);
    gc(p);
    cr_assert_eq(p->x[0], term_from_boxed_ptr(lit));
    freeproc(p);
}

Test(heap, max_heap_size_and_huge_requests_fail_cleanly) {
    struct proc *p = mkproc();
    build_list(p, 0, 1000);
    p->max_heap_words = 10000;
    cr_assert_not(heap_gc(p, 20000));
    check_list(p->x[0], 1000); /* heap intact */
    cr_assert(heap_ensure_free(p, 100));
    p->max_heap_words = 0;
    cr_assert_not(heap_gc(p, (size_t)1 << 60), "an impossible request fails instead of crashing");
    check_list(p->x[0], 1000);
    /* 2^46 words (512 TiB): mi_malloc fails, the heap is left as it was */
    term *start = p->heap_start, *top = p->htop;
    cr_assert_not(heap_gc(p, (size_t)1 << 46));
    cr_assert(p->heap_start == start && p->htop == top && heap_check(p));
    check_list(p->x[0], 1000);
    cr_assert(heap_gc(p, 100000));
    cr_assert_geq((size_t)(p->stop - p->htop), 100000);
    freeproc(p);
}

Test(heap, exception_fields_are_roots) {
    struct proc *p = mkproc();
    p->live = 0;
    term *hp = alloc(p, 3);
    hp[0] = make_header(SUB_TUPLE, 2); hp[1] = AM(badmatch); hp[2] = term_from_small(3);
    p->exc_reason = term_from_boxed_ptr(hp);
    hp = alloc(p, 2);
    p->exc_args = cons_store(hp, term_from_small(9), TERM_NIL);
    p->exc_trace = TERM_NIL;
    for (int i = 0; i < 25; i++) gc(p);
    cr_assert_eq(tuple_elems(p->exc_reason)[1], term_from_small(3));
    cr_assert_eq(CAR(p->exc_args), term_from_small(9));
    freeproc(p);
}

/* ---- message fragments ------------------------------------------------ */

/* A message holding a copy of t, as vm_send makes it. */
static struct msg *make_msg(term t) {
    size_t words = term_size(t);
    struct msg *m = msg_alloc(words);
    cr_assert(m);
    term *hp = m->data;
    m->payload = term_copy(t, &hp, &m->offheap);
    cr_assert_eq(hp, m->data + words);
    return m;
}

/* An independent copy of t outside every heap, to compare against. */
struct refcopy {
    term t;
    term *buf, *offheap;
};

static struct refcopy ref_copy(term t) {
    struct refcopy r = {0};
    size_t words = term_size(t);
    r.buf = mi_malloc((words ? words : 1) * sizeof(term));
    term *hp = r.buf;
    r.t = term_copy(t, &hp, &r.offheap);
    return r;
}

static void ref_free(struct refcopy *r) {
    for (term *h = r->offheap; h;) {
        term *next = (term *)(uintptr_t)h[3];
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        h = next;
    }
    mi_free(r->buf);
}

/* x[slot] = {I, [1.5 * I, 2^64 + I, <<"hello">>], Bin or ok}, built in one
   allocation (under GC stress every allocation check collects). */
static term sample(struct proc *p, unsigned slot, int64_t i, struct offheap_bin *bin) {
    size_t words = 4 + 2 + 3 + HEAP_BIN_WORDS(5) + 6 + (bin ? PROCBIN_WORDS : 0);
    term *hp = alloc(p, words);
    term fl = float_store(hp, 1.5 * (double)i);
    hp[2] = make_header(SUB_POS_BIG, 2); hp[3] = (term)i; hp[4] = 1;
    term big = term_from_boxed_ptr(hp + 2);
    hp[5] = make_header(SUB_HEAP_BIN, HEAP_BIN_WORDS(5) - 1); hp[6] = 5;
    hp[7] = 0;
    memcpy(hp + 7, "hello", 5);
    term hb = term_from_boxed_ptr(hp + 5);
    term l = cons_store(hp + 8, fl, cons_store(hp + 10, big, cons_store(hp + 12, hb, TERM_NIL)));
    term third = bin ? put_refc(p, hp + 18, bin) : AM(ok);
    hp[14] = make_header(SUB_TUPLE, 3); hp[15] = term_from_small(i); hp[16] = l; hp[17] = third;
    p->x[slot] = term_from_boxed_ptr(hp + 14);
    return p->x[slot];
}

static bool in_frag(struct msg *m, term t) {
    term *ptr = (term *)(uintptr_t)(t & ~(term)3);
    return ptr >= m->data && ptr < m->data + m->words;
}
static bool above_high_water(struct proc *p, term t) {
    term *ptr = (term *)(uintptr_t)(t & ~(term)3);
    return ptr >= p->high_water && ptr < p->htop;
}

static void check_no_frags(struct proc *p) {
    cr_assert_null(p->frags);
    cr_assert_eq(p->frag_words, 0);
}

Test(heap, fragment_objects_join_the_young_heap_as_new) {
    struct proc *p = mkproc();
    p->live = 1;
    sample(p, 0, 7, NULL);
    struct refcopy ref = ref_copy(p->x[0]);
    struct msg *m = make_msg(p->x[0]);
    p->x[0] = m->payload;
    heap_add_frag(p, m);
    cr_assert_eq(p->frag_words, m->words);
    cr_assert(heap_check(p));
    cr_assert(in_frag(m, p->x[0]));
    gc(p);
    check_no_frags(p);
    cr_assert(term_eq_exact(p->x[0], ref.t));
    cr_assert(above_high_water(p, p->x[0]), "copied as a new object");
    gc(p); /* survives once more: below high water */
    cr_assert(in_young(p, p->x[0]) && !above_high_water(p, p->x[0]));
    gc(p); /* promoted */
    cr_assert(in_old(p, p->x[0]));
    cr_assert(term_eq_exact(p->x[0], ref.t));
    ref_free(&ref);
    freeproc(p);
}

Test(heap, unreachable_fragments_are_freed_with_their_binaries) {
    struct proc *p = mkproc();
    struct offheap_bin *b = new_offheap(300);
    atomic_store(&b->refc, 1); /* the test's reference */
    /* the binary's only process reference is in the fragments; one
       allocation, as GC stress collects at each */
    term *area = alloc(p, 20 * (PROCBIN_WORDS + 3));
    for (int i = 0; i < 20; i++) {
        term *hp = area + i * (PROCBIN_WORDS + 3);
        hp[0] = make_header(SUB_REFC_BIN, 3); hp[1] = b->size; hp[2] = (term)(uintptr_t)b; hp[3] = 0;
        hp[4] = make_header(SUB_TUPLE, 2); hp[5] = term_from_small(i); hp[6] = term_from_boxed_ptr(hp);
        /* not on p->offheap_first: a stand-in for a sender's term */
        heap_add_frag(p, make_msg(term_from_boxed_ptr(hp + 4)));
    }
    cr_assert_eq(atomic_load(&b->refc), 21);
    cr_assert_eq(heap_total_words(p), (size_t)(p->heap_end - p->heap_start) + 20 * (PROCBIN_WORDS + 3),
                 "total counts the fragments");
    gc(p);
    check_no_frags(p);
    cr_assert_eq(atomic_load(&b->refc), 1);
    cr_assert_eq(offheap_count(p), 0);
    cr_assert_eq(p->offheap_bytes, 0);
    freeproc(p);
    mi_free(b);
}

Test(heap, refc_binary_from_heap_and_fragment_keeps_its_counts) {
    struct proc *p = mkproc();
    struct offheap_bin *b = new_offheap(1000); /* refc 2: the test's and x1's handle */
    p->live = 2;
    sample(p, 1, 3, b);
    cr_assert_eq(offheap_count(p), 1);
    struct msg *m = make_msg(p->x[1]);
    cr_assert_eq(atomic_load(&b->refc), 3);
    heap_add_frag(p, m);
    p->x[0] = m->payload;
    gc(p);
    check_no_frags(p);
    cr_assert_eq(atomic_load(&b->refc), 3, "the fragment's reference became the heap copy's");
    cr_assert_eq(offheap_count(p), 2);
    cr_assert_eq(p->offheap_bytes, 2000);
    cr_assert(term_eq_exact(p->x[0], p->x[1]));
    term h0 = tuple_elems(p->x[0])[2], h1 = tuple_elems(p->x[1])[2];
    cr_assert_neq(h0, h1);
    cr_assert_eq(term_boxed_ptr(h0)[2], (term)(uintptr_t)b);
    for (int i = 0; i < 10; i++) gc(p);
    cr_assert_eq(atomic_load(&b->refc), 3);
    p->x[0] = TERM_NIL; /* the message's copy dies */
    for (int i = 0; i < 100 && atomic_load(&b->refc) == 3; i++) gc(p);
    cr_assert_eq(atomic_load(&b->refc), 2);
    cr_assert_eq(offheap_count(p), 1);
    cr_assert_eq(p->offheap_bytes, 1000);
    freeproc(p);
    cr_assert_eq(atomic_load(&b->refc), 1);
    mi_free(b);
}

Test(heap, shared_subterms_of_a_fragment_stay_shared) {
    struct proc *p = mkproc();
    /* {L, L} with L = [1, 0], built in the fragment by hand: term_copy
       would not share */
    struct msg *m = msg_alloc(7);
    cr_assert(m);
    term *d = m->data;
    term l = cons_store(d, term_from_small(1), cons_store(d + 2, term_from_small(0), TERM_NIL));
    d[4] = make_header(SUB_TUPLE, 2); d[5] = l; d[6] = l;
    m->payload = term_from_boxed_ptr(d + 4);
    heap_add_frag(p, m);
    p->live = 1;
    p->x[0] = m->payload;
    size_t before = heap_used_words(p);
    gc(p);
    check_no_frags(p);
    term t = p->x[0];
    cr_assert_eq(tuple_elems(t)[0], tuple_elems(t)[1], "sharing is kept");
    cr_assert_eq(heap_used_words(p), before + 7, "copied once");
    check_list(tuple_elems(t)[0], 2);
    freeproc(p);
}

/* A message [N-1, ..., 1, 0] written straight into a fragment: no young
   garbage is made building it. */
static struct msg *list_msg(int64_t n) {
    struct msg *m = msg_alloc((size_t)(2 * n));
    cr_assert(m);
    term l = TERM_NIL;
    for (int64_t i = 0; i < n; i++) l = cons_store(m->data + 2 * i, term_from_small(i), l);
    m->payload = l;
    return m;
}

Test(heap, message_in_the_queue_is_left_alone_until_consumed) {
    struct proc *p = mkproc();
    p->live = 1;
    struct msg *m = list_msg(100);
    p->x[0] = m->payload; /* loop_rec: the payload is read, the message still queued */
    gc(p);
    gc(p);
    cr_assert_eq(p->x[0], m->payload, "not on p->frags: not moved");
    heap_add_frag(p, m); /* remove_message */
    gc(p);
    check_no_frags(p);
    cr_assert(in_young(p, p->x[0]));
    check_list(p->x[0], 100);
    freeproc(p);
}

/* An object made while its message was still queued survives a collection
   pointing into it; the message is consumed; the next minor promotes the
   object: what it reaches in the fragment must go to the old block too. */
Test(heap, promoted_object_takes_its_fragment_objects_along) {
    struct proc *p = mkproc();
    p->live = 1;
    sample(p, 0, 5, NULL);
    struct refcopy ref = ref_copy(p->x[0]);
    struct msg *m = make_msg(p->x[0]);
    p->x[0] = m->payload;
    term *hp = alloc(p, 2); /* x0 is a root across this */
    hp[0] = make_header(SUB_TUPLE, 1);
    hp[1] = p->x[0];
    p->x[0] = term_from_boxed_ptr(hp);
    gc(p);
    cr_assert(in_young(p, p->x[0]) && !above_high_water(p, p->x[0]));
    cr_assert(in_frag(m, tuple_elems(p->x[0])[0]));
    heap_add_frag(p, m);
    cr_assert(heap_check(p));
    uint32_t minors = p->minor_gcs;
    gc(p);
    cr_assert_eq(p->minor_gcs, minors + 1, "a minor");
    check_no_frags(p);
    cr_assert(in_old(p, p->x[0]));
    cr_assert(in_old(p, tuple_elems(p->x[0])[0]), "promoted with its referrer");
    cr_assert(term_eq_exact(tuple_elems(p->x[0])[0], ref.t));
    for (int i = 0; i < 30; i++) gc(p);
    cr_assert(term_eq_exact(tuple_elems(p->x[0])[0], ref.t));
    ref_free(&ref);
    freeproc(p);
}

/* A large message fills the new young block: the minor is followed by a
   resizing copy, which must keep the high-water split. A message only
   roots reach is new (above high water); one a young survivor reaches
   ages with it (below), as nothing below high water may point above. */
Test(heap, fragment_objects_age_with_their_referrers_and_resizing_keeps_it) {
    struct proc *p = mkproc();
    int64_t n = 20000 / SCALE;
    p->live = 3;
    term *hp = alloc(p, 2); /* x1 = {Small}: young, points into a fragment */
    hp[0] = make_header(SUB_TUPLE, 1);
    hp[1] = TERM_NIL;
    p->x[1] = term_from_boxed_ptr(hp);
    struct msg *big = list_msg(n), *small = list_msg(10);
    heap_add_frag(p, big);
    heap_add_frag(p, small);
    p->x[0] = big->payload;
    tuple_elems(p->x[1])[0] = small->payload;
    p->x[2] = small->payload; /* also from a root */
    gc(p);
    check_no_frags(p);
    check_list(p->x[0], n);
    check_list(p->x[2], 10);
    cr_assert_eq(tuple_elems(p->x[1])[0], p->x[2]);
    cr_assert(in_young(p, p->x[1]) && !above_high_water(p, p->x[1]));
    cr_assert(in_young(p, p->x[2]) && !above_high_water(p, p->x[2]), "ages with its referrer");
    cr_assert(above_high_water(p, p->x[0]), "only roots reach it: new");
    cr_assert_geq((size_t)(p->htop - p->high_water), (size_t)(2 * n));
    gc(p);
    cr_assert(in_old(p, p->x[1]) && in_old(p, p->x[2]));
    cr_assert(in_young(p, p->x[0]) && !above_high_water(p, p->x[0]));
    check_list(p->x[0], n);
    check_list(p->x[2], 10);
    freeproc(p);
}

/* A server loop: every round a message arrives and is consumed; every
   third one is kept (on a list in x0), one is held in a stack slot, one
   in the dictionary; the rest are dropped. Minors and full sweeps both
   meet fragments. */
Test(heap, server_loop_keeps_what_it_holds_through_minors_and_sweeps) {
    enum { ROUNDS = 400 };
    struct proc *p = mkproc();
    static struct refcopy refs[ROUNDS];
    struct offheap_bin *b = new_offheap(200);
    static const uint64_t code[2] __attribute__((aligned(8))) = {0};
    p->live = 3;
    p->x[0] = TERM_NIL;
    cr_assert(heap_ensure_free(p, 2));
    p->stop -= 2; /* a frame [CP, y0] */
    p->stop[0] = (term)(uintptr_t)&code[1];
    p->stop[1] = TERM_NIL;
    int64_t stack_i = -1, dict_i = -1;
    bool minor_met = false, sweep_met = false;
    size_t kept = 0;
    atomic_store(&b->refc, 1); /* the test's; each handle made takes one */
    for (int64_t i = 0; i < ROUNDS; i++) {
        if (i % 5 == 0) atomic_fetch_add(&b->refc, 1);
        sample(p, 1, i, i % 5 == 0 ? b : NULL);
        refs[i] = ref_copy(p->x[1]);
        struct msg *m = make_msg(p->x[1]);
        p->x[1] = TERM_NIL;
        heap_add_frag(p, m);
        p->x[2] = m->payload;
        if (i % 3 == 0) { /* keep: x0 = [Msg | x0] */
            term *hp = alloc(p, 2);
            p->x[0] = cons_store(hp, p->x[2], p->x[0]);
            kept++;
        }
        if (i % 7 == 0) p->stop[1] = p->x[2], stack_i = i;
        if (i % 11 == 0) p->dict = p->x[2], dict_i = i;
        p->x[2] = TERM_NIL;
        bool had = p->frags != NULL;
        if (i % 10 == 9) p->minor_gcs = 1u << 30; /* the periodic sweep is due */
        uint32_t minors = p->minor_gcs;
        gc(p);
        check_no_frags(p);
        if (had && p->minor_gcs == minors + 1) minor_met = true;
        if (had && p->minor_gcs == 0 && minors > 0) sweep_met = true;
        cr_assert(term_eq_exact(p->stop[1], refs[stack_i].t));
        cr_assert(term_eq_exact(p->dict, refs[dict_i].t));
    }
    cr_assert(minor_met && sweep_met, "minor %d sweep %d", minor_met, sweep_met);
    term l = p->x[0];
    for (int64_t i = ROUNDS - 1; i >= 0; i--) {
        if (i % 3) continue;
        cr_assert(term_is_list(l));
        cr_assert(term_eq_exact(CAR(l), refs[i].t), "message %ld", (long)i);
        l = CDR(l);
        kept--;
    }
    cr_assert_eq(l, TERM_NIL);
    cr_assert_eq(kept, 0);
    for (int i = 0; i < ROUNDS; i++) ref_free(&refs[i]);
    /* the binary: the test's reference, and one per live handle (kept
       messages i % 15 == 0, the stack's and the dictionary's if theirs) */
    size_t handles = offheap_count(p);
    cr_assert_geq(handles, ROUNDS / 15);
    cr_assert_eq((size_t)atomic_load(&b->refc), 1 + handles);
    cr_assert_eq(p->offheap_bytes, handles * 200);
    freeproc(p);
    cr_assert_eq(atomic_load(&b->refc), 1);
    mi_free(b);
}

Test(heap, dropped_messages_do_not_hit_max_heap_size) {
    struct proc *p = mkproc();
    p->max_heap_words = 20000;
    build_list(p, 0, 1000);
    for (int i = 0; i < 40; i++) heap_add_frag(p, list_msg(500)); /* 40,000 words, all dropped */
    cr_assert_gt(heap_total_words(p), p->max_heap_words);
    cr_assert(heap_gc(p, 0));
    cr_assert(heap_check(p));
    check_no_frags(p);
    cr_assert_leq(heap_total_words(p), p->max_heap_words);
    check_list(p->x[0], 1000);
    /* kept, they are over the limit */
    p->live = 31;
    for (int i = 1; i <= 30; i++) {
        struct msg *m = list_msg(500);
        heap_add_frag(p, m);
        p->x[i] = m->payload;
    }
    cr_assert_not(heap_gc(p, 0));
    freeproc(p);
}

Test(heap, many_fragments_press_for_a_collection) {
    struct proc *p = mkproc();
    size_t young = (size_t)(p->heap_end - p->heap_start);
    cr_assert_lt(young, HEAP_FRAG_PRESSING_MIN);
    cr_assert_not(heap_frags_pressing(p));
    heap_add_frag(p, list_msg(100)); /* 200 words: more than young, but few */
    cr_assert_not(heap_frags_pressing(p));
    for (int i = 0; i < 3; i++) heap_add_frag(p, list_msg(100));
    cr_assert(heap_frags_pressing(p));
    heap_add_frag(p, msg_alloc(0)); /* an empty message (an atom) */
    gc(p);
    cr_assert_not(heap_frags_pressing(p));
    check_no_frags(p);
    /* a big young block: the same fragments do not press */
    cr_assert(heap_gc(p, 100000));
    for (int i = 0; i < 4; i++) heap_add_frag(p, list_msg(100));
    cr_assert_not(heap_frags_pressing(p));
    freeproc(p); /* frees them */
}

Test(heap, destroy_frees_remaining_fragments_and_their_binaries) {
    struct proc *p = mkproc();
    struct offheap_bin *b = new_offheap(100);
    p->live = 1;
    sample(p, 0, 1, b);
    heap_add_frag(p, make_msg(p->x[0]));
    heap_add_frag(p, make_msg(p->x[0]));
    cr_assert_eq(atomic_load(&b->refc), 4);
    freeproc(p);
    cr_assert_eq(atomic_load(&b->refc), 1);
    mi_free(b);
}
