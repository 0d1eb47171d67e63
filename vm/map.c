/*
 * map.c — maps: lookup, update (=> and :=), removal, building from pairs,
 * and the sorted view of a map's pairs.
 *
 * A flat map is [header][keys tuple][values...] (term.h) with its keys
 * sorted by term_compare_exact (vm/compare.h) and no two keys =:=. Every
 * function here keeps that invariant: callers never sort. A flat map may
 * have any size (from_list, literals, ETF, merge build flat maps); an
 * update or removal that would leave more than MAP_FLAT_MAX keys works on
 * a HAMT instead (vm/hamt.h), turning a flat map into one first, so a
 * loop of single-key updates costs O(log n) each. A HAMT never turns
 * back into a flat map except when it becomes empty; since every reader
 * goes through map_view_open (key order), the layout is never visible.
 *
 * Heap discipline: a builder first works out (without allocating) an
 * upper bound of the words it needs, calls heap_ensure_free once, then
 * re-reads its rooted inputs and builds without any further GC. Pairs
 * copied into C memory (sorting) live only between that point and the
 * end of the build, so no GC can move what they point to.
 *
 * Called by the thread running the process (interpreter and BIFs).
 */
#include "map.h"


#include "alloc.h"
#include "atom.h"
#include "compare.h"
#include "error.h"
#include "hamt.h"
#include "heap.h"

/* Linear scan up to this size for immediate keys (identity is =:=). */
#define MAP_LINEAR_MAX 16

int64_t map_index(term map, term key) {
    uint64_t n = map_size(map);
    const term *keys = tuple_elems(map_keys(map));
    if (term_is_immed(key) && n <= MAP_LINEAR_MAX) {
        for (uint64_t i = 0; i < n; i++)
            if (keys[i] == key) return (int64_t)i;
        return -1;
    }
    uint64_t lo = 0, hi = n;
    while (lo < hi) {
        uint64_t mid = lo + (hi - lo) / 2;
        if (keys[mid] == key) return (int64_t)mid;
        int c = term_compare_exact(key, keys[mid]);
        if (c == 0) return (int64_t)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

term map_get(term map, term key) {
    if (!term_is_flatmap(map)) return hamt_get(map, key);
    int64_t i = map_index(map, key);
    return i < 0 ? TERM_NONE : map_values(map)[i];
}

bool map_view_open(term map, struct map_view *v) {
    v->owned = NULL;
    v->n = map_size(map);
    if (term_is_flatmap(map)) {
        v->keys = tuple_elems(map_keys(map));
        v->vals = map_values(map);
        return true;
    }
    /* pairs (2n), merge scratch (2n), then keys (n) and values (n) */
    size_t n = v->n;
    term *buf = mem_malloc(6 * n * sizeof(term));
    if (!buf) {
        v->n = 0;
        return false;
    }
    hamt_collect(map, buf);
    map_sort_pairs(buf, n, buf + 2 * n);
    term *keys = buf + 4 * n, *vals = buf + 5 * n;
    for (size_t i = 0; i < n; i++) keys[i] = buf[2 * i], vals[i] = buf[2 * i + 1];
    v->keys = keys, v->vals = vals, v->owned = buf;
    return true;
}

void map_view_close(struct map_view *v) {
    mem_free(v->owned);
    v->owned = NULL;
}

/* ---- sorting pairs ------------------------------------------------------ */

/* term_compare_exact, with small integers (the commonest keys) inline */
static inline int key_compare(term a, term b) {
    if (term_is_small(a) && term_is_small(b)) {
        int64_t x = term_to_small(a), y = term_to_small(b);
        return (x > y) - (x < y);
    }
    return term_compare_exact(a, b);
}

/* Stable merge sort of n (key, value) pairs at kv by key, bottom-up (no
   recursion), using scratch (2n terms). */
static void sort_pairs_stable(term *kv, size_t n, term *scratch) {
    term *src = kv, *dst = scratch;
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) {
                /* take from the right only when strictly smaller: stable */
                if (key_compare(src[2 * j], src[2 * i]) < 0) {
                    dst[2 * k] = src[2 * j];
                    dst[2 * k + 1] = src[2 * j + 1];
                    j++;
                } else {
                    dst[2 * k] = src[2 * i];
                    dst[2 * k + 1] = src[2 * i + 1];
                    i++;
                }
                k++;
            }
            if (i < mid) memcpy(dst + 2 * k, src + 2 * i, (mid - i) * 2 * sizeof(term)), k += mid - i;
            if (j < hi) memcpy(dst + 2 * k, src + 2 * j, (hi - j) * 2 * sizeof(term));
        }
        term *t = src;
        src = dst;
        dst = t;
    }
    if (src != kv) memcpy(kv, src, n * 2 * sizeof(term));
}

size_t map_sort_pairs(term *kv, size_t n, term *scratch) {
    if (n < 2) return n;
    /* already strictly sorted (literals, keys from another map): done */
    size_t i = 1;
    while (i < n && key_compare(kv[2 * (i - 1)], kv[2 * i]) < 0) i++;
    if (i == n) return n;
    sort_pairs_stable(kv, n, scratch);
    /* drop all but the last of each run of equal keys (later pairs win) */
    size_t out = 0;
    for (size_t k = 0; k < n; k++) {
        if (k + 1 < n && key_compare(kv[2 * k], kv[2 * (k + 1)]) == 0) continue;
        kv[2 * out] = kv[2 * k];
        kv[2 * out + 1] = kv[2 * k + 1];
        out++;
    }
    return out;
}

term map_build_sorted(term **hp, const term *kv, size_t n) {
    term *t = *hp;
    t[0] = make_header(SUB_TUPLE, n);
    term *m = t + TUPLE_WORDS(n);
    m[0] = make_header(SUB_MAP, 1 + n);
    m[1] = term_from_boxed_ptr(t);
    for (size_t i = 0; i < n; i++) {
        t[1 + i] = kv[2 * i];
        m[2 + i] = kv[2 * i + 1];
    }
    *hp = m + MAP_WORDS(n);
    return term_from_boxed_ptr(m);
}

/* ---- building ------------------------------------------------------------ */

term map_from_pairs(struct proc *p, term *kv, uint32_t n) {
    size_t need = TUPLE_WORDS(n) + MAP_WORDS(n);
    term *buf = mem_malloc((4 * (size_t)n + 2) * sizeof(term));
    if (!buf) return raise_system_limit(p);
    if (!heap_ensure_free(p, need)) {
        mem_free(buf);
        return raise_system_limit(p);
    }
    memcpy(buf, kv, 2 * (size_t)n * sizeof(term));
    size_t m = map_sort_pairs(buf, n, buf + 2 * (size_t)n);
    term *hp = heap_take(p, TUPLE_WORDS(m) + MAP_WORDS(m));
    term r = map_build_sorted(&hp, buf, m);
    mem_free(buf);
    return r;
}

/* All keys exist: a copy of the map sharing its keys tuple. */
static term update_in_place(struct proc *p, term *mapp, term *kv, uint32_t n) {
    uint64_t size = map_size(*mapp);
    if (!heap_ensure_free(p, MAP_WORDS(size))) return raise_system_limit(p);
    term map = *mapp;
    term *m = heap_take(p, MAP_WORDS(size));
    memcpy(m, term_boxed_ptr(map), MAP_WORDS(size) * sizeof(term));
    for (uint32_t i = 0; i < n; i++) {
        int64_t at = map_index(map, kv[2 * i]);
        m[2 + at] = kv[2 * i + 1];
    }
    return term_from_boxed_ptr(m);
}

/* Merge the map's pairs with the sorted, distinct new pairs at add
   (nadd of them): the new value wins on equal keys. Heap reserved. */
static term merge_into(struct proc *p, const struct map_view *mv, const term *add, size_t nadd) {
    uint64_t size = mv->n;
    const term *keys = mv->keys, *vals = mv->vals;
    size_t total = 0;
    for (size_t i = 0, j = 0; i < size || j < nadd; total++) {
        if (i == size) {
            j++;
            continue;
        }
        if (j == nadd) {
            i++;
            continue;
        }
        int c = term_compare_exact(keys[i], add[2 * j]);
        if (c <= 0) i++;
        if (c >= 0) j++;
    }
    term *t = heap_take(p, TUPLE_WORDS(total) + MAP_WORDS(total));
    term *m = t + TUPLE_WORDS(total);
    t[0] = make_header(SUB_TUPLE, total);
    m[0] = make_header(SUB_MAP, 1 + total);
    m[1] = term_from_boxed_ptr(t);
    size_t k = 0;
    for (size_t i = 0, j = 0; i < size || j < nadd; k++) {
        int c = i == size ? 1 : j == nadd ? -1 : term_compare_exact(keys[i], add[2 * j]);
        if (c < 0) {
            t[1 + k] = keys[i];
            m[2 + k] = vals[i];
            i++;
        } else {
            t[1 + k] = add[2 * j];
            m[2 + k] = add[2 * j + 1];
            j++;
            if (c == 0) i++;
        }
    }
    return term_from_boxed_ptr(m);
}

/* *mapp as a HAMT (it is flat): built in one pass from its pairs. */
static bool flat_to_hamt(struct proc *p, term *mapp) {
    size_t n = map_size(*mapp), words;
    term *kv = mem_malloc((2 * n + 2) * sizeof(term));
    if (!kv) return false;
    for (int pass = 0; pass < 2; pass++) {
        /* pass 0 counts; after the GC pass 1 re-reads the moved pairs */
        term map = *mapp;
        for (size_t i = 0; i < n; i++) kv[2 * i] = tuple_elems(map_keys(map))[i], kv[2 * i + 1] = map_values(map)[i];
        if (pass == 0 && (!hamt_build_words(kv, n, &words) || !heap_ensure_free(p, words))) break;
        if (pass == 1) {
            term *hp = p->htop;
            term r = hamt_build(&hp, kv, n);
            if (r == TERM_NONE) break;
            heap_take(p, (size_t)(hp - p->htop));
            *mapp = r;
        }
    }
    mem_free(kv);
    return !term_is_flatmap(*mapp);
}

/* Insert the pairs one by one into the HAMT at *mapp (turned into one if
   flat); *mapp holds each version, so it stays rooted across the GCs. */
static term update_hamt(struct proc *p, term *mapp, term *kv, uint32_t n) {
    if (term_is_flatmap(*mapp) && !flat_to_hamt(p, mapp)) return raise_system_limit(p);
    for (uint32_t i = 0; i < n; i++) {
        if (!heap_ensure_free(p, hamt_put_words(*mapp, kv[2 * i]))) return raise_system_limit(p);
        term *hp = p->htop;
        term r = hamt_put(&hp, *mapp, kv[2 * i], kv[2 * i + 1]);
        heap_take(p, (size_t)(hp - p->htop));
        *mapp = r;
    }
    return *mapp;
}

term map_update(struct proc *p, term *mapp, term *kv, uint32_t n, bool exact) {
    if (!term_is_map(*mapp)) return raise_error2(p, AM(badmap), mapp);
    if (n == 0) return *mapp;
    uint32_t missing = 0;
    for (uint32_t i = 0; i < n; i++) {
        if (map_get(*mapp, kv[2 * i]) != TERM_NONE) continue;
        if (exact) return raise_error2(p, AM(badkey), &kv[2 * i]);
        missing++;
    }
    if (!term_is_flatmap(*mapp) || map_size(*mapp) + missing > MAP_FLAT_MAX) return update_hamt(p, mapp, kv, n);
    if (missing == 0) return update_in_place(p, mapp, kv, n);
    uint64_t bound = map_size(*mapp) + n;
    term *buf = mem_malloc(4 * (size_t)n * sizeof(term));
    if (!buf) return raise_system_limit(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(bound) + MAP_WORDS(bound))) {
        mem_free(buf);
        return raise_system_limit(p);
    }
    memcpy(buf, kv, 2 * (size_t)n * sizeof(term));
    size_t nadd = map_sort_pairs(buf, n, buf + 2 * (size_t)n);
    struct map_view mv;
    map_view_open(*mapp, &mv); /* flat: cannot fail */
    term r = merge_into(p, &mv, buf, nadd);
    mem_free(buf);
    return r;
}

term map_merge(struct proc *p, term *m1, term *m2) {
    if (!term_is_map(*m1)) return raise_error2(p, AM(badmap), m1);
    if (!term_is_map(*m2)) return raise_error2(p, AM(badmap), m2);
    uint64_t n1 = map_size(*m1), n2 = map_size(*m2);
    if (n2 == 0) return *m1;
    if (n1 == 0 || (term_is_flatmap(*m1) && term_is_flatmap(*m2) && map_keys(*m1) == map_keys(*m2))) return *m2;
    uint64_t bound = n1 + n2;
    if (!heap_ensure_free(p, TUPLE_WORDS(bound) + MAP_WORDS(bound))) return raise_system_limit(p);
    /* no GC from here on. merge_into wants m2 as pairs, so copy */
    struct map_view v1, v2;
    term *buf = mem_malloc(2 * n2 * sizeof(term));
    if (!buf || !map_view_open(*m2, &v2)) {
        mem_free(buf);
        return raise_system_limit(p);
    }
    for (uint64_t i = 0; i < n2; i++) {
        buf[2 * i] = v2.keys[i];
        buf[2 * i + 1] = v2.vals[i];
    }
    map_view_close(&v2);
    term r = TERM_NONE;
    if (map_view_open(*m1, &v1)) r = merge_into(p, &v1, buf, n2);
    map_view_close(&v1);
    mem_free(buf);
    return r == TERM_NONE ? raise_system_limit(p) : r;
}

term map_without(term **hp, term map, uint64_t at) {
    uint64_t n = map_size(map) - 1;
    const term *keys = tuple_elems(map_keys(map)), *vals = map_values(map);
    term *t = *hp;
    term *m = t + TUPLE_WORDS(n);
    t[0] = make_header(SUB_TUPLE, n);
    m[0] = make_header(SUB_MAP, 1 + n);
    m[1] = term_from_boxed_ptr(t);
    memcpy(t + 1, keys, at * sizeof(term));
    memcpy(t + 1 + at, keys + at + 1, (n - at) * sizeof(term));
    memcpy(m + 2, vals, at * sizeof(term));
    memcpy(m + 2 + at, vals + at + 1, (n - at) * sizeof(term));
    *hp = m + MAP_WORDS(n);
    return term_from_boxed_ptr(m);
}

term map_remove_at(struct proc *p, term *mapp, uint64_t at) {
    uint64_t n = map_size(*mapp) - 1;
    if (!heap_ensure_free(p, TUPLE_WORDS(n) + MAP_WORDS(n))) return raise_system_limit(p);
    term *hp = heap_take(p, TUPLE_WORDS(n) + MAP_WORDS(n));
    return map_without(&hp, *mapp, at);
}

term map_remove(struct proc *p, term *mapp, term *keyp) {
    if (term_is_flatmap(*mapp)) {
        int64_t at = map_index(*mapp, *keyp);
        if (at < 0) return *mapp;
        if (map_size(*mapp) <= MAP_FLAT_MAX + 1) return map_remove_at(p, mapp, (uint64_t)at);
        /* a large flat map (from_list, a literal, ETF): the removals that
           usually follow cost O(log n) each on a HAMT */
        if (!flat_to_hamt(p, mapp)) return raise_system_limit(p);
    }
    if (hamt_get(*mapp, *keyp) == TERM_NONE) return *mapp;
    size_t need = hamt_remove_words(*mapp, *keyp) + TUPLE_WORDS(0) + MAP_WORDS(0);
    if (!heap_ensure_free(p, need)) return raise_system_limit(p);
    term *hp = p->htop;
    term r = hamt_remove(&hp, *mapp, *keyp);
    if (r == TERM_NONE) r = map_build_sorted(&hp, NULL, 0);
    heap_take(p, (size_t)(hp - p->htop));
    return r;
}
