/*
 * bif_maps.c — the maps module's C BIFs and erlang:map_get/2,
 * map_size/1, is_map_key/2.
 *
 * Maps are flat and sorted or HAMTs (vm/map.c); the list results
 * (keys/1, values/1, to_list/1) come out in key order either way. Every BIF
 * reserves its heap once (heap_ensure_free) and re-reads args[] after it.
 * Errors are erl's: {badmap, M}, {badkey, K}, badarg for a bad list.
 */

#include "atom.h"
#include "alloc.h"
#include "bif.h"
#include "error.h"
#include "heap.h"
#include "map.h"

static term tuple2(term **hp, term a, term b) {
    term *t = *hp;
    t[0] = make_header(SUB_TUPLE, 2);
    t[1] = a;
    t[2] = b;
    *hp += TUPLE_WORDS(2);
    return term_from_boxed_ptr(t);
}

/* ---- lookups ---------------------------------------------------------- */

static term get_or_raise(struct proc *p, term *args) {
    if (!term_is_map(args[1])) return raise_error2(p, AM(badmap), &args[1]);
    term v = map_get(args[1], args[0]);
    if (v == TERM_NONE) return raise_error2(p, AM(badkey), &args[0]);
    return v;
}

term bif_maps_get_2(struct proc *p, term *args) { return get_or_raise(p, args); }
term bif_erlang_map_get_2(struct proc *p, term *args) { return get_or_raise(p, args); }

term bif_maps_get_3(struct proc *p, term *args) {
    if (!term_is_map(args[1])) return raise_error2(p, AM(badmap), &args[1]);
    term v = map_get(args[1], args[0]);
    return v == TERM_NONE ? args[2] : v;
}

term bif_maps_find_2(struct proc *p, term *args) {
    if (!term_is_map(args[1])) return raise_error2(p, AM(badmap), &args[1]);
    if (map_get(args[1], args[0]) == TERM_NONE) return AM(error);
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(2));
    return tuple2(&hp, AM(ok), map_get(args[1], args[0]));
}

static term is_key(struct proc *p, term *args) {
    if (!term_is_map(args[1])) return raise_error2(p, AM(badmap), &args[1]);
    return map_get(args[1], args[0]) != TERM_NONE ? AM(true) : AM(false);
}
term bif_maps_is_key_2(struct proc *p, term *args) { return is_key(p, args); }
term bif_erlang_is_map_key_2(struct proc *p, term *args) { return is_key(p, args); }

static term size_of(struct proc *p, term *m) {
    if (!term_is_map(*m)) return raise_error2(p, AM(badmap), m);
    return term_from_small((int64_t)map_size(*m));
}
term bif_maps_size_1(struct proc *p, term *args) { return size_of(p, &args[0]); }
term bif_erlang_map_size_1(struct proc *p, term *args) { return size_of(p, &args[0]); }

term bif_maps_new_0(struct proc *p, term *args) {
    (void)args;
    if (!heap_ensure_free(p, TUPLE_WORDS(0) + MAP_WORDS(0))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(0) + MAP_WORDS(0));
    return map_build_sorted(&hp, NULL, 0);
}

/* ---- updates ------------------------------------------------------------ */

/* put(K, V, M): args[0..1] are the (key, value) pair, args[2] the map */
term bif_maps_put_3(struct proc *p, term *args) { return map_update(p, &args[2], &args[0], 1, false); }
term bif_maps_update_3(struct proc *p, term *args) { return map_update(p, &args[2], &args[0], 1, true); }

term bif_maps_remove_2(struct proc *p, term *args) {
    if (!term_is_map(args[1])) return raise_error2(p, AM(badmap), &args[1]);
    return map_remove(p, &args[1], &args[0]);
}

term bif_maps_take_2(struct proc *p, term *args) {
    if (!term_is_map(args[1])) return raise_error2(p, AM(badmap), &args[1]);
    if (!term_is_flatmap(args[1]) || map_size(args[1]) > MAP_FLAT_MAX + 1) {
        if (map_get(args[1], args[0]) == TERM_NONE) return AM(error);
        /* a large map: remove (may GC; a flat args[1] becomes an equal
           HAMT), then keep value and rest in args[] (roots) across the
           GC for the result tuple */
        term rest = map_remove(p, &args[1], &args[0]);
        if (rest == TERM_NONE) return TERM_NONE;
        args[0] = map_get(args[1], args[0]);
        args[1] = rest;
        if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
        term *hp = heap_take(p, TUPLE_WORDS(2));
        return tuple2(&hp, args[0], args[1]);
    }
    int64_t at = map_index(args[1], args[0]);
    if (at < 0) return AM(error);
    uint64_t n = map_size(args[1]) - 1;
    if (!heap_ensure_free(p, TUPLE_WORDS(n) + MAP_WORDS(n) + TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n) + MAP_WORDS(n) + TUPLE_WORDS(2));
    term rest = map_without(&hp, args[1], (uint64_t)at);
    return tuple2(&hp, map_values(args[1])[at], rest);
}

term bif_maps_merge_2(struct proc *p, term *args) { return map_merge(p, &args[0], &args[1]); }

/* ---- to lists ------------------------------------------------------------ */

enum { LIST_KEYS, LIST_VALUES, LIST_PAIRS };

static term map_to_list(struct proc *p, term *m, int what) {
    if (!term_is_map(*m)) return raise_error2(p, AM(badmap), m);
    uint64_t n = map_size(*m);
    size_t per = CONS_WORDS + (what == LIST_PAIRS ? TUPLE_WORDS(2) : 0);
    if (!heap_ensure_free(p, n * per)) return raise_system_limit(p);
    struct map_view v;
    if (!map_view_open(*m, &v)) return raise_system_limit(p);
    const term *keys = v.keys, *vals = v.vals;
    term *hp = heap_take(p, n * per);
    term list = TERM_NIL;
    for (uint64_t i = n; i-- > 0;) {
        term e = what == LIST_KEYS ? keys[i] : what == LIST_VALUES ? vals[i] : tuple2(&hp, keys[i], vals[i]);
        list = cons_store(hp, e, list);
        hp += CONS_WORDS;
    }
    map_view_close(&v);
    return list;
}

term bif_maps_keys_1(struct proc *p, term *args) { return map_to_list(p, &args[0], LIST_KEYS); }
term bif_maps_values_1(struct proc *p, term *args) { return map_to_list(p, &args[0], LIST_VALUES); }
term bif_maps_to_list_1(struct proc *p, term *args) { return map_to_list(p, &args[0], LIST_PAIRS); }

/* ---- from lists ---------------------------------------------------------- */

/* Length of a proper list whose elements all pass the check, or -1. */
static int64_t checked_length(term l, bool pairs) {
    int64_t n = 0;
    for (; term_is_list(l); l = CDR(l), n++) {
        term e = CAR(l);
        if (pairs && !(term_is_tuple(e) && tuple_arity(e) == 2)) return -1;
    }
    return l == TERM_NIL ? n : -1;
}

/* A map from the list at *list: pairs ({K, V} elements) or keys (each
   with value *value). */
static term map_from_list(struct proc *p, term *list, bool pairs, term *value) {
    int64_t n = checked_length(*list, pairs);
    if (n < 0) return raise_badarg(p);
    term *buf = mem_malloc((4 * (size_t)n + 2) * sizeof(term));
    if (!buf) return raise_system_limit(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(n) + MAP_WORDS(n))) {
        mem_free(buf);
        return raise_system_limit(p);
    }
    /* no GC from here on: buf may hold heap pointers */
    term l = *list;
    for (int64_t i = 0; i < n; i++, l = CDR(l)) {
        term e = CAR(l);
        buf[2 * i] = pairs ? tuple_elems(e)[0] : e;
        buf[2 * i + 1] = pairs ? tuple_elems(e)[1] : *value;
    }
    size_t m = map_sort_pairs(buf, (size_t)n, buf + 2 * n);
    term *hp = heap_take(p, TUPLE_WORDS(m) + MAP_WORDS(m));
    term r = map_build_sorted(&hp, buf, m);
    mem_free(buf);
    return r;
}

term bif_maps_from_list_1(struct proc *p, term *args) { return map_from_list(p, &args[0], true, NULL); }
term bif_maps_from_keys_2(struct proc *p, term *args) { return map_from_list(p, &args[0], false, &args[1]); }
