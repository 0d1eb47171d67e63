/*
 * Unit tests of the core BIFs: vm/bif_lists.c, vm/bif_erlang.c,
 * vm/bif_erlang2.c, vm/bif_math.c, vm/bif_unicode.c. Each BIF is called
 * directly with its arguments in x registers; expected values and
 * exceptions are the ones erl 25 gives (checked by hand on erl).
 */
#include <criterion/criterion.h>
#include <math.h>
#include <mimalloc.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "heap.h"
#include "strbuf.h"

#ifdef MOAT_GC_STRESS
#define SCALE 1000 /* every heap check collects: keep sizes small */
#else
#define SCALE 1
#endif

#define LIVE 32 /* x[0..LIVE-1] are roots; tests keep values in x[10..] */
#define TMP (LIVE - 8)

static struct proc *mkproc(void) {
    atom_init();
    struct proc *p = mi_zalloc(sizeof *p);
    cr_assert(p && heap_init(p, HEAP_MIN_WORDS));
    p->x = mi_zalloc(X_REGS * sizeof(term));
    for (unsigned i = 0; i < X_REGS; i++) p->x[i] = TERM_NIL;
    p->dict = p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
    p->exc_args = TERM_NIL;
    p->live = LIVE;
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

static term call(struct proc *p, bif_fn fn, unsigned n, const term *args) {
    for (unsigned i = 0; i < n; i++) p->x[i] = args[i];
    p->live = LIVE;
    return fn(p, p->x);
}
#define CALL(fn, ...) call(p, fn, sizeof((term[]){__VA_ARGS__}) / sizeof(term), (term[]){__VA_ARGS__})
#define CALL0(fn) call(p, fn, 0, NULL)

/* A list of small integers; terms built here are used at once. */
static term ints(struct proc *p, const int64_t *v, size_t n, term tail) {
    p->x[TMP + 5] = tail;
    term *hp = alloc(p, 2 * n);
    term l = p->x[TMP + 5];
    for (size_t i = n; i-- > 0; hp += 2) l = cons_store(hp, small(v[i]), l);
    return l;
}
#define INTS(...) ints(p, (int64_t[]){__VA_ARGS__}, sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t), TERM_NIL)

static term str(struct proc *p, const char *s) {
    size_t n = strlen(s);
    term *hp = alloc(p, 2 * n);
    term l = TERM_NIL;
    for (size_t i = n; i-- > 0; hp += 2) l = cons_store(hp, small((unsigned char)s[i]), l);
    return l;
}

/* The builders below root their term arguments (x[LIVE-8..]) while they
   allocate: a GC may move what they were given. */
static term list2(struct proc *p, term a, term b) {
    p->x[TMP] = a, p->x[TMP + 1] = b;
    term *hp = alloc(p, 4);
    return cons_store(hp, p->x[TMP], cons_store(hp + 2, p->x[TMP + 1], TERM_NIL));
}
static term cons1(struct proc *p, term h, term t) {
    p->x[TMP] = h, p->x[TMP + 1] = t;
    term *hp = alloc(p, 2);
    return cons_store(hp, p->x[TMP], p->x[TMP + 1]);
}

static term tuple(struct proc *p, unsigned n, const term *e) {
    cr_assert(n <= 4);
    memcpy(p->x + TMP, e, n * sizeof(term));
    term *hp = alloc(p, n + 1);
    hp[0] = make_header(SUB_TUPLE, n);
    memcpy(hp + 1, p->x + TMP, n * sizeof(term));
    return term_from_boxed_ptr(hp);
}
#define TUPLE(...) tuple(p, sizeof((term[]){__VA_ARGS__}) / sizeof(term), (term[]){__VA_ARGS__})

static term flt(struct proc *p, double d) { return float_store(alloc(p, FLOAT_WORDS), d); }

static term bin(struct proc *p, const char *bytes, size_t n) {
    uint8_t *data;
    term b = bin_alloc(p, n, &data);
    cr_assert_neq(b, TERM_NONE);
    memcpy(data, bytes, n);
    return b;
}
#define BIN(s) bin(p, s, sizeof(s) - 1)

static bool is_list_of(term l, const int64_t *v, size_t n) {
    for (size_t i = 0; i < n; i++, l = CDR(l))
        if (!term_is_list(l) || CAR(l) != small(v[i])) return false;
    return l == TERM_NIL;
}
#define IS_LIST(l, ...) is_list_of(l, (int64_t[]){__VA_ARGS__}, sizeof((int64_t[]){__VA_ARGS__}) / sizeof(int64_t))

static bool is_bin(term t, const char *bytes, size_t n) {
    struct bin_view v;
    if (!term_is_bitstring(t) || !bin_view(t, &v) || v.bit_size != 8 * n) return false;
    cr_assert_eq(v.bit_offset % 8, 0);
    return memcmp(v.bytes + v.bit_offset / 8, bytes, n) == 0;
}
#define IS_BIN(t, s) is_bin(t, s, sizeof(s) - 1)

static void assert_raised(struct proc *p, term r, term reason) {
    cr_assert_eq(r, TERM_NONE);
    cr_assert_eq(p->exc_class, AM(error));
    cr_assert(term_eq_exact(p->exc_reason, reason));
}

/* ---- lists ----------------------------------------------------------------- */

Test(bifs, length_append_subtract) {
    struct proc *p = mkproc();
    cr_assert_eq(CALL(bif_erlang_length_1, INTS(1, 2, 3)), small(3));
    cr_assert_eq(CALL(bif_erlang_length_1, TERM_NIL), small(0));
    assert_raised(p, CALL(bif_erlang_length_1, cons1(p, small(1), atom("a"))), AM(badarg));
    term r = CALL(bif_erlang_append_2, INTS(1, 2), atom("a"));
    cr_assert_eq(CAR(r), small(1));
    cr_assert_eq(CDR(CDR(r)), atom("a"));
    cr_assert_eq(CALL(bif_erlang_append_2, TERM_NIL, atom("a")), atom("a"));
    assert_raised(p, CALL(bif_erlang_append_2, cons1(p, small(1), atom("a")), TERM_NIL), AM(badarg));
    /* [1,2,1,3,1.0] -- [1, 1.0, 4] = [2,1,3] */
    p->x[10] = INTS(1, 2, 1, 3);
    p->x[11] = flt(p, 1.0);
    p->x[13] = cons1(p, p->x[11], TERM_NIL);
    p->x[10] = CALL(bif_erlang_append_2, p->x[10], p->x[13]);
    p->x[12] = list2(p, small(1), p->x[11]);
    p->x[13] = INTS(4);
    p->x[12] = CALL(bif_erlang_append_2, p->x[12], p->x[13]);
    r = CALL(bif_erlang_subtract_2, p->x[10], p->x[12]);
    cr_assert(IS_LIST(r, 2, 1, 3));
    assert_raised(p, CALL(bif_erlang_subtract_2, INTS(1), atom("a")), AM(badarg));
    freeproc(p);
}

Test(bifs, subtract_large_keeps_order_and_first_occurrences) {
    struct proc *p = mkproc();
    int64_t n = 100000 / SCALE;
    int64_t *a = mi_malloc(n * sizeof *a), *b = mi_malloc(n / 2 * sizeof *b);
    for (int64_t i = 0; i < n; i++) a[i] = i % 1000; /* 100 copies of 0..999 */
    for (int64_t i = 0; i < n / 2; i++) b[i] = i % 1000; /* removes the first 50 copies */
    p->x[10] = ints(p, a, n, TERM_NIL);
    p->x[11] = ints(p, b, n / 2, TERM_NIL);
    term r = CALL(bif_erlang_subtract_2, p->x[10], p->x[11]);
    for (int64_t i = n / 2; i < n; i++, r = CDR(r)) cr_assert_eq(CAR(r), small(i % 1000));
    cr_assert_eq(r, TERM_NIL);
    mi_free(a);
    mi_free(b);
    freeproc(p);
}

Test(bifs, reverse) {
    struct proc *p = mkproc();
    cr_assert(IS_LIST(CALL(bif_lists_reverse_1, INTS(1, 2, 3)), 3, 2, 1));
    cr_assert_eq(CALL(bif_lists_reverse_1, TERM_NIL), TERM_NIL);
    assert_raised(p, CALL(bif_lists_reverse_1, atom("a")), AM(function_clause));
    assert_raised(p, CALL(bif_lists_reverse_1, cons1(p, small(1), atom("a"))), AM(function_clause));
    term l = ints(p, (int64_t[]){1, 2}, 2, atom("a"));
    assert_raised(p, CALL(bif_lists_reverse_1, l), AM(badarg));
    term r = CALL(bif_lists_reverse_2, INTS(1, 2), atom("t"));
    cr_assert_eq(CAR(r), small(2));
    cr_assert_eq(CDR(CDR(r)), atom("t"));
    assert_raised(p, CALL(bif_lists_reverse_2, atom("a"), TERM_NIL), AM(badarg));
    /* a million elements */
    int64_t n = 1000000 / SCALE;
    int64_t *v = mi_malloc(n * sizeof *v);
    for (int64_t i = 0; i < n; i++) v[i] = i;
    p->x[10] = ints(p, v, n, TERM_NIL);
    mi_free(v);
    r = CALL(bif_lists_reverse_1, p->x[10]);
    for (int64_t i = n - 1; i >= 0; i--, r = CDR(r)) cr_assert_eq(CAR(r), small(i));
    cr_assert_eq(CALL(bif_erlang_length_1, p->x[10]), small(n));
    freeproc(p);
}

Test(bifs, keyfind_member) {
    struct proc *p = mkproc();
    p->x[10] = flt(p, 1.0);
    p->x[10] = TUPLE(p->x[10], atom("a"));
    p->x[11] = list2(p, atom("x"), p->x[10]); /* [x, {1.0, a}] */
    cr_assert_eq(CALL(bif_lists_keyfind_3, small(1), small(1), p->x[11]), p->x[10]); /* == */
    cr_assert_eq(CALL(bif_lists_keyfind_3, small(2), small(1), p->x[11]), AM(false));
    cr_assert_eq(CALL(bif_lists_keyfind_3, small(1), small(3), p->x[11]), AM(false));
    cr_assert_eq(CALL(bif_lists_keymember_3, atom("a"), small(2), p->x[11]), AM(true));
    term r = CALL(bif_lists_keysearch_3, atom("a"), small(2), p->x[11]);
    cr_assert(term_is_tuple(r) && tuple_elems(r)[0] == atom("value") && tuple_elems(r)[1] == p->x[10]);
    assert_raised(p, CALL(bif_lists_keyfind_3, small(1), small(0), p->x[11]), AM(badarg));
    assert_raised(p, CALL(bif_lists_keyfind_3, small(1), small(1), atom("a")), AM(badarg));
    /* found before the improper tail: returned; not found: badarg */
    p->x[12] = cons1(p, p->x[10], atom("b"));
    cr_assert_eq(CALL(bif_lists_keyfind_3, small(1), small(1), p->x[12]), p->x[10]);
    assert_raised(p, CALL(bif_lists_keyfind_3, small(2), small(1), p->x[12]), AM(badarg));
    /* member uses =:= */
    p->x[13] = cons1(p, flt(p, 1.0), TERM_NIL);
    cr_assert_eq(CALL(bif_lists_member_2, small(1), p->x[13]), AM(false));
    p->x[14] = flt(p, 1.0);
    cr_assert_eq(CALL(bif_lists_member_2, p->x[14], p->x[13]), AM(true));
    cr_assert_eq(CALL(bif_lists_member_2, small(1), cons1(p, small(1), atom("b"))), AM(true));
    assert_raised(p, CALL(bif_lists_member_2, small(1), cons1(p, small(2), atom("b"))), AM(badarg));
    freeproc(p);
}

/* ---- tuples, atoms, types -------------------------------------------------- */

Test(bifs, tuples) {
    struct proc *p = mkproc();
    p->x[10] = TUPLE(atom("a"), atom("b"));
    cr_assert_eq(CALL(bif_erlang_element_2, small(2), p->x[10]), atom("b"));
    assert_raised(p, CALL(bif_erlang_element_2, small(0), p->x[10]), AM(badarg));
    assert_raised(p, CALL(bif_erlang_element_2, small(3), p->x[10]), AM(badarg));
    term r = CALL(bif_erlang_setelement_3, small(1), p->x[10], small(9));
    cr_assert_eq(tuple_elems(r)[0], small(9));
    cr_assert_eq(tuple_elems(p->x[10])[0], atom("a"));
    cr_assert_eq(CALL(bif_erlang_tuple_size_1, p->x[10]), small(2));
    cr_assert_eq(CALL(bif_erlang_size_1, p->x[10]), small(2));
    cr_assert_eq(CALL(bif_erlang_size_1, BIN("abc")), small(3));
    assert_raised(p, CALL(bif_erlang_size_1, TERM_NIL), AM(badarg));
    r = CALL(bif_erlang_insert_element_3, small(1), p->x[10], small(0));
    cr_assert(tuple_arity(r) == 3 && tuple_elems(r)[0] == small(0) && tuple_elems(r)[2] == atom("b"));
    r = CALL(bif_erlang_insert_element_3, small(3), p->x[10], small(0));
    cr_assert(tuple_arity(r) == 3 && tuple_elems(r)[2] == small(0));
    assert_raised(p, CALL(bif_erlang_insert_element_3, small(4), p->x[10], small(0)), AM(badarg));
    r = CALL(bif_erlang_delete_element_2, small(1), p->x[10]);
    cr_assert(tuple_arity(r) == 1 && tuple_elems(r)[0] == atom("b"));
    r = CALL(bif_erlang_append_element_2, p->x[10], small(7));
    cr_assert(tuple_arity(r) == 3 && tuple_elems(r)[2] == small(7));
    /* make_tuple(3, a, [{1,b},{3,c},{1,d}]) = {d,a,c} */
    p->x[11] = TUPLE(small(1), atom("b"));
    p->x[12] = TUPLE(small(3), atom("c"));
    p->x[13] = TUPLE(small(1), atom("d"));
    p->x[14] = cons1(p, p->x[13], TERM_NIL);
    p->x[14] = cons1(p, p->x[12], p->x[14]);
    p->x[14] = cons1(p, p->x[11], p->x[14]);
    r = CALL(bif_erlang_make_tuple_3, small(3), atom("a"), p->x[14]);
    cr_assert(tuple_elems(r)[0] == atom("d") && tuple_elems(r)[1] == atom("a") && tuple_elems(r)[2] == atom("c"));
    assert_raised(p, CALL(bif_erlang_make_tuple_3, small(2), atom("a"), p->x[14]), AM(badarg));
    assert_raised(p, CALL(bif_erlang_make_tuple_2, small(-1), atom("a")), AM(badarg));
    cr_assert_eq(tuple_arity(CALL(bif_erlang_make_tuple_2, small(0), atom("a"))), 0);
    r = CALL(bif_erlang_tuple_to_list_1, p->x[10]);
    cr_assert(CAR(r) == atom("a") && CAR(CDR(r)) == atom("b") && CDR(CDR(r)) == TERM_NIL);
    r = CALL(bif_erlang_list_to_tuple_1, INTS(1, 2, 3));
    cr_assert(tuple_arity(r) == 3 && tuple_elems(r)[2] == small(3));
    assert_raised(p, CALL(bif_erlang_list_to_tuple_1, cons1(p, small(1), atom("b"))), AM(badarg));
    freeproc(p);
}

Test(bifs, atoms) {
    struct proc *p = mkproc();
    cr_assert_eq(CALL(bif_erlang_list_to_atom_1, str(p, "hello")), atom("hello"));
    term r = CALL(bif_erlang_list_to_atom_1, INTS(104, 233, 0x1234));
    cr_assert_eq(r, atom("h\xc3\xa9\xe1\x88\xb4"));
    cr_assert(IS_LIST(CALL(bif_erlang_atom_to_list_1, r), 104, 233, 0x1234));
    assert_raised(p, CALL(bif_erlang_list_to_atom_1, INTS(-1)), AM(badarg));
    assert_raised(p, CALL(bif_erlang_list_to_atom_1, cons1(p, small(97), atom("b"))), AM(badarg));
    char long_name[257];
    memset(long_name, 'a', 256);
    long_name[256] = 0;
    assert_raised(p, CALL(bif_erlang_list_to_atom_1, str(p, long_name)), AM(system_limit));
    assert_raised(p, CALL(bif_erlang_list_to_existing_atom_1, str(p, "no_such_atom_xyzzy")), AM(badarg));
    cr_assert_eq(CALL(bif_erlang_list_to_existing_atom_1, str(p, "hello")), atom("hello"));
    cr_assert_eq(CALL(bif_erlang_atom_to_list_1, atom("")), TERM_NIL);
    assert_raised(p, CALL(bif_erlang_atom_to_list_1, small(1)), AM(badarg));
    freeproc(p);
}

Test(bifs, types_and_booleans) {
    struct proc *p = mkproc();
    cr_assert_eq(CALL(bif_erlang_is_atom_1, atom("a")), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_atom_1, small(1)), AM(false));
    cr_assert_eq(CALL(bif_erlang_is_list_1, TERM_NIL), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_boolean_1, AM(false)), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_number_1, flt(p, 1.5)), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_integer_1, flt(p, 1.5)), AM(false));
    cr_assert_eq(CALL(bif_erlang_is_binary_1, BIN("ab")), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_function_2, atom("f"), small(1)), AM(false));
    assert_raised(p, CALL(bif_erlang_is_function_2, atom("f"), small(-1)), AM(badarg));
    p->x[10] = TUPLE(atom("a"), small(1));
    cr_assert_eq(CALL(bif_erlang_is_record_2, p->x[10], atom("a")), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_record_3, p->x[10], atom("a"), small(2)), AM(true));
    cr_assert_eq(CALL(bif_erlang_is_record_3, p->x[10], atom("a"), small(3)), AM(false));
    cr_assert_eq(CALL(bif_erlang_is_record_3, p->x[10], atom("a"), small(-1)), AM(false));
    assert_raised(p, CALL(bif_erlang_is_record_3, p->x[10], small(1), small(2)), AM(badarg));
    cr_assert_eq(CALL(bif_erlang_not_1, AM(true)), AM(false));
    assert_raised(p, CALL(bif_erlang_not_1, small(1)), AM(badarg));
    cr_assert_eq(CALL(bif_erlang_xor_2, AM(true), AM(false)), AM(true));
    cr_assert_eq(CALL(bif_erlang_and_2, AM(true), AM(false)), AM(false));
    assert_raised(p, CALL(bif_erlang_and_2, AM(true), small(1)), AM(badarg));
    cr_assert_eq(CALL(bif_erlang_or_2, AM(false), AM(true)), AM(true));
    freeproc(p);
}

/* ---- system ---------------------------------------------------------------- */

Test(bifs, time_and_system) {
    struct proc *p = mkproc();
    cr_assert_eq(CALL(bif_erlang_convert_time_unit_3, small(1000), atom("second"), atom("millisecond")),
                 small(1000000));
    cr_assert_eq(CALL(bif_erlang_convert_time_unit_3, small(1999), atom("millisecond"), atom("second")), small(1));
    cr_assert_eq(CALL(bif_erlang_convert_time_unit_3, small(-1999), atom("millisecond"), atom("second")),
                 small(-2));
    cr_assert_eq(CALL(bif_erlang_convert_time_unit_3, small(1), small(7), small(3)), small(0));
    assert_raised(p, CALL(bif_erlang_convert_time_unit_3, small(1), atom("foo"), small(3)), AM(badarg));
    term t = CALL(bif_erlang_system_time_1, atom("second"));
    cr_assert(term_is_small(t) && term_to_small(t) > 1600000000);
    assert_raised(p, CALL(bif_erlang_system_time_1, atom("foo")), AM(badarg));
    term ts = CALL0(bif_erlang_timestamp_0);
    cr_assert(term_is_tuple(ts) && tuple_arity(ts) == 3);
    term lt = CALL0(bif_erlang_localtime_0);
    cr_assert(term_is_tuple(lt) && term_is_tuple(tuple_elems(lt)[0]));
    term r1 = CALL0(bif_erlang_make_ref_0);
    p->x[10] = r1;
    term r2 = CALL0(bif_erlang_make_ref_0);
    cr_assert(term_is_ref(r2) && !term_eq_exact(p->x[10], r2));
    cr_assert_eq(CALL(bif_erlang_node_1, r2), AM(nonode_at_nohost));
    assert_raised(p, CALL(bif_erlang_node_1, atom("a")), AM(badarg));
    term u1 = CALL(bif_erlang_unique_integer_1, list2(p, atom("positive"), atom("monotonic")));
    term u2 = CALL(bif_erlang_unique_integer_1, list2(p, atom("positive"), atom("monotonic")));
    cr_assert(term_to_small(u1) > 0 && term_to_small(u2) > term_to_small(u1));
    assert_raised(p, CALL(bif_erlang_unique_integer_1, cons1(p, atom("foo"), TERM_NIL)), AM(badarg));
    cr_assert(IS_LIST(CALL(bif_erlang_system_info_1, atom("otp_release")), '2', '5'));
    cr_assert_eq(CALL(bif_erlang_system_info_1, atom("wordsize")), small(8));
    assert_raised(p, CALL(bif_erlang_system_info_1, atom("foo")), AM(badarg));
    freeproc(p);
}

/* ---- math ------------------------------------------------------------------ */

Test(bifs, math) {
    struct proc *p = mkproc();
    term r = CALL(bif_math_sqrt_1, small(16));
    cr_assert(term_is_float(r) && float_value(r) == 4.0);
    r = CALL(bif_math_fmod_2, flt(p, -5.5), small(2));
    cr_assert_eq(float_value(r), -1.5);
    r = CALL(bif_math_ceil_1, small(5));
    cr_assert(term_is_float(r) && float_value(r) == 5.0);
    r = CALL(bif_math_sqrt_1, flt(p, -0.0));
    cr_assert(float_value(r) == 0.0 && signbit(float_value(r)));
    cr_assert_eq(float_value(CALL0(bif_math_pi_0)), 3.141592653589793);
    assert_raised(p, CALL(bif_math_sqrt_1, small(-1)), AM(badarith));
    assert_raised(p, CALL(bif_math_log_1, small(0)), AM(badarith));
    assert_raised(p, CALL(bif_math_pow_2, small(10), small(400)), AM(badarith));
    assert_raised(p, CALL(bif_math_acos_1, small(2)), AM(badarith));
    assert_raised(p, CALL(bif_math_fmod_2, small(1), small(0)), AM(badarith));
    assert_raised(p, CALL(bif_math_sin_1, atom("a")), AM(badarg));
    assert_raised(p, CALL(bif_math_atan2_2, atom("a"), small(0)), AM(badarg));
    cr_assert_eq(float_value(CALL(bif_math_atan2_2, small(0), small(0))), 0.0);
    freeproc(p);
}

/* ---- unicode --------------------------------------------------------------- */

/* {Tag, Converted, Rest}: checks the tag, returns the tuple */
static term error_tuple(term r, term tag) {
    cr_assert(term_is_tuple(r) && tuple_arity(r) == 3);
    cr_assert_eq(tuple_elems(r)[0], tag);
    return r;
}

Test(bifs, unicode_ok) {
    struct proc *p = mkproc();
    cr_assert(IS_LIST(CALL(bif_unicode_characters_to_list_1, BIN("h\xc3\xa9")), 104, 233));
    cr_assert(IS_LIST(CALL(bif_unicode_characters_to_list_2, BIN("h\xe9"), atom("latin1")), 104, 233));
    /* [<<"a">>, [98, <<"c">>], 100] */
    p->x[10] = BIN("c");
    p->x[10] = list2(p, small(98), p->x[10]);
    p->x[10] = cons1(p, p->x[10], INTS(100));
    p->x[13] = BIN("a");
    p->x[10] = cons1(p, p->x[13], p->x[10]);
    cr_assert(IS_LIST(CALL(bif_unicode_characters_to_list_1, p->x[10]), 97, 98, 99, 100));
    /* a character split over two binaries: [<<97,195>>, <<169>>] */
    p->x[11] = BIN("\xa9");
    p->x[13] = BIN("a\xc3");
    p->x[11] = list2(p, p->x[13], p->x[11]);
    cr_assert(IS_LIST(CALL(bif_unicode_characters_to_list_1, p->x[11]), 97, 233));
    cr_assert(IS_BIN(CALL(bif_unicode_characters_to_binary_1, INTS(104, 233, 0x20AC)), "h\xc3\xa9\xe2\x82\xac"));
    cr_assert(IS_BIN(CALL(bif_unicode_characters_to_binary_3, INTS(104, 233), atom("unicode"), atom("latin1")),
                     "h\xe9"));
    cr_assert(IS_BIN(CALL(bif_unicode_characters_to_binary_2, BIN("h\xe9"), atom("latin1")), "h\xc3\xa9"));
    cr_assert(IS_BIN(CALL(bif_unicode_characters_to_binary_3, INTS(97, 98), atom("utf8"), atom("utf16")),
                     "\0a\0b"));
    p->x[12] = TUPLE(atom("utf16"), atom("little"));
    p->x[13] = INTS(97);
    cr_assert(IS_BIN(CALL(bif_unicode_characters_to_binary_3, p->x[13], atom("utf8"), p->x[12]), "a\0"));
    /* [97 | <<"b">>] */
    cr_assert(IS_LIST(CALL(bif_unicode_characters_to_list_1, cons1(p, small(97), BIN("b"))), 97, 98));
    cr_assert_eq(CALL(bif_unicode_characters_to_list_1, TERM_NIL), TERM_NIL);
    freeproc(p);
}

Test(bifs, unicode_errors) {
    struct proc *p = mkproc();
    /* <<97,255,98>> -> {error,[97],<<255,98>>} */
    term r = error_tuple(CALL(bif_unicode_characters_to_list_1, BIN("a\xff" "b")), AM(error));
    cr_assert(IS_LIST(tuple_elems(r)[1], 97));
    cr_assert(IS_BIN(tuple_elems(r)[2], "\xff" "b"));
    /* [<<97,255,98>>, 99] -> {error,[97],[<<255,98>>,99]} */
    p->x[10] = list2(p, BIN("a\xff" "b"), small(99));
    r = error_tuple(CALL(bif_unicode_characters_to_list_1, p->x[10]), AM(error));
    term rest = tuple_elems(r)[2];
    cr_assert(IS_BIN(CAR(rest), "\xff" "b") && CAR(CDR(rest)) == small(99) && CDR(CDR(rest)) == TERM_NIL);
    /* [97, -1, 98] -> {error,[97],[-1,98]} */
    r = error_tuple(CALL(bif_unicode_characters_to_list_1, INTS(97, -1, 98)), AM(error));
    cr_assert(IS_LIST(tuple_elems(r)[2], -1, 98));
    /* [97, <<195>>] -> {incomplete,[97],<<195>>} */
    r = error_tuple(CALL(bif_unicode_characters_to_list_1, list2(p, small(97), BIN("\xc3"))), AM(incomplete));
    cr_assert(IS_BIN(tuple_elems(r)[2], "\xc3"));
    /* [<<97,195>>, 98] -> {error,[97],[<<195>>,[98]]} */
    r = error_tuple(CALL(bif_unicode_characters_to_list_1, list2(p, BIN("a\xc3"), small(98))), AM(error));
    rest = tuple_elems(r)[2];
    cr_assert(IS_BIN(CAR(rest), "\xc3"));
    cr_assert(IS_LIST(CAR(CDR(rest)), 98));
    /* [97, [<<200,97>>, 98], 99] -> {error,<<97>>,[[<<200,97>>,98],99]} */
    p->x[11] = list2(p, BIN("\xc8" "a"), small(98));
    p->x[11] = cons1(p, p->x[11], INTS(99));
    p->x[11] = cons1(p, small(97), p->x[11]);
    r = error_tuple(CALL(bif_unicode_characters_to_binary_1, p->x[11]), AM(error));
    cr_assert(IS_BIN(tuple_elems(r)[1], "a"));
    rest = tuple_elems(r)[2];
    cr_assert(IS_BIN(CAR(CAR(rest)), "\xc8" "a"));
    cr_assert(IS_LIST(CDR(CAR(rest)), 98));
    cr_assert(IS_LIST(CDR(rest), 99));
    /* "h€llo" to latin1 -> {error,<<"h">>,[[8364],108,108,111]} */
    r = error_tuple(CALL(bif_unicode_characters_to_binary_3, INTS(104, 8364, 108), atom("unicode"), atom("latin1")),
                    AM(error));
    cr_assert(IS_BIN(tuple_elems(r)[1], "h"));
    rest = tuple_elems(r)[2];
    cr_assert(IS_LIST(CAR(rest), 8364));
    cr_assert(IS_LIST(CDR(rest), 108));
    /* [1,2,300] in latin1 -> {error,<<1,2>>,[300]} */
    r = error_tuple(CALL(bif_unicode_characters_to_binary_2, INTS(1, 2, 300), atom("latin1")), AM(error));
    cr_assert(IS_BIN(tuple_elems(r)[1], "\1\2"));
    cr_assert(IS_LIST(tuple_elems(r)[2], 300));
    /* surrogate in a binary, and an overlong sequence */
    r = error_tuple(CALL(bif_unicode_characters_to_list_1, BIN("a\xed\xa0\x80")), AM(error));
    cr_assert(IS_BIN(tuple_elems(r)[2], "\xed\xa0\x80"));
    r = error_tuple(CALL(bif_unicode_characters_to_list_1, BIN("a\xf0\x90")), AM(incomplete));
    cr_assert(IS_BIN(tuple_elems(r)[2], "\xf0\x90"));
    /* badarg: not chardata, bad encoding */
    assert_raised(p, CALL(bif_unicode_characters_to_list_1, list2(p, small(97), atom("a"))), AM(badarg));
    assert_raised(p, CALL(bif_unicode_characters_to_list_1, atom("a")), AM(badarg));
    assert_raised(p, CALL(bif_unicode_characters_to_list_1, cons1(p, small(97), small(98))), AM(badarg));
    assert_raised(p, CALL(bif_unicode_characters_to_binary_2, INTS(97), atom("foo")), AM(badarg));
    freeproc(p);
}

/* vm/bif.c bif_text_append: chardata as UTF-8, nesting, bad tails */
Test(bifs, text_append_chardata) {
    struct proc *p = mkproc();
    struct strbuf sb = STRBUF_INIT;
    p->x[10] = str(p, "me");
    p->x[11] = list2(p, atom_term("na", 2), p->x[10]); /* [na, "me"] */
    p->x[12] = cons1(p, small(0x1F600), p->x[11]);    /* [😀, na, "me"] */
    p->x[13] = list2(p, str(p, "/x/"), p->x[12]);     /* ["/x/", [😀, na, "me"]] */
    cr_assert(bif_text_append(&sb, p->x[13], false));
    cr_assert_str_eq(sb_cstr(&sb), "/x/\xF0\x9F\x98\x80" "name");
    sb_free(&sb);
    /* an atom after the bar of a nested list is not text: [[$a | b]] */
    p->x[14] = list2(p, cons1(p, small('a'), atom_term("b", 1)), TERM_NIL);
    sb = (struct strbuf)STRBUF_INIT;
    cr_assert(!bif_text_append(&sb, p->x[14], false));
    sb_free(&sb);
    /* code point 0 only where allowed */
    p->x[15] = INTS(0x61, 0);
    sb = (struct strbuf)STRBUF_INIT;
    cr_assert(!bif_text_append(&sb, p->x[15], false));
    sb_free(&sb);
    sb = (struct strbuf)STRBUF_INIT;
    cr_assert(bif_text_append(&sb, p->x[15], true) && sb.len == 2);
    sb_free(&sb);
    freeproc(p);
}
