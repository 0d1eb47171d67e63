/*
 * bignum.c — integers of any size on GMP's mpn layer (vm/bignum.h).
 *
 * Owns the bignum object layout's arithmetic: conversions between
 * integer terms and C numbers, text, and the core operations (big_add,
 * big_mul, big_divrem, big_bitop, big_shift) that vm/arith.c's BIFs call
 * after reserving heap.
 *
 * Invariants:
 *   - Every result is normalised: no high zero limbs, and a value that
 *     fits a small integer is returned as a small (big_finish).
 *   - The core operations never allocate heap: they write [header][limbs]
 *     at *hp, which the caller reserved (the *_WORDS bounds below), and
 *     read their operands through struct bigv, which the caller fills
 *     after its heap_ensure_free (operands may have moved).
 *   - Operand limbs never overlap the output area (the output is fresh
 *     heap; the operands are older objects or a bigv's own limb).
 * Pure functions, any thread (GMP's temporary memory is its own).
 */
#include <gmp.h>
#include <math.h>
#include <string.h>

#include "bignum.h"
#include "alloc.h"

_Static_assert(sizeof(mp_limb_t) == sizeof(uint64_t), "64-bit GMP limbs");

/* ---- operands and results ------------------------------------------- */

void bigv_of(term t, struct bigv *v) {
    if (term_is_small(t)) {
        int64_t s = term_to_small(t);
        v->neg = s < 0;
        v->one = v->neg ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
        v->d = &v->one;
        v->n = s != 0;
    } else {
        v->neg = big_is_neg(t);
        v->d = big_limbs(t);
        v->n = big_size(t);
    }
}

/* The limbs at hp0 + 1 (n of them, maybe with high zeros) become the
   result: a small, or a bignum object at hp0 (then *hp moves past it). */
static term big_finish(term *hp0, bool neg, size_t n, term **hp) {
    uint64_t *d = (uint64_t *)(hp0 + 1);
    while (n > 0 && d[n - 1] == 0) n--;
    if (n == 0) return term_from_small(0);
    if (n == 1) {
        uint64_t m = d[0];
        if (!neg && m <= (uint64_t)SMALL_MAX) return term_from_small((int64_t)m);
        if (neg && m <= (uint64_t)SMALL_MAX + 1) return term_from_small(-(int64_t)(m - 1) - 1);
    }
    hp0[0] = make_header(neg ? SUB_NEG_BIG : SUB_POS_BIG, n);
    *hp = hp0 + 1 + n;
    return term_from_boxed_ptr(hp0);
}

term big_from_limbs(bool negative, const uint64_t *limbs, size_t n, term **hp) {
    term *hp0 = *hp;
    while (n > 0 && limbs[n - 1] == 0) n--;
    memmove(hp0 + 1, limbs, n * sizeof(uint64_t));
    return big_finish(hp0, negative, n, hp);
}

term int_from_int64(int64_t v, term **hp) {
    if (small_fits(v)) return term_from_small(v);
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    return big_from_limbs(v < 0, &m, 1, hp);
}

term int_from_uint64(uint64_t v, term **hp) {
    if (v <= (uint64_t)SMALL_MAX) return term_from_small((int64_t)v);
    return big_from_limbs(false, &v, 1, hp);
}

bool int_to_int64(term t, int64_t *out) {
    if (term_is_small(t)) {
        *out = term_to_small(t);
        return true;
    }
    if (!term_is_bignum(t) || big_size(t) != 1) return false;
    uint64_t m = big_limbs(t)[0];
    if (big_is_neg(t)) {
        if (m > (uint64_t)INT64_MAX + 1) return false;
        *out = (int64_t)(0 - m);
    } else {
        if (m > (uint64_t)INT64_MAX) return false;
        *out = (int64_t)m;
    }
    return true;
}

/* ---- doubles ---------------------------------------------------------- */

static inline uint64_t bit_at(const uint64_t *d, size_t i) { return (d[i / 64] >> (i % 64)) & 1; }

/* Are any of the bits [0, nbits) set? */
static bool any_bits_below(const uint64_t *d, size_t nbits) {
    size_t full = nbits / 64;
    for (size_t i = 0; i < full; i++)
        if (d[i]) return true;
    if (nbits % 64) return (d[full] & ((UINT64_C(1) << (nbits % 64)) - 1)) != 0;
    return false;
}

/* The magnitude rounded to 53 bits, nearest-even (GMP's mpn_get_d
   truncates, erl rounds). */
static bool mag_to_double(const uint64_t *d, size_t n, double *out) {
    if (n == 0) {
        *out = 0.0;
        return true;
    }
    size_t bits = n * 64 - (size_t)__builtin_clzll(d[n - 1]);
    if (bits <= 64 && bits <= 53) {
        *out = (double)d[0];
        return true;
    }
    if (bits > 1024) return false;
    size_t shift = bits - 53; /* the 53 kept bits are [shift, bits) */
    uint64_t mant = 0;
    for (size_t i = 0; i < 53; i++) mant |= bit_at(d, shift + i) << i;
    uint64_t round = bit_at(d, shift - 1);
    bool sticky = any_bits_below(d, shift - 1);
    if (round && (sticky || (mant & 1))) mant++;
    double r = ldexp((double)mant, (int)shift); /* mant may be 2^53: exact */
    if (isinf(r)) return false;
    *out = r;
    return true;
}

bool int_to_double(term t, double *out) {
    if (term_is_small(t)) {
        *out = (double)term_to_small(t); /* fits 60 bits: the C conversion rounds to nearest */
        return true;
    }
    double r;
    if (!mag_to_double(big_limbs(t), big_size(t), &r)) return false;
    *out = big_is_neg(t) ? -r : r;
    return true;
}

term int_from_double(double d, term **hp) {
    double t = trunc(d);
    if (t > -1e18 && t < 1e18) return int_from_int64((int64_t)t, hp);
    int exp;
    double frac = frexp(fabs(t), &exp); /* |t| = frac * 2^exp, exp <= 1024 */
    uint64_t mant = (uint64_t)ldexp(frac, 53);
    int shift = exp - 53; /* >= 0: |t| >= 1e18 > 2^53 */
    uint64_t limbs[17] = {0};
    limbs[shift / 64] = mant << (shift % 64);
    if (shift % 64) limbs[shift / 64 + 1] = mant >> (64 - shift % 64);
    return big_from_limbs(t < 0, limbs, 17, hp);
}

/* ---- text ------------------------------------------------------------- */

static const char digit_chars[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

static unsigned floor_log2(unsigned base) { return 31u - (unsigned)__builtin_clz(base); }

void int_to_text(struct strbuf *sb, term t, unsigned base) {
    if (base < 2 || base > 36) base = 10;
    if (term_is_small(t)) {
        char buf[72];
        int64_t v = term_to_small(t);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        size_t i = sizeof buf;
        do {
            buf[--i] = digit_chars[m % base];
            m /= base;
        } while (m);
        if (v < 0) buf[--i] = '-';
        sb_append(sb, buf + i, sizeof buf - i);
        return;
    }
    size_t n = big_size(t);
    size_t maxdigits = n * 64 / floor_log2(base) + 2;
    mp_limb_t *tmp = mem_malloc((n + 1) * sizeof(mp_limb_t));
    unsigned char *digits = mem_malloc(maxdigits + 1);
    if (!tmp || !digits) {
        mem_free(tmp);
        mem_free(digits);
        sb->failed = true;
        return;
    }
    memcpy(tmp, big_limbs(t), n * sizeof(mp_limb_t));
    size_t len = mpn_get_str(digits, (int)base, tmp, (mp_size_t)n);
    size_t start = 0;
    while (start + 1 < len && digits[start] == 0) start++;
    sb_reserve(sb, len - start + 1);
    if (big_is_neg(t)) sb_putc(sb, '-');
    if (!sb->failed) {
        for (size_t i = start; i < len; i++) sb->data[sb->len++] = digit_chars[digits[i]];
    }
    mem_free(tmp);
    mem_free(digits);
}

size_t int_text_words(size_t len, unsigned base) {
    (void)base;
    return BIG_WORDS(len * 6 / 64 + 2); /* log2(36) < 6 bits a digit */
}

static int digit_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'z') return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z') return c - 'A' + 10;
    return 99;
}

term int_from_text(const char *text, size_t len, unsigned base, term **hp) {
    if (base < 2 || base > 36) return TERM_NONE;
    bool neg = false;
    if (len > 0 && (text[0] == '-' || text[0] == '+')) {
        neg = text[0] == '-';
        text++, len--;
    }
    if (len == 0) return TERM_NONE;
    uint64_t acc = 0;
    bool fits = true;
    for (size_t i = 0; i < len; i++) {
        int dv = digit_value(text[i]);
        if (dv >= (int)base) return TERM_NONE;
        if (fits && (__builtin_mul_overflow(acc, base, &acc) || __builtin_add_overflow(acc, (uint64_t)dv, &acc)))
            fits = false;
    }
    if (fits) return big_from_limbs(neg, &acc, 1, hp);
    unsigned char *digits = mem_malloc(len);
    if (!digits) return TERM_NONE;
    for (size_t i = 0; i < len; i++) digits[i] = (unsigned char)digit_value(text[i]);
    term *hp0 = *hp;
    /* int_text_words leaves room for mpn_set_str's extra limb */
    mp_size_t n = mpn_set_str((mp_limb_t *)(hp0 + 1), digits, len, (int)base);
    mem_free(digits);
    return big_finish(hp0, neg, (size_t)n, hp);
}

/* ---- core operations (see bignum.h for the words each needs) -------- */

/* |a| + |b| into r (an >= bn); returns limbs written. */
static size_t mag_add(uint64_t *r, const struct bigv *a, const struct bigv *b) {
    if (b->n == 0) {
        memcpy(r, a->d, a->n * sizeof(uint64_t));
        return a->n;
    }
    r[a->n] = mpn_add(r, a->d, (mp_size_t)a->n, b->d, (mp_size_t)b->n);
    return a->n + 1;
}

static int mag_cmp(const struct bigv *a, const struct bigv *b) {
    if (a->n != b->n) return a->n < b->n ? -1 : 1;
    return a->n ? mpn_cmp(a->d, b->d, (mp_size_t)a->n) : 0;
}

term big_add(const struct bigv *a, const struct bigv *b, bool subtract, term **hp) {
    term *hp0 = *hp;
    uint64_t *r = (uint64_t *)(hp0 + 1);
    bool bneg = subtract ? !b->neg : b->neg;
    if (a->neg == bneg) {
        size_t n = a->n >= b->n ? mag_add(r, a, b) : mag_add(r, b, a);
        return big_finish(hp0, a->neg, n, hp);
    }
    int c = mag_cmp(a, b);
    if (c == 0) return term_from_small(0);
    const struct bigv *big = c > 0 ? a : b, *small = c > 0 ? b : a;
    bool neg = c > 0 ? a->neg : bneg;
    if (small->n == 0) memcpy(r, big->d, big->n * sizeof(uint64_t));
    else mpn_sub(r, big->d, (mp_size_t)big->n, small->d, (mp_size_t)small->n);
    return big_finish(hp0, neg, big->n, hp);
}

term big_mul(const struct bigv *a, const struct bigv *b, term **hp) {
    if (a->n == 0 || b->n == 0) return term_from_small(0);
    term *hp0 = *hp;
    uint64_t *r = (uint64_t *)(hp0 + 1);
    if (a->n >= b->n) mpn_mul(r, a->d, (mp_size_t)a->n, b->d, (mp_size_t)b->n);
    else mpn_mul(r, b->d, (mp_size_t)b->n, a->d, (mp_size_t)a->n);
    return big_finish(hp0, a->neg != b->neg, a->n + b->n, hp);
}

term big_divrem(const struct bigv *a, const struct bigv *b, bool want_rem, term **hp) {
    /* b->n > 0 (the caller checked for zero) */
    if (a->n < b->n || mag_cmp(a, b) < 0) {
        if (!want_rem) return term_from_small(0);
        return big_from_limbs(a->neg, a->d, a->n, hp);
    }
    term *hp0 = *hp;
    size_t qn = a->n - b->n + 1, rn = b->n;
    /* the result object first, the other part after it (left as garbage) */
    uint64_t *res = (uint64_t *)(hp0 + 1);
    uint64_t *q = want_rem ? res + rn : res;
    uint64_t *r = want_rem ? res : res + qn;
    mpn_tdiv_qr(q, r, 0, a->d, (mp_size_t)a->n, b->d, (mp_size_t)b->n);
    if (want_rem) return big_finish(hp0, a->neg, rn, hp);
    return big_finish(hp0, a->neg != b->neg, qn, hp);
}

/* Two's complement of width n limbs of v into out. */
static void to_twos(uint64_t *out, const struct bigv *v, size_t n) {
    memcpy(out, v->d, v->n * sizeof(uint64_t));
    memset(out + v->n, 0, (n - v->n) * sizeof(uint64_t));
    if (v->neg) { /* -m = ~(m - 1) */
        mpn_sub_1(out, out, (mp_size_t)n, 1);
        for (size_t i = 0; i < n; i++) out[i] = ~out[i];
    }
}

bool big_bitop(const struct bigv *a, const struct bigv *b, int op, term **hp, term *result) {
    size_t n = (a->n > b->n ? a->n : b->n) + 1;
    uint64_t stackbuf[64];
    uint64_t *tb = n <= 64 ? stackbuf : mem_malloc(n * sizeof(uint64_t));
    if (!tb) return false;
    term *hp0 = *hp;
    uint64_t *ra = (uint64_t *)(hp0 + 1);
    to_twos(ra, a, n);
    to_twos(tb, b, n);
    for (size_t i = 0; i < n; i++) {
        if (op == BIG_AND) ra[i] &= tb[i];
        else if (op == BIG_OR) ra[i] |= tb[i];
        else ra[i] ^= tb[i];
    }
    if (tb != stackbuf) mem_free(tb);
    bool neg = (ra[n - 1] >> 63) != 0;
    if (neg) { /* magnitude = ~r + 1 */
        for (size_t i = 0; i < n; i++) ra[i] = ~ra[i];
        mpn_add_1(ra, ra, (mp_size_t)n, 1);
    }
    *result = big_finish(hp0, neg, n, hp);
    return true;
}

term big_shift(const struct bigv *a, int64_t shift, term **hp) {
    term *hp0 = *hp;
    uint64_t *r = (uint64_t *)(hp0 + 1);
    if (a->n == 0) return term_from_small(0);
    if (shift >= 0) {
        size_t limbs = (size_t)shift / 64, bits = (size_t)shift % 64;
        memset(r, 0, limbs * sizeof(uint64_t));
        if (bits) r[limbs + a->n] = mpn_lshift(r + limbs, a->d, (mp_size_t)a->n, (unsigned)bits);
        else {
            memcpy(r + limbs, a->d, a->n * sizeof(uint64_t));
            r[limbs + a->n] = 0;
        }
        return big_finish(hp0, a->neg, limbs + a->n + 1, hp);
    }
    /* right shift: floor division by 2^-shift */
    uint64_t s = (uint64_t)0 - (uint64_t)shift;
    if (s >= (uint64_t)a->n * 64) return term_from_small(a->neg ? -1 : 0);
    size_t limbs = (size_t)(s / 64), bits = (size_t)(s % 64);
    size_t n = a->n - limbs;
    if (bits) mpn_rshift(r, a->d + limbs, (mp_size_t)n, (unsigned)bits);
    else memcpy(r, a->d + limbs, n * sizeof(uint64_t));
    if (a->neg && any_bits_below(a->d, (size_t)s)) { /* round toward -inf */
        r[n] = 0;
        mpn_add_1(r, r, (mp_size_t)n + 1, 1);
        n++;
    }
    return big_finish(hp0, a->neg, n, hp);
}
