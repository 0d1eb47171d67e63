/*
 * bits.h — binaries and the bit syntax at run time.
 *
 * Binary objects are laid out in term.h. This file gives one way to read
 * any of them (bin_view), one way to make a new one (bin_alloc), and the
 * operations behind the bs_* instructions (vm/opcodes.def).
 *
 * Heap discipline: the bs_* helpers never GC. The interpreter reserves the
 * words they may use (the *_WORDS constants) with heap_ensure_free before
 * reading their operands, and passes a heap pointer that they advance.
 * bin_alloc may GC (it calls heap_ensure_free) like any BIF allocation.
 */
#ifndef MOAT_BITS_H
#define MOAT_BITS_H

#include <stdbool.h>
#include <stdint.h>

#include "proc.h"
#include "term.h"

/* A read-only view of a bitstring's bits: the bits are
   bytes[bit_offset / 8 ...] starting at bit (bit_offset % 8), MSB first. */
struct bin_view {
    const uint8_t *bytes;
    uint64_t bit_offset;
    uint64_t bit_size;
};
/* false if t is not a bitstring (a match context counts as one). */
bool bin_view(term t, struct bin_view *v);

/* A new binary of `bytes` bytes (heap binary up to HEAP_BIN_MAX, else an
   off-heap one with a handle on p's off-heap list); *data points at its
   (uninitialised) bytes. May GC. TERM_NONE when out of memory. */
term bin_alloc(struct proc *p, size_t bytes, uint8_t **data);

/* ---- added by bits.c's owner ---------------------------------------- */
/* Copy n bits from src at bit soff to dst at bit doff (MSB first); the
   other bits of dst are kept. */
void bits_copy(uint8_t *dst, uint64_t doff, const uint8_t *src, uint64_t soff, uint64_t n);
/* The bytes of binary t (bit size a multiple of 8): *bytes points into t
   when it is byte-aligned, else at a mi_malloc'd copy left in *tmp (the
   caller mi_frees *tmp, NULL when no copy was made). false if t is not a
   binary or memory ran out. The pointer is valid until the next GC. */
bool bin_bytes(term t, const uint8_t **bytes, size_t *len, uint8_t **tmp);

/* ---- construction (bs_create) --------------------------------------- */
enum { BS_LITTLE = 1, BS_SIGNED = 2, BS_NATIVE = 4 };

struct bs_seg {
    term type;     /* AM(integer) AM(float) AM(binary) AM(utf8) AM(utf16) AM(utf32) AM(string) */
    uint32_t unit;
    uint32_t flags;
    term value;
    term size;     /* small integer, AM(all), or TERM_NIL for the type's default */
};
/* Heap words the caller reserves before bits_create. */
#define BS_CREATE_WORDS (HEAP_BIN_WORDS(HEAP_BIN_MAX) > PROCBIN_WORDS ? HEAP_BIN_WORDS(HEAP_BIN_MAX) : PROCBIN_WORDS)
/* Build the bitstring; raises badarg (returns TERM_NONE) on a bad value or
   size. Results that are not a whole number of bytes are sub binaries over
   a fresh binary (caller then also reserves SUBBIN_WORDS). */
term bits_create(struct proc *p, const struct bs_seg *segs, uint32_t n);
#define BS_CREATE_RESERVE (BS_CREATE_WORDS + SUBBIN_WORDS)

/* ---- matching ------------------------------------------------------- */
/* Match context: [header SUB_MATCH_CTX, arity 3][orig: heap or refc binary]
   [bit offset of the next bit to read][bit offset of the end]. */
#define MATCH_CTX_WORDS 4
#define BITS_ALL UINT64_MAX

/* t must be a bitstring or a match context (returned as is). */
term bits_start_match(term t, term **hp);
uint64_t bits_remaining(term ctx);
/* Each returns TERM_NONE (context unchanged) if the bits are not there or
   the value is invalid; otherwise advances the context. *hp has room for
   BIG_WORDS((nbits + 63) / 64) words / FLOAT_WORDS / SUBBIN_WORDS. */
term bits_get_integer(term ctx, uint64_t nbits, uint32_t flags, term **hp);
term bits_get_float(term ctx, uint64_t nbits, uint32_t flags, term **hp);
term bits_get_binary(term ctx, uint64_t nbits, term **hp); /* nbits may be BITS_ALL */
term bits_get_utf8(term ctx);
term bits_get_utf16(term ctx, uint32_t flags);
term bits_get_utf32(term ctx, uint32_t flags);
bool bits_skip(term ctx, uint64_t nbits); /* nbits may be BITS_ALL */
bool bits_match_string(term ctx, const uint8_t *bytes, uint64_t nbits);
term bits_get_tail(term ctx, term **hp); /* SUBBIN_WORDS */
term bits_get_position(term ctx);        /* a small integer */
void bits_set_position(term ctx, term pos);

#endif
