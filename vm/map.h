/*
 * map.h — map operations shared by the interpreter and the BIFs
 * (vm/map.c). Maps are flat (term.h) with keys in exact term order.
 *
 * Functions that build take their inputs through rooted slots (pointers
 * into x registers or args) because they may GC; they return TERM_NONE
 * and raise ({badmap,M}, {badkey,K}, system_limit) on failure.
 */
#ifndef MOAT_MAP_H
#define MOAT_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "proc.h"
#include "term.h"

/* Value of key in map, or TERM_NONE. No allocation. */
term map_get(term map, term key);
/* *map updated with n (key, value) pairs at kv[0..2n-1] (all rooted).
   exact: every key must exist (:=), else badkey. */
term map_update(struct proc *p, term *map, term *kv, uint32_t n, bool exact);
/* A new map from n (key, value) pairs at kv (rooted); later pairs win. */
term map_from_pairs(struct proc *p, term *kv, uint32_t n);

#endif
