/*
 * Unit tests of the bit syntax runtime (vm/bits.c): construction with
 * bits_create, matching through match contexts, bin_alloc's two kinds of
 * binary. Expected bytes come from erl 25.
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <string.h>

#include "atom.h"
#include "bignum.h"
#include "bits.h"
#include "heap.h"

static struct proc *mkproc(void) {
    atom_init();
    struct proc *p = mi_zalloc(sizeof *p);
    cr_assert(p && heap_init(p, HEAP_MIN_WORDS));
    p->x = mi_zalloc(X_REGS * sizeof(term));
    p->dict = p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
    p->exc_args = TERM_NONE;
    return p;
}

static void freeproc(struct proc *p) {
    heap_destroy(p);
    mi_free(p->x);
    mi_free(p);
}

static term mkbin(struct proc *p, const void *bytes, size_t n) {
    uint8_t *d;
    term b = bin_alloc(p, n, &d);
    cr_assert(b != TERM_NONE);
    memcpy(d, bytes, n);
    return b;
}

/* Bits of t as bytes (last byte zero padded) must equal want, bit size nbits. */
static void expect_bits(term t, const uint8_t *want, uint64_t nbits) {
    struct bin_view v;
    cr_assert(bin_view(t, &v));
    cr_assert_eq(v.bit_size, nbits, "bit size %llu, want %llu", (unsigned long long)v.bit_size,
                 (unsigned long long)nbits);
    for (uint64_t i = 0; i < nbits; i++) {
        uint64_t at = v.bit_offset + i;
        unsigned got = (v.bytes[at / 8] >> (7 - at % 8)) & 1, exp = (want[i / 8] >> (7 - i % 8)) & 1;
        cr_assert_eq(got, exp, "bit %llu differs", (unsigned long long)i);
    }
}

/* segs must not point into the young heap (a GC here would move them) */
static term build(struct proc *p, const struct bs_seg *segs, uint32_t n) {
    cr_assert(heap_ensure_free(p, BS_CREATE_RESERVE));
    return bits_create(p, segs, n);
}

#define INT_SEG(v, size, flags) {AM(integer), 1, flags, term_from_small(v), term_from_small(size)}

Test(bits, integer_segments_like_erl) {
    struct proc *p = mkproc();
    /* <<16#abc:12/little>> = <<188,10:4>>; <<16#abc:12>> = <<171,12:4>>; <<-1:12/little>> = <<255,15:4>> */
    struct bs_seg a[] = {INT_SEG(0xabc, 12, BS_LITTLE)};
    expect_bits(build(p, a, 1), (const uint8_t[]){188, 10 << 4}, 12);
    struct bs_seg b[] = {INT_SEG(0xabc, 12, 0)};
    expect_bits(build(p, b, 1), (const uint8_t[]){171, 12 << 4}, 12);
    struct bs_seg c[] = {INT_SEG(-1, 12, BS_LITTLE)};
    expect_bits(build(p, c, 1), (const uint8_t[]){255, 15 << 4}, 12);
    struct bs_seg d[] = {INT_SEG(0xabc, 20, BS_LITTLE)};
    expect_bits(build(p, d, 1), (const uint8_t[]){188, 10, 0}, 20);
    /* <<1:1, 2:7>> = <<130>>; <<1:100>> */
    struct bs_seg e[] = {INT_SEG(1, 1, 0), INT_SEG(2, 7, 0)};
    term t = build(p, e, 2);
    expect_bits(t, (const uint8_t[]){130}, 8);
    cr_assert(term_is_boxed_sub(t, SUB_HEAP_BIN));
    struct bs_seg f[] = {INT_SEG(1, 100, 0)};
    expect_bits(build(p, f, 1), (const uint8_t[]){0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 << 4}, 100);
    freeproc(p);
}

Test(bits, float_and_utf_segments) {
    struct proc *p = mkproc();
    term w1[FLOAT_WORDS], w2[FLOAT_WORDS]; /* floats off the heap: they never move */
    term h15 = float_store(w1, 1.5), huge = float_store(w2, 1.0e300);
    struct bs_seg f16[] = {{AM(float), 1, 0, h15, term_from_small(16)}};
    expect_bits(build(p, f16, 1), (const uint8_t[]){62, 0}, 16);
    struct bs_seg f32[] = {{AM(float), 1, 0, huge, term_from_small(32)}};
    expect_bits(build(p, f32, 1), (const uint8_t[]){127, 128, 0, 0}, 32); /* overflow: infinity */
    struct bs_seg i32[] = {{AM(float), 1, BS_LITTLE, term_from_small(1), term_from_small(32)}};
    expect_bits(build(p, i32, 1), (const uint8_t[]){0, 0, 128, 63}, 32);
    struct bs_seg u16[] = {{AM(utf16), 1, 0, term_from_small(0x10000), TERM_NIL},
                           {AM(utf16), 1, BS_LITTLE, term_from_small(0x10000), TERM_NIL},
                           {AM(utf8), 1, 0, term_from_small(0x20AC), TERM_NIL}};
    expect_bits(build(p, u16, 3), (const uint8_t[]){216, 0, 220, 0, 0, 216, 0, 220, 0xE2, 0x82, 0xAC}, 88);
    struct bs_seg bad[] = {{AM(utf8), 1, 0, term_from_small(0xD800), TERM_NIL}};
    cr_assert_eq(build(p, bad, 1), TERM_NONE);
    cr_assert_eq(p->exc_reason, AM(badarg));
    struct bs_seg badint[] = {{AM(integer), 1, 0, AM(ok), term_from_small(8)}};
    cr_assert_eq(build(p, badint, 1), TERM_NONE);
    freeproc(p);
}

Test(bits, binary_segments_and_large_results) {
    struct proc *p = mkproc();
    p->x[0] = mkbin(p, "\x01\x02\x03", 3);
    p->live = 1;
    /* <<B:2/binary>> = <<1,2>>; <<B:4/binary>> with 3 bytes: badarg */
    cr_assert(heap_ensure_free(p, BS_CREATE_RESERVE));
    struct bs_seg a[] = {{AM(binary), 8, 0, p->x[0], term_from_small(2)}};
    expect_bits(bits_create(p, a, 1), (const uint8_t[]){1, 2}, 16);
    cr_assert(heap_ensure_free(p, BS_CREATE_RESERVE));
    struct bs_seg b[] = {{AM(binary), 8, 0, p->x[0], term_from_small(4)}};
    cr_assert_eq(bits_create(p, b, 1), TERM_NONE);
    /* <<1:3, B/binary, 5:5>>: unaligned copy */
    cr_assert(heap_ensure_free(p, BS_CREATE_RESERVE));
    struct bs_seg c[] = {INT_SEG(1, 3, 0), {AM(binary), 8, 0, p->x[0], AM(all)}, INT_SEG(5, 5, 0)};
    expect_bits(bits_create(p, c, 3), (const uint8_t[]){0x20, 0x20, 0x40, 0x65}, 32);
    /* 100 bytes: off-heap */
    uint8_t big[100];
    for (int i = 0; i < 100; i++) big[i] = (uint8_t)i;
    term r = mkbin(p, big, 100);
    cr_assert(term_is_boxed_sub(r, SUB_REFC_BIN));
    cr_assert_eq(p->offheap_first, term_boxed_ptr(r));
    p->x[1] = r;
    p->live = 2;
    cr_assert(heap_ensure_free(p, BS_CREATE_RESERVE));
    struct bs_seg d[] = {INT_SEG(7, 4, 0), {AM(binary), 8, 0, p->x[1], AM(all)}};
    term t = bits_create(p, d, 2);
    cr_assert(term_is_boxed_sub(t, SUB_SUB_BIN));
    uint8_t want[101];
    want[0] = 0x70;
    for (int i = 0; i < 100; i++) want[i] |= (uint8_t)(i >> 4), want[i + 1] = (uint8_t)(i << 4);
    expect_bits(t, want, 804);
    cr_assert(heap_gc(p, 0));
    expect_bits(p->x[1], big, 800);
    freeproc(p);
}

Test(bits, matching_integers_floats_binaries) {
    struct proc *p = mkproc();
    /* <<188,10:4>> read back as 12/little = 16#abc; signed -1 forms */
    struct bs_seg a[] = {INT_SEG(0xabc, 12, BS_LITTLE), INT_SEG(-5, 70, 0), INT_SEG(3, 2, 0)};
    p->x[0] = build(p, a, 3); /* rooted across the collection */
    p->live = 1;
    cr_assert(heap_ensure_free(p, 100));
    term *hp = p->htop;
    term ctx = bits_start_match(p->x[0], &hp);
    cr_assert_eq(bits_remaining(ctx), 84);
    cr_assert_eq(bits_get_integer(ctx, 12, BS_LITTLE, &hp), term_from_small(0xabc));
    term pos = bits_get_position(ctx);
    term big = bits_get_integer(ctx, 70, 0, &hp); /* unsigned: 2^70 - 5 */
    cr_assert(term_is_bignum(big) && big_size(big) == 2 && big_limbs(big)[1] == 63 &&
              big_limbs(big)[0] == UINT64_MAX - 4);
    bits_set_position(ctx, pos);
    cr_assert_eq(bits_get_integer(ctx, 70, BS_SIGNED, &hp), term_from_small(-5));
    cr_assert_eq(bits_get_integer(ctx, 3, 0, &hp), TERM_NONE); /* only 2 left */
    cr_assert_eq(bits_get_integer(ctx, 2, BS_SIGNED, &hp), term_from_small(-1));
    cr_assert(bits_remaining(ctx) == 0);
    /* floats */
    p->htop = hp;
    p->x[0] = mkbin(p, "\x3e\x00\x7f\x80\x00\x00\x40\x0c\x00\x00\x00\x00\x00\x00", 14);
    p->live = 1;
    cr_assert(heap_ensure_free(p, 100));
    hp = p->htop;
    term bytes = p->x[0];
    ctx = bits_start_match(bytes, &hp);
    term f = bits_get_float(ctx, 16, 0, &hp);
    cr_assert(term_is_float(f) && float_value(f) == 1.5);
    cr_assert_eq(bits_get_float(ctx, 32, 0, &hp), TERM_NONE); /* infinity does not match */
    cr_assert(bits_skip(ctx, 32));
    f = bits_get_float(ctx, 64, 0, &hp);
    cr_assert(term_is_float(f) && float_value(f) == 3.5);
    /* sub binaries, tails and strings */
    bits_set_position(ctx, term_from_small(4));
    term sub = bits_get_binary(ctx, 12, &hp);
    expect_bits(sub, (const uint8_t[]){0xe0, 0x00}, 12);
    cr_assert(bits_match_string(ctx, (const uint8_t *)"\x7f\x80", 12));
    cr_assert(!bits_match_string(ctx, (const uint8_t *)"\x01", 8));
    term tail = bits_get_tail(ctx, &hp);
    expect_bits(tail, (const uint8_t[]){0, 0, 4, 0, 0xc0, 0, 0, 0, 0, 0, 0}, 84);
    /* a context over a sub binary */
    term c2 = bits_start_match(tail, &hp);
    cr_assert_eq(bits_get_integer(c2, 24, 0, &hp), term_from_small(4));
    cr_assert(bits_skip(c2, BITS_ALL));
    cr_assert_eq(bits_remaining(c2), 0);
    p->htop = hp;
    freeproc(p);
}

Test(bits, matching_utf) {
    struct proc *p = mkproc();
    term b = mkbin(p, "\xe2\x82\xac\xd8\x00\xdc\x00\x00\xd8\x00\xdc\xed\xa0\x80\xc0\x80\x00\x00\x01\x00", 20);
    cr_assert(heap_ensure_free(p, 10));
    term *hp = p->htop;
    term ctx = bits_start_match(b, &hp);
    p->htop = hp;
    cr_assert_eq(bits_get_utf8(ctx), term_from_small(0x20AC));
    cr_assert_eq(bits_get_utf16(ctx, 0), term_from_small(0x10000));
    cr_assert_eq(bits_get_utf16(ctx, BS_LITTLE), term_from_small(0x10000));
    cr_assert_eq(bits_get_utf8(ctx), TERM_NONE); /* encoded surrogate */
    cr_assert(bits_skip(ctx, 24));
    cr_assert_eq(bits_get_utf8(ctx), TERM_NONE); /* overlong */
    cr_assert(bits_skip(ctx, 16));
    cr_assert_eq(bits_get_utf32(ctx, 0), term_from_small(0x100));
    cr_assert_eq(bits_get_utf8(ctx), TERM_NONE); /* nothing left */
    freeproc(p);
}

Test(bits, half_floats_round_trip) {
    struct proc *p = mkproc();
    /* every finite half: decode then encode gives the same bits */
    for (unsigned h = 0; h < 0x10000; h += 7) {
        if (((h >> 10) & 0x1F) == 0x1F) continue;
        uint8_t in[2] = {(uint8_t)(h >> 8), (uint8_t)h};
        term b = mkbin(p, in, 2);
        cr_assert(heap_ensure_free(p, 10));
        term *hp = p->htop;
        term ctx = bits_start_match(b, &hp);
        term f = bits_get_float(ctx, 16, 0, &hp);
        p->htop = hp;
        cr_assert(f != TERM_NONE);
        p->x[0] = f;
        p->live = 1;
        cr_assert(heap_ensure_free(p, BS_CREATE_RESERVE)); /* before reading the operands */
        struct bs_seg s[] = {{AM(float), 1, 0, p->x[0], term_from_small(16)}};
        expect_bits(bits_create(p, s, 1), in, 16);
    }
    freeproc(p);
}

Test(bits, bin_bytes_of_unaligned_sub_binary) {
    struct proc *p = mkproc();
    struct bs_seg a[] = {INT_SEG(1, 4, 0), INT_SEG(0x1234, 16, 0), INT_SEG(0, 4, 0)};
    term b = build(p, a, 3);
    cr_assert(heap_ensure_free(p, 20));
    term *hp = p->htop;
    term ctx = bits_start_match(b, &hp);
    cr_assert(bits_skip(ctx, 4));
    term sub = bits_get_binary(ctx, 16, &hp);
    p->htop = hp;
    const uint8_t *bytes;
    size_t len;
    uint8_t *tmp;
    cr_assert(bin_bytes(sub, &bytes, &len, &tmp));
    cr_assert(len == 2 && bytes[0] == 0x12 && bytes[1] == 0x34 && tmp != NULL);
    mi_free(tmp);
    cr_assert(bin_bytes(b, &bytes, &len, &tmp) && tmp == NULL && len == 3 && bytes[0] == 0x11);
    cr_assert(!bin_bytes(term_from_small(1), &bytes, &len, &tmp));
    freeproc(p);
}
