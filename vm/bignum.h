/*
 * bignum.h — integers of any size (vm/bignum.c), on GMP's mpn layer, with
 * limbs stored in bignum objects on process heaps (term.h).
 *
 * Arithmetic entry points are the BIFs of vm/bifs.def (bif_erlang_add_2
 * ...): they take both smalls and bignums and floats, and raise badarith.
 * The helpers here are for other C code (conversions, printing, bit
 * syntax, ETF).
 */
#ifndef MOAT_BIGNUM_H
#define MOAT_BIGNUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc.h"
#include "strbuf.h"
#include "term.h"

/* Words needed on the heap for an integer of `limbs` 64-bit limbs. */
#define INTEGER_WORDS(limbs) BIG_WORDS(limbs)

/* Make an integer term (small if it fits) from a sign and magnitude limbs
   (least significant first, may have high zero limbs); writes at *hp,
   advancing it by at most INTEGER_WORDS(n). */
term big_from_limbs(bool negative, const uint64_t *limbs, size_t n, term **hp);
/* From int64/uint64: *hp needs BIG_WORDS(1) words. */
term int_from_int64(int64_t v, term **hp);
term int_from_uint64(uint64_t v, term **hp);
/* An integer term as int64, if it fits. */
bool int_to_int64(term t, int64_t *out);
/* Double value of an integer (rounded like erl's float/1); false if it
   overflows a double. */
bool int_to_double(term t, double *out);
/* Integer from a double (truncated toward zero): *hp needs
   BIG_WORDS(17) words at most (2^1024). */
term int_from_double(double d, term **hp);

/* Append the integer in base 2..36 (upper-case digits, '-' sign). */
void int_to_text(struct strbuf *sb, term t, unsigned base);
/* Parse an integer in base 2..36 from text ("-12", "+7", "ff"); words
   needed: int_text_words(len). Returns TERM_NONE on a malformed text. */
size_t int_text_words(size_t len, unsigned base);
term int_from_text(const char *text, size_t len, unsigned base, term **hp);

/* ---- added by bignum.c's owner: core operations for vm/arith.c --------
 * An operand is read through a struct bigv, filled by bigv_of AFTER the
 * caller's heap_ensure_free (a GC moves bignums). Each operation writes
 * its normalised result at *hp (advancing it; a small result takes no
 * words) within the bound given, which the caller reserved. */
struct bigv {
    const uint64_t *d; /* magnitude limbs, least significant first */
    size_t n;          /* 0 for zero */
    bool neg;
    uint64_t one;      /* storage of a small's magnitude (d may point here) */
};
void bigv_of(term t, struct bigv *v); /* t: small or bignum */
/* a + b, or a - b: BIG_WORDS(max(a.n, b.n) + 1) */
term big_add(const struct bigv *a, const struct bigv *b, bool subtract, term **hp);
/* a * b: BIG_WORDS(a.n + b.n) */
term big_mul(const struct bigv *a, const struct bigv *b, term **hp);
/* a div b or a rem b (truncating), b nonzero: BIG_WORDS(a.n + 1) + b.n */
term big_divrem(const struct bigv *a, const struct bigv *b, bool want_rem, term **hp);
/* band/bor/bxor in infinite two's complement: BIG_WORDS(max(a.n, b.n) + 1);
   false only when temporary memory runs out */
enum { BIG_AND, BIG_OR, BIG_XOR };
bool big_bitop(const struct bigv *a, const struct bigv *b, int op, term **hp, term *result);
/* a * 2^shift, floored (shift < 0 is an arithmetic right shift):
   BIG_WORDS(a.n + shift / 64 + 2) for shift >= 0, BIG_WORDS(a.n + 1) else */
term big_shift(const struct bigv *a, int64_t shift, term **hp);

#endif
