/*
 * bif_unicode.c — unicode:characters_to_list/1,2 and
 * characters_to_binary/1,2,3.
 *
 * Chardata (integers, binaries, nested lists, a binary as a list's tail)
 * is walked with an explicit stack, never C recursion, into a C buffer of
 * code points; the result is built afterwards. A binary's incomplete
 * UTF-8 (or UTF-16/32) sequence at its end carries over into the next
 * binary, as in erl. Outcomes, as erl gives them:
 *   - a term that is not chardata: badarg (also a bad encoding argument);
 *   - an invalid character: {error, Converted, Rest}, where Rest keeps the
 *     shape of the input from the failing item on;
 *   - a truncated sequence at the very end: {incomplete, Converted, Bytes}.
 * The failing position is kept as a path of list indices, so after the
 * GC of building Converted the input can be found again from args[0].
 */

#include "atom.h"
#include "alloc.h"
#include "bif.h"
#include "bits.h"
#include "error.h"
#include "heap.h"

enum enc { ENC_UTF8, ENC_LATIN1, ENC_UTF16BE, ENC_UTF16LE, ENC_UTF32BE, ENC_UTF32LE };

static int enc_of(term t) {
    if (t == AM(unicode) || t == AM(utf8)) return ENC_UTF8;
    if (t == AM(latin1)) return ENC_LATIN1;
    if (t == AM(utf16)) return ENC_UTF16BE;
    if (t == AM(utf32)) return ENC_UTF32BE;
    if (term_is_tuple(t) && tuple_arity(t) == 2) {
        term e = tuple_elems(t)[1], k = tuple_elems(t)[0];
        bool little = e == AM(little);
        if (!little && e != AM(big)) return -1;
        if (k == AM(utf16)) return little ? ENC_UTF16LE : ENC_UTF16BE;
        if (k == AM(utf32)) return little ? ENC_UTF32LE : ENC_UTF32BE;
    }
    return -1;
}

static inline bool valid_cp(int64_t c) { return c >= 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF); }

/* Decode one character at s[0..len): bytes used (> 0), 0 if s is a
   proper prefix of a valid sequence (incomplete), -1 if invalid. */
static int decode_one(int enc, const uint8_t *s, size_t len, uint32_t *cp) {
    if (len == 0) return 0;
    switch (enc) {
    case ENC_LATIN1: *cp = s[0]; return 1;
    case ENC_UTF8: {
        uint8_t b = s[0];
        if (b < 0x80) return *cp = b, 1;
        int n;
        uint8_t lo = 0x80, hi = 0xBF;
        if (b >= 0xC2 && b <= 0xDF) n = 2;
        else if (b >= 0xE0 && b <= 0xEF) n = 3, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
        else if (b >= 0xF0 && b <= 0xF4) n = 4, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
        else return -1;
        uint32_t c = b & (0x7F >> n);
        for (int k = 1; k < n; k++) {
            if ((size_t)k >= len) return 0;
            uint8_t x = s[k];
            if (x < (k == 1 ? lo : 0x80) || x > (k == 1 ? hi : 0xBF)) return -1;
            c = c << 6 | (x & 0x3F);
        }
        return *cp = c, n;
    }
    case ENC_UTF16BE: case ENC_UTF16LE: {
        bool le = enc == ENC_UTF16LE;
        if (len < 2) return 0;
        uint32_t u = le ? (uint32_t)(s[1] << 8 | s[0]) : (uint32_t)(s[0] << 8 | s[1]);
        if (u >= 0xDC00 && u <= 0xDFFF) return -1;
        if (u < 0xD800 || u > 0xDBFF) return *cp = u, 2;
        if (len < 4) return 0;
        uint32_t v = le ? (uint32_t)(s[3] << 8 | s[2]) : (uint32_t)(s[2] << 8 | s[3]);
        if (v < 0xDC00 || v > 0xDFFF) return -1;
        return *cp = 0x10000 + ((u - 0xD800) << 10) + (v - 0xDC00), 4;
    }
    default: {
        if (len < 4) return 0;
        uint32_t u = enc == ENC_UTF32LE ? (uint32_t)s[3] << 24 | (uint32_t)s[2] << 16 | (uint32_t)s[1] << 8 | s[0]
                                        : (uint32_t)s[0] << 24 | (uint32_t)s[1] << 16 | (uint32_t)s[2] << 8 | s[3];
        if (!valid_cp(u)) return -1;
        return *cp = u, 4;
    }
    }
}

/* Encode cp in enc at out (4 bytes room); returns the byte count. */
static size_t encode_one(int enc, uint32_t cp, uint8_t *out) {
    switch (enc) {
    case ENC_LATIN1: out[0] = (uint8_t)cp; return 1;
    case ENC_UTF8:
        if (cp < 0x80) return out[0] = (uint8_t)cp, 1;
        if (cp < 0x800) return out[0] = (uint8_t)(0xC0 | cp >> 6), out[1] = (uint8_t)(0x80 | (cp & 0x3F)), 2;
        if (cp < 0x10000) {
            out[0] = (uint8_t)(0xE0 | cp >> 12);
            out[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
            out[2] = (uint8_t)(0x80 | (cp & 0x3F));
            return 3;
        }
        out[0] = (uint8_t)(0xF0 | cp >> 18);
        out[1] = (uint8_t)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (uint8_t)(0x80 | (cp & 0x3F));
        return 4;
    case ENC_UTF16BE: case ENC_UTF16LE: {
        uint16_t u[2];
        size_t n = 1;
        if (cp < 0x10000) u[0] = (uint16_t)cp;
        else u[0] = (uint16_t)(0xD800 + ((cp - 0x10000) >> 10)), u[1] = (uint16_t)(0xDC00 + ((cp - 0x10000) & 0x3FF)), n = 2;
        for (size_t k = 0; k < n; k++) {
            out[2 * k + (enc == ENC_UTF16LE)] = (uint8_t)(u[k] >> 8);
            out[2 * k + (enc != ENC_UTF16LE)] = (uint8_t)u[k];
        }
        return 2 * n;
    }
    default:
        for (int k = 0; k < 4; k++) out[enc == ENC_UTF32LE ? k : 3 - k] = (uint8_t)(cp >> (8 * k));
        return 4;
    }
}

/* ---- the walk -------------------------------------------------------------- */

enum { W_OK, W_BADARG, W_NOMEM, W_INT, W_INT_OUT, W_BIN, W_CARRY, W_INCOMPLETE };

struct frame {
    term cell;   /* the rest of this list, from the current element */
    int64_t idx; /* index of the current element */
};

struct walk {
    int in;
    bool latin1_out;
    uint32_t *cps;
    size_t n, cap;
    struct frame *st;
    size_t depth, st_cap;
    /* on failure: */
    int fail;
    bool tail;        /* the failing item is the tail of the innermost list */
    uint64_t bin_off; /* W_BIN: byte offset of the bad character */
    uint32_t bad_cp;  /* W_INT_OUT */
    uint8_t carry[4];
    size_t ncarry;
};

static bool emit(struct walk *w, uint32_t cp) {
    if (w->n == w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 256;
        uint32_t *c = mem_realloc(w->cps, cap * sizeof *c);
        if (!c) return false;
        w->cps = c;
        w->cap = cap;
    }
    w->cps[w->n++] = cp;
    return true;
}

static int walk_int(struct walk *w, term t) {
    if (!term_is_small(t)) return W_BADARG;
    if (w->ncarry) return W_CARRY;
    int64_t c = term_to_small(t);
    if (!valid_cp(c) || (w->in == ENC_LATIN1 && c > 255)) return W_INT;
    if (w->latin1_out && c > 255) return w->bad_cp = (uint32_t)c, W_INT_OUT;
    return emit(w, (uint32_t)c) ? W_OK : W_NOMEM;
}

static int walk_bin_bytes(struct walk *w, const uint8_t *s, size_t len) {
    size_t i = 0;
    uint32_t cp;
    if (w->ncarry) {
        uint8_t tmp[8];
        size_t take = len < 4 ? len : 4;
        memcpy(tmp, w->carry, w->ncarry);
        memcpy(tmp + w->ncarry, s, take);
        int r = decode_one(w->in, tmp, w->ncarry + take, &cp);
        if (r == 0 && take == len) { /* still incomplete: carry on */
            memcpy(w->carry + w->ncarry, s, len);
            w->ncarry += len;
            return W_OK;
        }
        if (r <= 0 || (w->latin1_out && cp > 255)) return W_CARRY;
        i = (size_t)r - w->ncarry;
        w->ncarry = 0;
        if (!emit(w, cp)) return W_NOMEM;
    }
    while (i < len) {
        int r = decode_one(w->in, s + i, len - i, &cp);
        if (r == 0) {
            memcpy(w->carry, s + i, len - i);
            w->ncarry = len - i;
            return W_OK;
        }
        if (r < 0 || (w->latin1_out && cp > 255)) return w->bin_off = i, W_BIN;
        if (!emit(w, cp)) return W_NOMEM;
        i += (size_t)r;
    }
    return W_OK;
}

static int walk_bin(struct walk *w, term t) {
    const uint8_t *s;
    size_t len;
    uint8_t *tmp;
    if (!bin_bytes(t, &s, &len, &tmp)) return W_BADARG;
    int r = walk_bin_bytes(w, s, len);
    mem_free(tmp);
    return r;
}

static bool push(struct walk *w, term list) {
    if (w->depth == w->st_cap) {
        size_t cap = w->st_cap ? 2 * w->st_cap : 16;
        struct frame *f = mem_realloc(w->st, cap * sizeof *f);
        if (!f) return false;
        w->st = f;
        w->st_cap = cap;
    }
    w->st[w->depth++] = (struct frame){list, 0};
    return true;
}

/* Walk data; sets w->fail. On an error the frames 0..depth-1 are the path. */
static void walk(struct walk *w, term data) {
    int r = W_OK;
    if (term_is_bitstring(data)) {
        r = walk_bin(w, data);
    } else if (term_is_list(data) || data == TERM_NIL) {
        if (!push(w, data)) r = W_NOMEM;
        while (r == W_OK && w->depth) {
            struct frame *f = &w->st[w->depth - 1];
            if (term_is_list(f->cell)) {
                term item = CAR(f->cell);
                if (term_is_list(item)) {
                    if (!push(w, item)) r = W_NOMEM;
                    continue; /* the parent advances when the child is done */
                }
                if (item == TERM_NIL) r = W_OK;
                else if (term_is_bitstring(item)) r = walk_bin(w, item);
                else r = walk_int(w, item);
                if (r != W_OK) break;
                f->cell = CDR(f->cell);
                f->idx++;
                continue;
            }
            if (f->cell != TERM_NIL) {
                if (!term_is_bitstring(f->cell)) {
                    r = W_BADARG;
                    break;
                }
                r = walk_bin(w, f->cell);
                if (r != W_OK) {
                    w->tail = true;
                    break;
                }
            }
            w->depth--;
            if (w->depth) {
                w->st[w->depth - 1].cell = CDR(w->st[w->depth - 1].cell);
                w->st[w->depth - 1].idx++;
            }
        }
    } else {
        r = W_BADARG;
    }
    if (r == W_OK && w->ncarry) r = W_INCOMPLETE;
    w->fail = r;
}

/* ---- building the result ----------------------------------------------------- */

static term heap_bin(term **hp, const uint8_t *bytes, size_t n) {
    term *h = *hp;
    size_t words = HEAP_BIN_WORDS(n);
    h[0] = make_header(SUB_HEAP_BIN, words - 1);
    h[1] = n;
    h[words - 1] = 0;
    memcpy(h + 2, bytes, n);
    *hp += words;
    return term_from_boxed_ptr(h);
}

/* Binary t from byte off on (a sub binary sharing t's bytes). */
static term bin_from(term **hp, term t, uint64_t off) {
    if (off == 0) return t;
    const term *ptr = term_boxed_ptr(t);
    term orig = t;
    uint64_t base = 0, bits = (uint64_t)ptr[1] * 8;
    if (header_sub(ptr[0]) == SUB_SUB_BIN) {
        orig = ptr[3];
        base = ptr[2];
        bits = ptr[1];
    }
    term *h = *hp;
    h[0] = make_header(SUB_SUB_BIN, SUBBIN_WORDS - 1);
    h[1] = bits - off * 8;
    h[2] = base + off * 8;
    h[3] = orig;
    *hp += SUBBIN_WORDS;
    return term_from_boxed_ptr(h);
}

static term cons(term **hp, term h, term t) {
    term c = cons_store(*hp, h, t);
    *hp += CONS_WORDS;
    return c;
}

#define REST_WORDS(depth) (CONS_WORDS * ((depth) + 3) + SUBBIN_WORDS + HEAP_BIN_WORDS(4))

/* The Rest of an error / incomplete tuple, from the input at data. */
static term build_rest(const struct walk *w, term data, term **hp) {
    if (w->fail == W_INCOMPLETE) return heap_bin(hp, w->carry, w->ncarry);
    if (w->depth == 0) return bin_from(hp, data, w->bin_off); /* a top-level binary */
    /* find the cells of the path again: cells[j] is level j's current cell */
    term cell = data, r = TERM_NIL;
    term *cells = mem_malloc(w->depth * sizeof(term));
    if (!cells) return TERM_NONE;
    for (size_t j = 0; j < w->depth; j++) {
        for (int64_t k = 0; k < w->st[j].idx; k++) cell = CDR(cell);
        cells[j] = cell;
        if (j + 1 < w->depth) cell = CAR(cell);
    }
    term last = cells[w->depth - 1];
    term item = w->tail ? last : CAR(last), after = w->tail ? TERM_NIL : CDR(last);
    switch (w->fail) {
    case W_INT: r = last; break;
    case W_INT_OUT: r = cons(hp, cons(hp, term_from_small(w->bad_cp), TERM_NIL), after); break;
    case W_BIN:
        r = bin_from(hp, item, w->bin_off);
        if (!w->tail) r = cons(hp, r, after);
        break;
    default: /* W_CARRY: [Carried, Cell] */
        r = heap_bin(hp, w->carry, w->ncarry);
        r = cons(hp, r, cons(hp, w->tail ? item : last, TERM_NIL));
        break;
    }
    for (size_t j = w->depth - 1; j-- > 0;) r = cons(hp, r, CDR(cells[j]));
    mem_free(cells);
    return r;
}

/* Build the converted part (a list, or a binary in out) as erl returns. */
static term build_converted(struct proc *p, const struct walk *w, bool to_list, int out, size_t extra, term **hp) {
    if (to_list) {
        if (!heap_ensure_free(p, w->n * CONS_WORDS + extra)) return TERM_NONE;
        *hp = heap_take(p, w->n * CONS_WORDS + extra);
        term l = TERM_NIL;
        for (size_t i = w->n; i-- > 0;) l = cons(hp, term_from_small(w->cps[i]), l);
        return l;
    }
    size_t bytes = 0;
    uint8_t tmp[4];
    for (size_t i = 0; i < w->n; i++) bytes += encode_one(out, w->cps[i], tmp);
    uint8_t *data;
    term bin = bin_alloc(p, bytes, &data);
    if (bin == TERM_NONE) return TERM_NONE;
    for (size_t i = 0; i < w->n; i++) data += encode_one(out, w->cps[i], data);
    if (!extra) return bin;
    /* keep bin as a root while reserving the rest */
    p->x[p->live++] = bin;
    bool ok = heap_ensure_free(p, extra);
    bin = p->x[--p->live];
    if (!ok) return TERM_NONE;
    *hp = heap_take(p, extra);
    return bin;
}

static term characters_to(struct proc *p, term *args, int in, int out, bool to_list) {
    if (in < 0 || out < 0) return raise_badarg(p);
    struct walk w = {.in = in, .latin1_out = !to_list && out == ENC_LATIN1};
    walk(&w, args[0]);
    term result = TERM_NONE, *hp;
    if (w.fail == W_BADARG) {
        result = raise_badarg(p);
    } else if (w.fail == W_NOMEM || p->live + 2 >= X_REGS) {
        result = raise_system_limit(p);
    } else if (w.fail == W_OK) {
        result = build_converted(p, &w, to_list, out, 0, &hp);
        if (result == TERM_NONE) result = raise_system_limit(p);
    } else if (!heap_ensure_free(p, REST_WORDS(w.depth))) {
        result = raise_system_limit(p);
    } else {
        hp = p->htop;
        term rest = build_rest(&w, args[0], &hp);
        p->htop = hp;
        if (rest == TERM_NONE) {
            result = raise_system_limit(p);
        } else {
            p->x[p->live++] = rest; /* a root while the converted part is built */
            term conv = build_converted(p, &w, to_list, out, TUPLE_WORDS(3), &hp);
            rest = p->x[--p->live];
            if (conv == TERM_NONE) {
                result = raise_system_limit(p);
            } else {
                hp[0] = make_header(SUB_TUPLE, 3);
                hp[1] = w.fail == W_INCOMPLETE ? AM(incomplete) : AM(error);
                hp[2] = conv;
                hp[3] = rest;
                result = term_from_boxed_ptr(hp);
            }
        }
    }
    mem_free(w.cps);
    mem_free(w.st);
    return result;
}

term bif_unicode_characters_to_list_1(struct proc *p, term *args) {
    return characters_to(p, args, ENC_UTF8, ENC_UTF8, true);
}
term bif_unicode_characters_to_list_2(struct proc *p, term *args) {
    return characters_to(p, args, enc_of(args[1]), ENC_UTF8, true);
}
term bif_unicode_characters_to_binary_1(struct proc *p, term *args) {
    return characters_to(p, args, ENC_UTF8, ENC_UTF8, false);
}
term bif_unicode_characters_to_binary_2(struct proc *p, term *args) {
    return characters_to(p, args, enc_of(args[1]), ENC_UTF8, false);
}
term bif_unicode_characters_to_binary_3(struct proc *p, term *args) {
    return characters_to(p, args, enc_of(args[1]), enc_of(args[2]), false);
}

/* ---- byte order marks ---------------------------------------------------------- */

static term enc_term(struct proc *p, int enc, term **hp) {
    (void)p;
    switch (enc) {
    case ENC_UTF8: return AM(utf8);
    case ENC_LATIN1: return AM(latin1);
    default: {
        term *t = *hp;
        t[0] = make_header(SUB_TUPLE, 2);
        t[1] = enc == ENC_UTF16BE || enc == ENC_UTF16LE ? AM(utf16) : AM(utf32);
        t[2] = enc == ENC_UTF16LE || enc == ENC_UTF32LE ? AM(little) : AM(big);
        *hp += TUPLE_WORDS(2);
        return term_from_boxed_ptr(t);
    }
    }
}

term bif_unicode_bom_to_encoding_1(struct proc *p, term *args) {
    const uint8_t *s;
    size_t len;
    uint8_t *tmp;
    if (!term_is_bitstring(args[0]) || !bin_bytes(args[0], &s, &len, &tmp)) return raise_error(p, AM(function_clause));
    int enc = ENC_LATIN1;
    int64_t n = 0;
    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF) enc = ENC_UTF8, n = 3;
    else if (len >= 4 && !s[0] && !s[1] && s[2] == 0xFE && s[3] == 0xFF) enc = ENC_UTF32BE, n = 4;
    else if (len >= 4 && s[0] == 0xFF && s[1] == 0xFE && !s[2] && !s[3]) enc = ENC_UTF32LE, n = 4;
    else if (len >= 2 && s[0] == 0xFE && s[1] == 0xFF) enc = ENC_UTF16BE, n = 2;
    else if (len >= 2 && s[0] == 0xFF && s[1] == 0xFE) enc = ENC_UTF16LE, n = 2;
    mem_free(tmp);
    if (!heap_ensure_free(p, 2 * TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, 2 * TUPLE_WORDS(2));
    term e = enc_term(p, enc, &hp);
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = e;
    hp[2] = term_from_small(n);
    return term_from_boxed_ptr(hp);
}

term bif_unicode_encoding_to_bom_1(struct proc *p, term *args) {
    static const uint8_t boms[][4] = {
        [ENC_UTF8] = {0xEF, 0xBB, 0xBF}, [ENC_UTF16BE] = {0xFE, 0xFF}, [ENC_UTF16LE] = {0xFF, 0xFE},
        [ENC_UTF32BE] = {0, 0, 0xFE, 0xFF}, [ENC_UTF32LE] = {0xFF, 0xFE, 0, 0}};
    static const size_t lens[] = {[ENC_UTF8] = 3, [ENC_LATIN1] = 0, [ENC_UTF16BE] = 2, [ENC_UTF16LE] = 2,
                                  [ENC_UTF32BE] = 4, [ENC_UTF32LE] = 4};
    int enc = enc_of(args[0]);
    if (enc < 0) return raise_error(p, AM(function_clause));
    uint8_t *data;
    term b = bin_alloc(p, lens[enc], &data);
    if (b == TERM_NONE) return raise_system_limit(p);
    memcpy(data, boms[enc], lens[enc]);
    return b;
}
