/*
 * unicode_norm.c — Unicode normalization forms NFD, NFC, NFKD and NFKC
 * (Unicode Standard Annex #15) of a list of code points, for
 * unicode:characters_to_nf*_list/binary (stdlib/unicode.erl).
 *
 * The tables (vm/unicode_norm_data.h) are generated from Unicode 14.0, the
 * version OTP 25 follows; Hangul syllables are decomposed and composed by
 * arithmetic. Decomposition applies the one-level mappings recursively,
 * then puts each run of non-starters in canonical order (stable by
 * combining class); composition joins a starter with the following
 * characters that are not blocked, as the annex says.
 * Pure functions on C buffers; any thread.
 */
#include <stdlib.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "error.h"
#include "heap.h"

struct norm_ccc {
    uint32_t cp;
    uint8_t ccc;
};
struct norm_decomp {
    uint32_t cp;
    uint8_t compat;
    uint16_t off, len;
};
struct norm_pair {
    uint32_t first, second, composite;
};

#include "unicode_norm_data.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

enum { SBASE = 0xAC00, LBASE = 0x1100, VBASE = 0x1161, TBASE = 0x11A7, LCOUNT = 19, VCOUNT = 21, TCOUNT = 28 };
enum { NCOUNT = VCOUNT * TCOUNT, SCOUNT = LCOUNT * NCOUNT };

static int cmp_u32(const void *key, const void *elem) {
    uint32_t k = *(const uint32_t *)key, e = *(const uint32_t *)elem;
    return k < e ? -1 : k > e;
}

static unsigned ccc_of(uint32_t cp) {
    const struct norm_ccc *c = bsearch(&cp, norm_ccc, COUNT(norm_ccc), sizeof norm_ccc[0], cmp_u32);
    return c ? c->ccc : 0;
}

/* A growable buffer of code points. */
struct cpbuf {
    uint32_t *v;
    size_t n, cap;
    bool failed;
};

static void put(struct cpbuf *b, uint32_t cp) {
    if (b->n == b->cap) {
        size_t cap = b->cap ? 2 * b->cap : 64;
        uint32_t *v = mem_realloc(b->v, cap * sizeof *v);
        if (!v) {
            b->failed = true;
            return;
        }
        b->v = v, b->cap = cap;
    }
    b->v[b->n++] = cp;
}

static void decompose(struct cpbuf *b, uint32_t cp, bool compat, int depth) {
    if (cp >= SBASE && cp < SBASE + SCOUNT) {
        uint32_t s = cp - SBASE;
        put(b, LBASE + s / NCOUNT);
        put(b, VBASE + s % NCOUNT / TCOUNT);
        if (s % TCOUNT) put(b, TBASE + s % TCOUNT);
        return;
    }
    const struct norm_decomp *d = bsearch(&cp, norm_decomp, COUNT(norm_decomp), sizeof norm_decomp[0], cmp_u32);
    if (!d || (d->compat && !compat) || depth > 32) {
        put(b, cp);
        return;
    }
    for (unsigned i = 0; i < d->len; i++) decompose(b, norm_decomp_cps[d->off + i], compat, depth + 1);
}

/* Stable insertion sort of each run of non-starters by combining class. */
static void canonical_order(struct cpbuf *b) {
    for (size_t i = 1; i < b->n; i++) {
        uint32_t cp = b->v[i];
        unsigned c = ccc_of(cp);
        if (!c) continue;
        size_t j = i;
        while (j > 0 && ccc_of(b->v[j - 1]) > c) {
            b->v[j] = b->v[j - 1];
            j--;
        }
        b->v[j] = cp;
    }
}

static int cmp_pair(const void *key, const void *elem) {
    const uint32_t *k = key;
    const struct norm_pair *e = elem;
    if (k[0] != e->first) return k[0] < e->first ? -1 : 1;
    return k[1] < e->second ? -1 : k[1] > e->second;
}

/* The primary composite of a and b, or 0. */
static uint32_t compose_pair(uint32_t a, uint32_t b) {
    if (a >= LBASE && a < LBASE + LCOUNT && b >= VBASE && b < VBASE + VCOUNT)
        return SBASE + ((a - LBASE) * VCOUNT + (b - VBASE)) * TCOUNT;
    if (a >= SBASE && a < SBASE + SCOUNT && (a - SBASE) % TCOUNT == 0 && b > TBASE && b < TBASE + TCOUNT)
        return a + (b - TBASE);
    uint32_t key[2] = {a, b};
    const struct norm_pair *p = bsearch(key, norm_pairs, COUNT(norm_pairs), sizeof norm_pairs[0], cmp_pair);
    return p ? p->composite : 0;
}

static void compose(struct cpbuf *b) {
    if (!b->n) return;
    size_t starter = 0, out = 1;
    bool have_starter = ccc_of(b->v[0]) == 0;
    int last_ccc = have_starter ? 0 : 256;
    for (size_t i = 1; i < b->n; i++) {
        uint32_t cp = b->v[i];
        int c = (int)ccc_of(cp);
        uint32_t comp = have_starter && (last_ccc < c || (last_ccc == 0 && out == starter + 1))
                            ? compose_pair(b->v[starter], cp)
                            : 0;
        if (comp) {
            b->v[starter] = comp;
            continue;
        }
        if (c == 0) {
            starter = out;
            have_starter = true;
        }
        last_ccc = c;
        b->v[out++] = cp;
    }
    b->n = out;
}

/* moat_unicode:normalize(Codepoints, nfd | nfc | nfkd | nfkc) -> Codepoints */
term bif_moat_unicode_normalize_2(struct proc *p, term *args) {
    term form = args[1];
    bool compat = form == AM(nfkd) || form == AM(nfkc), comp = form == AM(nfc) || form == AM(nfkc);
    if (!compat && !comp && form != AM(nfd)) return raise_badarg(p);
    struct cpbuf b = {0};
    term t = args[0];
    for (; term_is_list(t); t = CDR(t)) {
        term h = CAR(t);
        if (!term_is_small(h) || term_to_small(h) < 0 || term_to_small(h) > 0x10FFFF) {
            mem_free(b.v);
            return raise_badarg(p);
        }
        decompose(&b, (uint32_t)term_to_small(h), compat, 0);
    }
    if (!term_is_nil(t)) {
        mem_free(b.v);
        return raise_badarg(p);
    }
    canonical_order(&b);
    if (comp) compose(&b);
    if (b.failed || !heap_ensure_free(p, b.n * CONS_WORDS)) {
        mem_free(b.v);
        return raise_system_limit(p);
    }
    term list = TERM_NIL;
    for (size_t i = b.n; i-- > 0;) list = cons_store(heap_take(p, CONS_WORDS), term_from_small(b.v[i]), list);
    mem_free(b.v);
    return list;
}
