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

#endif
