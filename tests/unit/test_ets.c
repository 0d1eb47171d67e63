/*
 * Unit tests of ETS storage (vm/ets.c, vm/ets_bifs.c): the ordered_set
 * AVL tree stays balanced and ordered under random inserts and deletes,
 * hash tables keep every key while they grow, and the BIFs copy objects
 * out (args in x registers that p->live covers, so GCs are exercised).
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "compare.h"
#include "ets.h"
#include "heap.h"

#ifdef MOAT_GC_STRESS
#define KEYS 300
#else
#define KEYS 20000
#endif

static struct proc *mkproc(void) {
    atom_init();
    struct proc *p = mi_zalloc(sizeof *p);
    cr_assert(p && heap_init(p, HEAP_MIN_WORDS));
    p->x = mi_zalloc(X_REGS * sizeof(term));
    for (unsigned i = 0; i < X_REGS; i++) p->x[i] = TERM_NIL;
    p->dict = p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
    p->exc_args = TERM_NIL;
    p->id = 12345;
    p->live = 8;
    return p;
}

/* Deletes the table in x[0], then the process. */
static void freeproc(struct proc *p) {
    p->x[4] = p->x[0];
    cr_assert_eq(bif_ets_delete_1(p, &p->x[4]), AM(true));
    heap_destroy(p);
    mi_free(p->x);
    mi_free(p);
}

/* A new table of this type (atom), in x[0]. */
static void new_table(struct proc *p, term type) {
    cr_assert(heap_ensure_free(p, CONS_WORDS));
    p->x[4] = atom_term("t", 1);
    p->x[5] = cons_store(heap_take(p, CONS_WORDS), type, TERM_NIL);
    term t = bif_ets_new_2(p, &p->x[4]);
    cr_assert(t != TERM_NONE);
    p->x[0] = t;
}

/* ets:insert(x[0], {Key, Key * 2}) */
static void insert(struct proc *p, int64_t key) {
    cr_assert(heap_ensure_free(p, TUPLE_WORDS(2)));
    p->x[4] = p->x[0];
    p->x[5] = tuple2_store(heap_take(p, TUPLE_WORDS(2)), term_from_small(key), term_from_small(key * 2));
    cr_assert_eq(bif_ets_insert_2(p, &p->x[4]), AM(true));
}

static term call2(struct proc *p, term (*fn)(struct proc *, term *), term arg) {
    p->x[4] = p->x[0];
    p->x[5] = arg;
    return fn(p, &p->x[4]);
}

/* Height of the subtree, checking balance and order on the way. */
static int32_t avl_check(struct ets_table *t, struct ets_obj *n, term lo, term hi) {
    if (!n) return 0;
    term k = ets_key(t, n);
    if (lo != TERM_NONE) cr_assert(term_compare(lo, k) < 0);
    if (hi != TERM_NONE) cr_assert(term_compare(k, hi) < 0);
    int32_t l = avl_check(t, n->next, lo, k), r = avl_check(t, n->right, k, hi);
    cr_assert(l - r <= 1 && r - l <= 1, "unbalanced: %d vs %d", l, r);
    int32_t h = 1 + (l > r ? l : r);
    cr_assert_eq(n->height, h);
    return h;
}

Test(ets, ordered_set_stays_balanced_and_ordered) {
    struct proc *p = mkproc();
    new_table(p, AM(ordered_set));
    uint64_t seed = 42;
    bool *present = mi_zalloc(KEYS * sizeof(bool));
    for (int round = 0; round < 3 * KEYS; round++) {
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        int64_t k = (int64_t)((seed >> 33) % KEYS);
        if (round % 3 == 2) {
            cr_assert_eq(call2(p, bif_ets_delete_2, term_from_small(k)), AM(true));
            present[k] = false;
        } else {
            insert(p, k);
            present[k] = true;
        }
    }
    struct ets_table *t = ets_acquire(p, p->x[0], ETS_READ, false);
    cr_assert(t);
    int32_t h = avl_check(t, t->root, TERM_NONE, TERM_NONE);
    size_t n = 0;
    for (int64_t k = 0; k < KEYS; k++) n += present[k];
    cr_assert_eq(t->size, n);
    cr_assert(n < 2 || h <= 2 * (64 - __builtin_clzll(n)), "height %d for %zu keys", h, n);
    /* next/prev walk the keys in order, from keys present or not */
    int64_t prev = -1;
    bool missing;
    for (struct ets_obj *o = ets_first(t, false); o; o = ets_next(t, ets_key(t, o), false, &missing)) {
        int64_t k = term_to_small(ets_key(t, o));
        cr_assert(k > prev && present[k]);
        for (int64_t j = prev + 1; j < k; j++) cr_assert(!present[j]);
        prev = k;
    }
    ets_release(t);
    mi_free(present);
    freeproc(p);
}

Test(ets, set_keeps_every_key_while_growing) {
    struct proc *p = mkproc();
    new_table(p, AM(set));
    for (int64_t k = 0; k < KEYS; k++) insert(p, k);
    for (int64_t k = 0; k < KEYS; k += 7) insert(p, k); /* replaces */
    for (int64_t k = 0; k < KEYS; k++) {
        term r = call2(p, bif_ets_lookup_2, term_from_small(k));
        cr_assert(term_is_list(r) && term_is_nil(CDR(r)));
        cr_assert_eq(tuple_elems(CAR(r))[1], term_from_small(k * 2));
    }
    cr_assert_eq(call2(p, bif_ets_lookup_2, term_from_small(KEYS)), TERM_NIL);
    struct ets_table *t = ets_acquire(p, p->x[0], ETS_READ, false);
    cr_assert_eq(t->size, (size_t)KEYS);
    cr_assert(t->nbuckets >= (size_t)KEYS);
    ets_release(t);
    freeproc(p);
}

Test(ets, bag_keeps_insertion_order_and_no_duplicates) {
    struct proc *p = mkproc();
    new_table(p, AM(bag));
    int64_t vals[] = {3, 1, 3, 2, 1};
    for (size_t i = 0; i < 5; i++) {
        cr_assert(heap_ensure_free(p, TUPLE_WORDS(2)));
        p->x[4] = p->x[0];
        p->x[5] = tuple2_store(heap_take(p, TUPLE_WORDS(2)), atom_term("k", 1), term_from_small(vals[i]));
        cr_assert_eq(bif_ets_insert_2(p, &p->x[4]), AM(true));
    }
    term r = call2(p, bif_ets_lookup_2, atom_term("k", 1));
    int64_t want[] = {3, 1, 2};
    for (size_t i = 0; i < 3; i++, r = CDR(r)) cr_assert_eq(tuple_elems(CAR(r))[1], term_from_small(want[i]));
    cr_assert(term_is_nil(r));
    freeproc(p);
}
