/*
 * bif_binary.c — the binary BIFs: erlang's byte_size/1, binary_to_list,
 * iolist_to_binary ... and the binary module (split, match, replace ...).
 *
 * Invariants: iolists are walked with an explicit stack (no C recursion,
 * any depth); every walk that allocates first measures, then reserves
 * with one heap_ensure_free, then re-reads its arguments (the GC moves
 * binaries on the heap) and builds. Results that are parts of an argument
 * are sub binaries sharing its bytes (as erl's are).
 * Runs on the thread of the calling process.
 */
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "bits.h"
#include "error.h"
#include "heap.h"

/* ---- helpers ------------------------------------------------------------ */

/* A sub binary of bin's bytes [off, off + len) (bin is byte-sized). */
static term sub_of(term bin, uint64_t off, uint64_t len, term **hp) {
    const term *ptr = term_boxed_ptr(bin);
    term orig = bin;
    uint64_t base = 0;
    if (header_sub(ptr[0]) == SUB_SUB_BIN) orig = ptr[3], base = ptr[2];
    term *h = *hp;
    h[0] = make_header(SUB_SUB_BIN, SUBBIN_WORDS - 1);
    h[1] = len * 8;
    h[2] = base + off * 8;
    h[3] = orig;
    *hp = h + SUBBIN_WORDS;
    return term_from_boxed_ptr(h);
}

static bool is_binary(term t) {
    struct bin_view v;
    return bin_view(t, &v) && v.bit_size % 8 == 0;
}

static uint64_t byte_len(term t) {
    struct bin_view v;
    bin_view(t, &v);
    return v.bit_size / 8;
}

/* Byte i of a (byte-sized) bitstring view. */
static inline uint8_t vbyte(const struct bin_view *v, uint64_t i) {
    uint64_t at = v->bit_offset + 8 * i;
    const uint8_t *b = v->bytes + at / 8;
    unsigned sh = at % 8;
    return sh ? (uint8_t)(b[0] << sh | b[1] >> (8 - sh)) : b[0];
}

static term make_list_of_bytes(struct proc *p, term *bin_slot, uint64_t from, uint64_t n) {
    if (!heap_ensure_free(p, 2 * n)) return raise_system_limit(p);
    struct bin_view v;
    bin_view(*bin_slot, &v);
    term *hp = heap_take(p, 2 * n), l = TERM_NIL;
    for (uint64_t i = n; i-- > 0;) l = cons_store(hp + 2 * i, term_from_small(vbyte(&v, from + i)), l);
    return l;
}

static term make_binary(struct proc *p, const uint8_t *bytes, size_t n) {
    uint8_t *d;
    term b = bin_alloc(p, n, &d);
    if (b == TERM_NONE) return raise_system_limit(p);
    memcpy(d, bytes, n);
    return b;
}

static bool get_uint(term t, uint64_t *out) {
    if (!term_is_small(t) || term_to_small(t) < 0) return false;
    *out = (uint64_t)term_to_small(t);
    return true;
}

/* ---- iolists ---------------------------------------------------------- */

struct tstk { term *v; size_t n, cap; };
static bool tpush(struct tstk *s, term t) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        term *v = mem_realloc(s->v, cap * sizeof *v);
        if (!v) return false;
        s->v = v, s->cap = cap;
    }
    s->v[s->n++] = t;
    return true;
}

enum { IO_OK, IO_BADARG, IO_NOMEM };
/* Walk iolist t. With out == NULL, count its bits into *bits; else write
   them at out. bitstrings: allow any bitstring (list_to_bitstring). */
static int iolist_walk(term t, bool bitstrings, uint64_t *bits, uint8_t *out) {
    struct tstk s = {0};
    uint64_t pos = 0;
    int rc = IO_OK;
    struct bin_view v;
    if (!tpush(&s, t)) return IO_NOMEM;
    while (s.n > 0 && rc == IO_OK) {
        term cur = s.v[--s.n];
        for (;;) {
            if (term_is_nil(cur)) break;
            if (bin_view(cur, &v) && term_is_bitstring(cur)) { /* a tail (or the root) */
                if (!bitstrings && v.bit_size % 8) rc = IO_BADARG;
                else if (out) bits_copy(out, pos, v.bytes, v.bit_offset, v.bit_size);
                pos += v.bit_size;
                break;
            }
            if (!term_is_list(cur)) {
                rc = IO_BADARG;
                break;
            }
            term h = CAR(cur);
            cur = CDR(cur);
            if (term_is_small(h)) {
                int64_t c = term_to_small(h);
                if (c < 0 || c > 255) {
                    rc = IO_BADARG;
                    break;
                }
                if (out) {
                    uint8_t byte = (uint8_t)c;
                    bits_copy(out, pos, &byte, 0, 8);
                }
                pos += 8;
            } else if (term_is_bitstring(h)) {
                bin_view(h, &v);
                if (!bitstrings && v.bit_size % 8) {
                    rc = IO_BADARG;
                    break;
                }
                if (out) bits_copy(out, pos, v.bytes, v.bit_offset, v.bit_size);
                pos += v.bit_size;
            } else if (term_is_list(h) || term_is_nil(h)) {
                if (!tpush(&s, cur)) {
                    rc = IO_NOMEM;
                    break;
                }
                cur = h;
            } else {
                rc = IO_BADARG;
                break;
            }
        }
    }
    mem_free(s.v);
    *bits = pos;
    return rc;
}

/* The iolist in *slot as a new bitstring. */
static term iolist_to_bits(struct proc *p, term *slot, bool bitstrings) {
    uint64_t bits;
    int rc = iolist_walk(*slot, bitstrings, &bits, NULL);
    if (rc != IO_OK) return rc == IO_BADARG ? raise_badarg(p) : raise_system_limit(p);
    size_t bytes = (size_t)((bits + 7) / 8);
    uint8_t *data;
    term b = bin_alloc(p, bytes, &data); /* may GC: *slot is re-read after */
    if (b == TERM_NONE) return raise_system_limit(p);
    if (bytes) data[bytes - 1] = 0;
    iolist_walk(*slot, bitstrings, &bits, data);
    if (bits % 8) {
        *slot = b; /* the argument is no longer needed: it roots b across the GC */
        if (!heap_ensure_free(p, SUBBIN_WORDS)) return raise_system_limit(p);
        b = *slot;
        term *h = heap_take(p, SUBBIN_WORDS);
        h[0] = make_header(SUB_SUB_BIN, SUBBIN_WORDS - 1), h[1] = bits, h[2] = 0, h[3] = b;
        b = term_from_boxed_ptr(h);
    }
    return b;
}

term bif_erlang_list_to_binary_1(struct proc *p, term *args) {
    if (!term_is_list(args[0]) && !term_is_nil(args[0])) return raise_badarg(p);
    return iolist_to_bits(p, &args[0], false);
}
term bif_erlang_iolist_to_binary_1(struct proc *p, term *args) {
    if (is_binary(args[0])) return args[0];
    if (!term_is_list(args[0]) && !term_is_nil(args[0])) return raise_badarg(p);
    return iolist_to_bits(p, &args[0], false);
}
term bif_erlang_list_to_bitstring_1(struct proc *p, term *args) {
    if (!term_is_list(args[0]) && !term_is_nil(args[0])) return raise_badarg(p);
    return iolist_to_bits(p, &args[0], true);
}
term bif_binary_list_to_bin_1(struct proc *p, term *args) { return bif_erlang_list_to_binary_1(p, args); }

/* An I/O vector of one binary ([] for an empty one): what erl's
   iolist_to_iovec/1 and term_to_iovec/1,2 give, but in one piece where
   erl may keep large binaries apart (docs/deviations.md). */
static term iovec_of(struct proc *p, term bin, term *root) {
    struct bin_view v;
    if (bin == TERM_NONE) return TERM_NONE;
    if (bin_view(bin, &v) && v.bit_size == 0) return TERM_NIL;
    *root = bin;
    if (!heap_ensure_free(p, CONS_WORDS)) return raise_system_limit(p);
    return cons_store(heap_take(p, CONS_WORDS), *root, TERM_NIL);
}
term bif_erlang_iolist_to_iovec_1(struct proc *p, term *args) {
    return iovec_of(p, bif_erlang_iolist_to_binary_1(p, args), &args[0]);
}
term bif_erlang_term_to_iovec_1(struct proc *p, term *args) {
    return iovec_of(p, bif_erlang_term_to_binary_1(p, args), &args[0]);
}
term bif_erlang_term_to_iovec_2(struct proc *p, term *args) {
    return iovec_of(p, bif_erlang_term_to_binary_2(p, args), &args[0]);
}

term bif_erlang_iolist_size_1(struct proc *p, term *args) {
    uint64_t bits;
    int rc = iolist_walk(args[0], false, &bits, NULL);
    if (rc != IO_OK) return rc == IO_BADARG ? raise_badarg(p) : raise_system_limit(p);
    return term_from_small((int64_t)(bits / 8));
}

/* ---- sizes and conversions --------------------------------------------- */

term bif_erlang_byte_size_1(struct proc *p, term *args) {
    struct bin_view v;
    if (!term_is_bitstring(args[0]) || !bin_view(args[0], &v)) return raise_badarg(p);
    return term_from_small((int64_t)((v.bit_size + 7) / 8));
}
term bif_erlang_bit_size_1(struct proc *p, term *args) {
    struct bin_view v;
    if (!term_is_bitstring(args[0]) || !bin_view(args[0], &v)) return raise_badarg(p);
    return term_from_small((int64_t)v.bit_size);
}

term bif_erlang_binary_to_list_1(struct proc *p, term *args) {
    if (!is_binary(args[0])) return raise_badarg(p);
    return make_list_of_bytes(p, &args[0], 0, byte_len(args[0]));
}

/* 1-based Start..Stop of binary_to_list/3 and bin_to_list */
term bif_erlang_binary_to_list_3(struct proc *p, term *args) {
    uint64_t from, to;
    if (!is_binary(args[0]) || !get_uint(args[1], &from) || !get_uint(args[2], &to)) return raise_badarg(p);
    uint64_t n = byte_len(args[0]);
    if (from < 1 || from > n || to < from - 1 || to > n) return raise_badarg(p);
    return make_list_of_bytes(p, &args[0], from - 1, to - from + 1);
}

term bif_erlang_bitstring_to_list_1(struct proc *p, term *args) {
    struct bin_view v;
    if (!term_is_bitstring(args[0])) return raise_badarg(p);
    bin_view(args[0], &v);
    uint64_t n = v.bit_size / 8;
    unsigned rest = (unsigned)(v.bit_size % 8);
    if (!heap_ensure_free(p, 2 * n + 2 + (rest ? SUBBIN_WORDS : 0))) return raise_system_limit(p);
    bin_view(args[0], &v);
    term tail = TERM_NIL;
    if (rest) {
        term *hp = heap_take(p, SUBBIN_WORDS + 2);
        term sub = sub_of(args[0], 0, 0, &hp);
        term_boxed_ptr(sub)[1] = rest;
        term_boxed_ptr(sub)[2] += 8 * n;
        tail = cons_store(hp, sub, TERM_NIL);
    }
    term *hp = heap_take(p, 2 * n);
    for (uint64_t i = n; i-- > 0;) tail = cons_store(hp + 2 * i, term_from_small(vbyte(&v, i)), tail);
    return tail;
}

/* {Start, Len} with a negative Len counting back, checked against size */
static bool part_range(term bin, term start, term len, uint64_t *off, uint64_t *n) {
    if (!is_binary(bin) || !term_is_small(start) || !term_is_small(len)) return false;
    int64_t s = term_to_small(start), l = term_to_small(len), size = (int64_t)byte_len(bin);
    if (l < 0) s += l, l = -l;
    if (s < 0 || s > size || l > size - s) return false;
    *off = (uint64_t)s, *n = (uint64_t)l;
    return true;
}

static term part(struct proc *p, term *args, term start, term len) {
    uint64_t off, n;
    if (!part_range(args[0], start, len, &off, &n)) return raise_badarg(p);
    if (!heap_ensure_free(p, SUBBIN_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, SUBBIN_WORDS);
    return sub_of(args[0], off, n, &hp);
}

static term part_tuple(struct proc *p, term *args) {
    term t = args[1];
    if (!term_is_tuple(t) || tuple_arity(t) != 2) return raise_badarg(p);
    return part(p, args, tuple_elems(t)[0], tuple_elems(t)[1]);
}

term bif_erlang_binary_part_2(struct proc *p, term *args) { return part_tuple(p, args); }
term bif_erlang_binary_part_3(struct proc *p, term *args) { return part(p, args, args[1], args[2]); }
term bif_binary_part_2(struct proc *p, term *args) { return part_tuple(p, args); }
term bif_binary_part_3(struct proc *p, term *args) { return part(p, args, args[1], args[2]); }

term bif_erlang_split_binary_2(struct proc *p, term *args) {
    uint64_t at;
    if (!is_binary(args[0]) || !get_uint(args[1], &at) || at > byte_len(args[0])) return raise_badarg(p);
    if (!heap_ensure_free(p, 2 * SUBBIN_WORDS + TUPLE_WORDS(2))) return raise_system_limit(p);
    term *hp = heap_take(p, 2 * SUBBIN_WORDS + TUPLE_WORDS(2));
    uint64_t n = byte_len(args[0]);
    term a = sub_of(args[0], 0, at, &hp), b = sub_of(args[0], at, n - at, &hp);
    hp[0] = make_header(SUB_TUPLE, 2), hp[1] = a, hp[2] = b;
    return term_from_boxed_ptr(hp);
}

/* ---- atoms ------------------------------------------------------------- */

static bool encoding_ok(term enc, bool *latin1) {
    *latin1 = enc == AM(latin1);
    return enc == AM(latin1) || enc == AM(utf8) || enc == AM(unicode);
}

static term atom_to_bin(struct proc *p, term a, term enc) {
    bool latin1;
    if (!term_is_atom(a) || !encoding_ok(enc, &latin1)) return raise_badarg(p);
    size_t len;
    const uint8_t *t = (const uint8_t *)atom_text(term_to_atom(a), &len);
    if (!latin1) return make_binary(p, t, len);
    uint8_t buf[255];
    size_t k = 0;
    for (size_t i = 0; i < len; i++) {
        if (t[i] < 0x80) buf[k++] = t[i];
        else if ((t[i] == 0xC2 || t[i] == 0xC3) && i + 1 < len) buf[k++] = (uint8_t)((t[i] & 3) << 6 | (t[i + 1] & 0x3F)), i++;
        else return raise_badarg(p);
    }
    return make_binary(p, buf, k);
}

term bif_erlang_atom_to_binary_1(struct proc *p, term *args) { return atom_to_bin(p, args[0], AM(utf8)); }
term bif_erlang_atom_to_binary_2(struct proc *p, term *args) { return atom_to_bin(p, args[0], args[1]); }

static term bin_to_atom(struct proc *p, term b, term enc, bool existing) {
    bool latin1;
    if (!encoding_ok(enc, &latin1)) return raise_badarg(p);
    const uint8_t *bytes;
    size_t len;
    uint8_t *tmp;
    if (!bin_bytes(b, &bytes, &len, &tmp)) return raise_badarg(p);
    uint8_t *conv = NULL;
    if (latin1) {
        if (len > 255) {
            mem_free(tmp);
            return raise_system_limit(p);
        }
        conv = mem_malloc(2 * len + 1);
        size_t k = 0;
        for (size_t i = 0; conv && i < len; i++) {
            if (bytes[i] < 0x80) conv[k++] = bytes[i];
            else conv[k++] = (uint8_t)(0xC0 | bytes[i] >> 6), conv[k++] = (uint8_t)(0x80 | (bytes[i] & 0x3F));
        }
        bytes = conv, len = k;
    }
    uint32_t a = ATOM_NOT_FOUND;
    if (!latin1 || conv) a = existing ? atom_lookup((const char *)bytes, len) : atom_intern((const char *)bytes, len);
    mem_free(tmp);
    mem_free(conv);
    if (a == ATOM_NOT_FOUND) {
        /* too long is system_limit in erl; bad UTF-8 or unknown is badarg */
        if (!existing && !latin1 && len > 4 * 255) return raise_system_limit(p);
        return raise_badarg(p);
    }
    return term_from_atom(a);
}

term bif_erlang_binary_to_atom_1(struct proc *p, term *args) { return bin_to_atom(p, args[0], AM(utf8), false); }
term bif_erlang_binary_to_atom_2(struct proc *p, term *args) { return bin_to_atom(p, args[0], args[1], false); }
term bif_erlang_binary_to_existing_atom_1(struct proc *p, term *args) {
    return bin_to_atom(p, args[0], AM(utf8), true);
}
term bif_erlang_binary_to_existing_atom_2(struct proc *p, term *args) {
    return bin_to_atom(p, args[0], args[1], true);
}

/* ---- the binary module: simple accessors ---------------------------------- */

term bif_binary_at_2(struct proc *p, term *args) {
    uint64_t i;
    if (!is_binary(args[0]) || !get_uint(args[1], &i) || i >= byte_len(args[0])) return raise_badarg(p);
    struct bin_view v;
    bin_view(args[0], &v);
    return term_from_small(vbyte(&v, i));
}
term bif_binary_first_1(struct proc *p, term *args) {
    if (!is_binary(args[0]) || byte_len(args[0]) == 0) return raise_badarg(p);
    struct bin_view v;
    bin_view(args[0], &v);
    return term_from_small(vbyte(&v, 0));
}
term bif_binary_last_1(struct proc *p, term *args) {
    if (!is_binary(args[0]) || byte_len(args[0]) == 0) return raise_badarg(p);
    struct bin_view v;
    bin_view(args[0], &v);
    return term_from_small(vbyte(&v, v.bit_size / 8 - 1));
}

static term copy_n(struct proc *p, term *args, uint64_t times) {
    uint64_t n = byte_len(args[0]), total;
    if (__builtin_mul_overflow(n, times, &total) || total > ((uint64_t)1 << 40)) return raise_system_limit(p);
    uint8_t *d;
    term b = bin_alloc(p, (size_t)total, &d);
    if (b == TERM_NONE) return raise_system_limit(p);
    struct bin_view v;
    bin_view(args[0], &v); /* after the allocation: it may have moved */
    for (uint64_t k = 0; k < times; k++) bits_copy(d + k * n, 0, v.bytes, v.bit_offset, 8 * n);
    return b;
}
term bif_binary_copy_1(struct proc *p, term *args) {
    if (!is_binary(args[0])) return raise_badarg(p);
    return copy_n(p, args, 1);
}
term bif_binary_copy_2(struct proc *p, term *args) {
    uint64_t times;
    if (!is_binary(args[0]) || !get_uint(args[1], &times)) return raise_badarg(p);
    return copy_n(p, args, times);
}

static bool endianness(term e, bool *little) {
    *little = e == AM(little);
    return e == AM(little) || e == AM(big);
}

static term decode_unsigned(struct proc *p, term *args, term endian) {
    bool little;
    if (!is_binary(args[0]) || !endianness(endian, &little)) return raise_badarg(p);
    uint64_t n = byte_len(args[0]), limbs = (n + 7) / 8;
    if (!heap_ensure_free(p, BIG_WORDS(limbs))) return raise_system_limit(p);
    uint64_t *d = mem_zalloc((limbs ? limbs : 1) * 8);
    if (!d) return raise_system_limit(p);
    struct bin_view v;
    bin_view(args[0], &v);
    for (uint64_t i = 0; i < n; i++) { /* i-th least significant byte */
        uint8_t b = vbyte(&v, little ? i : n - 1 - i);
        d[i / 8] |= (uint64_t)b << (8 * (i % 8));
    }
    term *hp = p->htop;
    term r = big_from_limbs(false, d, (size_t)limbs, &hp);
    p->htop = hp;
    mem_free(d);
    return r;
}
term bif_binary_decode_unsigned_1(struct proc *p, term *args) { return decode_unsigned(p, args, AM(big)); }
term bif_binary_decode_unsigned_2(struct proc *p, term *args) { return decode_unsigned(p, args, args[1]); }

static term encode_unsigned(struct proc *p, term *args, term endian) {
    bool little;
    term t = args[0];
    if (!term_is_integer(t) || !endianness(endian, &little)) return raise_badarg(p);
    struct bigv v;
    bigv_of(t, &v);
    if (v.neg) return raise_badarg(p);
    size_t bytes = v.n * 8;
    while (bytes > 1 && ((v.d[(bytes - 1) / 8] >> (8 * ((bytes - 1) % 8))) & 0xFF) == 0) bytes--;
    if (bytes == 0) bytes = 1;
    uint8_t *d;
    term b = bin_alloc(p, bytes, &d);
    if (b == TERM_NONE) return raise_system_limit(p);
    bigv_of(args[0], &v); /* re-read after a possible GC */
    for (size_t i = 0; i < bytes; i++) {
        uint8_t x = v.n ? (uint8_t)(v.d[i / 8] >> (8 * (i % 8))) : 0;
        d[little ? i : bytes - 1 - i] = x;
    }
    return b;
}
term bif_binary_encode_unsigned_1(struct proc *p, term *args) { return encode_unsigned(p, args, AM(big)); }
term bif_binary_encode_unsigned_2(struct proc *p, term *args) { return encode_unsigned(p, args, args[1]); }

term bif_binary_bin_to_list_1(struct proc *p, term *args) { return bif_erlang_binary_to_list_1(p, args); }
static term bin_to_list_part(struct proc *p, term *args, term start, term len) {
    uint64_t off, n;
    if (!part_range(args[0], start, len, &off, &n)) return raise_badarg(p);
    return make_list_of_bytes(p, &args[0], off, n);
}
term bif_binary_bin_to_list_2(struct proc *p, term *args) {
    term t = args[1];
    if (!term_is_tuple(t) || tuple_arity(t) != 2) return raise_badarg(p);
    return bin_to_list_part(p, args, tuple_elems(t)[0], tuple_elems(t)[1]);
}
term bif_binary_bin_to_list_3(struct proc *p, term *args) { return bin_to_list_part(p, args, args[1], args[2]); }

/* longest common prefix (or suffix) of a non-empty list of binaries */
static term common(struct proc *p, term l, bool suffix) {
    if (!term_is_list(l)) return raise_badarg(p);
    uint64_t best = UINT64_MAX;
    struct bin_view first;
    if (!is_binary(CAR(l))) return raise_badarg(p);
    bin_view(CAR(l), &first);
    uint64_t flen = first.bit_size / 8;
    for (term c = l; term_is_list(c); c = CDR(c)) {
        struct bin_view v;
        if (!is_binary(CAR(c)) || (!term_is_list(CDR(c)) && !term_is_nil(CDR(c)))) return raise_badarg(p);
        bin_view(CAR(c), &v);
        uint64_t n = v.bit_size / 8, k = 0;
        while (k < n && k < flen &&
               (suffix ? vbyte(&v, n - 1 - k) == vbyte(&first, flen - 1 - k) : vbyte(&v, k) == vbyte(&first, k)))
            k++;
        if (k < best) best = k;
    }
    return term_from_small((int64_t)best);
}
term bif_binary_longest_common_prefix_1(struct proc *p, term *args) { return common(p, args[0], false); }
term bif_binary_longest_common_suffix_1(struct proc *p, term *args) { return common(p, args[0], true); }

/* ---- the binary module: searching ------------------------------------------ */

#define MAX_PATTERNS 256
struct search {
    const uint8_t *subj;
    size_t subj_len;
    uint8_t *subj_tmp;
    const uint8_t *pat[MAX_PATTERNS];
    size_t pat_len[MAX_PATTERNS];
    uint8_t *pat_tmp[MAX_PATTERNS];
    unsigned npat;
    uint64_t from, to; /* scope */
    bool global, trim, trim_all;
    struct { uint64_t pos, len; } *hits;
    size_t nhits;
};

static void search_free(struct search *s) {
    mem_free(s->subj_tmp);
    for (unsigned i = 0; i < s->npat; i++) mem_free(s->pat_tmp[i]);
    mem_free(s->hits);
}

static bool add_pattern(struct search *s, term b) {
    if (s->npat == MAX_PATTERNS || !is_binary(b) || byte_len(b) == 0) return false;
    unsigned i = s->npat;
    if (!bin_bytes(b, &s->pat[i], &s->pat_len[i], &s->pat_tmp[i])) return false;
    s->npat++;
    return true;
}

/* Pattern: a binary, a non-empty list of binaries, or compile_pattern's. */
static bool get_patterns(struct search *s, term pat) {
    if (term_is_tuple(pat) && tuple_arity(pat) == 2 && tuple_elems(pat)[0] == AM(bm)) pat = tuple_elems(pat)[1];
    if (is_binary(pat)) return add_pattern(s, pat);
    if (!term_is_list(pat)) return false;
    for (; term_is_list(pat); pat = CDR(pat))
        if (!add_pattern(s, CAR(pat))) return false;
    return term_is_nil(pat);
}

static bool get_scope(struct search *s, term opt) {
    if (!term_is_tuple(opt) || tuple_arity(opt) != 2 || tuple_elems(opt)[0] != AM(scope)) return false;
    term r = tuple_elems(opt)[1];
    if (!term_is_tuple(r) || tuple_arity(r) != 2) return false;
    term st = tuple_elems(r)[0], ln = tuple_elems(r)[1];
    if (!term_is_small(st) || !term_is_small(ln)) return false;
    int64_t a = term_to_small(st), l = term_to_small(ln), size = (int64_t)s->subj_len;
    if (l < 0) a += l, l = -l;
    if (a < 0 || a > size || l > size - a) return false;
    s->from = (uint64_t)a, s->to = (uint64_t)(a + l);
    return true;
}

/* Set up: subject and patterns checked. */
static bool search_init(struct search *s, term subj, term pat) {
    memset(s, 0, sizeof *s);
    if (!is_binary(subj) || !bin_bytes(subj, &s->subj, &s->subj_len, &s->subj_tmp)) return false;
    s->to = s->subj_len;
    return get_patterns(s, pat);
}

/* Find the matches (all if global) in the scope into s->hits. */
static bool search_run(struct search *s, bool global) {
    size_t cap = 0;
    for (uint64_t i = s->from; i < s->to;) {
        size_t best = 0;
        for (unsigned k = 0; k < s->npat; k++) {
            size_t n = s->pat_len[k];
            if (n > best && n <= s->to - i && memcmp(s->subj + i, s->pat[k], n) == 0) best = n;
        }
        if (!best) {
            i++;
            continue;
        }
        if (s->nhits == cap) {
            cap = cap ? 2 * cap : 8;
            void *h = mem_realloc(s->hits, cap * sizeof *s->hits);
            if (!h) return false;
            s->hits = h;
        }
        s->hits[s->nhits].pos = i, s->hits[s->nhits].len = best;
        s->nhits++;
        if (!global) break;
        i += best;
    }
    return true;
}

static term hit_tuple(uint64_t pos, uint64_t len, term **hp) {
    term *h = *hp;
    h[0] = make_header(SUB_TUPLE, 2), h[1] = term_from_small((int64_t)pos), h[2] = term_from_small((int64_t)len);
    *hp = h + 3;
    return term_from_boxed_ptr(h);
}

static term do_match(struct proc *p, term *args, term opts, bool all) {
    struct search s;
    if (!search_init(&s, args[0], args[1])) return search_free(&s), raise_badarg(p);
    for (; term_is_list(opts); opts = CDR(opts))
        if (!get_scope(&s, CAR(opts))) return search_free(&s), raise_badarg(p);
    if (!term_is_nil(opts)) return search_free(&s), raise_badarg(p);
    if (!search_run(&s, all)) return search_free(&s), raise_system_limit(p);
    term r;
    if (!heap_ensure_free(p, s.nhits * (3 + 2))) {
        r = raise_system_limit(p);
    } else if (!all) {
        term *hp = p->htop;
        r = s.nhits ? hit_tuple(s.hits[0].pos, s.hits[0].len, &hp) : AM(nomatch);
        p->htop = hp;
    } else {
        term *hp = heap_take(p, s.nhits * 5);
        r = TERM_NIL;
        for (size_t i = s.nhits; i-- > 0;) {
            term *h = hp + 5 * i + 2;
            term t = hit_tuple(s.hits[i].pos, s.hits[i].len, &h);
            r = cons_store(hp + 5 * i, t, r);
        }
    }
    search_free(&s);
    return r;
}
term bif_binary_match_2(struct proc *p, term *args) { return do_match(p, args, TERM_NIL, false); }
term bif_binary_match_3(struct proc *p, term *args) { return do_match(p, args, args[2], false); }
term bif_binary_matches_2(struct proc *p, term *args) { return do_match(p, args, TERM_NIL, true); }
term bif_binary_matches_3(struct proc *p, term *args) { return do_match(p, args, args[2], true); }

term bif_binary_compile_pattern_1(struct proc *p, term *args) {
    struct search s;
    memset(&s, 0, sizeof s);
    bool ok = get_patterns(&s, args[0]);
    search_free(&s);
    if (!ok) return raise_badarg(p);
    if (!heap_ensure_free(p, TUPLE_WORDS(2))) return raise_system_limit(p);
    term *h = heap_take(p, TUPLE_WORDS(2));
    h[0] = make_header(SUB_TUPLE, 2), h[1] = AM(bm), h[2] = args[0];
    return term_from_boxed_ptr(h);
}

static term do_split(struct proc *p, term *args, term opts) {
    struct search s;
    if (!search_init(&s, args[0], args[1])) return search_free(&s), raise_badarg(p);
    bool global = false, trim = false, trim_all = false;
    for (; term_is_list(opts); opts = CDR(opts)) {
        term o = CAR(opts);
        if (o == AM(global)) global = true;
        else if (o == AM(trim)) trim = true;
        else if (o == AM(trim_all)) trim_all = true;
        else if (!get_scope(&s, o)) return search_free(&s), raise_badarg(p);
    }
    if (!term_is_nil(opts)) return search_free(&s), raise_badarg(p);
    if (!search_run(&s, global)) return search_free(&s), raise_system_limit(p);
    size_t parts = s.nhits + 1;
    if (!heap_ensure_free(p, parts * (SUBBIN_WORDS + 2))) return search_free(&s), raise_system_limit(p);
    term *hp = p->htop, r = TERM_NIL;
    bool trailing = true;
    for (size_t i = parts; i-- > 0;) {
        uint64_t start = i ? s.hits[i - 1].pos + s.hits[i - 1].len : 0;
        uint64_t end = i < s.nhits ? s.hits[i].pos : s.subj_len;
        if (end == start && (trim_all || (trim && trailing))) continue;
        trailing = false;
        term b = sub_of(args[0], start, end - start, &hp);
        r = cons_store(hp, b, r);
        hp += 2;
    }
    p->htop = hp;
    search_free(&s);
    return r;
}
term bif_binary_split_2(struct proc *p, term *args) { return do_split(p, args, TERM_NIL); }
term bif_binary_split_3(struct proc *p, term *args) { return do_split(p, args, args[2]); }

static term do_replace(struct proc *p, term *args, term opts) {
    struct search s;
    if (!search_init(&s, args[0], args[1]) || !is_binary(args[2])) return search_free(&s), raise_badarg(p);
    uint64_t rlen = byte_len(args[2]);
    bool global = false;
    uint64_t ins[64];
    size_t nins = 0;
    for (; term_is_list(opts); opts = CDR(opts)) {
        term o = CAR(opts);
        if (o == AM(global)) {
            global = true;
        } else if (term_is_tuple(o) && tuple_arity(o) == 2 && tuple_elems(o)[0] == AM(insert_replaced)) {
            term v = tuple_elems(o)[1];
            nins = 0;
            if (term_is_small(v)) v = TERM_NIL, ins[nins++] = (uint64_t)term_to_small(tuple_elems(o)[1]);
            for (; term_is_list(v) && nins < 64; v = CDR(v)) {
                if (!term_is_small(CAR(v))) return search_free(&s), raise_badarg(p);
                ins[nins++] = (uint64_t)term_to_small(CAR(v));
            }
            if (!term_is_nil(v)) return search_free(&s), raise_badarg(p);
            for (size_t k = 0; k < nins; k++)
                if ((int64_t)ins[k] < 0 || ins[k] > rlen) return search_free(&s), raise_badarg(p);
        } else if (!get_scope(&s, o)) {
            return search_free(&s), raise_badarg(p);
        }
    }
    if (!term_is_nil(opts)) return search_free(&s), raise_badarg(p);
    if (!search_run(&s, global)) return search_free(&s), raise_system_limit(p);
    struct strbuf out = STRBUF_INIT;
    const uint8_t *rep;
    size_t rl;
    uint8_t *rtmp;
    if (!bin_bytes(args[2], &rep, &rl, &rtmp)) return search_free(&s), raise_system_limit(p);
    uint64_t at = 0;
    for (size_t i = 0; i < s.nhits; i++) {
        sb_append(&out, s.subj + at, (size_t)(s.hits[i].pos - at));
        uint64_t prev = 0;
        for (size_t k = 0; k < nins; k++) { /* positions ascending, as erl requires */
            uint64_t pos = ins[k] < prev ? prev : ins[k];
            sb_append(&out, rep + prev, (size_t)(pos - prev));
            sb_append(&out, s.subj + s.hits[i].pos, (size_t)s.hits[i].len);
            prev = pos;
        }
        sb_append(&out, rep + prev, (size_t)(rl - prev));
        at = s.hits[i].pos + s.hits[i].len;
    }
    sb_append(&out, s.subj + at, (size_t)(s.subj_len - at));
    mem_free(rtmp);
    search_free(&s);
    term r = out.failed ? raise_system_limit(p) : make_binary(p, (const uint8_t *)out.data, out.len);
    sb_free(&out);
    return r;
}
term bif_binary_replace_3(struct proc *p, term *args) { return do_replace(p, args, TERM_NIL); }
term bif_binary_replace_4(struct proc *p, term *args) { return do_replace(p, args, args[3]); }

/* ---- referenced_byte_size, hex ------------------------------------------ */

/* The size of the binary whose bytes t shares: an off-heap binary's
   whole size for a slice of one, else t's own size. */
term bif_binary_referenced_byte_size_1(struct proc *p, term *args) {
    term t = args[0];
    if (!is_binary(t) || !term_is_boxed(t)) return raise_badarg(p);
    const term *ptr = term_boxed_ptr(t);
    if (header_sub(ptr[0]) == SUB_SUB_BIN) ptr = term_boxed_ptr(ptr[3]);
    if (header_sub(ptr[0]) == SUB_REFC_BIN) return term_from_small((int64_t)((struct offheap_bin *)ptr[2])->size);
    return term_from_small((int64_t)byte_len(t));
}

term bif_binary_encode_hex_1(struct proc *p, term *args) {
    static const char digits[] = "0123456789ABCDEF";
    if (!is_binary(args[0])) return raise_badarg(p);
    const uint8_t *bytes;
    size_t len;
    uint8_t *tmp = NULL;
    if (!bin_bytes(args[0], &bytes, &len, &tmp)) return raise_system_limit(p);
    uint8_t *hex = mem_malloc(2 * len + 1);
    if (!hex) return mem_free(tmp), raise_system_limit(p);
    for (size_t i = 0; i < len; i++) {
        hex[2 * i] = (uint8_t)digits[bytes[i] >> 4];
        hex[2 * i + 1] = (uint8_t)digits[bytes[i] & 15];
    }
    mem_free(tmp);
    term r = make_binary(p, hex, 2 * len);
    mem_free(hex);
    return r;
}

static int hex_value(uint8_t c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

term bif_binary_decode_hex_1(struct proc *p, term *args) {
    if (!is_binary(args[0]) || byte_len(args[0]) % 2) return raise_badarg(p);
    const uint8_t *hex;
    size_t len;
    uint8_t *tmp = NULL;
    if (!bin_bytes(args[0], &hex, &len, &tmp)) return raise_system_limit(p);
    uint8_t *out = mem_malloc(len / 2 + 1);
    bool ok = out != NULL;
    for (size_t i = 0; ok && i < len / 2; i++) {
        int hi = hex_value(hex[2 * i]), lo = hex_value(hex[2 * i + 1]);
        ok = hi >= 0 && lo >= 0;
        if (ok) out[i] = (uint8_t)(hi << 4 | lo);
    }
    mem_free(tmp);
    term r = !out ? raise_system_limit(p) : ok ? make_binary(p, out, len / 2) : raise_badarg(p);
    mem_free(out);
    return r;
}
