/*
 * Unit tests of erlang:phash/2's and phash2's hashes (vm/compare.c:
 * term_phash, term_hash2) on hand-built terms. The expected values are
 * erl 25's: phash(T, 1 bsl 32) - 1 and phash2(T, 1 bsl 32).
 * (Several hundred more terms, random and nested, were checked against
 * erl through term_to_binary when these were written.)
 *
 * bin_view comes from vm/bits.c or test_heap.c's weak stand-in.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "atom.h"
#include "compare.h"

static term arena[256];
static size_t used;

static term *take(size_t words) {
    cr_assert(used + words <= sizeof arena / sizeof arena[0]);
    term *hp = arena + used;
    used += words;
    return hp;
}

static term atom(const char *s) { return atom_term(s, strlen(s)); }
static term small(int64_t v) { return term_from_small(v); }
static term cons(term h, term t) { return cons_store(take(2), h, t); }

static term tuple(unsigned n, const term *elems) {
    term *hp = take(1 + n);
    hp[0] = make_header(SUB_TUPLE, n);
    if (n) memcpy(hp + 1, elems, n * sizeof(term));
    return term_from_boxed_ptr(hp);
}

static term big(bool neg, unsigned n, const uint64_t *limbs) {
    term *hp = take(1 + n);
    hp[0] = make_header(neg ? SUB_NEG_BIG : SUB_POS_BIG, n);
    memcpy(hp + 1, limbs, n * sizeof(term));
    return term_from_boxed_ptr(hp);
}

static term flt(double d) { return float_store(take(FLOAT_WORDS), d); }

/* bits [bit_offset, bit_offset + bits) of the bytes, as a sub binary */
static term bits(const char *bytes, size_t len, uint64_t bit_offset, uint64_t nbits) {
    term *hb = take(HEAP_BIN_WORDS(len));
    hb[0] = make_header(SUB_HEAP_BIN, HEAP_BIN_WORDS(len) - 1);
    hb[1] = len;
    memcpy(hb + 2, bytes, len);
    if (bit_offset == 0 && nbits == 8 * len) return term_from_boxed_ptr(hb);
    term *sb = take(SUBBIN_WORDS);
    sb[0] = make_header(SUB_SUB_BIN, 3);
    sb[1] = nbits;
    sb[2] = bit_offset;
    sb[3] = term_from_boxed_ptr(hb);
    return term_from_boxed_ptr(sb);
}

static term string(const char *s) {
    term l = TERM_NIL;
    for (size_t i = strlen(s); i-- > 0;) l = cons(small((unsigned char)s[i]), l);
    return l;
}

static void check(term t, uint32_t phash, uint32_t phash2_full, const char *what) {
    cr_expect_eq(term_phash(t), phash, "phash of %s: %u, erl %u", what, term_phash(t), phash);
    cr_expect_eq(term_hash2(t), phash2_full, "phash2 of %s: %u, erl %u", what, term_hash2(t), phash2_full);
    cr_expect_eq(term_phash2(t), phash2_full & ((1u << 27) - 1), "phash2/1 of %s", what);
}

Test(hash, integers) {
    atom_init();
    used = 0;
    check(small(0), 0, 3175731469u, "0");
    check(small(1), 2788898427u, 539485162u, "1");
    check(small(-1), 1680185269u, 1117813597u, "-1");
    check(small(42), 1169616942u, 701417368u, "42");
    check(small(INT64_C(1) << 40), 1920229267u, 282329375u, "1 bsl 40");
    check(small(-(INT64_C(1) << 59)), 2147489128u, 2316875190u, "-(1 bsl 59)");
    uint64_t l60[] = {UINT64_C(1) << 60};
    check(big(false, 1, l60), 48u, 1373980788u, "1 bsl 60");
    uint64_t l64[] = {5, 1};
    check(big(true, 2, l64), 3771387646u, 2798261862u, "-(1 bsl 64)-5");
    uint64_t l96[] = {7, UINT64_C(1) << 32};
    check(big(false, 2, l96), 3009949048u, 2583662647u, "(1 bsl 96)+7");
}

Test(hash, atoms_floats_binaries) {
    atom_init();
    used = 0;
    check(atom("a"), 97u, 97u, "a");
    check(atom("h\xc3\xa9llo"), 7799599u, 7799599u, "'h\\u00e9llo'");
    check(flt(-0.0), 0u, 423528920u, "-0.0");
    check(flt(3.25), 1074397184u, 3743608199u, "3.25");
    check(bits("abc", 3, 0, 24), 1972007565u, 1306188027u, "<<\"abc\">>");
    /* <<"abc">> again, unaligned: 5 junk bits before it */
    check(bits("\x03\x0b\x13\x18", 4, 5, 24), 1972007565u, 1306188027u, "unaligned <<\"abc\">>");
    check(bits("\xa0", 1, 0, 3), 3507216108u, 3354768668u, "<<5:3>>");
    check(bits("\x05", 1, 5, 3), 3507216108u, 3354768668u, "unaligned <<5:3>>");
}

Test(hash, lists_tuples_maps) {
    atom_init();
    used = 0;
    check(TERM_NIL, 1u, 3468870702u, "[]");
    check(string("hello"), 2340352115u, 753008767u, "\"hello\"");
    check(cons(atom("a"), atom("b")), 4159696707u, 2356411656u, "[a|b]");
    check(cons(small(1), cons(small(2), small(3))), 265598414u, 4169601349u, "[1,2|3]");
    check(cons(small(300), cons(atom("a"), TERM_NIL)), 41773093u, 1472428027u, "[300,a]");
    check(tuple(0, NULL), 0u, 221703996u, "{}");
    term c = tuple(2, (term[]){atom("c"), tuple(0, NULL)});
    term b = tuple(2, (term[]){atom("b"), c});
    check(tuple(2, (term[]){atom("a"), b}), 2509756892u, 3341179255u, "{a,{b,{c,{}}}}");
    check(tuple(2, (term[]){TERM_NIL, cons(flt(1.5), TERM_NIL)}), 1741743582u, 712777927u, "{[],[1.5]}");
    term keys = tuple(1, (term[]){atom("a")});
    term *m = take(MAP_WORDS(1));
    m[0] = make_header(SUB_MAP, 2);
    m[1] = keys;
    m[2] = small(1);
    check(term_from_boxed_ptr(m), 1670235873u, 1401795262u, "#{a => 1}");
}
