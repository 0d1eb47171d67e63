/*
 * compare.h — term order, equality and hashing (vm/compare.c).
 *
 * Term order is erl's: number < atom < reference < fun < port < pid <
 * tuple < map < nil < list < bitstring. Numbers compare by value (1 == 1.0);
 * the exact order (term_compare_exact) orders an integer before a float of
 * equal value, as map keys and =:= need. Pure functions: no allocation,
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

#endif
