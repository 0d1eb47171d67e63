/*
 * etf.c — the External Term Format, version 131 (see etf.h), and the BIFs
 * term_to_binary/1,2 and binary_to_term/1,2.
 *
 * Decoding is two passes over untrusted bytes. Pass 1 (decode_check)
 * reads every byte with bounds checks, interns atoms (or, in [safe] mode,
 * only looks them up), finds fun entries, and sums the words needed. Pass
 * 2 (etf_decode) trusts what pass 1 accepted and builds; the only failures
 * left are duplicate map keys and running out of memory, after which the
 * refc binaries it made are released again. Neither pass recurses in C:
 * pass 1 counts terms still to read, pass 2 keeps an explicit stack of
 * slots to fill. The encoder walks with an explicit stack too.
 *
 * Deviations: external pids/ports/refs (another node) are refused;
 * [compressed] is accepted and ignored (no zlib), and tag 80 is refused.
 * Any thread may encode/decode; the BIFs run on the process's thread.
 */
#include <math.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "etf.h"
#include "map.h"
#include "heap.h"
#include "module.h"

enum {
    ETF_VERSION = 131,
    NEW_FLOAT_EXT = 70, BIT_BINARY_EXT = 77, COMPRESSED = 80, NEW_PID_EXT = 88, NEW_PORT_EXT = 89,
    NEWER_REFERENCE_EXT = 90, SMALL_INTEGER_EXT = 97, INTEGER_EXT = 98, FLOAT_EXT = 99,
    ATOM_EXT = 100, REFERENCE_EXT = 101, PORT_EXT = 102, PID_EXT = 103, SMALL_TUPLE_EXT = 104,
    LARGE_TUPLE_EXT = 105, NIL_EXT = 106, STRING_EXT = 107, LIST_EXT = 108, BINARY_EXT = 109,
    SMALL_BIG_EXT = 110, LARGE_BIG_EXT = 111, NEW_FUN_EXT = 112, EXPORT_EXT = 113,
    NEW_REFERENCE_EXT = 114, SMALL_ATOM_EXT = 115, MAP_EXT = 116, V4_PORT_EXT = 120,
    ATOM_UTF8_EXT = 118, SMALL_ATOM_UTF8_EXT = 119,
};

/* ---- reading ------------------------------------------------------------ */

struct rd {
    const uint8_t *p, *end;
    bool safe; /* [safe]: no new atoms */
};

static inline bool need(const struct rd *r, size_t n) { return (size_t)(r->end - r->p) >= n; }
static inline uint32_t be32(const uint8_t *b) {
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}
static inline uint16_t be16(const uint8_t *b) { return (uint16_t)(b[0] << 8 | b[1]); }

/* Read an atom (any of the four atom tags); TERM_NONE if malformed or it
   cannot be made. */
static term read_atom(struct rd *r) {
    if (!need(r, 1)) return TERM_NONE;
    uint8_t tag = *r->p++;
    size_t len;
    if (tag == ATOM_EXT || tag == ATOM_UTF8_EXT) {
        if (!need(r, 2)) return TERM_NONE;
        len = be16(r->p);
        r->p += 2;
    } else if (tag == SMALL_ATOM_EXT || tag == SMALL_ATOM_UTF8_EXT) {
        if (!need(r, 1)) return TERM_NONE;
        len = *r->p++;
    } else {
        return TERM_NONE;
    }
    if (!need(r, len)) return TERM_NONE;
    const uint8_t *text = r->p;
    r->p += len;
    char buf[2 * 255];
    const char *utf8 = (const char *)text;
    if (tag == ATOM_EXT || tag == SMALL_ATOM_EXT) { /* Latin-1 */
        if (len > 255) return TERM_NONE;
        size_t k = 0;
        for (size_t i = 0; i < len; i++) {
            if (text[i] < 0x80) buf[k++] = (char)text[i];
            else buf[k++] = (char)(0xC0 | text[i] >> 6), buf[k++] = (char)(0x80 | (text[i] & 0x3F));
        }
        utf8 = buf, len = k;
    }
    uint32_t a = r->safe ? atom_lookup(utf8, len) : atom_intern(utf8, len);
    return a == ATOM_NOT_FOUND ? TERM_NONE : term_from_atom(a);
}

/* A node atom that names this node. */
static bool read_local_node(struct rd *r) {
    term n = read_atom(r);
    return n == AM(nonode_at_nohost);
}

/* Pid after its tag; *id gets the process number. */
static bool read_pid(struct rd *r, uint8_t tag, uint64_t *id) {
    if (!read_local_node(r)) return false;
    size_t creation = tag == NEW_PID_EXT ? 4 : 1;
    if (!need(r, 8 + creation)) return false;
    uint32_t index = be32(r->p), serial = be32(r->p + 4);
    if (index >> PID_INDEX_BITS) return false; /* not one of ours */
    *id = pid_number(index, serial);
    r->p += 8 + creation;
    return true;
}

/* The fun of a NEW_FUN_EXT after its tag, up to its free variables. */
static const struct fun_entry *read_fun_head(struct rd *r, uint32_t *nfree) {
    if (!need(r, 4 + 1 + 16 + 4 + 4)) return NULL;
    const uint8_t *h = r->p;
    uint32_t size = be32(h), arity = h[4], index = be32(h + 21);
    *nfree = be32(h + 25);
    if (size < 29 || !need(r, size - 1)) return NULL;
    r->p += 29;
    term mod = read_atom(r);
    if (mod == TERM_NONE) return NULL;
    /* OldIndex, OldUniq: integers; Pid: a local pid */
    for (int i = 0; i < 2; i++) {
        if (!need(r, 1)) return NULL;
        uint8_t t = *r->p++;
        size_t n = t == SMALL_INTEGER_EXT ? 1 : t == INTEGER_EXT ? 4 : 0;
        if (!n || !need(r, n)) return NULL;
        r->p += n;
    }
    uint64_t pid;
    if (!need(r, 1)) return NULL;
    uint8_t t = *r->p++;
    if ((t != NEW_PID_EXT && t != PID_EXT) || !read_pid(r, t, &pid)) return NULL;
    const struct module *m = module_find(mod);
    if (!m || index >= m->nfuns) return NULL;
    const struct fun_entry *fe = &m->funs[index];
    if (fe->nfree != *nfree || fe->arity != arity || memcmp(h + 5, m->md5, 16) != 0) return NULL;
    return fe;
}

/* Pass 1 over one term's tag and fixed part: adds the words it needs and
   the number of nested terms that follow. */
static bool check_one(struct rd *r, size_t *words, uint64_t *pending) {
    if (!need(r, 1)) return false;
    uint8_t tag = *r->p;
    size_t n;
    switch (tag) {
    case SMALL_INTEGER_EXT: return need(r, 2) && (r->p += 2, true);
    case INTEGER_EXT: return need(r, 5) && (r->p += 5, true);
    case NEW_FLOAT_EXT:
    case FLOAT_EXT: {
        size_t len = tag == NEW_FLOAT_EXT ? 8 : 31;
        if (!need(r, 1 + len)) return false;
        double d;
        if (tag == NEW_FLOAT_EXT) {
            uint64_t u = (uint64_t)be32(r->p + 1) << 32 | be32(r->p + 5);
            memcpy(&d, &u, 8);
        } else {
            char buf[32];
            memcpy(buf, r->p + 1, 31);
            buf[31] = 0;
            char *e;
            d = strtod(buf, &e);
            if (e == buf) return false;
        }
        if (!isfinite(d)) return false;
        r->p += 1 + len;
        *words += FLOAT_WORDS;
        return true;
    }
    case ATOM_EXT: case SMALL_ATOM_EXT: case ATOM_UTF8_EXT: case SMALL_ATOM_UTF8_EXT:
        return read_atom(r) != TERM_NONE;
    case SMALL_TUPLE_EXT:
    case LARGE_TUPLE_EXT:
        if (!need(r, tag == SMALL_TUPLE_EXT ? 2 : 5)) return false;
        n = tag == SMALL_TUPLE_EXT ? r->p[1] : be32(r->p + 1);
        r->p += tag == SMALL_TUPLE_EXT ? 2 : 5;
        *words += TUPLE_WORDS(n);
        *pending += n;
        return true;
    case MAP_EXT:
        if (!need(r, 5)) return false;
        n = be32(r->p + 1);
        r->p += 5;
        *words += TUPLE_WORDS(n) + MAP_WORDS(n);
        *pending += 2 * (uint64_t)n;
        return true;
    case NIL_EXT: r->p++; return true;
    case STRING_EXT:
        if (!need(r, 3)) return false;
        n = be16(r->p + 1);
        if (!need(r, 3 + n)) return false;
        r->p += 3 + n;
        *words += 2 * n;
        return true;
    case LIST_EXT:
        if (!need(r, 5)) return false;
        n = be32(r->p + 1);
        r->p += 5;
        *words += 2 * n;
        *pending += (uint64_t)n + 1;
        return true;
    case BINARY_EXT:
    case BIT_BINARY_EXT: {
        size_t head = tag == BINARY_EXT ? 5 : 6;
        if (!need(r, head)) return false;
        n = be32(r->p + 1);
        if (tag == BIT_BINARY_EXT) {
            unsigned bits = r->p[5];
            if (n == 0 ? bits != 0 : (bits < 1 || bits > 8)) return false;
            if (bits != 8 && n) *words += SUBBIN_WORDS;
        }
        if (!need(r, head + n)) return false;
        r->p += head + n;
        *words += n <= HEAP_BIN_MAX ? HEAP_BIN_WORDS(n) : PROCBIN_WORDS;
        return true;
    }
    case SMALL_BIG_EXT:
    case LARGE_BIG_EXT: {
        size_t head = tag == SMALL_BIG_EXT ? 3 : 6;
        if (!need(r, head)) return false;
        n = tag == SMALL_BIG_EXT ? r->p[1] : be32(r->p + 1);
        if (r->p[head - 1] > 1 || !need(r, head + n)) return false;
        r->p += head + n;
        *words += BIG_WORDS((n + 7) / 8);
        return true;
    }
    case NEW_PID_EXT:
    case PID_EXT: {
        uint64_t id;
        r->p++;
        return read_pid(r, tag, &id);
    }
    case NEW_PORT_EXT: case PORT_EXT: case V4_PORT_EXT:
        r->p++;
        if (!read_local_node(r)) return false;
        n = (tag == V4_PORT_EXT ? 8 : 4) + (tag == PORT_EXT ? 1 : 4);
        return need(r, n) && (r->p += n, true);
    case NEWER_REFERENCE_EXT:
    case NEW_REFERENCE_EXT:
    case REFERENCE_EXT: {
        size_t ids = 1;
        r->p++;
        if (tag != REFERENCE_EXT) {
            if (!need(r, 2)) return false;
            ids = be16(r->p);
            r->p += 2;
            if (ids < 1 || ids > 5) return false;
        }
        if (!read_local_node(r)) return false;
        n = (tag == NEWER_REFERENCE_EXT ? 4 : 1) + 4 * ids;
        if (!need(r, n)) return false;
        r->p += n;
        *words += REF_WORDS;
        return true;
    }
    case EXPORT_EXT: {
        r->p++;
        if (read_atom(r) == TERM_NONE || read_atom(r) == TERM_NONE) return false;
        if (!need(r, 2) || r->p[0] != SMALL_INTEGER_EXT) return false;
        r->p += 2;
        *words += EXPORT_FUN_WORDS;
        return true;
    }
    case NEW_FUN_EXT: {
        r->p++;
        uint32_t nfree;
        if (!read_fun_head(r, &nfree)) return false;
        *words += FUN_WORDS(nfree);
        *pending += nfree;
        return true;
    }
    default: /* COMPRESSED and unknown tags */
        return false;
    }
}

static bool decode_check(const uint8_t *buf, size_t len, bool safe, size_t *words, size_t *used) {
    struct rd r = {buf, buf + len, safe};
    if (!need(&r, 1) || *r.p++ != ETF_VERSION) return false;
    size_t w = 0;
    uint64_t pending = 1;
    while (pending > 0) {
        if (pending > (uint64_t)(r.end - r.p)) return false; /* each term takes a byte */
        pending--;
        if (!check_one(&r, &w, &pending)) return false;
    }
    *words = w;
    *used = (size_t)(r.p - buf);
    return true;
}

bool etf_decode_size(const uint8_t *buf, size_t len, size_t *words, size_t *used) {
    return decode_check(buf, len, false, words, used);
}

/* ---- pass 2: building ------------------------------------------------------ */

/* A run of slots to fill: count slots from first, stride words apart; for
   map pairs, keys and values alternate between two arrays; a FINISH entry
   sorts a map's keys once its pairs are built. */
enum { RUN_SLOTS, RUN_PAIRS, RUN_FINISH_MAP };
struct run {
    int kind;
    term *first;   /* slots / keys */
    term *second;  /* values (pairs) */
    uint64_t count;
    uint32_t stride;
    bool value_next; /* pairs: the next slot is a value */
};

struct bstack {
    struct run *v;
    size_t n, cap;
    struct run inline_v[32];
};

static bool bs_push(struct bstack *s, struct run r) {
    if (s->n == s->cap) {
        size_t cap = s->cap * 2;
        struct run *v = mem_malloc(cap * sizeof *v);
        if (!v) return false;
        memcpy(v, s->v, s->n * sizeof *v);
        if (s->v != s->inline_v) mem_free(s->v);
        s->v = v, s->cap = cap;
    }
    s->v[s->n++] = r;
    return true;
}

/* The next slot to fill, or NULL when done; FINISH entries are handled by
   the caller through *finish. */
static term *bs_next(struct bstack *s, term *finish) {
    *finish = TERM_NONE;
    while (s->n > 0) {
        struct run *top = &s->v[s->n - 1];
        if (top->kind == RUN_FINISH_MAP) {
            *finish = (term)(uintptr_t)top->first;
            s->n--;
            return NULL;
        }
        if (top->count == 0) {
            s->n--;
            continue;
        }
        if (top->kind == RUN_SLOTS) {
            term *slot = top->first;
            top->first += top->stride;
            top->count--;
            return slot;
        }
        term *slot = top->value_next ? top->second++ : top->first++;
        if (top->value_next) top->count--;
        top->value_next = !top->value_next;
        return slot;
    }
    return NULL;
}

struct pair { term k, v; };
static int pair_cmp(const void *a, const void *b) {
    return term_compare_exact(((const struct pair *)a)->k, ((const struct pair *)b)->k);
}

/* Sort a just-built map's keys (ETF gives them in any order); false on a
   duplicate key or no memory. */
static bool finish_map(term map) {
    uint64_t n = map_size(map);
    if (n < 2) return true;
    term *keys = tuple_elems(map_keys(map)), *vals = map_values(map);
    bool sorted = true;
    for (uint64_t i = 1; i < n && sorted; i++) sorted = term_compare_exact(keys[i - 1], keys[i]) < 0;
    if (sorted) return true;
    struct pair *ps = mem_malloc(n * sizeof *ps);
    if (!ps) return false;
    for (uint64_t i = 0; i < n; i++) ps[i] = (struct pair){keys[i], vals[i]};
    qsort(ps, n, sizeof *ps, pair_cmp);
    bool ok = true;
    for (uint64_t i = 0; i < n; i++) {
        keys[i] = ps[i].k, vals[i] = ps[i].v;
        if (i && term_compare_exact(keys[i - 1], keys[i]) == 0) ok = false;
    }
    mem_free(ps);
    return ok;
}

/* Build one (checked) term at r into *slot; nested terms are pushed. */
static bool build_one(struct rd *r, term *slot, term **hp, term **offheap, struct bstack *s) {
    uint8_t tag = *r->p;
    term *h = *hp;
    size_t n;
    switch (tag) {
    case SMALL_INTEGER_EXT: *slot = term_from_small(r->p[1]); r->p += 2; return true;
    case INTEGER_EXT: *slot = term_from_small((int32_t)be32(r->p + 1)); r->p += 5; return true;
    case NEW_FLOAT_EXT: {
        uint64_t u = (uint64_t)be32(r->p + 1) << 32 | be32(r->p + 5);
        double d;
        memcpy(&d, &u, 8);
        *slot = float_store(h, d);
        *hp = h + FLOAT_WORDS;
        r->p += 9;
        return true;
    }
    case FLOAT_EXT: {
        char buf[32];
        memcpy(buf, r->p + 1, 31);
        buf[31] = 0;
        *slot = float_store(h, strtod(buf, NULL));
        *hp = h + FLOAT_WORDS;
        r->p += 32;
        return true;
    }
    case ATOM_EXT: case SMALL_ATOM_EXT: case ATOM_UTF8_EXT: case SMALL_ATOM_UTF8_EXT:
        return (*slot = read_atom(r)) != TERM_NONE;
    case SMALL_TUPLE_EXT:
    case LARGE_TUPLE_EXT:
        n = tag == SMALL_TUPLE_EXT ? r->p[1] : be32(r->p + 1);
        r->p += tag == SMALL_TUPLE_EXT ? 2 : 5;
        h[0] = make_header(SUB_TUPLE, n);
        for (size_t i = 1; i <= n; i++) h[i] = TERM_NIL;
        *slot = term_from_boxed_ptr(h);
        *hp = h + TUPLE_WORDS(n);
        return bs_push(s, (struct run){RUN_SLOTS, h + 1, NULL, n, 1, false});
    case MAP_EXT: {
        n = be32(r->p + 1);
        r->p += 5;
        term *kt = h, *m = h + TUPLE_WORDS(n);
        kt[0] = make_header(SUB_TUPLE, n);
        m[0] = make_header(SUB_MAP, 1 + n);
        m[1] = term_from_boxed_ptr(kt);
        for (size_t i = 0; i < n; i++) kt[1 + i] = m[2 + i] = TERM_NIL;
        *slot = term_from_boxed_ptr(m);
        *hp = m + MAP_WORDS(n);
        return bs_push(s, (struct run){RUN_FINISH_MAP, (term *)(uintptr_t)*slot, NULL, 0, 0, false}) &&
               bs_push(s, (struct run){RUN_PAIRS, kt + 1, m + 2, n, 0, false});
    }
    case NIL_EXT: *slot = TERM_NIL; r->p++; return true;
    case STRING_EXT: {
        n = be16(r->p + 1);
        const uint8_t *b = r->p + 3;
        term l = TERM_NIL;
        for (size_t i = n; i-- > 0;) l = cons_store(h + 2 * i, term_from_small(b[i]), l);
        *slot = l;
        *hp = h + 2 * n;
        r->p += 3 + n;
        return true;
    }
    case LIST_EXT: {
        n = be32(r->p + 1);
        r->p += 5;
        for (size_t i = 0; i < n; i++) {
            h[2 * i] = TERM_NIL;
            h[2 * i + 1] = i + 1 < n ? term_from_list_ptr(h + 2 * i + 2) : TERM_NIL;
        }
        *hp = h + 2 * n;
        if (n == 0) /* [] ++ Tail: the tail is the term */
            return bs_push(s, (struct run){RUN_SLOTS, slot, NULL, 1, 1, false});
        *slot = term_from_list_ptr(h);
        return bs_push(s, (struct run){RUN_SLOTS, h + 2 * n - 1, NULL, 1, 1, false}) &&
               bs_push(s, (struct run){RUN_SLOTS, h, NULL, n, 2, false});
    }
    case BINARY_EXT:
    case BIT_BINARY_EXT: {
        size_t head = tag == BINARY_EXT ? 5 : 6;
        n = be32(r->p + 1);
        unsigned bits = tag == BINARY_EXT ? 8 : r->p[5];
        uint8_t *data;
        term bin;
        if (n <= HEAP_BIN_MAX) {
            size_t w = HEAP_BIN_WORDS(n);
            h[0] = make_header(SUB_HEAP_BIN, w - 1);
            h[1] = n;
            h[w - 1] = 0;
            data = (uint8_t *)(h + 2);
            bin = term_from_boxed_ptr(h);
            h += w;
        } else {
            struct offheap_bin *b = offheap_bin_new(n);
            if (!b) return false;
            h[0] = make_header(SUB_REFC_BIN, PROCBIN_WORDS - 1);
            h[1] = n;
            h[2] = (term)(uintptr_t)b;
            h[3] = (term)(uintptr_t)*offheap;
            *offheap = h;
            data = b->data;
            bin = term_from_boxed_ptr(h);
            h += PROCBIN_WORDS;
        }
        memcpy(data, r->p + head, n);
        if (bits != 8 && n) {
            data[n - 1] &= (uint8_t)(0xFF00u >> bits);
            h[0] = make_header(SUB_SUB_BIN, SUBBIN_WORDS - 1);
            h[1] = 8 * (uint64_t)(n - 1) + bits;
            h[2] = 0;
            h[3] = bin;
            bin = term_from_boxed_ptr(h);
            h += SUBBIN_WORDS;
        }
        *slot = bin;
        *hp = h;
        r->p += head + n;
        return true;
    }
    case SMALL_BIG_EXT:
    case LARGE_BIG_EXT: {
        size_t head = tag == SMALL_BIG_EXT ? 3 : 6;
        n = tag == SMALL_BIG_EXT ? r->p[1] : be32(r->p + 1);
        bool neg = r->p[head - 1];
        const uint8_t *b = r->p + head;
        size_t limbs = (n + 7) / 8;
        uint64_t *d = (uint64_t *)(h + 1);
        for (size_t k = 0; k < limbs; k++) {
            uint64_t x = 0;
            for (size_t i = 8; i-- > 0;) x = x << 8 | (8 * k + i < n ? b[8 * k + i] : 0);
            d[k] = x;
        }
        *slot = big_from_limbs(neg, d, limbs, hp);
        r->p += head + n;
        return true;
    }
    case NEW_PID_EXT:
    case PID_EXT: {
        uint64_t id;
        r->p++;
        read_pid(r, tag, &id);
        *slot = term_from_pid(id);
        return true;
    }
    case NEW_PORT_EXT: case PORT_EXT: case V4_PORT_EXT: {
        r->p++;
        read_local_node(r);
        uint64_t id = tag == V4_PORT_EXT ? (uint64_t)be32(r->p) << 32 | be32(r->p + 4) : be32(r->p);
        r->p += (tag == V4_PORT_EXT ? 8 : 4) + (tag == PORT_EXT ? 1 : 4);
        *slot = term_from_port(id);
        return true;
    }
    case NEWER_REFERENCE_EXT:
    case NEW_REFERENCE_EXT:
    case REFERENCE_EXT: {
        size_t ids = 1;
        r->p++;
        if (tag != REFERENCE_EXT) ids = be16(r->p), r->p += 2;
        read_local_node(r);
        r->p += tag == NEWER_REFERENCE_EXT ? 4 : 1;
        uint32_t id[3] = {0, 0, 0};
        for (size_t i = 0; i < ids; i++)
            if (i < 3) id[i] = be32(r->p + 4 * i);
        r->p += 4 * ids;
        h[0] = make_header(SUB_REF, REF_WORDS - 1);
        h[1] = (term)id[1] << 32 | id[0];
        h[2] = id[2];
        *slot = term_from_boxed_ptr(h);
        *hp = h + REF_WORDS;
        return true;
    }
    case EXPORT_EXT: {
        r->p++;
        term m = read_atom(r), f = read_atom(r);
        unsigned arity = r->p[1];
        r->p += 2;
        struct export_entry *e = export_get(m, f, arity);
        if (!e) return false;
        h[0] = make_header(SUB_EXPORT, EXPORT_FUN_WORDS - 1);
        h[1] = (term)(uintptr_t)e;
        *slot = term_from_boxed_ptr(h);
        *hp = h + EXPORT_FUN_WORDS;
        return true;
    }
    case NEW_FUN_EXT: {
        r->p++;
        uint32_t nfree;
        const struct fun_entry *fe = read_fun_head(r, &nfree);
        if (!fe) return false;
        h[0] = make_header(SUB_FUN, 1 + nfree);
        h[1] = (term)(uintptr_t)fe;
        for (uint32_t i = 0; i < nfree; i++) h[2 + i] = TERM_NIL;
        *slot = term_from_boxed_ptr(h);
        *hp = h + FUN_WORDS(nfree);
        return bs_push(s, (struct run){RUN_SLOTS, h + 2, NULL, nfree, 1, false});
    }
    default:
        return false;
    }
}

/* Undo the refc binaries made by a failed build. */
static void release_since(term **offheap, term *old) {
    for (term *h = *offheap; h && h != old;) {
        term *next = (term *)(uintptr_t)h[3];
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        h = next;
    }
    *offheap = old;
}

term etf_decode(const uint8_t *buf, size_t len, term **hp, term **offheap) {
    struct rd r = {buf + 1, buf + len, false};
    struct bstack s = {.n = 0, .cap = 32};
    s.v = s.inline_v;
    term result = TERM_NIL, *old = *offheap, *h = *hp;
    bool ok = bs_push(&s, (struct run){RUN_SLOTS, &result, NULL, 1, 1, false});
    while (ok) {
        term finish;
        term *slot = bs_next(&s, &finish);
        if (!slot) {
            if (finish != TERM_NONE) {
                ok = finish_map(finish);
                continue;
            }
            break;
        }
        ok = r.p < r.end && build_one(&r, slot, &h, offheap, &s);
    }
    if (s.v != s.inline_v) mem_free(s.v);
    if (!ok) {
        release_since(offheap, old);
        return TERM_NONE;
    }
    *hp = h;
    return result;
}

/* ---- encoding ------------------------------------------------------------- */

static void put8(struct strbuf *o, unsigned v) { sb_putc(o, (char)(uint8_t)v); }
static void put16(struct strbuf *o, uint32_t v) { put8(o, v >> 8), put8(o, v); }
static void put32(struct strbuf *o, uint32_t v) { put16(o, v >> 16), put16(o, v & 0xFFFF); }

static void enc_atom(struct strbuf *o, term a, int minor) {
    size_t len;
    const uint8_t *t = (const uint8_t *)atom_text(term_to_atom(a), &len);
    /* Latin-1 representable? then erl (minor 1) writes ATOM_EXT */
    uint8_t latin[255];
    size_t k = 0;
    bool latin1 = minor < 2;
    for (size_t i = 0; i < len && latin1; i++) {
        if (t[i] < 0x80) latin[k++] = t[i];
        else if ((t[i] == 0xC2 || t[i] == 0xC3) && i + 1 < len) latin[k++] = (uint8_t)((t[i] & 3) << 6 | (t[i + 1] & 0x3F)), i++;
        else latin1 = false;
    }
    if (latin1) {
        put8(o, ATOM_EXT), put16(o, (uint32_t)k), sb_append(o, latin, k);
    } else if (len < 256) {
        put8(o, SMALL_ATOM_UTF8_EXT), put8(o, (unsigned)len), sb_append(o, t, len);
    } else {
        put8(o, ATOM_UTF8_EXT), put16(o, (uint32_t)len), sb_append(o, t, len);
    }
}

static void enc_integer(struct strbuf *o, term t) {
    if (term_is_small(t)) {
        int64_t v = term_to_small(t);
        if (v >= 0 && v <= 255) {
            put8(o, SMALL_INTEGER_EXT), put8(o, (unsigned)v);
            return;
        }
        if (v >= INT32_MIN && v <= INT32_MAX) {
            put8(o, INTEGER_EXT), put32(o, (uint32_t)v);
            return;
        }
    }
    struct bigv v;
    bigv_of(t, &v);
    size_t bytes = v.n * 8;
    while (bytes > 0 && ((v.d[(bytes - 1) / 8] >> (8 * ((bytes - 1) % 8))) & 0xFF) == 0) bytes--;
    if (bytes < 256) put8(o, SMALL_BIG_EXT), put8(o, (unsigned)bytes);
    else put8(o, LARGE_BIG_EXT), put32(o, (uint32_t)bytes);
    put8(o, v.neg);
    for (size_t i = 0; i < bytes; i++) put8(o, (unsigned)(v.d[i / 8] >> (8 * (i % 8))));
}

static void enc_float(struct strbuf *o, double d, int minor) {
    if (minor == 0) {
        char buf[32] = {0};
        snprintf(buf, sizeof buf, "%.20e", d);
        put8(o, FLOAT_EXT), sb_append(o, buf, 31);
        return;
    }
    uint64_t u;
    memcpy(&u, &d, 8);
    put8(o, NEW_FLOAT_EXT), put32(o, (uint32_t)(u >> 32)), put32(o, (uint32_t)u);
}

static void enc_bits(struct strbuf *o, term t) {
    struct bin_view v;
    bin_view(t, &v);
    uint64_t bytes = (v.bit_size + 7) / 8;
    unsigned tail = (unsigned)(v.bit_size % 8);
    put8(o, tail ? BIT_BINARY_EXT : BINARY_EXT);
    put32(o, (uint32_t)bytes);
    if (tail) put8(o, tail);
    if (v.bit_offset % 8 == 0) {
        sb_append(o, v.bytes + v.bit_offset / 8, (size_t)(v.bit_size / 8));
    } else {
        const uint8_t *b = v.bytes + v.bit_offset / 8;
        unsigned sh = (unsigned)(v.bit_offset % 8);
        for (uint64_t i = 0; i < v.bit_size / 8; i++) put8(o, (unsigned)(b[i] << sh | b[i + 1] >> (8 - sh)));
    }
    if (tail) { /* the last bits, left-aligned, zero padded */
        uint64_t at = v.bit_offset + v.bit_size - tail;
        const uint8_t *b = v.bytes + at / 8;
        unsigned sh = (unsigned)(at % 8);
        unsigned w = (unsigned)b[0] << 8 | (sh + tail > 8 ? b[1] : 0);
        put8(o, (w << sh >> 8) & (0xFF00u >> tail));
    }
}

static void enc_local_pid(struct strbuf *o, uint64_t id) {
    put8(o, NEW_PID_EXT);
    enc_atom(o, AM(nonode_at_nohost), 1);
    put32(o, (uint32_t)pid_index(id)), put32(o, (uint32_t)pid_serial(id)), put32(o, 0);
}

/* What is still to write: a term, the rest of a tuple/list/map, or the
   size of a fun to patch. */
enum { W_TERM, W_TUPLE, W_LIST, W_MAP, W_FUN_SIZE, W_FUN_FREE };
struct witem { term t; uint64_t i; int kind; };
struct wstack { struct witem *v; size_t n, cap; };

static bool ws_push(struct wstack *s, term t, uint64_t i, int kind) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        struct witem *v = mem_realloc(s->v, cap * sizeof *v);
        if (!v) return false;
        s->v = v, s->cap = cap;
    }
    s->v[s->n++] = (struct witem){t, i, kind};
    return true;
}

/* The list at t is a STRING_EXT candidate: bytes only, proper, < 65536. */
static bool is_byte_string(term t, uint64_t *len) {
    uint64_t n = 0;
    for (; term_is_list(t); t = CDR(t), n++) {
        term h = CAR(t);
        if (n >= 65535 || !term_is_small(h) || term_to_small(h) < 0 || term_to_small(h) > 255) return false;
    }
    *len = n;
    return term_is_nil(t);
}

static bool enc_term(struct strbuf *o, struct wstack *s, term t, int minor) {
    if (term_is_small(t) || term_is_bignum(t)) return enc_integer(o, t), true;
    if (term_is_atom(t)) return enc_atom(o, t, minor), true;
    if (term_is_nil(t)) return put8(o, NIL_EXT), true;
    if (term_is_local_pid(t)) return enc_local_pid(o, term_to_pid(t)), true;
    if (term_is_local_port(t)) {
        uint64_t id = term_to_port(t);
        put8(o, id >> 32 ? V4_PORT_EXT : NEW_PORT_EXT);
        enc_atom(o, AM(nonode_at_nohost), 1);
        if (id >> 32) put32(o, (uint32_t)(id >> 32));
        put32(o, (uint32_t)id), put32(o, 0);
        return true;
    }
    if (term_is_list(t)) {
        uint64_t n;
        if (is_byte_string(t, &n)) {
            put8(o, STRING_EXT), put16(o, (uint32_t)n);
            for (; term_is_list(t); t = CDR(t)) put8(o, (unsigned)term_to_small(CAR(t)));
            return true;
        }
        n = 0;
        for (term c = t; term_is_list(c); c = CDR(c)) n++;
        if (n > UINT32_MAX) return false;
        put8(o, LIST_EXT), put32(o, (uint32_t)n);
        return ws_push(s, t, 0, W_LIST);
    }
    if (!term_is_boxed(t)) return false;
    switch (boxed_sub(t)) {
    case SUB_TUPLE: {
        uint64_t n = tuple_arity(t);
        if (n < 256) put8(o, SMALL_TUPLE_EXT), put8(o, (unsigned)n);
        else put8(o, LARGE_TUPLE_EXT), put32(o, (uint32_t)n);
        return ws_push(s, t, 0, W_TUPLE);
    }
    case SUB_MAP:
        put8(o, MAP_EXT), put32(o, (uint32_t)map_size(t));
        return ws_push(s, t, 0, W_MAP);
    case SUB_HASHMAP: { /* its pairs in key order, as for a flat map */
        struct map_view v;
        if (!map_view_open(t, &v)) return false;
        put8(o, MAP_EXT), put32(o, (uint32_t)v.n);
        bool ok = true;
        for (uint64_t i = v.n; ok && i-- > 0;) ok = ws_push(s, v.vals[i], 0, W_TERM) && ws_push(s, v.keys[i], 0, W_TERM);
        map_view_close(&v);
        return ok;
    }
    case SUB_FLOAT: return enc_float(o, float_value(t), minor), true;
    case SUB_HEAP_BIN: case SUB_REFC_BIN: case SUB_SUB_BIN: return enc_bits(o, t), true;
    case SUB_REF: {
        const term *w = term_boxed_ptr(t);
        put8(o, NEWER_REFERENCE_EXT), put16(o, 3);
        enc_atom(o, AM(nonode_at_nohost), 1);
        put32(o, 0), put32(o, (uint32_t)w[1]), put32(o, (uint32_t)(w[1] >> 32)), put32(o, (uint32_t)w[2]);
        return true;
    }
    case SUB_EXPORT: {
        const struct export_entry *e = export_of(t);
        put8(o, EXPORT_EXT), enc_atom(o, e->module, minor), enc_atom(o, e->function, minor);
        put8(o, SMALL_INTEGER_EXT), put8(o, e->arity);
        return true;
    }
    case SUB_FUN: {
        const struct fun_entry *fe = fun_entry_of(t);
        size_t start = o->len;
        put8(o, NEW_FUN_EXT), put32(o, 0), put8(o, fe->arity);
        if (fe->module) sb_append(o, fe->module->md5, 16);
        else sb_append(o, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 16);
        put32(o, fe->index), put32(o, (uint32_t)fun_num_free(t));
        enc_atom(o, fe->module_name, minor);
        enc_integer(o, term_from_small(fe->index));
        enc_integer(o, term_from_small(fe->uniq));
        enc_local_pid(o, 0);
        return ws_push(s, TERM_NONE, start, W_FUN_SIZE) && ws_push(s, t, 0, W_FUN_FREE);
    }
    default:
        return false;
    }
}

static bool encode(struct strbuf *o, term t, int minor) {
    put8(o, ETF_VERSION);
    struct wstack s = {0};
    bool ok = ws_push(&s, t, 0, W_TERM);
    while (ok && s.n > 0) {
        struct witem *it = &s.v[s.n - 1];
        term next;
        switch (it->kind) {
        case W_TERM: next = it->t; s.n--; break;
        case W_TUPLE:
            if (it->i == tuple_arity(it->t)) { s.n--; continue; }
            next = tuple_elems(it->t)[it->i++];
            break;
        case W_FUN_FREE:
            if (it->i == fun_num_free(it->t)) { s.n--; continue; }
            next = fun_free(it->t)[it->i++];
            break;
        case W_MAP: {
            uint64_t n = map_size(it->t);
            if (it->i == 2 * n) { s.n--; continue; }
            uint64_t k = it->i / 2;
            next = it->i % 2 ? map_values(it->t)[k] : tuple_elems(map_keys(it->t))[k];
            it->i++;
            break;
        }
        case W_LIST:
            if (term_is_list(it->t)) {
                next = CAR(it->t);
                it->t = CDR(it->t);
            } else {
                next = it->t; /* the tail */
                s.n--;
            }
            break;
        default: { /* W_FUN_SIZE: patch the size now the free variables are out */
            if (!o->failed) {
                uint32_t size = (uint32_t)(o->len - it->i - 1);
                uint8_t *p = (uint8_t *)o->data + it->i + 1;
                p[0] = (uint8_t)(size >> 24), p[1] = (uint8_t)(size >> 16), p[2] = (uint8_t)(size >> 8), p[3] = (uint8_t)size;
            }
            s.n--;
            continue;
        }
        }
        ok = enc_term(o, &s, next, minor);
    }
    mem_free(s.v);
    return ok && !o->failed;
}

bool etf_encode(struct strbuf *out, term t) { return encode(out, t, 1); }

/* ---- BIFs ----------------------------------------------------------------- */

static term to_binary(struct proc *p, term t, int minor) {
    struct strbuf sb = STRBUF_INIT;
    bool ok = encode(&sb, t, minor);
    term r;
    if (!ok) {
        r = sb.failed ? raise_system_limit(p) : raise_badarg(p);
    } else {
        uint8_t *data;
        r = bin_alloc(p, sb.len, &data);
        if (r == TERM_NONE) r = raise_system_limit(p);
        else memcpy(data, sb.data, sb.len);
    }
    sb_free(&sb);
    return r;
}

term bif_erlang_term_to_binary_1(struct proc *p, term *args) { return to_binary(p, args[0], 1); }

/* term_to_binary's options: the minor version; false if one is bad. */
static bool t2b_options(term l, int *minor) {
    *minor = 1;
    for (; term_is_list(l); l = CDR(l)) {
        term o = CAR(l);
        if (o == AM(compressed) || o == AM(deterministic) || o == AM(local)) continue;
        if (term_is_tuple(o) && tuple_arity(o) == 2) {
            term k = tuple_elems(o)[0], v = tuple_elems(o)[1];
            if (k == AM(minor_version) && term_is_small(v) && term_to_small(v) >= 0 && term_to_small(v) <= 2) {
                *minor = (int)term_to_small(v);
                continue;
            }
            if (k == AM(compressed) && term_is_small(v) && term_to_small(v) >= 0 && term_to_small(v) <= 9) continue;
        }
        return false;
    }
    return term_is_nil(l);
}

term bif_erlang_term_to_binary_2(struct proc *p, term *args) {
    int minor;
    if (!t2b_options(args[1], &minor)) return raise_badarg(p);
    return to_binary(p, args[0], minor);
}

/* erlang:external_size/1,2: the size term_to_binary's result would have
   (compression is not done, see docs/deviations.md). */
static term external_size(struct proc *p, term t, int minor) {
    struct strbuf sb = STRBUF_INIT;
    bool ok = encode(&sb, t, minor);
    size_t len = sb.len;
    bool failed = sb.failed;
    sb_free(&sb);
    if (!ok) return failed ? raise_system_limit(p) : raise_badarg(p);
    return term_from_small((int64_t)len);
}

term bif_erlang_external_size_1(struct proc *p, term *args) { return external_size(p, args[0], 1); }

term bif_erlang_external_size_2(struct proc *p, term *args) {
    int minor;
    if (!t2b_options(args[1], &minor)) return raise_badarg(p);
    return external_size(p, args[0], minor);
}

/* binary_to_term with options: safe, used. */
static term from_binary(struct proc *p, term *args, bool safe, bool used_opt) {
    struct bin_view v;
    if (!bin_view(args[0], &v) || v.bit_size % 8) return raise_badarg(p);
    size_t len = (size_t)(v.bit_size / 8);
    uint8_t *copy = NULL;
    const uint8_t *buf = v.bytes + v.bit_offset / 8;
    bool moves = v.bit_offset % 8 || len <= HEAP_BIN_MAX; /* heap bytes move in a GC */
    if (moves) {
        copy = mem_malloc(len ? len : 1);
        if (!copy) return raise_system_limit(p);
        if (v.bit_offset % 8 == 0) {
            memcpy(copy, buf, len);
        } else {
            unsigned sh = (unsigned)(v.bit_offset % 8);
            for (size_t i = 0; i < len; i++) copy[i] = (uint8_t)(buf[i] << sh | buf[i + 1] >> (8 - sh));
        }
        buf = copy;
    }
    size_t words, used;
    term r;
    if (!decode_check(buf, len, safe, &words, &used)) {
        r = raise_badarg(p);
    } else if (!heap_ensure_free(p, words + (used_opt ? TUPLE_WORDS(2) + BIG_WORDS(1) : 0))) {
        r = raise_system_limit(p);
    } else {
        if (!moves) { /* re-read: the handle moved, the bytes did not */
            bin_view(args[0], &v);
            buf = v.bytes + v.bit_offset / 8;
        }
        term *hp = p->htop;
        r = etf_decode(buf, len, &hp, &p->offheap_first);
        if (r == TERM_NONE) {
            r = raise_badarg(p);
        } else {
            if (used_opt) {
                term u = int_from_uint64(used, &hp);
                hp[0] = make_header(SUB_TUPLE, 2), hp[1] = r, hp[2] = u;
                r = term_from_boxed_ptr(hp);
                hp += 3;
            }
            p->htop = hp;
        }
    }
    mem_free(copy);
    return r;
}

term bif_erlang_binary_to_term_1(struct proc *p, term *args) { return from_binary(p, args, false, false); }

term bif_erlang_binary_to_term_2(struct proc *p, term *args) {
    bool safe = false, used = false;
    term l = args[1];
    for (; term_is_list(l); l = CDR(l)) {
        if (CAR(l) == AM(safe)) safe = true;
        else if (CAR(l) == AM(used)) used = true;
        else return raise_badarg(p);
    }
    if (!term_is_nil(l)) return raise_badarg(p);
    return from_binary(p, args, safe, used);
}
