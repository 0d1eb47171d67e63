/*
 * arith.c — the arithmetic, comparison, hashing and integer-text BIFs of
 * vm/bifs.def (bif_erlang_add_2 ... bif_erlang_binary_to_integer_2).
 *
 * Each BIF takes the fast path when its operands are small integers (no
 * heap, no call); otherwise it computes a bound on the result's size,
 * reserves it with ONE heap_ensure_free, re-reads args[] (the GC may
 * have moved them), and lets vm/bignum.c build the result at p->htop.
 * The interpreter calls these same functions from the slow paths of its
 * arithmetic instructions.
 *
 * Errors: badarith for bad operands of operators, badarg for bad
 * arguments of functions (erl's split), system_limit for integers over
 * BIG_MAX_LIMBS limbs and when the heap cannot grow.
 */
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "bif.h"
#include "bignum.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "heap.h"

#define BIG_MAX_LIMBS ((size_t)1 << 22) /* 2^28 bits: erl's limit is of that order */

static inline size_t int_limbs(term t) { return term_is_small(t) ? 1 : big_size(t); }

/* Reserve `words`, then fill a and b from args (re-read after the GC). */
static bool reserve2(struct proc *p, term *args, size_t words, struct bigv *a, struct bigv *b) {
    if (!heap_ensure_free(p, words)) return false;
    bigv_of(args[0], a);
    if (b) bigv_of(args[1], b);
    return true;
}

/* Commit what a bignum.c operation wrote at hp (heap_take of the words used). */
static inline term commit(struct proc *p, term *hp, term r) {
    p->htop = hp;
    return r;
}

static term int64_result(struct proc *p, int64_t v) {
    if (small_fits(v)) return term_from_small(v);
    if (!heap_ensure_free(p, BIG_WORDS(1))) return raise_system_limit(p);
    term *hp = p->htop;
    term r = int_from_int64(v, &hp);
    return commit(p, hp, r);
}

static term float_result(struct proc *p, double d) {
    if (!isfinite(d)) return raise_badarith(p);
    if (!heap_ensure_free(p, FLOAT_WORDS)) return raise_system_limit(p);
    return float_store(heap_take(p, FLOAT_WORDS), d);
}

/* Value of a number as a double; false for a non-number or an integer
   too large for a double. */
static bool number_to_double(term t, double *d) {
    if (term_is_float(t)) {
        *d = float_value(t);
        return true;
    }
    return term_is_integer(t) && int_to_double(t, d);
}

/* ---- + - * / --------------------------------------------------------- */

enum arith_op { OP_ADD, OP_SUB, OP_MUL, OP_FDIV };

static term arith_float(struct proc *p, term *args, enum arith_op op) {
    double a, b, r;
    if (!number_to_double(args[0], &a) || !number_to_double(args[1], &b)) return raise_badarith(p);
    switch (op) {
    case OP_ADD: r = a + b; break;
    case OP_SUB: r = a - b; break;
    case OP_MUL: r = a * b; break;
    default:
        if (b == 0.0) return raise_badarith(p);
        r = a / b;
        break;
    }
    return float_result(p, r);
}

static term arith_generic(struct proc *p, term *args, enum arith_op op) {
    term x = args[0], y = args[1];
    if (op == OP_FDIV || !term_is_integer(x) || !term_is_integer(y)) {
        if (!term_is_number(x) || !term_is_number(y)) return raise_badarith(p);
        return arith_float(p, args, op);
    }
    size_t nx = int_limbs(x), ny = int_limbs(y);
    size_t limbs = op == OP_MUL ? nx + ny : (nx > ny ? nx : ny) + 1;
    if (limbs > BIG_MAX_LIMBS) return raise_system_limit(p);
    struct bigv a, b;
    if (!reserve2(p, args, BIG_WORDS(limbs), &a, &b)) return raise_system_limit(p);
    term *hp = p->htop;
    term r = op == OP_MUL ? big_mul(&a, &b, &hp) : big_add(&a, &b, op == OP_SUB, &hp);
    return commit(p, hp, r);
}

term bif_erlang_add_2(struct proc *p, term *args) {
    term a = args[0], b = args[1];
    if (term_is_small(a) && term_is_small(b)) return int64_result(p, term_to_small(a) + term_to_small(b));
    return arith_generic(p, args, OP_ADD);
}

term bif_erlang_sub_2(struct proc *p, term *args) {
    term a = args[0], b = args[1];
    if (term_is_small(a) && term_is_small(b)) return int64_result(p, term_to_small(a) - term_to_small(b));
    return arith_generic(p, args, OP_SUB);
}

term bif_erlang_mul_2(struct proc *p, term *args) {
    term a = args[0], b = args[1];
    int64_t r;
    if (term_is_small(a) && term_is_small(b) && !__builtin_mul_overflow(term_to_small(a), term_to_small(b), &r))
        return int64_result(p, r);
    return arith_generic(p, args, OP_MUL);
}

term bif_erlang_fdiv_2(struct proc *p, term *args) { return arith_generic(p, args, OP_FDIV); }

/* ---- div rem --------------------------------------------------------- */

static term int_divrem(struct proc *p, term *args, bool want_rem) {
    term x = args[0], y = args[1];
    if (!term_is_integer(x) || !term_is_integer(y) || y == term_from_small(0)) return raise_badarith(p);
    if (term_is_small(x) && term_is_small(y)) {
        int64_t a = term_to_small(x), b = term_to_small(y);
        return want_rem ? term_from_small(a % b) : int64_result(p, a / b);
    }
    size_t nx = int_limbs(x), ny = int_limbs(y);
    struct bigv a, b;
    if (!reserve2(p, args, BIG_WORDS(nx + 1) + ny, &a, &b)) return raise_system_limit(p);
    term *hp = p->htop;
    term r = big_divrem(&a, &b, want_rem, &hp);
    return commit(p, hp, r);
}

term bif_erlang_div_2(struct proc *p, term *args) { return int_divrem(p, args, false); }
term bif_erlang_rem_2(struct proc *p, term *args) { return int_divrem(p, args, true); }

/* ---- bitwise --------------------------------------------------------- */

static term int_bitop(struct proc *p, term *args, int op) {
    term x = args[0], y = args[1];
    if (term_is_small(x) && term_is_small(y)) {
        /* the tag bits are all ones in both: and/or keep them, xor clears them */
        if (op == BIG_AND) return x & y;
        if (op == BIG_OR) return x | y;
        return (x ^ y) | TAG_SMALL;
    }
    if (!term_is_integer(x) || !term_is_integer(y)) return raise_badarith(p);
    size_t nx = int_limbs(x), ny = int_limbs(y);
    struct bigv a, b;
    if (!reserve2(p, args, BIG_WORDS((nx > ny ? nx : ny) + 1), &a, &b)) return raise_system_limit(p);
    term *hp = p->htop, r;
    if (!big_bitop(&a, &b, op, &hp, &r)) return raise_system_limit(p);
    return commit(p, hp, r);
}

term bif_erlang_band_2(struct proc *p, term *args) { return int_bitop(p, args, BIG_AND); }
term bif_erlang_bor_2(struct proc *p, term *args) { return int_bitop(p, args, BIG_OR); }
term bif_erlang_bxor_2(struct proc *p, term *args) { return int_bitop(p, args, BIG_XOR); }

/* x * 2^shift (floored), shift given as an integer term, negated for bsr */
static term int_shift(struct proc *p, term *args, bool right) {
    term x = args[0], y = args[1];
    if (!term_is_integer(x) || !term_is_integer(y)) return raise_badarith(p);
    if (x == term_from_small(0)) return x;
    bool xneg = term_is_small(x) ? term_to_small(x) < 0 : big_is_neg(x);
    if (!term_is_small(y)) { /* a huge shift */
        bool left = big_is_neg(y) == right;
        if (left) return raise_system_limit(p);
        return term_from_small(xneg ? -1 : 0);
    }
    int64_t shift = term_to_small(y);
    if (right) shift = -shift;
    if (term_is_small(x)) {
        int64_t v = term_to_small(x);
        if (shift <= 0) return term_from_small(shift <= -63 ? (v < 0 ? -1 : 0) : v >> -shift);
        if (shift < 60) {
            int64_t r = (int64_t)((uint64_t)v << shift);
            if ((r >> shift) == v && small_fits(r)) return term_from_small(r);
        }
    }
    size_t nx = int_limbs(x);
    size_t limbs = shift > 0 ? nx + (size_t)shift / 64 + 2 : nx + 1;
    if (shift > 0 && (uint64_t)shift / 64 > BIG_MAX_LIMBS) return raise_system_limit(p);
    if (limbs > BIG_MAX_LIMBS + 2) return raise_system_limit(p);
    struct bigv a;
    if (!reserve2(p, args, BIG_WORDS(limbs), &a, NULL)) return raise_system_limit(p);
    term *hp = p->htop;
    term r = big_shift(&a, shift, &hp);
    return commit(p, hp, r);
}

term bif_erlang_bsl_2(struct proc *p, term *args) { return int_shift(p, args, false); }
term bif_erlang_bsr_2(struct proc *p, term *args) { return int_shift(p, args, true); }

term bif_erlang_bnot_1(struct proc *p, term *args) {
    term x = args[0];
    if (term_is_small(x)) return term_from_small(~term_to_small(x));
    if (!term_is_bignum(x)) return raise_badarith(p);
    struct bigv a, minus_one;
    if (!reserve2(p, args, BIG_WORDS(big_size(x) + 1), &a, NULL)) return raise_system_limit(p);
    a.neg = !a.neg; /* bnot x = -x - 1 */
    bigv_of(term_from_small(-1), &minus_one);
    term *hp = p->htop;
    term r = big_add(&a, &minus_one, false, &hp);
    return commit(p, hp, r);
}

/* ---- sign and magnitude ---------------------------------------------- */

/* -x (negate) or |x| (abs); x a number, else the given error */
static term int_negabs(struct proc *p, term *args, bool abs_) {
    term x = args[0];
    if (term_is_small(x)) {
        int64_t v = term_to_small(x);
        return int64_result(p, abs_ ? (v < 0 ? -v : v) : -v);
    }
    if (term_is_float(x)) {
        double d = float_value(x);
        return float_result(p, abs_ ? (d < 0 ? -d : d) : -d); /* erl: abs(-0.0) is -0.0 */
    }
    if (!term_is_bignum(x)) return abs_ ? raise_badarg(p) : raise_badarith(p);
    if (abs_ && !big_is_neg(x)) return x;
    struct bigv a;
    if (!reserve2(p, args, BIG_WORDS(big_size(x)), &a, NULL)) return raise_system_limit(p);
    term *hp = p->htop;
    term r = big_from_limbs(abs_ ? false : !a.neg, a.d, a.n, &hp);
    return commit(p, hp, r);
}

term bif_erlang_neg_1(struct proc *p, term *args) { return int_negabs(p, args, false); }
term bif_erlang_abs_1(struct proc *p, term *args) { return int_negabs(p, args, true); }

term bif_erlang_plus_1(struct proc *p, term *args) {
    return term_is_number(args[0]) ? args[0] : raise_badarith(p);
}

term bif_erlang_float_1(struct proc *p, term *args) {
    term x = args[0];
    if (term_is_float(x)) return x;
    double d;
    if (!term_is_integer(x) || !int_to_double(x, &d)) return raise_badarg(p);
    return float_result(p, d);
}

enum round_mode { R_TRUNC, R_ROUND, R_FLOOR, R_CEIL };

static term float_to_int(struct proc *p, term *args, enum round_mode mode) {
    term x = args[0];
    if (term_is_integer(x)) return x;
    if (!term_is_float(x)) return raise_badarg(p);
    double d = float_value(x);
    switch (mode) {
    case R_TRUNC: d = trunc(d); break;
    case R_ROUND: d = round(d); break; /* halves away from zero, as erl */
    case R_FLOOR: d = floor(d); break;
    default: d = ceil(d); break;
    }
    if (d > -1e18 && d < 1e18) return int64_result(p, (int64_t)d);
    if (!heap_ensure_free(p, BIG_WORDS(17))) return raise_system_limit(p);
    term *hp = p->htop;
    term r = int_from_double(d, &hp);
    return commit(p, hp, r);
}

term bif_erlang_trunc_1(struct proc *p, term *args) { return float_to_int(p, args, R_TRUNC); }
term bif_erlang_round_1(struct proc *p, term *args) { return float_to_int(p, args, R_ROUND); }
term bif_erlang_floor_1(struct proc *p, term *args) { return float_to_int(p, args, R_FLOOR); }
term bif_erlang_ceil_1(struct proc *p, term *args) { return float_to_int(p, args, R_CEIL); }

/* ---- comparison ------------------------------------------------------ */

static inline term bool_atom(bool b) { return b ? AM(true) : AM(false); }

term bif_erlang_eq_2(struct proc *p, term *args) { return bool_atom(args[0] == args[1] || term_eq(args[0], args[1])); }
term bif_erlang_ne_2(struct proc *p, term *args) { return bool_atom(args[0] != args[1] && !term_eq(args[0], args[1])); }
term bif_erlang_eq_exact_2(struct proc *p, term *args) {
    return bool_atom(args[0] == args[1] || term_eq_exact(args[0], args[1]));
}
term bif_erlang_ne_exact_2(struct proc *p, term *args) {
    return bool_atom(args[0] != args[1] && !term_eq_exact(args[0], args[1]));
}

static inline int cmp2(term a, term b) {
    if (term_is_small(a) && term_is_small(b)) return (sterm)a < (sterm)b ? -1 : (sterm)a > (sterm)b;
    return term_compare(a, b);
}

term bif_erlang_lt_2(struct proc *p, term *args) { return bool_atom(cmp2(args[0], args[1]) < 0); }
term bif_erlang_gt_2(struct proc *p, term *args) { return bool_atom(cmp2(args[0], args[1]) > 0); }
term bif_erlang_le_2(struct proc *p, term *args) { return bool_atom(cmp2(args[0], args[1]) <= 0); }
term bif_erlang_ge_2(struct proc *p, term *args) { return bool_atom(cmp2(args[0], args[1]) >= 0); }
/* when equal, both return the first argument (erl) */
term bif_erlang_max_2(struct proc *p, term *args) { return cmp2(args[0], args[1]) < 0 ? args[1] : args[0]; }
term bif_erlang_min_2(struct proc *p, term *args) { return cmp2(args[0], args[1]) > 0 ? args[1] : args[0]; }

/* ---- hashing --------------------------------------------------------- */

term bif_erlang_phash2_1(struct proc *p, term *args) { return term_from_small(term_phash2(args[0])); }

term bif_erlang_phash2_2(struct proc *p, term *args) {
    int64_t range;
    if (!int_to_int64(args[1], &range) || range < 1 || range > ((int64_t)1 << 32)) return raise_badarg(p);
    return term_from_small((int64_t)((uint64_t)term_hash2(args[0]) % (uint64_t)range));
}

/* erlang:phash/2: the legacy hash, 1..Range (Range up to 2^32) */
term bif_erlang_phash_2(struct proc *p, term *args) {
    int64_t range;
    if (!int_to_int64(args[1], &range) || range < 1 || range > ((int64_t)1 << 32)) return raise_badarg(p);
    return term_from_small(1 + (int64_t)((uint64_t)term_phash(args[0]) % (uint64_t)range));
}

/* ---- integer text ---------------------------------------------------- */

static bool base_arg(term t, unsigned *base) {
    if (!term_is_small(t) || term_to_small(t) < 2 || term_to_small(t) > 36) return false;
    *base = (unsigned)term_to_small(t);
    return true;
}

static term text_to_list(struct proc *p, const char *s, size_t len) {
    if (!heap_ensure_free(p, CONS_WORDS * len)) return raise_system_limit(p);
    term *hp = heap_take(p, CONS_WORDS * len), list = TERM_NIL;
    for (size_t i = len; i-- > 0;) list = cons_store(hp + 2 * i, term_from_small((unsigned char)s[i]), list);
    return list;
}

static term int_to_chars(struct proc *p, term *args, unsigned base, bool binary) {
    if (!term_is_integer(args[0])) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    int_to_text(&sb, args[0], base);
    if (sb.failed) {
        sb_free(&sb);
        return raise_system_limit(p);
    }
    term r;
    if (binary) {
        uint8_t *data;
        r = bin_alloc(p, sb.len, &data);
        if (r == TERM_NONE) r = raise_system_limit(p);
        else memcpy(data, sb.data, sb.len);
    } else {
        r = text_to_list(p, sb.data, sb.len);
    }
    sb_free(&sb);
    return r;
}

term bif_erlang_integer_to_list_1(struct proc *p, term *args) { return int_to_chars(p, args, 10, false); }
term bif_erlang_integer_to_binary_1(struct proc *p, term *args) { return int_to_chars(p, args, 10, true); }
term bif_erlang_integer_to_list_2(struct proc *p, term *args) {
    unsigned base;
    return base_arg(args[1], &base) ? int_to_chars(p, args, base, false) : raise_badarg(p);
}
term bif_erlang_integer_to_binary_2(struct proc *p, term *args) {
    unsigned base;
    return base_arg(args[1], &base) ? int_to_chars(p, args, base, true) : raise_badarg(p);
}

/* Parse text (a C copy: the GC may move the source) into an integer. */
static term chars_to_int(struct proc *p, const char *text, size_t len, unsigned base) {
    size_t words = int_text_words(len, base);
    if (words > BIG_WORDS(BIG_MAX_LIMBS)) return raise_system_limit(p);
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    term *hp = p->htop;
    term r = int_from_text(text, len, base, &hp);
    if (r == TERM_NONE) return raise_badarg(p);
    return commit(p, hp, r);
}

static term list_to_int(struct proc *p, term *args, unsigned base) {
    struct strbuf sb = STRBUF_INIT;
    term l = args[0];
    for (; term_is_list(l); l = CDR(l)) {
        term c = CAR(l);
        if (!term_is_small(c) || term_to_small(c) < 0 || term_to_small(c) > 255) break;
        sb_putc(&sb, (char)term_to_small(c));
    }
    term r;
    if (l != TERM_NIL || sb.failed) r = sb.failed ? raise_system_limit(p) : raise_badarg(p);
    else r = chars_to_int(p, sb.data ? sb.data : "", sb.len, base);
    sb_free(&sb);
    return r;
}

static term binary_to_int(struct proc *p, term *args, unsigned base) {
    struct bin_view v;
    if (!bin_view(args[0], &v) || v.bit_size % 8) return raise_badarg(p);
    size_t len = (size_t)(v.bit_size / 8);
    char *text = mem_malloc(len ? len : 1);
    if (!text) return raise_system_limit(p);
    for (size_t i = 0; i < len; i++) { /* a byte-sized slice may start mid-byte */
        uint64_t bit = v.bit_offset + 8 * i;
        unsigned sh = (unsigned)(bit % 8);
        const uint8_t *b = v.bytes + bit / 8;
        text[i] = (char)(sh ? (uint8_t)((b[0] << sh) | (b[1] >> (8 - sh))) : b[0]);
    }
    term r = chars_to_int(p, text, len, base);
    mem_free(text);
    return r;
}

term bif_erlang_list_to_integer_1(struct proc *p, term *args) { return list_to_int(p, args, 10); }
term bif_erlang_binary_to_integer_1(struct proc *p, term *args) { return binary_to_int(p, args, 10); }
term bif_erlang_list_to_integer_2(struct proc *p, term *args) {
    unsigned base;
    return base_arg(args[1], &base) ? list_to_int(p, args, base) : raise_badarg(p);
}
term bif_erlang_binary_to_integer_2(struct proc *p, term *args) {
    unsigned base;
    return base_arg(args[1], &base) ? binary_to_int(p, args, base) : raise_badarg(p);
}
