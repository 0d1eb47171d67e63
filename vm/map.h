/*
 * map.h — map operations shared by the interpreter and the BIFs
 * (vm/map.c). A map is flat (term.h, keys in exact term order) or, once
 * a map of more than MAP_FLAT_MAX keys is updated, a HAMT (vm/hamt.h).
 * Code outside map.c and hamt.c reads a map's pairs through a map_view,
 * which always gives them in key order, whatever the layout.
 *
 * Functions that build take their inputs through rooted slots (pointers
 * into x registers or args) because they may GC; they return TERM_NONE
 * and raise ({badmap,M}, {badkey,K}, system_limit) on failure.
 */
#ifndef MOAT_MAP_H
#define MOAT_MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc.h"
#include "term.h"

/* Largest flat map an update builds; bigger ones become HAMTs. */
#define MAP_FLAT_MAX 32

/* The pairs of a map in key order: keys[i], vals[i] for i < n. For a
   HAMT the arrays are C memory (sorted copies), freed by map_view_close;
   either way they are valid only until the next GC. */
struct map_view {
    uint64_t n;
    const term *keys, *vals;
    term *owned;
};
/* false if out of memory (the view is then empty). */
bool map_view_open(term map, struct map_view *v);
void map_view_close(struct map_view *v);

/* Value of key in map, or TERM_NONE. No allocation. */
term map_get(term map, term key);
/* *map updated with n (key, value) pairs at kv[0..2n-1] (all rooted).
   exact: every key must exist (:=), else badkey. */
term map_update(struct proc *p, term *map, term *kv, uint32_t n, bool exact);
/* A new map from n (key, value) pairs at kv (rooted); later pairs win. */
term map_from_pairs(struct proc *p, term *kv, uint32_t n);

/* ---- added by map.c's owner (helpers for the maps BIFs, ETF, loader) ---- */
/* Index of key in a flat map's keys tuple, or -1. No allocation. */
int64_t map_index(term map, term key);
/* *map without key (rooted; *map itself if absent). */
term map_remove(struct proc *p, term *map, term *key);
/* Sort n (key, value) pairs at kv in place by key (stable), keep only the
   last of equal keys; returns how many remain. scratch: 2n terms. Pure. */
size_t map_sort_pairs(term *kv, size_t n, term *scratch);
/* Write a map of n sorted distinct pairs at *hp (TUPLE_WORDS(n) +
   MAP_WORDS(n) words, reserved by the caller), advancing *hp. */
term map_build_sorted(term **hp, const term *kv, size_t n);
/* maps:merge(*m1, *m2) (rooted); raises {badmap, M}. */
term map_merge(struct proc *p, term *m1, term *m2);
/* A flat *map without its at-th pair (at < map_size). */
term map_remove_at(struct proc *p, term *map, uint64_t at);
/* The same built at *hp (TUPLE_WORDS(n-1) + MAP_WORDS(n-1) reserved). */
term map_without(term **hp, term map, uint64_t at);

#endif
