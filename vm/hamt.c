/*
 * hamt.c — hash array mapped tries: the representation of large maps
 * (layout and invariants in hamt.h).
 *
 * Invariants kept by every builder:
 *   - a key sits at the first level where no other key shares its hash
 *     prefix: a node never has a single child that is a leaf, except the
 *     root (removal collapses such nodes upward);
 *   - a collision node (bitmap -1) holds >= 2 leaves with one 64-bit hash
 *     and sits at shift >= 64 (all hash bits used);
 *   - no two keys are =:= ; size counts the keys below a node.
 * Nothing here allocates on a heap or can GC: callers reserve the words
 * (bounds from the *_words functions) and pass *hp.
 *
 * Called by map.c only, on the thread running the process.
 */
#include "hamt.h"

#include <stdlib.h>

#include "alloc.h"
#include "bits.h"
#include "compare.h"
#include "module.h"

#define BITS 5
#define FANOUT 32
#define COLLISION (-1)
#define NODE_WORDS(k) (3 + (k))
/* levels at shift 0, 5, ..., 60; then a collision node */
#define MAX_LEVELS 14

/* ---- the key hash ------------------------------------------------------- */

static inline uint64_t mix64(uint64_t h, uint64_t x) {
    h ^= x + 0x9E3779B97F4A7C15u + (h << 6) + (h >> 2);
    h *= 0xBF58476D1CE4E5B9u;
    return h ^ (h >> 31);
}

static uint64_t hash_term(term t, uint64_t h, int depth);

/* A map key: the sum of its pairs' hashes, so that the order of the pairs
   (flat or HAMT layout) does not matter. */
static uint64_t hash_pairs(const term *n, int depth) {
    uint64_t sum = 0;
    if (header_sub(n[0]) == SUB_MAP) {
        const term *keys = tuple_elems(n[1]);
        for (uint64_t i = 0; i + 1 < header_arity(n[0]); i++)
            sum += hash_term(n[2 + i], hash_term(keys[i], 0x77, depth), depth);
        return sum;
    }
    for (uint64_t i = 0; i < header_arity(n[0]) - 2; i++) {
        term c = n[3 + i];
        if (term_is_list(c)) sum += hash_term(CDR(c), hash_term(CAR(c), 0x77, depth), depth);
        else sum += hash_pairs(term_boxed_ptr(c), depth);
    }
    return sum;
}

/* Depth-limited: deeper parts of a key are left out of its hash (equal
   keys still hash equally; the trie compares keys anyway). */
static uint64_t hash_term(term t, uint64_t h, int depth) {
    for (;;) {
        if (depth > 64) return mix64(h, 0xDEE9);
        if (term_is_immed(t)) return mix64(h, t);
        if (term_is_list(t)) {
            h = mix64(h, 0x11);
            h = hash_term(CAR(t), h, depth + 1);
            t = CDR(t);
            continue;
        }
        const term *p = term_boxed_ptr(t);
        unsigned sub = header_sub(p[0]);
        switch (sub) {
        case SUB_TUPLE: {
            uint64_t n = header_arity(p[0]);
            h = mix64(h, 0x22 + (n << 8));
            for (uint64_t i = 1; i <= n; i++) h = hash_term(p[i], h, depth + 1);
            return h;
        }
        case SUB_FLOAT: {
            double d = float_value(t);
            if (d == 0.0) d = 0.0; /* whether -0.0 =:= 0.0 or not, one hash */
            uint64_t bits;
            memcpy(&bits, &d, sizeof bits);
            return mix64(mix64(h, 0x33), bits);
        }
        case SUB_POS_BIG:
        case SUB_NEG_BIG: {
            h = mix64(h, 0x44 + sub);
            for (uint64_t i = 0; i < big_size(t); i++) h = mix64(h, big_limbs(t)[i]);
            return h;
        }
        case SUB_HEAP_BIN:
        case SUB_REFC_BIN:
        case SUB_SUB_BIN:
        case SUB_MATCH_CTX: {
            struct bin_view v;
            if (!bin_view(t, &v)) return mix64(h, 0x55);
            h = mix64(h, 0x55 + (v.bit_size << 8));
            uint64_t bytes = v.bit_size / 8;
            if (v.bit_offset % 8 == 0) {
                const uint8_t *b = v.bytes + v.bit_offset / 8;
                uint64_t i = 0, w;
                for (; i + 8 <= bytes; i += 8) memcpy(&w, b + i, 8), h = mix64(h, w);
                for (w = 0; i < bytes; i++) w = w << 8 | b[i];
                return mix64(h, w);
            }
            /* unaligned: a byte at a time (rare: sub-binaries of bits) */
            for (uint64_t i = 0; i < bytes; i++) {
                uint64_t bit = v.bit_offset + 8 * i;
                unsigned sh = (unsigned)(bit % 8);
                unsigned byte = (unsigned)(v.bytes[bit / 8] << sh) & 0xFF;
                if (8 * i + (8 - sh) < v.bit_size) byte |= v.bytes[bit / 8 + 1] >> (8 - sh);
                h = mix64(h, byte);
            }
            return h;
        }
        case SUB_REF: return mix64(mix64(h, p[1]), p[2]);
        case SUB_MAP:
        case SUB_HASHMAP: return mix64(mix64(h, 0x66 + (map_size(t) << 8)), hash_pairs(p, depth + 1));
        case SUB_EXPORT: {
            const struct export_entry *e = export_of(t);
            return mix64(mix64(mix64(h, e->module), e->function), e->arity);
        }
        case SUB_FUN: {
            const struct fun_entry *f = fun_entry_of(t);
            return mix64(mix64(mix64(h, f->module_name), f->index), f->uniq + (fun_num_free(t) << 32));
        }
        default: return mix64(h, 0x77 + sub);
        }
    }
}

uint64_t hamt_hash(term t) {
    uint64_t h = hash_term(t, 0x5EED, 0);
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDu;
    return h ^ (h >> 33);
}

/* ---- reading -------------------------------------------------------------- */

static inline int64_t node_bitmap(const term *n) { return term_to_small(n[1]); }
static inline int64_t node_size(const term *n) { return term_to_small(n[2]); }
static inline uint64_t node_count(const term *n) { return header_arity(n[0]) - 2; }
/* Hash bits are used from the top: then pairs sorted by hash are grouped
   by slot at every level (hamt_build relies on it). shift < 64. */
static inline unsigned slot_of(uint64_t h, unsigned shift) { return (unsigned)((h << shift) >> (64 - BITS)); }
static inline unsigned pos_of(int64_t bitmap, unsigned slot) {
    return (unsigned)__builtin_popcount((uint32_t)bitmap & ((UINT32_C(1) << slot) - 1));
}
static inline bool same_key(term a, term b) { return a == b || term_eq_exact(a, b); }

term hamt_get(term root, term key) {
    uint64_t h = hamt_hash(key);
    const term *n = term_boxed_ptr(root);
    for (unsigned shift = 0;; shift += BITS) {
        int64_t bm = node_bitmap(n);
        if (bm == COLLISION) {
            for (uint64_t i = 0; i < node_count(n); i++)
                if (same_key(CAR(n[3 + i]), key)) return CDR(n[3 + i]);
            return TERM_NONE;
        }
        unsigned s = slot_of(h, shift);
        if (!((uint64_t)bm >> s & 1)) return TERM_NONE;
        term c = n[3 + pos_of(bm, s)];
        if (term_is_list(c)) return same_key(CAR(c), key) ? CDR(c) : TERM_NONE;
        n = term_boxed_ptr(c);
    }
}

void hamt_collect(term root, term *kv) {
    /* explicit stack: depth <= MAX_LEVELS, one entry per level */
    const term *stack[MAX_LEVELS + 2];
    uint64_t at[MAX_LEVELS + 2];
    int top = 0;
    stack[0] = term_boxed_ptr(root), at[0] = 0;
    size_t out = 0;
    while (top >= 0) {
        const term *n = stack[top];
        if (at[top] == node_count(n)) {
            top--;
            continue;
        }
        term c = n[3 + at[top]++];
        if (term_is_list(c)) {
            kv[out++] = CAR(c);
            kv[out++] = CDR(c);
        } else {
            top++;
            stack[top] = term_boxed_ptr(c), at[top] = 0;
        }
    }
}

/* ---- building ------------------------------------------------------------- */

static term new_node(term **hp, int64_t bitmap, int64_t size, uint64_t k) {
    term *n = *hp;
    n[0] = make_header(SUB_HASHMAP, 2 + k);
    n[1] = term_from_small(bitmap);
    n[2] = term_from_small(size);
    *hp += NODE_WORDS(k);
    return term_from_boxed_ptr(n);
}

static term new_leaf(term **hp, term key, term value) {
    term c = cons_store(*hp, key, value);
    *hp += CONS_WORDS;
    return c;
}

/* A node holding the two leaves a and b (hashes ha != hb below shift, or
   equal: a collision node at the end). */
static term join_leaves(term **hp, term a, uint64_t ha, term b, uint64_t hb, unsigned shift) {
    if (shift >= 64) {
        term r = new_node(hp, COLLISION, 2, 2);
        tuple_elems(r)[2] = a, tuple_elems(r)[3] = b;
        return r;
    }
    unsigned sa = slot_of(ha, shift), sb = slot_of(hb, shift);
    if (sa == sb) {
        term below = join_leaves(hp, a, ha, b, hb, shift + BITS);
        term r = new_node(hp, (int64_t)1 << sa, 2, 1);
        tuple_elems(r)[2] = below;
        return r;
    }
    term r = new_node(hp, (int64_t)((UINT64_C(1) << sa) | (UINT64_C(1) << sb)), 2, 2);
    tuple_elems(r)[2] = sa < sb ? a : b;
    tuple_elems(r)[3] = sa < sb ? b : a;
    return r;
}

/* A copy of node n where child pos is replaced (op 0), inserted (op 1:
   new child at pos, bitmap gains bit) or removed (op -1). */
static term copy_node(term **hp, const term *n, int op, unsigned pos, term child, int64_t bitmap, int64_t size) {
    uint64_t k = node_count(n);
    uint64_t nk = op > 0 ? k + 1 : op < 0 ? k - 1 : k;
    term r = new_node(hp, bitmap, size, nk);
    term *d = term_boxed_ptr(r) + 3;
    const term *s = n + 3;
    memcpy(d, s, pos * sizeof(term));
    if (op >= 0) d[pos] = child;
    if (op == 0) memcpy(d + pos + 1, s + pos + 1, (k - pos - 1) * sizeof(term));
    if (op > 0) memcpy(d + pos + 1, s + pos, (k - pos) * sizeof(term));
    if (op < 0) memcpy(d + pos, s + pos + 1, (k - pos - 1) * sizeof(term));
    return r;
}

size_t hamt_put_words(term root, term key) {
    uint64_t h = hamt_hash(key);
    const term *n = term_boxed_ptr(root);
    size_t words = 0;
    for (unsigned shift = 0;; shift += BITS) {
        words += NODE_WORDS(node_count(n) + 1);
        int64_t bm = node_bitmap(n);
        if (bm == COLLISION) return words + CONS_WORDS;
        unsigned s = slot_of(h, shift);
        if (!((uint64_t)bm >> s & 1)) return words + CONS_WORDS;
        term c = n[3 + pos_of(bm, s)];
        /* a leaf may split into a chain down to a collision node */
        if (term_is_list(c)) return words + CONS_WORDS + MAX_LEVELS * NODE_WORDS(2);
        n = term_boxed_ptr(c);
    }
}

/* Insert below node n at shift; *added says whether the key was new. */
static term put_node(term **hp, const term *n, unsigned shift, uint64_t h, term key, term value, bool *added) {
    int64_t bm = node_bitmap(n), size = node_size(n);
    if (bm == COLLISION) {
        for (uint64_t i = 0; i < node_count(n); i++)
            if (same_key(CAR(n[3 + i]), key))
                return copy_node(hp, n, 0, (unsigned)i, new_leaf(hp, key, value), bm, size);
        *added = true;
        return copy_node(hp, n, 1, (unsigned)node_count(n), new_leaf(hp, key, value), bm, size + 1);
    }
    unsigned s = slot_of(h, shift), pos = pos_of(bm, s);
    if (!((uint64_t)bm >> s & 1)) {
        *added = true;
        return copy_node(hp, n, 1, pos, new_leaf(hp, key, value), bm | (int64_t)1 << s, size + 1);
    }
    term c = n[3 + pos], nc;
    if (term_is_list(c)) {
        if (same_key(CAR(c), key)) {
            nc = new_leaf(hp, key, value);
        } else {
            *added = true;
            nc = join_leaves(hp, c, hamt_hash(CAR(c)), new_leaf(hp, key, value), h, shift + BITS);
        }
    } else {
        nc = put_node(hp, term_boxed_ptr(c), shift + BITS, h, key, value, added);
    }
    return copy_node(hp, n, 0, pos, nc, bm, size + *added);
}

term hamt_put(term **hp, term root, term key, term value) {
    bool added = false;
    return put_node(hp, term_boxed_ptr(root), 0, hamt_hash(key), key, value, &added);
}

size_t hamt_remove_words(term root, term key) {
    uint64_t h = hamt_hash(key);
    const term *n = term_boxed_ptr(root);
    size_t words = 0;
    for (unsigned shift = 0;; shift += BITS) {
        words += NODE_WORDS(node_count(n));
        int64_t bm = node_bitmap(n);
        if (bm == COLLISION) return words;
        unsigned s = slot_of(h, shift);
        if (!((uint64_t)bm >> s & 1)) return words;
        term c = n[3 + pos_of(bm, s)];
        if (term_is_list(c)) return words;
        n = term_boxed_ptr(c);
    }
}

/* Remove below node n: TERM_NONE if absent, TERM_NIL if n becomes empty,
   a leaf if only one leaf is left below a non-root node (the parent
   takes it in place of the node), else the new node. */
static term remove_node(term **hp, const term *n, unsigned shift, uint64_t h, term key) {
    int64_t bm = node_bitmap(n), size = node_size(n);
    uint64_t k = node_count(n);
    unsigned pos;
    if (bm == COLLISION) {
        uint64_t i = 0;
        while (i < k && !same_key(CAR(n[3 + i]), key)) i++;
        if (i == k) return TERM_NONE;
        if (k == 2) return n[3 + (1 - i)];
        return copy_node(hp, n, -1, (unsigned)i, TERM_NONE, bm, size - 1);
    }
    unsigned s = slot_of(h, shift);
    if (!((uint64_t)bm >> s & 1)) return TERM_NONE;
    pos = pos_of(bm, s);
    term c = n[3 + pos], nc;
    if (term_is_list(c)) {
        if (!same_key(CAR(c), key)) return TERM_NONE;
        nc = TERM_NIL;
    } else {
        nc = remove_node(hp, term_boxed_ptr(c), shift + BITS, h, key);
        if (nc == TERM_NONE) return TERM_NONE;
    }
    if (nc == TERM_NIL) {
        if (k == 1) return TERM_NIL;
        /* one leaf left below a non-root node: hand it up */
        if (k == 2 && shift > 0 && term_is_list(n[3 + (1 - pos)])) return n[3 + (1 - pos)];
        return copy_node(hp, n, -1, pos, TERM_NONE, bm & ~((int64_t)1 << s), size - 1);
    }
    if (term_is_list(nc) && k == 1 && shift > 0) return nc;
    return copy_node(hp, n, 0, pos, nc, bm, size - 1);
}

term hamt_remove(term **hp, term root, term key) {
    term r = remove_node(hp, term_boxed_ptr(root), 0, hamt_hash(key), key);
    if (r == TERM_NONE) return root;
    if (r == TERM_NIL) return TERM_NONE;
    return r;
}

/* ---- building from pairs ------------------------------------------------- */

struct hpair { uint64_t hash; term key, value; };

static int by_hash(const void *a, const void *b) {
    uint64_t x = ((const struct hpair *)a)->hash, y = ((const struct hpair *)b)->hash;
    return (x > y) - (x < y);
}

static struct hpair *hashed_pairs(const term *kv, size_t n) {
    struct hpair *ps = mem_malloc((n + 1) * sizeof *ps); /* n may be 0 */
    if (!ps) return NULL;
    for (size_t i = 0; i < n; i++) ps[i] = (struct hpair){hamt_hash(kv[2 * i]), kv[2 * i], kv[2 * i + 1]};
    qsort(ps, n, sizeof *ps, by_hash);
    return ps;
}

/* The subtree of ps[0..n) (sorted by hash, sharing hash bits below
   shift) at *hp, or only its words counted when hp is NULL. A single
   pair below the root is a leaf. */
static term build(term **hp, const struct hpair *ps, size_t n, unsigned shift, size_t *words) {
    if (n == 1 && shift > 0) {
        *words += CONS_WORDS;
        return hp ? new_leaf(hp, ps[0].key, ps[0].value) : TERM_NONE;
    }
    if (shift >= 64) {
        *words += NODE_WORDS(n) + n * CONS_WORDS;
        if (!hp) return TERM_NONE;
        term kids[n];
        for (size_t i = 0; i < n; i++) kids[i] = new_leaf(hp, ps[i].key, ps[i].value);
        term r = new_node(hp, COLLISION, (int64_t)n, n);
        memcpy(tuple_elems(r) + 2, kids, n * sizeof(term));
        return r;
    }
    term kids[FANOUT];
    uint64_t bm = 0;
    unsigned k = 0;
    for (size_t i = 0; i < n;) {
        unsigned s = slot_of(ps[i].hash, shift);
        size_t j = i;
        while (j < n && slot_of(ps[j].hash, shift) == s) j++;
        kids[k++] = build(hp, ps + i, j - i, shift + BITS, words);
        bm |= UINT64_C(1) << s;
        i = j;
    }
    *words += NODE_WORDS(k);
    if (!hp) return TERM_NONE;
    term r = new_node(hp, (int64_t)bm, (int64_t)n, k);
    memcpy(tuple_elems(r) + 2, kids, k * sizeof(term));
    return r;
}

bool hamt_build_words(const term *kv, size_t n, size_t *words) {
    struct hpair *ps = hashed_pairs(kv, n);
    if (!ps) return false;
    *words = 0;
    build(NULL, ps, n, 0, words);
    mem_free(ps);
    return true;
}

term hamt_build(term **hp, const term *kv, size_t n) {
    struct hpair *ps = hashed_pairs(kv, n);
    if (!ps) return TERM_NONE;
    size_t words = 0;
    term r = build(hp, ps, n, 0, &words);
    mem_free(ps);
    return r;
}
