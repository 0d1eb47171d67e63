/*
 * Unit tests of vm/map.c and the maps BIFs (vm/bif_maps.c): key order,
 * updates with => and :=, building from pairs (duplicates, large inputs),
 * and erl's exceptions. BIFs are called directly with args in x
 * registers that p->live covers, so a GC inside them is exercised.
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "compare.h"
#include "error.h"
#include "heap.h"
#include "map.h"

#ifdef MOAT_GC_STRESS
#define SCALE 1000 /* every heap check collects: keep sizes small */
#else
#define SCALE 1
#endif

static struct proc *mkproc(void) {
    atom_init();
    struct proc *p = mi_zalloc(sizeof *p);
    cr_assert(p && heap_init(p, HEAP_MIN_WORDS));
    p->x = mi_zalloc(X_REGS * sizeof(term));
    for (unsigned i = 0; i < X_REGS; i++) p->x[i] = TERM_NIL;
    p->dict = p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
    p->exc_args = TERM_NIL;
    p->live = 32;
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

static term atom(const char *s) { return atom_term(s, strlen(s)); }
static term small(int64_t v) { return term_from_small(v); }

static term tup2(struct proc *p, term a, term b) {
    term *hp = alloc(p, 3);
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = a;
    hp[2] = b;
    return term_from_boxed_ptr(hp);
}

static term mkfloat(struct proc *p, double d) { return float_store(alloc(p, FLOAT_WORDS), d); }

/* call a BIF with args copied into x[0..n-1]; x[10..31] stay roots */
#define LIVE 32
static term call(struct proc *p, bif_fn fn, unsigned n, const term *args) {
    for (unsigned i = 0; i < n; i++) p->x[i] = args[i];
    p->live = LIVE;
    return fn(p, p->x);
}
#define CALL(fn, ...) call(p, fn, sizeof((term[]){__VA_ARGS__}) / sizeof(term), (term[]){__VA_ARGS__})

static void assert_error2(struct proc *p, term r, term tag, term value) {
    cr_assert_eq(r, TERM_NONE);
    cr_assert_eq(p->exc_class, AM(error));
    term e = p->exc_reason;
    cr_assert(term_is_tuple(e) && tuple_arity(e) == 2);
    cr_assert_eq(tuple_elems(e)[0], tag);
    cr_assert(term_eq_exact(tuple_elems(e)[1], value));
}

static term empty(struct proc *p) { return CALL(bif_maps_new_0, 0); }

Test(maps, put_get_and_key_order) {
    struct proc *p = mkproc();
    /* #{2 => a, 1.0 => b, 1 => c, a => d}: erl orders keys 1, 2, 1.0, a */
    term m = empty(p);
    p->x[10] = m;
    term f;
    m = CALL(bif_maps_put_3, small(2), atom("a"), p->x[10]);
    p->x[10] = m;
    f = mkfloat(p, 1.0);
    m = CALL(bif_maps_put_3, f, atom("b"), p->x[10]);
    p->x[10] = m;
    m = CALL(bif_maps_put_3, small(1), atom("c"), p->x[10]);
    p->x[10] = m;
    m = CALL(bif_maps_put_3, atom("a"), atom("d"), p->x[10]);
    cr_assert(term_is_map(m));
    cr_assert_eq(map_size(m), 4);
    term *keys = tuple_elems(map_keys(m));
    cr_assert_eq(keys[0], small(1));
    cr_assert_eq(keys[1], small(2));
    cr_assert(term_is_float(keys[2]));
    cr_assert_eq(keys[3], atom("a"));
    cr_assert_eq(map_get(m, small(1)), atom("c"));
    cr_assert_eq(map_get(m, atom("a")), atom("d"));
    p->x[10] = m;
    f = mkfloat(p, 1.0);
    m = p->x[10];
    cr_assert_eq(map_get(m, f), atom("b"));
    cr_assert_eq(map_get(m, small(3)), TERM_NONE);
    /* replacing a value keeps the size */
    p->x[10] = m;
    m = CALL(bif_maps_put_3, small(1), atom("z"), p->x[10]);
    cr_assert_eq(map_size(m), 4);
    cr_assert_eq(map_get(m, small(1)), atom("z"));
    freeproc(p);
}

Test(maps, update_exact_and_errors) {
    struct proc *p = mkproc();
    term kv[] = {atom("a"), small(1), atom("b"), small(2)};
    memcpy(p->x, kv, sizeof kv);
    p->live = 4;
    term m = map_from_pairs(p, p->x, 2);
    p->x[14] = m;
    term r = CALL(bif_maps_update_3, atom("a"), small(9), m);
    m = p->x[14];
    cr_assert_eq(map_get(r, atom("a")), small(9));
    cr_assert_eq(map_get(m, atom("a")), small(1));
    cr_assert_eq(map_keys(r), map_keys(m)); /* keys tuple shared */
    r = CALL(bif_maps_update_3, atom("c"), small(9), m);
    assert_error2(p, r, AM(badkey), atom("c"));
    r = CALL(bif_maps_update_3, atom("c"), small(9), atom("x"));
    assert_error2(p, r, AM(badmap), atom("x"));
    m = p->x[14];
    r = CALL(bif_maps_get_2, atom("c"), m);
    assert_error2(p, r, AM(badkey), atom("c"));
    r = CALL(bif_maps_get_2, atom("c"), atom("notmap"));
    assert_error2(p, r, AM(badmap), atom("notmap"));
    cr_assert_eq(CALL(bif_maps_get_3, atom("c"), m, atom("dflt")), atom("dflt"));
    cr_assert_eq(CALL(bif_maps_find_2, atom("c"), m), AM(error));
    r = CALL(bif_maps_find_2, atom("b"), m);
    m = p->x[14];
    cr_assert(term_is_tuple(r) && tuple_elems(r)[0] == AM(ok) && tuple_elems(r)[1] == small(2));
    cr_assert_eq(CALL(bif_maps_is_key_2, atom("b"), m), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_map_key_2, atom("q"), m), AM(false));
    cr_assert_eq(CALL(bif_maps_size_1, m), small(2));
    assert_error2(p, CALL(bif_erlang_map_size_1, small(1)), AM(badmap), small(1));
    freeproc(p);
}

Test(maps, map_update_assoc_many_with_duplicates) {
    struct proc *p = mkproc();
    p->x[0] = empty(p);
    /* M#{c => 1, a => 2, c => 3, b => 4} */
    term kv[] = {atom("c"), small(1), atom("a"), small(2), atom("c"), small(3), atom("b"), small(4)};
    memcpy(p->x + 1, kv, sizeof kv);
    p->live = 9;
    term m = map_update(p, &p->x[0], &p->x[1], 4, false);
    cr_assert_eq(map_size(m), 3);
    cr_assert_eq(map_get(m, atom("c")), small(3));
    cr_assert_eq(tuple_elems(map_keys(m))[0], atom("a"));
    cr_assert_eq(tuple_elems(map_keys(m))[2], atom("c"));
    /* exact update with a missing key raises and builds nothing */
    p->x[0] = m;
    p->x[1] = atom("zz");
    term r = map_update(p, &p->x[0], &p->x[1], 1, true);
    assert_error2(p, r, AM(badkey), atom("zz"));
    p->x[0] = small(5);
    r = map_update(p, &p->x[0], &p->x[1], 1, false);
    assert_error2(p, r, AM(badmap), small(5));
    freeproc(p);
}

/* [{N-1, -(N-1)}, ..., {0, 0}] in x[slot], plus duplicates {0, dup} at the end */
static void build_pairs(struct proc *p, unsigned slot, int64_t n) {
    p->x[slot] = TERM_NIL;
    p->live = slot + 1;
    term *hp = alloc(p, 5);
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = small(0);
    hp[2] = atom("dup");
    p->x[slot] = cons_store(hp + 3, term_from_boxed_ptr(hp), p->x[slot]);
    for (int64_t i = 0; i < n; i++) {
        hp = alloc(p, 5);
        hp[0] = make_header(SUB_TUPLE, 2);
        hp[1] = small(i);
        hp[2] = small(-i);
        p->x[slot] = cons_store(hp + 3, term_from_boxed_ptr(hp), p->x[slot]);
    }
}

Test(maps, from_list_large_and_to_list) {
    struct proc *p = mkproc();
    int64_t n = 200000 / SCALE;
    build_pairs(p, 15, n);
    term m = CALL(bif_maps_from_list_1, p->x[15]);
    cr_assert(term_is_map(m));
    cr_assert_eq(map_size(m), (uint64_t)n);
    cr_assert_eq(map_get(m, small(0)), atom("dup")); /* later pair wins */
    cr_assert_eq(map_get(m, small(n - 5)), small(-(n - 5)));
    term *keys = tuple_elems(map_keys(m));
    for (int64_t i = 0; i < n; i++) cr_assert_eq(keys[i], small(i));
    p->x[16] = m;
    term l = CALL(bif_maps_to_list_1, m);
    for (int64_t i = 0; i < 3; i++, l = CDR(l)) {
        term e = CAR(l);
        cr_assert_eq(tuple_elems(e)[0], small(i));
    }
    l = CALL(bif_maps_keys_1, p->x[16]);
    int64_t count = 0;
    for (; term_is_list(l); l = CDR(l)) count++;
    cr_assert_eq(count, n);
    freeproc(p);
}

Test(maps, from_list_errors_and_from_keys) {
    struct proc *p = mkproc();
    term r = CALL(bif_maps_from_list_1, atom("x"));
    cr_assert_eq(r, TERM_NONE);
    cr_assert_eq(p->exc_reason, AM(badarg));
    term *hp = alloc(p, 2);
    term bad = cons_store(hp, atom("a"), TERM_NIL);
    cr_assert_eq(CALL(bif_maps_from_list_1, bad), TERM_NONE);
    cr_assert_eq(p->exc_reason, AM(badarg));
    /* from_keys([b, a, b], 1) */
    hp = alloc(p, 6);
    term l = cons_store(hp, atom("b"), cons_store(hp + 2, atom("a"), cons_store(hp + 4, atom("b"), TERM_NIL)));
    term m = CALL(bif_maps_from_keys_2, l, small(1));
    cr_assert_eq(map_size(m), 2);
    cr_assert_eq(tuple_elems(map_keys(m))[0], atom("a"));
    cr_assert_eq(map_get(m, atom("b")), small(1));
    freeproc(p);
}

Test(maps, remove_take_merge) {
    struct proc *p = mkproc();
    term kv[] = {atom("a"), small(1), atom("b"), small(2), atom("c"), small(3)};
    memcpy(p->x, kv, sizeof kv);
    p->live = LIVE;
    p->x[20] = map_from_pairs(p, p->x, 3);
    term kv2[] = {atom("c"), small(30), atom("d"), small(40)};
    memcpy(p->x, kv2, sizeof kv2);
    p->live = LIVE;
    p->x[21] = map_from_pairs(p, p->x, 2);
    term r = CALL(bif_maps_remove_2, atom("b"), p->x[20]);
    cr_assert_eq(map_size(r), 2);
    cr_assert_eq(map_get(r, atom("b")), TERM_NONE);
    cr_assert_eq(map_get(r, atom("c")), small(3));
    cr_assert_eq(CALL(bif_maps_remove_2, atom("q"), p->x[20]), p->x[20]);
    r = CALL(bif_maps_take_2, atom("a"), p->x[20]);
    cr_assert(term_is_tuple(r));
    cr_assert_eq(tuple_elems(r)[0], small(1));
    cr_assert_eq(map_size(tuple_elems(r)[1]), 2);
    cr_assert_eq(CALL(bif_maps_take_2, atom("q"), p->x[20]), AM(error));
    r = CALL(bif_maps_merge_2, p->x[20], p->x[21]);
    cr_assert_eq(map_size(r), 4);
    cr_assert_eq(map_get(r, atom("c")), small(30));
    cr_assert_eq(map_get(r, atom("a")), small(1));
    cr_assert_eq(map_get(r, atom("d")), small(40));
    assert_error2(p, CALL(bif_maps_merge_2, atom("x"), atom("y")), AM(badmap), atom("x"));
    assert_error2(p, CALL(bif_maps_merge_2, p->x[20], atom("y")), AM(badmap), atom("y"));
    freeproc(p);
}

Test(maps, values_and_tuple_keys) {
    struct proc *p = mkproc();
    term t1 = tup2(p, small(1), small(2));
    p->x[0] = t1;
    p->x[1] = atom("t");
    p->x[2] = small(7);
    p->x[3] = atom("s");
    p->live = 4;
    term m = map_from_pairs(p, p->x, 2);
    /* numbers sort before tuples */
    cr_assert_eq(tuple_elems(map_keys(m))[0], small(7));
    p->x[10] = m;
    p->live = LIVE;
    term k = tup2(p, small(1), small(2));
    m = p->x[10];
    cr_assert_eq(map_get(m, k), atom("t"));
    term v = CALL(bif_maps_values_1, m);
    cr_assert_eq(CAR(v), atom("s"));
    cr_assert_eq(CAR(CDR(v)), atom("t"));
    freeproc(p);
}

/* A key nested deeper than the HAMT hashes (vm/hamt.c stops at depth
   64): all such keys that differ only innermost share one 64-bit hash. */
static term deep_key(struct proc *p, int64_t i) {
    p->x[12] = small(i);
    for (int d = 0; d < 80; d++) {
        term *hp = alloc(p, TUPLE_WORDS(1));
        hp[0] = make_header(SUB_TUPLE, 1);
        hp[1] = p->x[12];
        p->x[12] = term_from_boxed_ptr(hp);
    }
    return p->x[12];
}

/* Large maps (HAMTs): one key at a time in, lookups, removal down to
   empty, keys in order from to_list; and full-hash collisions. */
Test(maps, hamt_insert_remove_collisions) {
    struct proc *p = mkproc();
    int64_t n = 3000 / SCALE + 40;
    p->x[20] = empty(p);
    for (int64_t i = 0; i < n; i++) {
        p->x[20] = CALL(bif_maps_put_3, small((i * 7919) % n), small(i), p->x[20]);
        cr_assert_eq(map_size(p->x[20]), (uint64_t)i + 1);
    }
    cr_assert(!term_is_flatmap(p->x[20]) && term_is_map(p->x[20]));
    for (int64_t i = 0; i < n; i++) cr_assert_neq(map_get(p->x[20], small(i)), TERM_NONE);
    cr_assert_eq(map_get(p->x[20], small(n)), TERM_NONE);
    /* to_list is in key order whatever the layout */
    term l = CALL(bif_maps_keys_1, p->x[20]);
    for (int64_t i = 0; i < n; i++, l = CDR(l)) cr_assert_eq(CAR(l), small(i));
    /* equal to the same pairs built flat */
    p->x[21] = CALL(bif_maps_to_list_1, p->x[20]);
    p->x[21] = CALL(bif_maps_from_list_1, p->x[21]);
    cr_assert(term_is_flatmap(p->x[21]));
    cr_assert(term_eq_exact(p->x[20], p->x[21]) && term_compare(p->x[20], p->x[21]) == 0);
    for (int64_t i = 0; i < n; i += 2) p->x[20] = CALL(bif_maps_remove_2, small(i), p->x[20]);
    cr_assert_eq(map_size(p->x[20]), (uint64_t)(n / 2));
    cr_assert_eq(map_get(p->x[20], small(2)), TERM_NONE);
    cr_assert_neq(map_get(p->x[20], small(3)), TERM_NONE);
    cr_assert(term_compare(p->x[20], p->x[21]) < 0); /* smaller size first */
    for (int64_t i = 1; i < n; i += 2) p->x[20] = CALL(bif_maps_remove_2, small(i), p->x[20]);
    cr_assert_eq(map_size(p->x[20]), 0);
    cr_assert(term_eq_exact(p->x[20], empty(p)));

    /* collisions: 40 keys with one hash, in a map with other keys */
    p->x[20] = empty(p);
    for (int64_t i = 0; i < 40; i++) {
        p->x[22] = deep_key(p, i);
        p->x[20] = CALL(bif_maps_put_3, p->x[22], small(i), p->x[20]);
        p->x[20] = CALL(bif_maps_put_3, small(i), small(-i), p->x[20]);
    }
    cr_assert_eq(map_size(p->x[20]), 80);
    for (int64_t i = 0; i < 40; i++) {
        p->x[22] = deep_key(p, i);
        cr_assert_eq(map_get(p->x[20], p->x[22]), small(i));
        p->x[20] = CALL(bif_maps_update_3, p->x[22], small(100 + i), p->x[20]);
        cr_assert_eq(map_get(p->x[20], deep_key(p, i)), small(100 + i));
    }
    cr_assert_eq(map_size(p->x[20]), 80);
    for (int64_t i = 0; i < 40; i++) {
        p->x[22] = deep_key(p, i);
        p->x[20] = CALL(bif_maps_remove_2, p->x[22], p->x[20]);
        cr_assert_eq(map_size(p->x[20]), (uint64_t)(79 - i));
        cr_assert_eq(map_get(p->x[20], deep_key(p, i)), TERM_NONE);
        if (i < 39) cr_assert_eq(map_get(p->x[20], deep_key(p, 39)), small(139));
    }
    freeproc(p);
}
