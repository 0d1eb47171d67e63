/*
 * bif_lists.c — list BIFs: erlang:length/1, '++'/2, '--'/2 and the lists
 * module's reverse/1,2, keyfind/3, keymember/3, keysearch/3, member/2.
 *
 * Lists may have millions of elements: every walk is a loop (never C
 * recursion), results are built front to back in one heap block reserved
 * once (heap_ensure_free) after the inputs were measured and checked.
 * Comparisons follow erl: keyfind/keymember/keysearch use == (1 finds
 * 1.0), member/2 and '--' use =:=. Improper lists raise badarg when the
 * walk reaches the bad tail (a key found before it is still returned).
 */

#include "atom.h"
#include "alloc.h"
#include "bif.h"
#include "compare.h"
#include "error.h"
#include "heap.h"

/* Length of a proper list, or -1 if l is not one. */
static int64_t list_length(term l) {
    int64_t n = 0;
    while (term_is_list(l)) {
        l = CDR(l);
        n++;
    }
    return l == TERM_NIL ? n : -1;
}

term bif_erlang_length_1(struct proc *p, term *args) {
    int64_t n = list_length(args[0]);
    if (n < 0) return raise_badarg(p);
    return term_from_small(n);
}

/* Copy the n first elements of the list l to hp, front to back, ending in
   tail. Returns the new list (tail if n is 0). */
static term copy_prefix(term *hp, term l, int64_t n, term tail) {
    if (n == 0) return tail;
    term first = term_from_list_ptr(hp);
    for (int64_t i = 0; i < n; i++, l = CDR(l), hp += CONS_WORDS) {
        hp[0] = CAR(l);
        hp[1] = i + 1 < n ? term_from_list_ptr(hp + CONS_WORDS) : tail;
    }
    return first;
}

term bif_erlang_append_2(struct proc *p, term *args) {
    int64_t n = list_length(args[0]);
    if (n < 0) return raise_badarg(p);
    if (n == 0) return args[1];
    if (!heap_ensure_free(p, (size_t)n * CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, (size_t)n * CONS_WORDS);
    return copy_prefix(hp, args[0], n, args[1]);
}

/* ---- '--' ------------------------------------------------------------------ */

/* =:= with a fast path: an immediate is =:= only to the same word */
static inline bool exact_eq(term a, term b) {
    if (a == b) return true;
    if (term_is_immed(a) || term_is_immed(b)) return false;
    return term_eq_exact(a, b);
}

static int cmp_terms(const void *a, const void *b) { return term_compare_exact(*(const term *)a, *(const term *)b); }

/* Bottom-up stable merge sort of n terms (no recursion); scratch: n terms */
static void sort_terms(term *v, size_t n, term *scratch) {
    term *src = v, *dst = scratch;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = cmp_terms(&src[j], &src[i]) < 0 ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        term *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof(term));
}

#define SUBTRACT_LINEAR_MAX 16

/* Mark in keep[] (one bit per element of a) the elements that survive
   a -- b; returns how many do, or -1 when out of memory. Pure. */
static int64_t subtract_mark(term a, int64_t na, term b, int64_t nb, uint64_t *keep) {
    term *bv = mem_malloc(2 * (size_t)nb * sizeof(term) + sizeof(term));
    if (!bv) return -1;
    for (int64_t i = 0; i < nb; i++, b = CDR(b)) bv[i] = CAR(b);
    int64_t kept = 0;
    if (nb <= SUBTRACT_LINEAR_MAX) {
        /* remove each used element of bv by swapping it out of the live range */
        int64_t live = nb;
        for (int64_t i = 0; i < na; i++, a = CDR(a)) {
            term e = CAR(a);
            int64_t j = 0;
            while (j < live && !exact_eq(e, bv[j])) j++;
            if (j < live) {
                /* keep bv in its order: an earlier b element must match first */
                memmove(bv + j, bv + j + 1, (size_t)(live - j - 1) * sizeof(term));
                live--;
            } else {
                keep[i / 64] |= UINT64_C(1) << (i % 64);
                kept++;
            }
        }
        mem_free(bv);
        return kept;
    }
    /* sort b, then count the copies of each distinct value */
    sort_terms(bv, (size_t)nb, bv + nb);
    int64_t *count = mem_malloc((size_t)nb * sizeof(int64_t));
    if (!count) {
        mem_free(bv);
        return -1;
    }
    int64_t nu = 0;
    for (int64_t i = 0; i < nb; i++) {
        if (nu > 0 && term_compare_exact(bv[nu - 1], bv[i]) == 0) {
            count[nu - 1]++;
            continue;
        }
        bv[nu] = bv[i];
        count[nu++] = 1;
    }
    for (int64_t i = 0; i < na; i++, a = CDR(a)) {
        term e = CAR(a);
        int64_t lo = 0, hi = nu;
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            int c = term_compare_exact(e, bv[mid]);
            if (c == 0) {
                lo = mid;
                break;
            }
            if (c < 0)
                hi = mid;
            else
                lo = mid + 1;
        }
        if (lo < nu && count[lo] > 0 && term_compare_exact(e, bv[lo]) == 0) {
            count[lo]--;
        } else {
            keep[i / 64] |= UINT64_C(1) << (i % 64);
            kept++;
        }
    }
    mem_free(count);
    mem_free(bv);
    return kept;
}

term bif_erlang_subtract_2(struct proc *p, term *args) {
    int64_t na = list_length(args[0]), nb = list_length(args[1]);
    if (na < 0 || nb < 0) return raise_badarg(p);
    if (na == 0 || nb == 0) return args[0];
    uint64_t *keep = mem_zalloc(((size_t)na + 63) / 64 * sizeof(uint64_t));
    if (!keep) return raise_system_limit(p);
    int64_t kept = subtract_mark(args[0], na, args[1], nb, keep);
    if (kept < 0 || !heap_ensure_free(p, (size_t)kept * CONS_WORDS)) {
        mem_free(keep);
        return raise_system_limit(p);
    }
    term result = TERM_NIL, *hp = heap_take(p, (size_t)kept * CONS_WORDS), *last = NULL;
    term a = args[0];
    for (int64_t i = 0; i < na; i++, a = CDR(a)) {
        if (!(keep[i / 64] >> (i % 64) & 1)) continue;
        term cell = cons_store(hp, CAR(a), TERM_NIL);
        if (last)
            last[1] = cell;
        else
            result = cell;
        last = hp;
        hp += CONS_WORDS;
    }
    mem_free(keep);
    return result;
}

/* ---- lists:reverse --------------------------------------------------------- */

/* Reverse the n elements of the proper prefix of l onto tail. */
static term reverse_onto(struct proc *p, term *l, int64_t n, term *tail) {
    if (!heap_ensure_free(p, (size_t)n * CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, (size_t)n * CONS_WORDS);
    term acc = *tail, x = *l;
    for (int64_t i = 0; i < n; i++, x = CDR(x), hp += CONS_WORDS) acc = cons_store(hp, CAR(x), acc);
    return acc;
}

term bif_lists_reverse_2(struct proc *p, term *args) {
    int64_t n = list_length(args[0]);
    if (n < 0) return raise_badarg(p);
    if (n == 0) return args[1];
    return reverse_onto(p, &args[0], n, &args[1]);
}

term bif_lists_reverse_1(struct proc *p, term *args) {
    term l = args[0];
    /* erl's reverse/1 is Erlang: a non-list or [X|NotList] fails its
       clauses, a longer improper list fails in reverse/2 */
    if (l == TERM_NIL) return l;
    if (!term_is_list(l) || !(term_is_list(CDR(l)) || CDR(l) == TERM_NIL))
        return raise_error(p, AM(function_clause));
    int64_t n = list_length(l);
    if (n < 0) return raise_badarg(p);
    term nil = TERM_NIL;
    return reverse_onto(p, &args[0], n, &nil);
}

/* ---- key search ------------------------------------------------------------ */

/* == with fast paths: identical words, and immediates that are not numbers */
static inline bool arith_eq(term a, term b) {
    if (a == b) return true;
    if (term_is_immed(a) && !term_is_small(a)) return false;
    if (term_is_immed(b) && !term_is_small(b)) return false;
    return term_eq(a, b);
}

/* The first tuple in args[2] whose args[1]-th element == args[0];
   TERM_NONE with *bad set when the arguments are wrong. */
static term key_search(term *args, bool *bad) {
    *bad = false;
    term key = args[0], l = args[2];
    if (!term_is_small(args[1]) || term_to_small(args[1]) < 1) {
        *bad = true;
        return TERM_NONE;
    }
    uint64_t pos = (uint64_t)term_to_small(args[1]);
    for (; term_is_list(l); l = CDR(l)) {
        term e = CAR(l);
        if (term_is_tuple(e) && tuple_arity(e) >= pos && arith_eq(tuple_elems(e)[pos - 1], key)) return e;
    }
    if (l != TERM_NIL) *bad = true;
    return TERM_NONE;
}

term bif_lists_keyfind_3(struct proc *p, term *args) {
    bool bad;
    term t = key_search(args, &bad);
    if (bad) return raise_badarg(p);
    return t == TERM_NONE ? AM(false) : t;
}

term bif_lists_keymember_3(struct proc *p, term *args) {
    bool bad;
    term t = key_search(args, &bad);
    if (bad) return raise_badarg(p);
    return t == TERM_NONE ? AM(false) : AM(true);
}

term bif_lists_keysearch_3(struct proc *p, term *args) {
    bool bad;
    term t = key_search(args, &bad);
    if (bad) return raise_badarg(p);
    if (t == TERM_NONE) return AM(false);
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    t = key_search(args, &bad); /* re-read after a possible GC */
    term *hp = heap_take(p, TUPLE_WORDS(2));
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = AM(value);
    hp[2] = t;
    return term_from_boxed_ptr(hp);
}

term bif_lists_member_2(struct proc *p, term *args) {
    term e = args[0], l = args[1];
    if (term_is_immed(e)) {
        for (; term_is_list(l); l = CDR(l))
            if (CAR(l) == e) return AM(true);
    } else {
        for (; term_is_list(l); l = CDR(l))
            if (exact_eq(CAR(l), e)) return AM(true);
    }
    if (l != TERM_NIL) return raise_badarg(p);
    return AM(false);
}
