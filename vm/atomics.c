/*
 * atomics.c — the atomics module: arrays of 64-bit atomic integers shared
 * between processes (counters, stdlib/counters.erl, is built on them).
 *
 * An array is named by a reference (a plain ref term whose number is the
 * array's id); arrays live in a registry (id -> array) under one rwlock,
 * read-locked by every operation. Arrays are never freed before the VM
 * exits (docs/deviations.md): erl frees them when no term refers to them.
 * The values themselves are C11 atomics (sequentially consistent), so
 * operations from any scheduler need no other lock. Unsigned arrays
 * store the same 64 bits and read them back as unsigned.
 */
#include <pthread.h>
#include <stdatomic.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "error.h"
#include "heap.h"
#include "map.h"

struct atomics_array {
    struct atomics_array *next; /* registry chain */
    uint64_t id;
    bool is_signed;
    size_t size;
    _Atomic uint64_t v[];
};

#define ATOMICS_BUCKETS 256
static pthread_rwlock_t atomics_lock = PTHREAD_RWLOCK_INITIALIZER;
static struct atomics_array *atomics_reg[ATOMICS_BUCKETS];

static size_t atomics_bucket(uint64_t id) { return (size_t)(id * 0x9E3779B97F4A7C15u >> 56) % ATOMICS_BUCKETS; }

/* The array ref names, or NULL. Arrays are never freed: no lock is held
   after the lookup. */
static struct atomics_array *atomics_find(term ref) {
    if (!term_is_ref(ref) || term_boxed_ptr(ref)[2] != 0) return NULL;
    uint64_t id = term_boxed_ptr(ref)[1];
    pthread_rwlock_rdlock(&atomics_lock);
    struct atomics_array *a = atomics_reg[atomics_bucket(id)];
    while (a && a->id != id) a = a->next;
    pthread_rwlock_unlock(&atomics_lock);
    return a;
}

/* ---- integer conversions ---------------------------------------------- */

static bool to_u64(term t, uint64_t *out) {
    if (term_is_small(t)) {
        if (term_to_small(t) < 0) return false;
        *out = (uint64_t)term_to_small(t);
        return true;
    }
    if (!term_is_bignum(t) || big_is_neg(t) || big_size(t) != 1) return false;
    *out = big_limbs(t)[0];
    return true;
}

/* A value an array element may hold, as its 64 bits. */
static bool value_bits(const struct atomics_array *a, term t, uint64_t *out) {
    if (!a->is_signed) return to_u64(t, out);
    int64_t v;
    if (!int_to_int64(t, &v)) return false;
    *out = (uint64_t)v;
    return true;
}

/* An increment: any integer that fits 64 bits, signed or unsigned. */
static bool incr_bits(term t, uint64_t *out) {
    int64_t v;
    if (int_to_int64(t, &v)) {
        *out = (uint64_t)v;
        return true;
    }
    return to_u64(t, out);
}

static term value_term(struct proc *p, const struct atomics_array *a, uint64_t bits) {
    if (!heap_ensure_free(p, BIG_WORDS(1))) return raise_system_limit(p);
    term *hp = p->htop;
    term r = a->is_signed ? int_from_int64((int64_t)bits, &hp) : int_from_uint64(bits, &hp);
    p->htop = hp;
    return r;
}

/* The element args[1] of array args[0], or NULL. */
static _Atomic uint64_t *element(term *args, struct atomics_array **ap) {
    struct atomics_array *a = atomics_find(args[0]);
    if (!a || !term_is_small(args[1]) || term_to_small(args[1]) < 1 || (uint64_t)term_to_small(args[1]) > a->size)
        return NULL;
    *ap = a;
    return &a->v[term_to_small(args[1]) - 1];
}

/* ---- BIFs --------------------------------------------------------------- */

term bif_atomics_new_2(struct proc *p, term *args) {
    bool is_signed = true;
    if (!term_is_small(args[0]) || term_to_small(args[0]) < 1 || term_to_small(args[0]) > (1 << 27))
        return raise_badarg(p);
    term l = args[1];
    for (; term_is_list(l); l = CDR(l)) {
        term o = CAR(l);
        if (!term_is_tuple(o) || tuple_arity(o) != 2 || tuple_elems(o)[0] != AM(signed) ||
            (tuple_elems(o)[1] != AM(true) && tuple_elems(o)[1] != AM(false)))
            return raise_badarg(p);
        is_signed = tuple_elems(o)[1] == AM(true);
    }
    if (!term_is_nil(l)) return raise_badarg(p);
    size_t n = (size_t)term_to_small(args[0]);
    if (!heap_ensure_free(p, REF_WORDS)) return raise_system_limit(p);
    struct atomics_array *a = mem_zalloc(sizeof *a + n * sizeof(uint64_t));
    if (!a) return raise_system_limit(p);
    a->id = ref_new_number();
    a->is_signed = is_signed;
    a->size = n;
    pthread_rwlock_wrlock(&atomics_lock);
    a->next = atomics_reg[atomics_bucket(a->id)];
    atomics_reg[atomics_bucket(a->id)] = a;
    pthread_rwlock_unlock(&atomics_lock);
    return ref_store(heap_take(p, REF_WORDS), a->id);
}

term bif_atomics_put_3(struct proc *p, term *args) {
    struct atomics_array *a;
    _Atomic uint64_t *e = element(args, &a);
    uint64_t v;
    if (!e || !value_bits(a, args[2], &v)) return raise_badarg(p);
    atomic_store(e, v);
    return AM(ok);
}

term bif_atomics_get_2(struct proc *p, term *args) {
    struct atomics_array *a;
    _Atomic uint64_t *e = element(args, &a);
    if (!e) return raise_badarg(p);
    return value_term(p, a, atomic_load(e));
}

/* add/sub and their _get forms: the new value, or ok. */
static term add_op(struct proc *p, term *args, bool subtract, bool get) {
    struct atomics_array *a;
    _Atomic uint64_t *e = element(args, &a);
    uint64_t d;
    if (!e || !incr_bits(args[2], &d)) return raise_badarg(p);
    if (subtract) d = (uint64_t)0 - d;
    uint64_t v = atomic_fetch_add(e, d) + d; /* wraps, as erl */
    return get ? value_term(p, a, v) : AM(ok);
}

term bif_atomics_add_3(struct proc *p, term *args) { return add_op(p, args, false, false); }
term bif_atomics_add_get_3(struct proc *p, term *args) { return add_op(p, args, false, true); }
term bif_atomics_sub_3(struct proc *p, term *args) { return add_op(p, args, true, false); }
term bif_atomics_sub_get_3(struct proc *p, term *args) { return add_op(p, args, true, true); }

term bif_atomics_exchange_3(struct proc *p, term *args) {
    struct atomics_array *a;
    _Atomic uint64_t *e = element(args, &a);
    uint64_t v;
    if (!e || !value_bits(a, args[2], &v)) return raise_badarg(p);
    return value_term(p, a, atomic_exchange(e, v));
}

term bif_atomics_compare_exchange_4(struct proc *p, term *args) {
    struct atomics_array *a;
    _Atomic uint64_t *e = element(args, &a);
    uint64_t expected, desired;
    if (!e || !value_bits(a, args[2], &expected) || !value_bits(a, args[3], &desired)) return raise_badarg(p);
    if (atomic_compare_exchange_strong(e, &expected, desired)) return AM(ok);
    return value_term(p, a, expected);
}

term bif_atomics_info_1(struct proc *p, term *args) {
    struct atomics_array *a = atomics_find(args[0]);
    if (!a) return raise_badarg(p);
    /* #{max, memory, min, size}: keys in map order */
    size_t words = TUPLE_WORDS(4) + MAP_WORDS(4) + 3 * BIG_WORDS(1);
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    term *hp = heap_take(p, words);
    term *keys = hp, *m = hp + TUPLE_WORDS(4);
    hp += TUPLE_WORDS(4) + MAP_WORDS(4);
    keys[0] = make_header(SUB_TUPLE, 4);
    keys[1] = AM(max), keys[2] = AM(memory), keys[3] = AM(min), keys[4] = AM(size);
    m[0] = make_header(SUB_MAP, 5);
    m[1] = term_from_boxed_ptr(keys);
    m[2] = a->is_signed ? int_from_int64(INT64_MAX, &hp) : int_from_uint64(UINT64_MAX, &hp);
    m[3] = term_from_small((int64_t)((a->size + 5) * sizeof(uint64_t))); /* as erl reports */
    m[4] = a->is_signed ? int_from_int64(INT64_MIN, &hp) : term_from_small(0);
    m[5] = term_from_small((int64_t)a->size);
    p->htop = hp;
    return term_from_boxed_ptr(m);
}
