/*
 * compare.c — erl's term order, equality, and erlang:phash2 (compare.h).
 *
 * Owns the order between kinds (number < atom < reference < fun < port <
 * pid < tuple < map < nil < list < bitstring) and within each kind.
 * Both walks (comparison and hashing) are iterative over an explicit
 * stack, so a million-long list or a deeply nested tuple costs no C
 * stack. Pure functions: they never allocate on a process heap, any
 * thread may call them.
 *
 * Exact order (term_compare_exact, map keys, =:=): an integer is before
 * every float, whatever the values (erl's map key order); otherwise
 * numbers compare by exact value (a bignum and a float compare without
 * rounding).
 */
#include <math.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bignum.h"
#include "bits.h"
#include "compare.h"
#include "map.h"
#include "module.h"

/* ---- an explicit work stack ----------------------------------------- */

struct wstack {
    uint64_t *items;
    size_t len, cap;
    bool failed;
    uint64_t inline_items[96];
};

static void ws_init(struct wstack *s) {
    s->items = s->inline_items;
    s->len = 0;
    s->cap = sizeof s->inline_items / sizeof s->inline_items[0];
    s->failed = false;
}

static void ws_free(struct wstack *s) {
    if (s->items != s->inline_items) mem_free(s->items);
}

static bool ws_grow(struct wstack *s, size_t extra) {
    if (s->len + extra <= s->cap) return true;
    size_t cap = s->cap * 2;
    while (cap < s->len + extra) cap *= 2;
    uint64_t *n = s->items == s->inline_items ? mem_malloc(cap * sizeof *n) : mem_realloc(s->items, cap * sizeof *n);
    if (!n) {
        s->failed = true;
        return false;
    }
    if (s->items == s->inline_items) memcpy(n, s->inline_items, s->len * sizeof *n);
    s->items = n;
    s->cap = cap;
    return true;
}

static inline void ws_push(struct wstack *s, uint64_t v) {
    if (s->len < s->cap || ws_grow(s, 1)) s->items[s->len++] = v;
}

/* ---- kinds ------------------------------------------------------------ */

enum kind { K_NUMBER, K_ATOM, K_REF, K_FUN, K_PORT, K_PID, K_TUPLE, K_MAP, K_NIL, K_LIST, K_BITS };

static enum kind kind_of(term t) {
    switch (term_primary(t)) {
    case TAG_LIST: return K_LIST;
    case TAG_IMMED:
        if (term_is_small(t)) return K_NUMBER;
        if (term_is_atom(t)) return K_ATOM;
        if (term_is_local_pid(t)) return K_PID;
        if (term_is_local_port(t)) return K_PORT;
        return K_NIL;
    default: break;
    }
    switch (boxed_sub(t)) {
    case SUB_TUPLE: return K_TUPLE;
    case SUB_POS_BIG:
    case SUB_NEG_BIG:
    case SUB_FLOAT: return K_NUMBER;
    case SUB_REF:
    case SUB_EXT_REF: return K_REF;
    case SUB_FUN:
    case SUB_EXPORT: return K_FUN;
    case SUB_MAP:
    case SUB_HASHMAP: return K_MAP;
    case SUB_EXT_PID: return K_PID;
    case SUB_EXT_PORT: return K_PORT;
    default: return K_BITS;
    }
}

static inline int sign_of(int64_t v) { return (v > 0) - (v < 0); }
static inline int cmp_u64(uint64_t a, uint64_t b) { return (a > b) - (a < b); }

/* ---- numbers ---------------------------------------------------------- */

static int cmp_ints(term a, term b) {
    if (term_is_small(a) && term_is_small(b)) return (sterm)a < (sterm)b ? -1 : (sterm)a > (sterm)b;
    struct bigv x, y;
    bigv_of(a, &x);
    bigv_of(b, &y);
    int sx = x.n ? (x.neg ? -1 : 1) : 0, sy = y.n ? (y.neg ? -1 : 1) : 0;
    if (sx != sy) return sx < sy ? -1 : 1;
    int mag;
    if (x.n != y.n) {
        mag = x.n < y.n ? -1 : 1;
    } else {
        mag = 0;
        for (size_t i = x.n; i-- > 0;) {
            if (x.d[i] != y.d[i]) {
                mag = x.d[i] < y.d[i] ? -1 : 1;
                break;
            }
        }
    }
    return sx < 0 ? -mag : mag;
}

/* integer a against double d, exactly */
static int cmp_int_float(term a, double d) {
    if (term_is_small(a)) {
        int64_t v = term_to_small(a);
        if (v > -(INT64_C(1) << 53) && v < (INT64_C(1) << 53)) {
            double x = (double)v; /* exact */
            return (x > d) - (x < d);
        }
    }
    double fl = floor(d);
    term buf[BIG_WORDS(17)], *hp = buf;
    term fi = int_from_double(fl, &hp); /* floor(d) as an exact integer */
    int c = cmp_ints(a, fi);
    if (c != 0) return c;
    return d > fl ? -1 : 0; /* a == floor(d): a < d iff d has a fraction */
}

static int cmp_numbers(term a, term b, bool exact) {
    bool fa = term_is_float(a), fb = term_is_float(b);
    if (!fa && !fb) return cmp_ints(a, b);
    if (fa && fb) {
        double x = float_value(a), y = float_value(b);
        return (x > y) - (x < y);
    }
    if (exact) return fa ? 1 : -1; /* integers before floats */
    return fa ? -cmp_int_float(b, float_value(a)) : cmp_int_float(a, float_value(b));
}

/* ---- atoms, refs, funs, bitstrings ------------------------------------ */

static int cmp_atoms(term a, term b) {
    size_t la, lb;
    const char *ta = atom_text(term_to_atom(a), &la), *tb = atom_text(term_to_atom(b), &lb);
    /* UTF-8 byte order is code point order */
    int c = memcmp(ta, tb, la < lb ? la : lb);
    if (c) return c < 0 ? -1 : 1;
    return cmp_u64(la, lb);
}

static int cmp_refs(term a, term b) {
    if (!term_is_ref(a) || !term_is_ref(b)) return term_is_ref(a) ? -1 : term_is_ref(b) ? 1 : cmp_u64(a, b);
    term *x = term_boxed_ptr(a), *y = term_boxed_ptr(b);
    if (x[2] != y[2]) return cmp_u64(x[2], y[2]);
    return cmp_u64(x[1], y[1]);
}

/* bits [off, off + n) of a view as one MSB-first value */
static inline unsigned view_byte(const struct bin_view *v, uint64_t i) {
    uint64_t bit = v->bit_offset + 8 * i;
    const uint8_t *p = v->bytes + bit / 8;
    unsigned sh = (unsigned)(bit % 8);
    if (!sh) return p[0];
    unsigned hi = (unsigned)(p[0] << sh) & 0xFF;
    /* the next byte exists only if the view's bits reach into it */
    if (8 * i + (8 - sh) < v->bit_size) hi |= p[1] >> (8 - sh);
    return hi;
}

static int cmp_bits(term a, term b) {
    struct bin_view x, y;
    if (!bin_view(a, &x) || !bin_view(b, &y)) return cmp_u64(a, b);
    uint64_t n = x.bit_size < y.bit_size ? x.bit_size : y.bit_size;
    uint64_t whole = n / 8;
    if (x.bit_offset % 8 == 0 && y.bit_offset % 8 == 0) {
        int c = memcmp(x.bytes + x.bit_offset / 8, y.bytes + y.bit_offset / 8, whole);
        if (c) return c < 0 ? -1 : 1;
    } else {
        for (uint64_t i = 0; i < whole; i++) {
            unsigned p = view_byte(&x, i), q = view_byte(&y, i);
            if (p != q) return p < q ? -1 : 1;
        }
    }
    unsigned rest = (unsigned)(n % 8);
    if (rest) {
        unsigned mask = (0xFFu << (8 - rest)) & 0xFF;
        unsigned p = view_byte(&x, whole) & mask, q = view_byte(&y, whole) & mask;
        if (p != q) return p < q ? -1 : 1;
    }
    return cmp_u64(x.bit_size, y.bit_size);
}

static int cmp_funs(term a, term b) {
    bool ea = boxed_sub(a) == SUB_EXPORT, eb = boxed_sub(b) == SUB_EXPORT;
    if (ea != eb) return ea ? 1 : -1; /* local funs before external ones */
    if (ea) {
        struct export_entry *x = export_of(a), *y = export_of(b);
        if (x == y) return 0;
        int c = x->module != y->module ? cmp_atoms(x->module, y->module) : 0;
        if (!c && x->function != y->function) c = cmp_atoms(x->function, y->function);
        return c ? c : cmp_u64(x->arity, y->arity);
    }
    struct fun_entry *x = fun_entry_of(a), *y = fun_entry_of(b);
    if (x != y) {
        int c = x->module_name != y->module_name ? cmp_atoms(x->module_name, y->module_name) : 0;
        if (!c) c = cmp_u64(x->index, y->index);
        if (!c) c = cmp_u64(x->uniq, y->uniq);
        if (c) return c;
    }
    return cmp_u64(fun_num_free(a), fun_num_free(b)); /* then the free variables (the caller) */
}

/* ---- the walk ----------------------------------------------------------- */

/* Stack entries are triples (a, b, exact). */
static void push_pair(struct wstack *s, term a, term b, bool exact) {
    if (!ws_grow(s, 3)) return;
    s->items[s->len++] = a;
    s->items[s->len++] = b;
    s->items[s->len++] = exact;
}

/* Compare one pair; compound terms push their children (first child on
   top) and return 0. */
static int cmp_step(term a, term b, bool exact, struct wstack *s) {
    if (a == b) return 0;
    enum kind ka = kind_of(a), kb = kind_of(b);
    if (ka != kb) return ka < kb ? -1 : 1;
    switch (ka) {
    case K_NUMBER: return cmp_numbers(a, b, exact);
    case K_ATOM: return cmp_atoms(a, b);
    case K_REF: return cmp_refs(a, b);
    case K_PID:
    case K_PORT: return cmp_u64(a >> 4, b >> 4);
    case K_NIL: return 0;
    case K_BITS: return cmp_bits(a, b);
    case K_LIST:
        push_pair(s, CDR(a), CDR(b), exact);
        push_pair(s, CAR(a), CAR(b), exact);
        return 0;
    case K_TUPLE: {
        uint64_t n = tuple_arity(a), m = tuple_arity(b);
        if (n != m) return n < m ? -1 : 1;
        for (uint64_t i = n; i-- > 0;) push_pair(s, tuple_elems(a)[i], tuple_elems(b)[i], exact);
        return 0;
    }
    case K_MAP: {
        uint64_t n = map_size(a), m = map_size(b);
        if (n != m) return n < m ? -1 : 1;
        if (term_is_flatmap(a) && term_is_flatmap(b)) {
            for (uint64_t i = n; i-- > 0;) push_pair(s, map_values(a)[i], map_values(b)[i], exact);
            push_pair(s, map_keys(a), map_keys(b), true); /* keys first, in key order */
            return 0;
        }
        /* a HAMT: the same walk over the pairs in key order */
        struct map_view va, vb;
        bool ok = map_view_open(a, &va) && map_view_open(b, &vb);
        if (ok && ws_grow(s, 6 * n)) {
            for (uint64_t i = n; i-- > 0;) push_pair(s, va.vals[i], vb.vals[i], exact);
            for (uint64_t i = n; i-- > 0;) push_pair(s, va.keys[i], vb.keys[i], true);
        } else {
            s->failed = true;
        }
        map_view_close(&va);
        if (ok) map_view_close(&vb);
        return 0;
    }
    case K_FUN: {
        int c = cmp_funs(a, b);
        if (c || boxed_sub(a) == SUB_EXPORT) return c;
        for (uint64_t i = fun_num_free(a); i-- > 0;) push_pair(s, fun_free(a)[i], fun_free(b)[i], exact);
        return 0;
    }
    }
    return 0;
}

static int compare(term a, term b, bool exact) {
    if (a == b) return 0;
    struct wstack s;
    ws_init(&s);
    int c = cmp_step(a, b, exact, &s);
    while (c == 0 && s.len >= 3) {
        s.len -= 3;
        c = cmp_step(s.items[s.len], s.items[s.len + 1], s.items[s.len + 2] != 0, &s);
    }
    /* out of memory for the stack: the walk is incomplete; say so by an
       arbitrary but consistent inequality rather than a wrong "equal" */
    if (c == 0 && s.failed) c = cmp_u64(a, b);
    ws_free(&s);
    return c;
}

int term_compare(term a, term b) { return compare(a, b, false); }
int term_compare_exact(term a, term b) { return compare(a, b, true); }
bool term_eq(term a, term b) { return a == b || compare(a, b, false) == 0; }
bool term_eq_exact(term a, term b) {
    if (a == b) return true;
    if (term_is_immed(a) || term_is_immed(b)) return false;
    return compare(a, b, true) == 0;
}

/* ---- phash2 (erl's make_hash2, rewritten from its definition) ---------- */

#define HC 0x9e3779b9u
#define HC2 0x3c6ef372u
#define HC3 0xdaa66d2bu
#define HC4 0x78dde6e4u
#define HC5 0x1715609du
#define HC6 0xb54cda56u
#define HC7 0x5384540fu
#define HC9 0x8ff34781u
#define HC10 0x2e2ac13au
#define HC11 0xcc623af3u
#define HC12 0x6a99b4acu
#define HC13 0x08d12e65u
#define HC14 0xa708a81eu
#define HC15 0x454021d7u
#define HC16 0xe3779b90u
#define HC19 0xbe1e08bbu
#define NIL_TOP_HASH 3468870702u

/* Bob Jenkins' mix of three 32-bit values. */
static inline void mix(uint32_t *pa, uint32_t *pb, uint32_t *pc) {
    uint32_t a = *pa, b = *pb, c = *pc;
    a -= b; a -= c; a ^= c >> 13;
    b -= c; b -= a; b ^= a << 8;
    c -= a; c -= b; c ^= b >> 13;
    a -= b; a -= c; a ^= c >> 12;
    b -= c; b -= a; b ^= a << 16;
    c -= a; c -= b; c ^= b >> 5;
    a -= b; a -= c; a ^= c >> 3;
    b -= c; b -= a; b ^= a << 10;
    c -= a; c -= b; c ^= b >> 15;
    *pa = a, *pb = b, *pc = c;
}

static inline void hash_2(uint32_t *hash, uint32_t x, uint32_t y, uint32_t k) {
    uint32_t a = k + x, b = k + y;
    mix(&a, &b, hash);
}
static inline void hash_1(uint32_t *hash, uint32_t x, uint32_t k) { hash_2(hash, x, 0, k); }

static uint32_t block_hash(const uint8_t *k, size_t len, uint32_t init) {
    uint32_t a = HC, b = HC, c = init;
    size_t total = len;
    while (len >= 12) {
        a += k[0] + ((uint32_t)k[1] << 8) + ((uint32_t)k[2] << 16) + ((uint32_t)k[3] << 24);
        b += k[4] + ((uint32_t)k[5] << 8) + ((uint32_t)k[6] << 16) + ((uint32_t)k[7] << 24);
        c += k[8] + ((uint32_t)k[9] << 8) + ((uint32_t)k[10] << 16) + ((uint32_t)k[11] << 24);
        mix(&a, &b, &c);
        k += 12, len -= 12;
    }
    c += (uint32_t)total;
    uint32_t tail[3] = {0, 0, 0};
    for (size_t i = 0; i < len; i++) {
        /* the low byte of c holds the length: bytes 8..10 go above it */
        if (i < 8) tail[i / 4] += (uint32_t)k[i] << (8 * (i % 4));
        else tail[2] += (uint32_t)k[i] << (8 * (i - 7));
    }
    a += tail[0], b += tail[1], c += tail[2];
    mix(&a, &b, &c);
    return c;
}

/* hashpjw over the atom's UTF-8 text, folding 2-byte sequences of
   latin-1 characters back to one byte (erl's atom hash) */
static uint32_t atom_hash(term t) {
    size_t len;
    const uint8_t *p = (const uint8_t *)atom_text(term_to_atom(t), &len);
    uint32_t h = 0;
    for (size_t i = 0; i < len; i++) {
        uint8_t v = p[i];
        if (i + 1 < len && (v & 0xFE) == 0xC2 && (p[i + 1] & 0xC0) == 0x80) {
            v = (uint8_t)((v << 6) | (p[i + 1] & 0x3F));
            i++;
        }
        h = (h << 4) + v;
        uint32_t g = h & 0xf0000000u;
        if (g) h ^= (g >> 24) ^ g;
    }
    return h;
}

static void hash_int_mag(uint32_t *hash, const uint64_t *d, size_t n, bool neg) {
    uint32_t k = neg ? HC10 : HC11;
    for (size_t i = 0; i < n; i++) hash_2(hash, (uint32_t)d[i], (uint32_t)(d[i] >> 32), k);
}

static void hash_small(uint32_t *hash, int64_t v) {
    if (v >= -(INT64_C(1) << 27) && v < (INT64_C(1) << 27)) {
        int32_t y = (int32_t)v;
        if (y < 0) hash_1(hash, (uint32_t)-y, HC);
        hash_1(hash, (uint32_t)y, HC);
        return;
    }
    uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    hash_int_mag(hash, &m, 1, v < 0);
}

static void hash_bits(uint32_t *hash, term t) {
    struct bin_view v;
    if (!bin_view(t, &v)) return;
    uint32_t con = HC13 + *hash;
    uint64_t sz = (v.bit_size / 8) & 0xFFFFFFFFu, tailbits = v.bit_size % 8;
    if (sz == 0 && tailbits == 0) {
        *hash = con;
        return;
    }
    const uint8_t *bytes = v.bytes + v.bit_offset / 8;
    uint8_t *copy = NULL;
    if (v.bit_offset % 8) { /* realign */
        copy = mem_malloc(sz + 1);
        if (!copy) return;
        for (uint64_t i = 0; i < sz + (tailbits != 0); i++) copy[i] = (uint8_t)view_byte(&v, i);
        bytes = copy;
    }
    *hash = block_hash(bytes, (size_t)sz, con);
    if (tailbits) hash_2(hash, (uint32_t)tailbits, bytes[sz] >> (8 - tailbits), HC15);
    mem_free(copy);
}

/* markers on the hash stack: header words never are terms */
#define MARK_MAP_TAIL make_header(SUB_REF, 1)
#define MARK_MAP_PAIR make_header(SUB_REF, 2)

/* Hash one term; compound terms push their parts and hand back the first
   part to hash next in *next (TERM_NONE when done with this one). */
static term hash_step(term t, uint32_t *hash, uint32_t *xor_pairs, struct wstack *s) {
    if (term_is_list(t)) {
        uint32_t sh = 0;
        int c = 0;
        term cell = t;
        while (term_is_small(CAR(cell)) && (uint64_t)term_to_small(CAR(cell)) <= 255) {
            sh = (sh << 8) + (uint32_t)term_to_small(CAR(cell));
            if (c == 3) {
                hash_1(hash, sh, HC4);
                c = 0, sh = 0;
            } else {
                c++;
            }
            t = CDR(cell);
            if (!term_is_list(t)) break;
            cell = t;
        }
        if (c > 0) hash_1(hash, sh, HC4);
        if (term_is_list(t)) {
            ws_push(s, CDR(cell));
            return CAR(cell);
        }
        return t; /* the tail, hashed next */
    }
    if (term_is_small(t)) {
        hash_small(hash, term_to_small(t));
        return TERM_NONE;
    }
    if (term_is_atom(t)) {
        if (*hash == 0) *hash = atom_hash(t);
        else hash_1(hash, atom_hash(t), HC3);
        return TERM_NONE;
    }
    if (term_is_nil(t)) {
        if (*hash == 0) *hash = NIL_TOP_HASH;
        else hash_1(hash, 2, HC2); /* erl's NIL_DEF */
        return TERM_NONE;
    }
    if (term_is_local_pid(t)) {
        hash_1(hash, (uint32_t)term_to_pid(t), HC5);
        return TERM_NONE;
    }
    if (term_is_local_port(t)) {
        uint64_t n = term_to_port(t);
        hash_2(hash, (uint32_t)n, (uint32_t)(n >> 32), HC6);
        return TERM_NONE;
    }
    if (!term_is_boxed(t)) return TERM_NONE;
    term *ptr = term_boxed_ptr(t);
    switch (header_sub(ptr[0])) {
    case SUB_TUPLE: {
        uint64_t n = header_arity(ptr[0]);
        hash_1(hash, (uint32_t)n, HC9);
        if (n == 0) return TERM_NONE;
        if (!ws_grow(s, n)) return TERM_NONE;
        for (uint64_t i = n; i > 1; i--) s->items[s->len++] = ptr[i];
        return ptr[1];
    }
    case SUB_MAP:
    case SUB_HASHMAP: {
        uint64_t n = map_size(t);
        hash_1(hash, (uint32_t)n, HC16);
        if (n == 0) return TERM_NONE;
        struct map_view v;
        if (!map_view_open(t, &v)) return TERM_NONE;
        if (!ws_grow(s, 3 + 3 * n)) {
            map_view_close(&v);
            return TERM_NONE;
        }
        s->items[s->len++] = *xor_pairs;
        s->items[s->len++] = *hash;
        s->items[s->len++] = MARK_MAP_TAIL;
        *hash = 0, *xor_pairs = 0;
        for (uint64_t i = n; i-- > 0;) {
            s->items[s->len++] = MARK_MAP_PAIR;
            s->items[s->len++] = v.vals[i];
            s->items[s->len++] = v.keys[i];
        }
        map_view_close(&v);
        return TERM_NONE;
    }
    case SUB_POS_BIG:
    case SUB_NEG_BIG:
        hash_int_mag(hash, big_limbs(t), big_size(t), big_is_neg(t));
        return TERM_NONE;
    case SUB_FLOAT: {
        double d = float_value(t);
        if (d == 0.0) d = 0.0; /* -0.0 hashes as 0.0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        hash_2(hash, (uint32_t)(bits >> 32), (uint32_t)bits, HC12);
        return TERM_NONE;
    }
    case SUB_REF:
        hash_1(hash, (uint32_t)ptr[1], HC7);
        return TERM_NONE;
    case SUB_EXPORT: {
        struct export_entry *e = export_of(t);
        hash_2(hash, e->arity, atom_hash(e->module), HC);
        hash_1(hash, atom_hash(e->function), HC14);
        return TERM_NONE;
    }
    case SUB_FUN: {
        struct fun_entry *f = fun_entry_of(t);
        uint64_t nfree = fun_num_free(t);
        hash_2(hash, (uint32_t)nfree, atom_hash(f->module_name), HC);
        hash_2(hash, f->index, f->uniq, HC);
        if (nfree == 0 || !ws_grow(s, nfree)) return TERM_NONE;
        for (uint64_t i = nfree; i > 1; i--) s->items[s->len++] = fun_free(t)[i - 1];
        return fun_free(t)[0];
    }
    case SUB_HEAP_BIN:
    case SUB_REFC_BIN:
    case SUB_SUB_BIN:
    case SUB_MATCH_CTX:
        hash_bits(hash, t);
        return TERM_NONE;
    default:
        return TERM_NONE;
    }
}

uint32_t term_hash2(term t) {
    uint32_t hash = 0, xor_pairs = 0;
    struct wstack s;
    ws_init(&s);
    for (;;) {
        t = hash_step(t, &hash, &xor_pairs, &s);
        while (t == TERM_NONE) { /* done with a term: what is next? */
            if (s.len == 0) {
                ws_free(&s);
                return hash;
            }
            term top = s.items[--s.len];
            if (top == MARK_MAP_TAIL) {
                hash = (uint32_t)s.items[--s.len];
                hash_1(&hash, xor_pairs, HC19);
                xor_pairs = (uint32_t)s.items[--s.len];
            } else if (top == MARK_MAP_PAIR) {
                xor_pairs ^= hash;
                hash = 0;
            } else {
                t = top;
            }
        }
    }
}

uint32_t term_phash2(term t) { return term_hash2(t) & ((UINT32_C(1) << 27) - 1); }

/* ---- phash (erl's legacy make_hash, behind erlang:phash/2) ------------ */
/* Multiply-and-add over the term in depth-first order; the primes are
   erl's. Kept because stdlib's sets and dict store elements by it. */

#define P1 268440163u
#define P2 268439161u
#define P3 268435459u
#define P4 268436141u
#define P5 268438633u
#define P6 268437017u
#define P8 268437511u
#define P9 268439627u
#define P10 268440479u
#define P11 268440577u
#define P12 268440581u
#define P13 268440593u
#define P14 268440611u

/* the four bytes of x, least significant first */
static inline uint32_t legacy_step(uint32_t hash, uint32_t x, uint32_t prime) {
    for (int i = 0; i < 4; i++) hash = hash * prime + ((x >> (8 * i)) & 0xFF);
    return hash;
}

static uint32_t legacy_bits(uint32_t hash, term t) {
    struct bin_view v;
    if (!bin_view(t, &v)) return hash;
    uint64_t sz = v.bit_size / 8, tailbits = v.bit_size % 8;
    for (uint64_t i = 0; i < sz; i++) hash = hash * P1 + view_byte(&v, i);
    if (tailbits) {
        unsigned b = view_byte(&v, sz) >> (8 - tailbits);
        hash = (hash * P1 + b) * P12 + (uint32_t)tailbits;
    }
    return hash * P4 + (uint32_t)sz;
}

static uint32_t legacy_int_mag(uint32_t hash, const uint64_t *d, size_t n, bool neg) {
    /* as a small integer: the magnitude's 32-bit halves, least first */
    for (size_t i = 0; i < n; i++) {
        hash = legacy_step(hash, (uint32_t)d[i], P2);
        /* as erl's 32-bit digits: a high half that is zero is hashed
           except in the most significant limb */
        if ((d[i] >> 32) || i + 1 < n) hash = legacy_step(hash, (uint32_t)(d[i] >> 32), P2);
    }
    return hash * (neg ? P4 : P3);
}

/* markers on the phash stack (header words never are terms) */
#define MARK_CDR make_header(SUB_REF, 3)      /* next item: a cons's tail */
#define MARK_LIST_END make_header(SUB_REF, 4) /* an improper tail was hashed */
#define MARK_TUPLE_END SUB_TUPLE              /* make_header(SUB_TUPLE, n) */

/* Hash the leaf t, or push the parts of a compound one and return the
   first part to hash next (TERM_NONE when t is done). */
static term legacy_step_term(term t, uint32_t *hash, struct wstack *s) {
    if (term_is_list(t)) {
        /* bytes (string characters) hash more cheaply than smalls */
        while (term_is_small(CAR(t)) && (uint64_t)term_to_small(CAR(t)) <= 255) {
            *hash = *hash * P2 + (uint32_t)term_to_small(CAR(t));
            if (!term_is_list(CDR(t))) {
                ws_push(s, MARK_LIST_END);
                return CDR(t);
            }
            t = CDR(t);
        }
        ws_push(s, CDR(t));
        ws_push(s, MARK_CDR);
        return CAR(t);
    }
    if (term_is_small(t)) {
        int64_t v = term_to_small(t);
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        uint32_t h = legacy_step(*hash, (uint32_t)m, P2);
        if (m >> 32) h = legacy_step(h, (uint32_t)(m >> 32), P2);
        *hash = h * (v < 0 ? P4 : P3);
        return TERM_NONE;
    }
    if (term_is_atom(t)) {
        *hash = *hash * P1 + atom_hash(t);
        return TERM_NONE;
    }
    if (term_is_nil(t)) {
        *hash = *hash * P3 + 1;
        return TERM_NONE;
    }
    if (term_is_local_pid(t)) {
        *hash = legacy_step(*hash, (uint32_t)term_to_pid(t), P5) * P6;
        return TERM_NONE;
    }
    if (term_is_local_port(t)) {
        *hash = legacy_step(*hash, (uint32_t)term_to_port(t), P9) * P10;
        return TERM_NONE;
    }
    if (!term_is_boxed(t)) return TERM_NONE;
    term *ptr = term_boxed_ptr(t);
    switch (header_sub(ptr[0])) {
    case SUB_TUPLE: {
        uint64_t n = header_arity(ptr[0]);
        if (!ws_grow(s, n + 1)) return TERM_NONE;
        s->items[s->len++] = make_header(MARK_TUPLE_END, n);
        if (n == 0) return TERM_NONE;
        for (uint64_t i = n; i > 1; i--) s->items[s->len++] = ptr[i];
        return ptr[1];
    }
    case SUB_MAP:
    case SUB_HASHMAP:
        *hash = *hash * P13 + P14 + term_hash2(t);
        return TERM_NONE;
    case SUB_POS_BIG:
    case SUB_NEG_BIG:
        *hash = legacy_int_mag(*hash, big_limbs(t), big_size(t), big_is_neg(t));
        return TERM_NONE;
    case SUB_FLOAT: {
        double d = float_value(t);
        if (d == 0.0) d = 0.0; /* -0.0 hashes as 0.0 */
        uint64_t bits;
        memcpy(&bits, &d, sizeof bits);
        *hash = *hash * P6 + ((uint32_t)bits ^ (uint32_t)(bits >> 32));
        return TERM_NONE;
    }
    case SUB_REF:
        *hash = legacy_step(*hash, (uint32_t)ptr[1], P9) * P10;
        return TERM_NONE;
    case SUB_EXPORT: {
        struct export_entry *e = export_of(t);
        *hash = *hash * P11 + e->arity;
        *hash = *hash * P1 + atom_hash(e->module);
        *hash = *hash * P1 + atom_hash(e->function);
        return TERM_NONE;
    }
    case SUB_FUN: {
        struct fun_entry *f = fun_entry_of(t);
        uint64_t nfree = fun_num_free(t);
        *hash = *hash * P10 + (uint32_t)nfree;
        *hash = *hash * P1 + atom_hash(f->module_name);
        *hash = *hash * P2 + f->index;
        *hash = *hash * P2 + f->uniq;
        if (nfree == 0 || !ws_grow(s, nfree)) return TERM_NONE;
        for (uint64_t i = nfree; i > 1; i--) s->items[s->len++] = fun_free(t)[i - 1];
        return fun_free(t)[0];
    }
    case SUB_HEAP_BIN:
    case SUB_REFC_BIN:
    case SUB_SUB_BIN:
    case SUB_MATCH_CTX:
        *hash = legacy_bits(*hash, t);
        return TERM_NONE;
    default:
        return TERM_NONE;
    }
}

uint32_t term_phash(term t) {
    uint32_t hash = 0;
    struct wstack s;
    ws_init(&s);
    for (;;) {
        t = legacy_step_term(t, &hash, &s);
        while (t == TERM_NONE) { /* done with a term: what is next? */
            if (s.len == 0) {
                ws_free(&s);
                return hash;
            }
            term top = s.items[--s.len];
            if (top == MARK_CDR) {
                term tail = s.items[--s.len];
                if (term_is_list(tail)) {
                    t = tail; /* no end marker: one per list */
                } else {
                    ws_push(&s, MARK_LIST_END);
                    t = tail;
                }
            } else if (top == MARK_LIST_END) {
                hash *= P8;
            } else if (term_is_header(top) && header_sub(top) == MARK_TUPLE_END) {
                hash = hash * P9 + (uint32_t)header_arity(top);
            } else {
                t = top;
            }
        }
    }
}
