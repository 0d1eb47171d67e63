/*
 * compare.h — term order, equality and hashing (vm/compare.c).
 *
 * Term order is erl's: number < atom < reference < fun < port < pid <
 * tuple < map < nil < list < bitstring. Numbers compare by value (1 == 1.0);
 * the exact order (term_compare_exact) orders every integer before every
 * float (erl's map key order; corrected by compare.c's owner: erl sorts
 * #{2 => a, 1.0 => b} keys as [2, 1.0]), as map keys and =:= need. Pure functions: no allocation,
 * any thread.
 */
#ifndef MOAT_COMPARE_H
#define MOAT_COMPARE_H

#include <stdbool.h>
#include <stdint.h>

#include "term.h"

int term_compare(term a, term b);       /* <0, 0, >0 in term order (==) */
int term_compare_exact(term a, term b); /* same, but 1 and 1.0 differ: map key order */
bool term_eq(term a, term b);           /* == */
bool term_eq_exact(term a, term b);     /* =:= */
uint32_t term_phash2(term t);           /* erlang:phash2/1, same values as erl */
/* added by compare.c's owner: the full 32-bit hash behind phash2 (phash2/2
   is term_hash2(t) rem Range; phash2/1 keeps its low 27 bits). */
uint32_t term_hash2(term t);
/* added by heap/GC engineer: erl's legacy make_hash, behind erlang:phash/2
   (which is 1 + term_phash(t) rem Range). */
uint32_t term_phash(term t);

#endif
