/*
 * etf.h — the External Term Format, version 131 (vm/etf.c).
 *
 * Decoding is done in two passes so that it can fill any heap (a process
 * heap, a module's literal area): etf_decode_size checks the whole input
 * and says how many words the term needs; etf_decode then builds it. A
 * malformed input is refused by the first pass, never half-built.
 * Input is untrusted (files, the network): every length is checked.
 */
#ifndef MOAT_ETF_H
#define MOAT_ETF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "strbuf.h"
#include "term.h"

/* Words the term at buf (starting with 131) needs; false if malformed.
   *used gets the bytes the term occupies. */
bool etf_decode_size(const uint8_t *buf, size_t len, size_t *words, size_t *used);
/* Build it at *hp (advanced). Refc binaries it creates are linked onto
   *offheap. Atoms are interned; an atom that cannot be (too long) makes
   the first pass fail. */
term etf_decode(const uint8_t *buf, size_t len, term **hp, term **offheap);
/* Append the encoding of t (with the leading 131), as erl's
   term_to_binary/1 writes it. false if t holds something unencodable. */
bool etf_encode(struct strbuf *out, term t);

#endif
