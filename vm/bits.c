/*
 * bits.c — binaries and the bit syntax at run time (see bits.h).
 *
 * Owns: reading any binary object (bin_view), making new binaries
 * (bin_alloc), building bitstrings from segments (bits_create) and the
 * match-context operations behind the bs_* instructions.
 *
 * Invariants:
 *   - A match context's orig word is always a heap or refc binary (never a
 *     sub binary), and orig-relative bit offsets satisfy pos <= end.
 *   - Sub binaries made here point at a heap or refc binary too, so a
 *     view never needs more than one indirection.
 *   - Bits are MSB first within a byte; every copy goes through copy_bits.
 *   - Nothing here GCs except bin_alloc: bits_create and the match helpers
 *     use words the interpreter reserved (bits.h).
 * Called by the thread running the process.
 */
#include <math.h>
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bignum.h"
#include "bits.h"
#include "error.h"
#include "heap.h"

/* ---- views ------------------------------------------------------------ */

/* View of a heap or refc binary (sub == SUB_HEAP_BIN or SUB_REFC_BIN). */
static void whole_view(const term *ptr, struct bin_view *v) {
    if (header_sub(ptr[0]) == SUB_HEAP_BIN) {
        v->bytes = (const uint8_t *)(ptr + 2);
    } else {
        const struct offheap_bin *b = (const struct offheap_bin *)(uintptr_t)ptr[2];
        v->bytes = b->data;
    }
    v->bit_offset = 0;
    v->bit_size = (uint64_t)ptr[1] * 8;
}

bool bin_view(term t, struct bin_view *v) {
    if (!term_is_boxed(t)) return false;
    const term *ptr = term_boxed_ptr(t);
    switch (header_sub(ptr[0])) {
    case SUB_HEAP_BIN:
    case SUB_REFC_BIN:
        whole_view(ptr, v);
        return true;
    case SUB_SUB_BIN:
        whole_view(term_boxed_ptr(ptr[3]), v);
        v->bit_offset = ptr[2];
        v->bit_size = ptr[1];
        return true;
    case SUB_MATCH_CTX:
        whole_view(term_boxed_ptr(ptr[1]), v);
        v->bit_offset = ptr[2];
        v->bit_size = ptr[3] - ptr[2];
        return true;
    default:
        return false;
    }
}

/* ---- allocation ------------------------------------------------------- */

/* A binary of `bytes` bytes at *hp (reserved: HEAP_BIN_WORDS(bytes) for a
   heap binary, PROCBIN_WORDS otherwise). TERM_NONE if malloc fails. */
static term bin_alloc_at(struct proc *p, size_t bytes, uint8_t **data, term **hp) {
    term *h = *hp;
    if (bytes <= HEAP_BIN_MAX) {
        size_t words = HEAP_BIN_WORDS(bytes);
        h[0] = make_header(SUB_HEAP_BIN, words - 1);
        h[1] = bytes;
        h[words - 1] = 0; /* padding bytes are zero */
        *data = (uint8_t *)(h + 2);
        *hp = h + words;
        return term_from_boxed_ptr(h);
    }
    struct offheap_bin *b = offheap_bin_new(bytes);
    if (!b) return TERM_NONE;
    h[0] = make_header(SUB_REFC_BIN, PROCBIN_WORDS - 1);
    h[1] = bytes;
    h[2] = (term)(uintptr_t)b;
    h[3] = (term)(uintptr_t)p->offheap_first;
    p->offheap_first = h;
    p->offheap_bytes += bytes;
    *data = b->data;
    *hp = h + PROCBIN_WORDS;
    return term_from_boxed_ptr(h);
}

term bin_alloc(struct proc *p, size_t bytes, uint8_t **data) {
    size_t words = bytes <= HEAP_BIN_MAX ? HEAP_BIN_WORDS(bytes) : PROCBIN_WORDS;
    if (!heap_ensure_free(p, words)) return TERM_NONE;
    term *hp = p->htop;
    term r = bin_alloc_at(p, bytes, data, &hp);
    if (r != TERM_NONE) p->htop = hp;
    return r;
}

bool bin_bytes(term t, const uint8_t **bytes, size_t *len, uint8_t **tmp) {
    struct bin_view v;
    *tmp = NULL;
    if (!bin_view(t, &v) || v.bit_size % 8) return false;
    *len = (size_t)(v.bit_size / 8);
    if (v.bit_offset % 8 == 0) {
        *bytes = v.bytes + v.bit_offset / 8;
        return true;
    }
    *tmp = mem_malloc(*len ? *len : 1);
    if (!*tmp) return false;
    bits_copy(*tmp, 0, v.bytes, v.bit_offset, v.bit_size);
    *bytes = *tmp;
    return true;
}

static term make_sub(term orig, uint64_t offset, uint64_t nbits, term **hp) {
    term *h = *hp;
    h[0] = make_header(SUB_SUB_BIN, SUBBIN_WORDS - 1);
    h[1] = nbits;
    h[2] = offset;
    h[3] = orig;
    *hp = h + SUBBIN_WORDS;
    return term_from_boxed_ptr(h);
}

/* ---- bit copying ------------------------------------------------------ */

/* Copy n bits from src at bit soff to dst at bit doff (MSB first). The
   destination bits outside the range are kept. */
void bits_copy(uint8_t *dst, uint64_t doff, const uint8_t *src, uint64_t soff, uint64_t n) {
    if (n == 0) return;
    dst += doff / 8, doff %= 8;
    src += soff / 8, soff %= 8;
    if (doff == 0 && soff == 0) {
        memcpy(dst, src, n / 8);
        if (n % 8) {
            unsigned mask = (0xFFu << (8 - n % 8)) & 0xFF;
            dst[n / 8] = (uint8_t)((dst[n / 8] & ~mask) | (src[n / 8] & mask));
        }
        return;
    }
    /* general case: one destination byte at a time */
    while (n > 0) {
        unsigned room = 8 - (unsigned)doff;
        unsigned take = n < room ? (unsigned)n : room;
        /* take `take` bits starting at src bit soff */
        unsigned w = (unsigned)src[0] << 8 | (soff + take > 8 ? src[1] : 0);
        unsigned bits = (w >> (16 - soff - take)) & ((1u << take) - 1);
        unsigned shift = room - take;
        unsigned mask = ((1u << take) - 1) << shift;
        dst[0] = (uint8_t)((dst[0] & ~mask) | (bits << shift));
        n -= take;
        soff += take;
        src += soff / 8, soff %= 8;
        doff += take;
        if (doff == 8) dst++, doff = 0;
    }
}

static bool host_little(void) {
    const uint16_t one = 1;
    return *(const uint8_t *)&one == 1;
}
static bool is_little(uint32_t flags) {
    return (flags & BS_LITTLE) || ((flags & BS_NATIVE) && host_little());
}

/* ---- integers ----------------------------------------------------------- */

/* Fill le[0..nbytes) with the low nbits of integer t in two's complement,
   least significant byte first; the top byte keeps only its valid bits. */
static void int_to_le_bytes(term t, uint64_t nbits, uint8_t *le, size_t nbytes) {
    struct bigv v;
    bigv_of(t, &v);
    size_t have = v.n * 8;
    for (size_t i = 0; i < nbytes; i++) le[i] = i < have ? (uint8_t)(v.d[i / 8] >> (8 * (i % 8))) : 0;
    if (v.neg) { /* two's complement: invert, add one */
        unsigned carry = 1;
        for (size_t i = 0; i < nbytes; i++) {
            unsigned b = (uint8_t)~le[i] + carry;
            le[i] = (uint8_t)b;
            carry = b >> 8;
        }
    }
    if (nbits % 8) le[nbytes - 1] &= (uint8_t)((1u << (nbits % 8)) - 1);
}

/* Write integer t as an nbits field at bit pos of dst. */
static bool put_integer(uint8_t *dst, uint64_t pos, term t, uint64_t nbits, uint32_t flags) {
    if (nbits == 0) return true;
    size_t nbytes = (size_t)((nbits + 7) / 8);
    uint8_t small[64], *le = nbytes <= sizeof small ? small : mem_malloc(nbytes);
    if (!le) return false;
    int_to_le_bytes(t, nbits, le, nbytes);
    unsigned r = (unsigned)(nbits % 8);
    if (is_little(flags)) {
        if (r) le[nbytes - 1] = (uint8_t)(le[nbytes - 1] << (8 - r));
        bits_copy(dst, pos, le, 0, nbits);
    } else {
        for (size_t i = 0, j = nbytes - 1; i < j; i++, j--) {
            uint8_t x = le[i];
            le[i] = le[j], le[j] = x;
        }
        bits_copy(dst, pos, le, r ? 8 - r : 0, nbits);
    }
    if (le != small) mem_free(le);
    return true;
}

/* Read an nbits integer at bit pos of src into an integer term at *hp
   (BIG_WORDS((nbits + 63) / 64) words). TERM_NONE if memory runs out. */
static term get_integer(const uint8_t *src, uint64_t pos, uint64_t nbits, uint32_t flags, term **hp) {
    if (nbits == 0) return term_from_small(0);
    size_t nbytes = (size_t)((nbits + 7) / 8), nlimbs = (nbytes + 7) / 8;
    uint64_t small[8], *limbs = nlimbs <= 8 ? small : mem_malloc(nlimbs * 8);
    if (!limbs) return TERM_NONE;
    uint8_t *le = (uint8_t *)limbs; /* bytes, then converted in place */
    memset(le, 0, nlimbs * 8);
    unsigned r = (unsigned)(nbits % 8);
    if (is_little(flags)) {
        bits_copy(le, 0, src, pos, nbits);
        if (r) le[nbytes - 1] >>= 8 - r;
    } else {
        bits_copy(le, r ? 8 - r : 0, src, pos, nbits);
        for (size_t i = 0, j = nbytes - 1; i < j; i++, j--) {
            uint8_t x = le[i];
            le[i] = le[j], le[j] = x;
        }
    }
    bool neg = (flags & BS_SIGNED) && ((le[nbytes - 1] >> ((nbits - 1) % 8)) & 1);
    if (neg) { /* sign-extend the top byte, then negate to the magnitude */
        if (r) le[nbytes - 1] |= (uint8_t)(0xFFu << r);
        unsigned carry = 1;
        for (size_t i = 0; i < nbytes; i++) {
            unsigned b = (uint8_t)~le[i] + carry;
            le[i] = (uint8_t)b;
            carry = b >> 8;
        }
        for (size_t i = nbytes; i < nlimbs * 8; i++) le[i] = 0;
    }
    if (!host_little()) {
        for (size_t k = 0; k < nlimbs; k++) {
            uint64_t x = 0;
            for (int b = 7; b >= 0; b--) x = x << 8 | le[8 * k + (size_t)b];
            limbs[k] = x;
        }
    }
    term res = big_from_limbs(neg, limbs, nlimbs, hp);
    if (limbs != small) mem_free(limbs);
    return res;
}

/* ---- floats --------------------------------------------------------- */

static uint16_t double_to_half(double d) {
    uint64_t u;
    memcpy(&u, &d, 8);
    uint16_t sign = (uint16_t)((u >> 48) & 0x8000);
    double a = fabs(d);
    if (a >= 65520.0) return sign | 0x7C00; /* rounds to infinity */
    if (a < 0x1p-25) return sign;          /* rounds to zero (ties-to-even at 2^-25 gives 0) */
    int e;
    frexp(a, &e); /* a = m * 2^e, m in [0.5, 1) */
    int exp = e - 1;  /* a = 1.f * 2^exp */
    double q;         /* the value in units of the last place */
    uint32_t bits;
    if (exp < -14) { /* subnormal: units of 2^-24 */
        q = nearbyint(ldexp(a, 24));
        bits = (uint32_t)q; /* may become 0x400 = smallest normal, still right */
    } else {
        q = nearbyint(ldexp(a, 10 - exp)); /* 1024..2048 */
        uint32_t mant = (uint32_t)q;
        if (mant == 2048) mant = 1024, exp++;
        if (exp > 15) return sign | 0x7C00;
        bits = (uint32_t)(exp + 15) << 10 | (mant - 1024);
    }
    return sign | (uint16_t)bits;
}

static double half_to_double(uint16_t h) {
    unsigned exp = (h >> 10) & 0x1F, mant = h & 0x3FF;
    double v;
    if (exp == 0) v = ldexp(mant, -24);
    else if (exp == 31) v = mant ? NAN : INFINITY;
    else v = ldexp(mant + 1024, (int)exp - 25);
    return (h & 0x8000) ? -v : v;
}

/* Big-endian bytes of the float value d in nbits (16, 32, 64) at be. */
static void float_bytes(double d, uint64_t nbits, uint8_t *be) {
    uint64_t u;
    if (nbits == 64) {
        memcpy(&u, &d, 8);
    } else if (nbits == 32) {
        float f = (float)d; /* overflow gives infinity, as erl writes */
        uint32_t w;
        memcpy(&w, &f, 4);
        u = w;
    } else {
        u = double_to_half(d);
    }
    unsigned n = (unsigned)(nbits / 8);
    for (unsigned i = 0; i < n; i++) be[i] = (uint8_t)(u >> (8 * (n - 1 - i)));
}

static void maybe_reverse(uint8_t *b, unsigned n, uint32_t flags) {
    if (!is_little(flags)) return;
    for (unsigned i = 0, j = n - 1; i < j; i++, j--) {
        uint8_t x = b[i];
        b[i] = b[j], b[j] = x;
    }
}

/* ---- unicode -------------------------------------------------------- */

static bool valid_cp(term t) {
    if (!term_is_small(t)) return false;
    int64_t c = term_to_small(t);
    return c >= 0 && c <= 0x10FFFF && !(c >= 0xD800 && c <= 0xDFFF);
}

static unsigned utf8_encode(uint32_t c, uint8_t *out) {
    if (c < 0x80) return out[0] = (uint8_t)c, 1;
    if (c < 0x800) {
        out[0] = (uint8_t)(0xC0 | c >> 6), out[1] = (uint8_t)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (uint8_t)(0xE0 | c >> 12), out[1] = (uint8_t)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (uint8_t)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (uint8_t)(0xF0 | c >> 18), out[1] = (uint8_t)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (uint8_t)(0x80 | ((c >> 6) & 0x3F)), out[3] = (uint8_t)(0x80 | (c & 0x3F));
    return 4;
}

static unsigned utf16_encode(uint32_t c, uint32_t flags, uint8_t *out) {
    uint16_t units[2];
    unsigned n = 1;
    if (c < 0x10000) {
        units[0] = (uint16_t)c;
    } else {
        c -= 0x10000;
        units[0] = (uint16_t)(0xD800 | c >> 10), units[1] = (uint16_t)(0xDC00 | (c & 0x3FF));
        n = 2;
    }
    for (unsigned i = 0; i < n; i++) {
        out[2 * i] = (uint8_t)(units[i] >> 8), out[2 * i + 1] = (uint8_t)units[i];
        maybe_reverse(out + 2 * i, 2, flags);
    }
    return 2 * n;
}

/* ---- construction --------------------------------------------------- */

/* Bits segment s takes, or false (badarg). */
static bool seg_bits(const struct bs_seg *s, uint64_t *out) {
    term type = s->type, size = s->size;
    uint64_t n;
    if (type == AM(string)) {
        struct bin_view v;
        if (!bin_view(s->value, &v)) return false;
        *out = term_is_small(size) ? (uint64_t)term_to_small(size) : v.bit_size;
        return *out <= v.bit_size;
    }
    if (type == AM(utf8) || type == AM(utf16) || type == AM(utf32)) {
        if (!valid_cp(s->value)) return false;
        uint32_t c = (uint32_t)term_to_small(s->value);
        if (type == AM(utf8)) n = c < 0x80 ? 8 : c < 0x800 ? 16 : c < 0x10000 ? 24 : 32;
        else if (type == AM(utf16)) n = c < 0x10000 ? 16 : 32;
        else n = 32;
        *out = n;
        return true;
    }
    if (type == AM(binary)) {
        struct bin_view v;
        if (!bin_view(s->value, &v)) return false;
        if (size == TERM_NIL || size == AM(all)) {
            if (s->unit > 1 && v.bit_size % s->unit) return false;
            *out = v.bit_size;
            return true;
        }
        if (!term_is_small(size) || term_to_small(size) < 0) return false;
        if (__builtin_mul_overflow((uint64_t)term_to_small(size), (uint64_t)s->unit, &n)) return false;
        *out = n;
        return n <= v.bit_size;
    }
    uint64_t dflt = type == AM(float) ? 64 : 8;
    if (size == TERM_NIL) {
        n = dflt;
    } else {
        if (!term_is_small(size) || term_to_small(size) < 0) return false;
        if (__builtin_mul_overflow((uint64_t)term_to_small(size), (uint64_t)s->unit, &n)) return false;
    }
    if (type == AM(integer)) {
        if (!term_is_integer(s->value)) return false;
    } else if (type == AM(float)) {
        if (!term_is_number(s->value)) return false;
        if (n != 16 && n != 32 && n != 64) return false;
        double d;
        if (term_is_integer(s->value) && !int_to_double(s->value, &d)) return false;
    } else {
        return false;
    }
    *out = n;
    return true;
}

/* Write segment s (already checked) at bit pos of dst. */
static bool seg_write(const struct bs_seg *s, uint8_t *dst, uint64_t pos, uint64_t nbits) {
    term type = s->type;
    uint8_t buf[8];
    if (type == AM(integer)) return put_integer(dst, pos, s->value, nbits, s->flags);
    if (type == AM(binary) || type == AM(string)) {
        struct bin_view v;
        bin_view(s->value, &v);
        bits_copy(dst, pos, v.bytes, v.bit_offset, nbits);
        return true;
    }
    if (type == AM(float)) {
        double d;
        if (term_is_float(s->value)) d = float_value(s->value);
        else int_to_double(s->value, &d);
        float_bytes(d, nbits, buf);
        maybe_reverse(buf, (unsigned)(nbits / 8), s->flags);
    } else {
        uint32_t c = (uint32_t)term_to_small(s->value);
        if (type == AM(utf8)) {
            utf8_encode(c, buf);
        } else if (type == AM(utf16)) {
            utf16_encode(c, s->flags, buf);
        } else {
            for (int i = 0; i < 4; i++) buf[i] = (uint8_t)(c >> (8 * (3 - i)));
            maybe_reverse(buf, 4, s->flags);
        }
    }
    bits_copy(dst, pos, buf, 0, nbits);
    return true;
}

term bits_create(struct proc *p, const struct bs_seg *segs, uint32_t n) {
    uint64_t total = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t b;
        if (!seg_bits(&segs[i], &b)) return raise_badarg(p);
        if (__builtin_add_overflow(total, b, &total) || total > (UINT64_C(1) << 61))
            return raise_system_limit(p);
    }
    size_t bytes = (size_t)((total + 7) / 8);
    uint8_t *data;
    term *hp = p->htop;
    term bin = bin_alloc_at(p, bytes, &data, &hp);
    if (bin == TERM_NONE) return raise_system_limit(p);
    if (bytes) data[bytes - 1] = 0; /* defined padding bits */
    uint64_t pos = 0;
    for (uint32_t i = 0; i < n; i++) {
        uint64_t b;
        seg_bits(&segs[i], &b);
        if (!seg_write(&segs[i], data, pos, b)) {
            p->htop = hp; /* keep the handle linked: the GC frees it */
            return raise_system_limit(p);
        }
        pos += b;
    }
    if (total % 8) bin = make_sub(bin, 0, total, &hp);
    p->htop = hp;
    return bin;
}

/* ---- matching ------------------------------------------------------- */

/* ctx words: [0] header, [1] orig, [2] position, [3] end */
static inline term *ctx_words(term ctx) { return term_boxed_ptr(ctx); }

static const uint8_t *ctx_bytes(term ctx) {
    struct bin_view v;
    whole_view(term_boxed_ptr(ctx_words(ctx)[1]), &v);
    return v.bytes;
}

term bits_start_match(term t, term **hp) {
    if (term_is_boxed_sub(t, SUB_MATCH_CTX)) return t;
    const term *ptr = term_boxed_ptr(t);
    term orig = t;
    uint64_t pos = 0, end;
    if (header_sub(ptr[0]) == SUB_SUB_BIN) {
        orig = ptr[3];
        pos = ptr[2];
        end = pos + ptr[1];
    } else {
        end = (uint64_t)ptr[1] * 8;
    }
    term *h = *hp;
    h[0] = make_header(SUB_MATCH_CTX, MATCH_CTX_WORDS - 1);
    h[1] = orig;
    h[2] = pos;
    h[3] = end;
    *hp = h + MATCH_CTX_WORDS;
    return term_from_boxed_ptr(h);
}

uint64_t bits_remaining(term ctx) {
    const term *c = ctx_words(ctx);
    return c[3] - c[2];
}

term bits_get_integer(term ctx, uint64_t nbits, uint32_t flags, term **hp) {
    term *c = ctx_words(ctx);
    if (nbits > c[3] - c[2]) return TERM_NONE;
    term r = get_integer(ctx_bytes(ctx), c[2], nbits, flags, hp);
    if (r != TERM_NONE) c[2] += nbits;
    return r;
}

term bits_get_float(term ctx, uint64_t nbits, uint32_t flags, term **hp) {
    term *c = ctx_words(ctx);
    if (nbits > c[3] - c[2] || (nbits != 16 && nbits != 32 && nbits != 64)) return TERM_NONE;
    uint8_t buf[8] = {0};
    bits_copy(buf, 0, ctx_bytes(ctx), c[2], nbits);
    maybe_reverse(buf, (unsigned)(nbits / 8), flags);
    double d;
    if (nbits == 64) {
        uint64_t u = 0;
        for (int i = 0; i < 8; i++) u = u << 8 | buf[i];
        memcpy(&d, &u, 8);
    } else if (nbits == 32) {
        uint32_t u = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
        float f;
        memcpy(&f, &u, 4);
        d = f;
    } else {
        d = half_to_double((uint16_t)(buf[0] << 8 | buf[1]));
    }
    if (!isfinite(d)) return TERM_NONE;
    term r = float_store(*hp, d);
    *hp += FLOAT_WORDS;
    c[2] += nbits;
    return r;
}

term bits_get_binary(term ctx, uint64_t nbits, term **hp) {
    term *c = ctx_words(ctx);
    uint64_t left = c[3] - c[2];
    if (nbits == BITS_ALL) nbits = left;
    if (nbits > left) return TERM_NONE;
    term r = make_sub(c[1], c[2], nbits, hp);
    c[2] += nbits;
    return r;
}

/* Up to 32 bits at the context position as a number, without advancing. */
static bool peek_bits(term ctx, unsigned nbits, uint32_t *out) {
    term *c = ctx_words(ctx);
    if (nbits > c[3] - c[2]) return false;
    uint8_t buf[4] = {0};
    bits_copy(buf, 0, ctx_bytes(ctx), c[2], nbits);
    uint32_t u = (uint32_t)buf[0] << 24 | (uint32_t)buf[1] << 16 | (uint32_t)buf[2] << 8 | buf[3];
    *out = u >> (32 - nbits);
    return true;
}

term bits_get_utf8(term ctx) {
    uint32_t b0, w;
    if (!peek_bits(ctx, 8, &b0)) return TERM_NONE;
    unsigned len;
    uint32_t cp, min;
    if (b0 < 0x80) len = 1, cp = b0, min = 0;
    else if ((b0 & 0xE0) == 0xC0) len = 2, cp = b0 & 0x1F, min = 0x80;
    else if ((b0 & 0xF0) == 0xE0) len = 3, cp = b0 & 0x0F, min = 0x800;
    else if ((b0 & 0xF8) == 0xF0) len = 4, cp = b0 & 0x07, min = 0x10000;
    else return TERM_NONE;
    if (len > 1) {
        if (!peek_bits(ctx, 8 * len, &w)) return TERM_NONE;
        for (unsigned i = 1; i < len; i++) {
            uint32_t b = (w >> (8 * (len - 1 - i))) & 0xFF;
            if ((b & 0xC0) != 0x80) return TERM_NONE;
            cp = cp << 6 | (b & 0x3F);
        }
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return TERM_NONE;
    ctx_words(ctx)[2] += 8 * len;
    return term_from_small(cp);
}

term bits_get_utf16(term ctx, uint32_t flags) {
    uint32_t w;
    if (!peek_bits(ctx, 16, &w)) return TERM_NONE;
    if (is_little(flags)) w = (w >> 8) | ((w & 0xFF) << 8);
    if (w >= 0xDC00 && w <= 0xDFFF) return TERM_NONE;
    if (w < 0xD800 || w > 0xDBFF) {
        ctx_words(ctx)[2] += 16;
        return term_from_small(w);
    }
    uint32_t both;
    if (!peek_bits(ctx, 32, &both)) return TERM_NONE;
    uint32_t lo = both & 0xFFFF;
    if (is_little(flags)) lo = (lo >> 8) | ((lo & 0xFF) << 8);
    if (lo < 0xDC00 || lo > 0xDFFF) return TERM_NONE;
    ctx_words(ctx)[2] += 32;
    return term_from_small(0x10000 + ((w - 0xD800) << 10) + (lo - 0xDC00));
}

term bits_get_utf32(term ctx, uint32_t flags) {
    uint32_t w;
    if (!peek_bits(ctx, 32, &w)) return TERM_NONE;
    if (is_little(flags)) w = __builtin_bswap32(w);
    if (w > 0x10FFFF || (w >= 0xD800 && w <= 0xDFFF)) return TERM_NONE;
    ctx_words(ctx)[2] += 32;
    return term_from_small(w);
}

bool bits_skip(term ctx, uint64_t nbits) {
    term *c = ctx_words(ctx);
    if (nbits == BITS_ALL) nbits = c[3] - c[2];
    if (nbits > c[3] - c[2]) return false;
    c[2] += nbits;
    return true;
}

bool bits_match_string(term ctx, const uint8_t *bytes, uint64_t nbits) {
    term *c = ctx_words(ctx);
    if (nbits > c[3] - c[2]) return false;
    const uint8_t *src = ctx_bytes(ctx);
    uint64_t pos = c[2];
    uint8_t buf[64];
    for (uint64_t done = 0; done < nbits;) {
        uint64_t chunk = nbits - done < 8 * sizeof buf ? nbits - done : 8 * sizeof buf;
        memset(buf, 0, sizeof buf);
        bits_copy(buf, 0, src, pos + done, chunk);
        size_t full = (size_t)(chunk / 8);
        if (memcmp(buf, bytes + done / 8, full)) return false;
        if (chunk % 8) {
            unsigned mask = (0xFFu << (8 - chunk % 8)) & 0xFF;
            if ((buf[full] ^ bytes[done / 8 + full]) & mask) return false;
        }
        done += chunk;
    }
    c[2] += nbits;
    return true;
}

term bits_get_tail(term ctx, term **hp) {
    term *c = ctx_words(ctx);
    return make_sub(c[1], c[2], c[3] - c[2], hp); /* position kept, as BEAM does */
}

term bits_get_position(term ctx) { return term_from_small((int64_t)ctx_words(ctx)[2]); }

void bits_set_position(term ctx, term pos) {
    term *c = ctx_words(ctx);
    uint64_t v = (uint64_t)term_to_small(pos);
    if (term_is_small(pos) && v <= c[3]) c[2] = v;
}
