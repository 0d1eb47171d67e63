/*
 * term.h — the Moat term: one tagged machine word.
 *
 * Owns the bit layout of every Erlang value and the inline accessors for
 * it. Everything that looks inside a term goes through these macros, so
 * this is the only file that knows the tags.
 *
 * Layout (64-bit words, low bits are the tag):
 *
 *   primary tag (2 bits)
 *     ..00  header word: only ever the first word of a boxed object on a
 *           heap. On the process stack a ..00 word is a return address
 *           (code pointers are 8-aligned), never a header.
 *     ..01  list: pointer to a cons cell (2 words: head, tail) | 1
 *     ..10  boxed: pointer to a header word | 2
 *     ..11  immediate, see below
 *
 *   immediates (4 bits)
 *     ..1111  small integer, value = (int64)t >> 4  (60-bit signed)
 *     ..0011  local pid,   payload = t >> 4 (process number)
 *     ..0111  local port,  payload = t >> 4
 *     ..1011  immediate-2, next 2 bits:
 *        ..00_1011  atom, index = t >> 6 into the global atom table
 *        ..01_1011  catch marker (stack only), payload = code address
 *        ..11_1011  nil ([]), the only value of that tag
 *
 *   header word: bits 2..5 subtag, bits 6.. arity = number of words that
 *   follow the header (the object is 1 + arity words long), except where
 *   the subtag's comment says otherwise.
 *
 * Invariants:
 *   - A small integer is used for every integer that fits 60 bits; a
 *     bignum is always normalised (no high zero limbs) and never fits.
 *   - TERM_NONE (0) is never an Erlang value: it marks "no value" in C
 *     (a BIF that raised, an empty slot) and a moved cons during GC.
 *   - Floats are always finite (NaN and infinities raise badarith).
 */
#ifndef MOAT_TERM_H
#define MOAT_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint64_t term;
typedef int64_t sterm;

#define TERM_NONE ((term)0)

/* ---- primary tags ---------------------------------------------------- */
#define TAG_PRIMARY_MASK 0x3u
#define TAG_HEADER 0x0u
#define TAG_LIST 0x1u
#define TAG_BOXED 0x2u
#define TAG_IMMED 0x3u

#define term_primary(t) ((t) & TAG_PRIMARY_MASK)
#define term_is_list(t) (term_primary(t) == TAG_LIST) /* a cons, not nil */
#define term_is_boxed(t) (term_primary(t) == TAG_BOXED)
#define term_is_immed(t) (term_primary(t) == TAG_IMMED)
#define term_is_header(t) (term_primary(t) == TAG_HEADER)

/* ---- immediates ------------------------------------------------------ */
#define TAG_IMMED1_MASK 0xFu
#define TAG_SMALL 0xFu
#define TAG_PID 0x3u
#define TAG_PORT 0x7u
#define TAG_IMMED2 0xBu
#define TAG_IMMED2_MASK 0x3Fu
#define TAG_ATOM 0x0Bu
#define TAG_CATCH 0x1Bu
#define TAG_NIL 0x3Bu

#define TERM_NIL ((term)TAG_NIL)

#define SMALL_BITS 60
#define SMALL_MAX ((int64_t)((UINT64_C(1) << (SMALL_BITS - 1)) - 1))
#define SMALL_MIN (-SMALL_MAX - 1)

#define term_is_small(t) (((t) & TAG_IMMED1_MASK) == TAG_SMALL)
#define term_is_atom(t) (((t) & TAG_IMMED2_MASK) == TAG_ATOM)
#define term_is_nil(t) ((t) == TERM_NIL)
#define term_is_local_pid(t) (((t) & TAG_IMMED1_MASK) == TAG_PID)
#define term_is_local_port(t) (((t) & TAG_IMMED1_MASK) == TAG_PORT)
#define term_is_catch(t) (((t) & TAG_IMMED2_MASK) == TAG_CATCH)

static inline term term_from_small(int64_t v) { return ((term)v << 4) | TAG_SMALL; }
static inline int64_t term_to_small(term t) { return (sterm)t >> 4; }
static inline bool small_fits(int64_t v) { return v >= SMALL_MIN && v <= SMALL_MAX; }

static inline term term_from_atom(uint32_t index) { return ((term)index << 6) | TAG_ATOM; }
static inline uint32_t term_to_atom(term t) { return (uint32_t)(t >> 6); }

static inline term term_from_pid(uint64_t n) { return (n << 4) | TAG_PID; }
/* A pid number is a process-table index in the low PID_INDEX_BITS and a
   serial above (vm/ptab.h); <0.Index.Serial> in print and the ETF. */
#define PID_INDEX_BITS 28
static inline uint64_t pid_index(uint64_t n) { return n & ((UINT64_C(1) << PID_INDEX_BITS) - 1); }
static inline uint64_t pid_serial(uint64_t n) { return n >> PID_INDEX_BITS; }
static inline uint64_t pid_number(uint64_t index, uint64_t serial) { return serial << PID_INDEX_BITS | index; }
static inline uint64_t term_to_pid(term t) { return t >> 4; }
static inline term term_from_port(uint64_t n) { return (n << 4) | TAG_PORT; }
static inline uint64_t term_to_port(term t) { return t >> 4; }

/* A catch marker holds the address of the handler's code. */
static inline term term_from_catch(const void *code) { return ((term)(uintptr_t)code << 6) | TAG_CATCH; }
static inline const void *term_to_catch(term t) { return (const void *)(uintptr_t)(t >> 6); }

/* ---- pointers -------------------------------------------------------- */
static inline term *term_list_ptr(term t) { return (term *)(uintptr_t)(t - TAG_LIST); }
static inline term *term_boxed_ptr(term t) { return (term *)(uintptr_t)(t - TAG_BOXED); }
static inline term term_from_list_ptr(const term *p) { return (term)(uintptr_t)p | TAG_LIST; }
static inline term term_from_boxed_ptr(const term *p) { return (term)(uintptr_t)p | TAG_BOXED; }

#define CAR(cons) (term_list_ptr(cons)[0])
#define CDR(cons) (term_list_ptr(cons)[1])

/* ---- headers --------------------------------------------------------- */
enum {
    SUB_TUPLE = 0,      /* arity = number of elements                      */
    SUB_POS_BIG = 1,    /* arity = number of 64-bit limbs, least first     */
    SUB_NEG_BIG = 2,    /* same, value is negative                         */
    SUB_FLOAT = 3,      /* arity 1: the IEEE double                        */
    SUB_REF = 4,        /* arity 2: see REF_* below                        */
    SUB_FUN = 5,        /* closure, see FUN_* below                        */
    SUB_EXPORT = 6,     /* arity 1: struct export_entry * (fun m:f/a)      */
    SUB_HEAP_BIN = 7,   /* word 1 = byte size, then the bytes, padded      */
    SUB_REFC_BIN = 8,   /* off-heap binary handle, see PROCBIN_*           */
    SUB_SUB_BIN = 9,    /* slice of another binary, see SUBBIN_*           */
    SUB_MAP = 10,       /* flat map: word 1 = keys tuple, then values      */
    SUB_HASHMAP = 11,   /* HAMT node of a large map (vm/hamt.h)            */
    SUB_EXT_PID = 12,   /* reserved for distribution: node, id, serial, creation */
    SUB_EXT_PORT = 13,  /* reserved for distribution                       */
    SUB_EXT_REF = 14,   /* reserved for distribution                       */
    SUB_MATCH_CTX = 15, /* binary match state (never escapes to Erlang)    */
};

static inline term make_header(unsigned sub, uint64_t arity) { return (arity << 6) | ((term)sub << 2) | TAG_HEADER; }
#define header_sub(h) ((unsigned)(((h) >> 2) & 0xF))
#define header_arity(h) ((uint64_t)((h) >> 6))

/* subtag of a boxed term */
static inline unsigned boxed_sub(term t) { return header_sub(term_boxed_ptr(t)[0]); }
static inline bool term_is_boxed_sub(term t, unsigned sub) { return term_is_boxed(t) && boxed_sub(t) == sub; }

#define term_is_tuple(t) term_is_boxed_sub((t), SUB_TUPLE)
#define term_is_float(t) term_is_boxed_sub((t), SUB_FLOAT)
#define term_is_ref(t) term_is_boxed_sub((t), SUB_REF)
/* A map is flat (SUB_MAP) or the root of a HAMT (SUB_HASHMAP, vm/hamt.h);
   only map.c, hamt.c and map_view_open look at which. */
static inline bool term_is_map(term t) {
    return term_is_boxed(t) && (boxed_sub(t) == SUB_MAP || boxed_sub(t) == SUB_HASHMAP);
}
#define term_is_flatmap(t) term_is_boxed_sub((t), SUB_MAP)
static inline bool term_is_bignum(term t) {
    return term_is_boxed(t) && (boxed_sub(t) == SUB_POS_BIG || boxed_sub(t) == SUB_NEG_BIG);
}
static inline bool term_is_integer(term t) { return term_is_small(t) || term_is_bignum(t); }
static inline bool term_is_number(term t) { return term_is_integer(t) || term_is_float(t); }
static inline bool term_is_fun(term t) {
    return term_is_boxed(t) && (boxed_sub(t) == SUB_FUN || boxed_sub(t) == SUB_EXPORT);
}
static inline bool term_is_bitstring(term t) {
    if (!term_is_boxed(t)) return false;
    unsigned s = boxed_sub(t);
    return s == SUB_HEAP_BIN || s == SUB_REFC_BIN || s == SUB_SUB_BIN;
}
static inline bool term_is_pid(term t) { return term_is_local_pid(t) || term_is_boxed_sub(t, SUB_EXT_PID); }
static inline bool term_is_port(term t) { return term_is_local_port(t) || term_is_boxed_sub(t, SUB_EXT_PORT); }

/* ---- tuples ---------------------------------------------------------- */
static inline uint64_t tuple_arity(term t) { return header_arity(term_boxed_ptr(t)[0]); }
/* 0-based element access */
static inline term *tuple_elems(term t) { return term_boxed_ptr(t) + 1; }
#define TUPLE_WORDS(n) (1 + (n))

/* ---- floats ---------------------------------------------------------- */
#define FLOAT_WORDS 2
static inline double float_value(term t) {
    double d;
    memcpy(&d, term_boxed_ptr(t) + 1, sizeof d);
    return d;
}
static inline term float_store(term *hp, double d) {
    hp[0] = make_header(SUB_FLOAT, 1);
    memcpy(hp + 1, &d, sizeof d);
    return term_from_boxed_ptr(hp);
}

/* ---- bignums --------------------------------------------------------- */
/* limbs are GMP mp_limb_t (64-bit), least significant first */
static inline uint64_t big_size(term t) { return header_arity(term_boxed_ptr(t)[0]); }
static inline uint64_t *big_limbs(term t) { return (uint64_t *)(term_boxed_ptr(t) + 1); }
static inline bool big_is_neg(term t) { return boxed_sub(t) == SUB_NEG_BIG; }
#define BIG_WORDS(limbs) (1 + (limbs))

/* ---- references ------------------------------------------------------ */
/* A local ref is a 96-bit number (three 32-bit words in erl's printing
 * #Ref<0.A.B.C>): word 1 = low 64 bits (B<<32 | C), word 2 = A. */
#define REF_WORDS 3
static inline term ref_store(term *hp, uint64_t n) {
    hp[0] = make_header(SUB_REF, REF_WORDS - 1);
    hp[1] = n;
    hp[2] = 0;
    return term_from_boxed_ptr(hp);
}

/* ---- funs ------------------------------------------------------------ */
/* Closure layout: [header arity = 1 + nfree][struct fun_entry *][free...]
 * The entry pointer word is not a term; the GC skips it (it knows
 * SUB_FUN's layout). */
struct fun_entry;
#define FUN_WORDS(nfree) (2 + (nfree))
static inline struct fun_entry *fun_entry_of(term t) { return (struct fun_entry *)(uintptr_t)term_boxed_ptr(t)[1]; }
static inline uint64_t fun_num_free(term t) { return header_arity(term_boxed_ptr(t)[0]) - 1; }
static inline term *fun_free(term t) { return term_boxed_ptr(t) + 2; }

/* Export fun: [header arity 1][struct export_entry *] */
struct export_entry;
#define EXPORT_FUN_WORDS 2
static inline struct export_entry *export_of(term t) { return (struct export_entry *)(uintptr_t)term_boxed_ptr(t)[1]; }

/* ---- binaries -------------------------------------------------------- */
/* Heap binary (small, <= HEAP_BIN_MAX bytes):
 *   [header arity = 1 + words(bytes)][byte size][bytes...]
 * Refc binary handle (the bytes live off-heap in a struct offheap_bin):
 *   [header arity 3][byte size][struct offheap_bin *][next handle in the
 *    owner's off-heap list (raw pointer or NULL)]
 * Sub binary (a bit-level slice; the only form whose size may not be a
 * whole number of bytes):
 *   [header arity 3][bit size][bit offset][original: heap or refc bin term]
 * Binaries are immutable once built. */
#define HEAP_BIN_MAX 64
#define HEAP_BIN_WORDS(bytes) (2 + ((bytes) + 7) / 8)
#define PROCBIN_WORDS 4
#define SUBBIN_WORDS 4

struct offheap_bin {
    _Atomic long refc;
    size_t size;
    uint8_t data[];
};

/* ---- maps ------------------------------------------------------------ */
/* Flat map: [header arity = 1 + n][keys: tuple term of n keys, sorted in
 * map-key order][v1]...[vn]. The keys tuple may be shared (a literal or
 * the keys of the map this one was updated from). map_keys and
 * map_values are for flat maps only; a HAMT (maps of more than
 * MAP_FLAT_MAX keys that were updated) is read through map_view_open.
 * HAMT node: [header arity = 2 + k][bitmap (small)][size (small)][k
 * children], see vm/hamt.h. */
static inline uint64_t map_size(term t) {
    const term *p = term_boxed_ptr(t);
    if (header_sub(p[0]) == SUB_HASHMAP) return (uint64_t)((sterm)p[2] >> 4);
    return header_arity(p[0]) - 1;
}
static inline term map_keys(term t) { return term_boxed_ptr(t)[1]; }
static inline term *map_values(term t) { return term_boxed_ptr(t) + 2; }
#define MAP_WORDS(n) (2 + (n))

/* ---- lists ----------------------------------------------------------- */
#define CONS_WORDS 2
static inline term cons_store(term *hp, term head, term tail) {
    hp[0] = head;
    hp[1] = tail;
    return term_from_list_ptr(hp);
}

/* {A, B} in the 3 words at hp */
static inline term tuple2_store(term *hp, term a, term b) {
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = a;
    hp[2] = b;
    return term_from_boxed_ptr(hp);
}

/* ---- object size (words) of a boxed object, from its header --------- */
static inline uint64_t boxed_words(term header) { return 1 + header_arity(header); }

#endif
