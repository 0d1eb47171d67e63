/*
 * hamt.h — hash array mapped tries for large maps (vm/hamt.c).
 *
 * A map of more than MAP_FLAT_MAX keys that is updated becomes a HAMT so
 * that put/remove/get cost O(log n): an update copies only the path to
 * the key and shares every other subtree with the old version.
 *
 * Node (SUB_HASHMAP, every word after the header is a term, so the GC
 * and the message copier treat it like a tuple):
 *   [header arity = 2 + k][bitmap: small][size: small][child 1]...[child k]
 * bitmap bit i set = a child for the 5 hash bits i at this level
 * (children in bit order); size = keys below this node. A child is a
 * leaf, a cons [Key | Value], or another node. A collision node (keys
 * whose 64-bit hashes are all equal) has bitmap -1 and only leaves.
 * The root is a node; a map term pointing at it is a map of size >= 1.
 *
 * Builders write at *hp into words reserved by the caller (bounds from
 * hamt_put_words / hamt_remove_words); nodes only point at older terms.
 */
#ifndef MOAT_HAMT_H
#define MOAT_HAMT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "term.h"

/* 64-bit hash of a term, equal for =:= terms (1 and 1.0 differ). */
uint64_t hamt_hash(term t);
/* Value of key, or TERM_NONE. */
term hamt_get(term root, term key);
/* Upper bound of the words hamt_put needs for key. */
size_t hamt_put_words(term root, term key);
/* root with key => value, built at *hp. */
term hamt_put(term **hp, term root, term key, term value);
/* Upper bound of the words hamt_remove needs. */
size_t hamt_remove_words(term root, term key);
/* root without key (TERM_NONE if the map becomes empty; root itself if
   key is absent), built at *hp. */
term hamt_remove(term **hp, term root, term key);
/* Words hamt_build needs for n pairs (kv, 2n terms). Pure. false if out
   of memory. */
bool hamt_build_words(const term *kv, size_t n, size_t *words);
/* A HAMT of the n (n >= 1) distinct pairs at kv, built at *hp; the
   reserved words are those of hamt_build_words on the same pairs. NONE
   if out of memory (C scratch). */
term hamt_build(term **hp, const term *kv, size_t n);
/* Copy the n pairs of the HAMT at root to kv (2n terms), unordered. */
void hamt_collect(term root, term *kv);

#endif
