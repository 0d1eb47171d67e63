/*
 * bif_digest.c — erlang:crc32/1,2, crc32_combine/3, adler32/1,2,
 * adler32_combine/3 (zlib's checksums, same values) and md5/1,
 * md5_init/0, md5_update/2, md5_final/1 (RFC 1321).
 *
 * Data arguments are iodata (byte lists, binaries, nested); anything else,
 * a bitstring that is not whole bytes included, is badarg. Checksums and
 * lengths must fit 32 bits unsigned, as erl checks. An md5 context is an
 * 88-byte binary (erl's is 88 bytes too, and as opaque): the four state
 * words, the message length in bytes and the pending block, in host byte
 * order; md5_update and md5_final refuse a binary of another size.
 *
 * Pure functions of their arguments; safe on any scheduler thread.
 */
#include <stdint.h>
#include <string.h>

#include "bif.h"
#include "bits.h"
#include "error.h"
#include "io.h"
#include "print.h"
#include "strbuf.h"

/* The bytes of iodata into sb; false if it is not iodata. */
static bool digest_bytes(term data, struct strbuf *sb) {
    return io_iodata_append(sb, data, 0) && !sb->failed;
}

static bool u32_arg(term t, uint32_t *out) {
    if (!term_is_small(t) || term_to_small(t) < 0 || term_to_small(t) > (int64_t)UINT32_MAX) return false;
    *out = (uint32_t)term_to_small(t);
    return true;
}

/* ---- CRC-32 (the reflected polynomial 0xEDB88320, as zlib) ------------- */

#define CRC32_POLY 0xEDB88320u

static uint32_t crc32_update(uint32_t crc, const uint8_t *s, size_t n) {
    static uint32_t table[256];
    static _Atomic bool ready;
    if (!ready) { /* racing threads compute the same table */
        for (uint32_t i = 0; i < 256; i++) {
            uint32_t c = i;
            for (int k = 0; k < 8; k++) c = c & 1 ? (c >> 1) ^ CRC32_POLY : c >> 1;
            table[i] = c;
        }
        ready = true;
    }
    crc = ~crc;
    while (n--) crc = table[(crc ^ *s++) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

/* a * b modulo the polynomial, both reflected (bit 31 is x^0) */
static uint32_t crc32_mulmod(uint32_t a, uint32_t b) {
    uint32_t product = 0;
    for (uint32_t m = 1u << 31; m; m >>= 1) {
        if (a & m) product ^= b;
        b = b & 1 ? (b >> 1) ^ CRC32_POLY : b >> 1;
    }
    return product;
}

/* crc(A ++ B) from crc(A), crc(B) and the length of B: crc(A) times
   x^(8 * len) plus crc(B) (the pre- and post-inversions cancel out) */
static uint32_t crc32_combine(uint32_t crc1, uint32_t crc2, uint64_t len2) {
    uint32_t power = 1u << 31, base = 1u << 23; /* x^0, x^8 */
    for (; len2; len2 >>= 1) {
        if (len2 & 1) power = crc32_mulmod(power, base);
        base = crc32_mulmod(base, base);
    }
    return crc32_mulmod(power, crc1) ^ crc2;
}

/* ---- Adler-32 ------------------------------------------------------------ */

#define ADLER_MOD 65521u

static uint32_t adler32_update(uint32_t adler, const uint8_t *s, size_t n) {
    uint32_t a = adler & 0xFFFF, b = adler >> 16;
    while (n) {
        size_t chunk = n < 5552 ? n : 5552; /* no overflow before the modulo */
        n -= chunk;
        while (chunk--) {
            a += *s++;
            b += a;
        }
        a %= ADLER_MOD;
        b %= ADLER_MOD;
    }
    return (b << 16) | a;
}

static uint32_t adler32_combine(uint32_t adler1, uint32_t adler2, uint64_t len2) {
    if (len2 == 0) return adler1; /* as erl (and zlib) answer, whatever adler2 is */
    uint64_t rem = len2 % ADLER_MOD;
    uint64_t a1 = adler1 & 0xFFFF, b1 = adler1 >> 16, a2 = adler2 & 0xFFFF, b2 = adler2 >> 16;
    /* A = a1 + a2 - 1, B = b1 + b2 + rem * a1 - rem (all modulo) */
    uint64_t a = (a1 + a2 + ADLER_MOD - 1) % ADLER_MOD;
    uint64_t b = (b1 + b2 + rem * a1 % ADLER_MOD + ADLER_MOD - rem) % ADLER_MOD;
    return (uint32_t)((b << 16) | a);
}

/* ---- the BIFs on checksums ------------------------------------------------ */

enum checksum { CRC32, ADLER32 };

static term checksum(struct proc *p, enum checksum kind, term start, term data) {
    uint32_t sum = kind == CRC32 ? 0 : 1;
    if (start != TERM_NONE && !u32_arg(start, &sum)) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    bool ok = digest_bytes(data, &sb);
    if (ok) {
        const uint8_t *s = (const uint8_t *)(sb.data ? sb.data : "");
        sum = kind == CRC32 ? crc32_update(sum, s, sb.len) : adler32_update(sum, s, sb.len);
    }
    sb_free(&sb);
    return ok ? term_from_small(sum) : raise_badarg(p);
}

term bif_erlang_crc32_1(struct proc *p, term *args) { return checksum(p, CRC32, TERM_NONE, args[0]); }
term bif_erlang_crc32_2(struct proc *p, term *args) { return checksum(p, CRC32, args[0], args[1]); }
term bif_erlang_adler32_1(struct proc *p, term *args) { return checksum(p, ADLER32, TERM_NONE, args[0]); }
term bif_erlang_adler32_2(struct proc *p, term *args) { return checksum(p, ADLER32, args[0], args[1]); }

static term combine(struct proc *p, enum checksum kind, term *args) {
    uint32_t s1, s2, len;
    if (!u32_arg(args[0], &s1) || !u32_arg(args[1], &s2) || !u32_arg(args[2], &len)) return raise_badarg(p);
    return term_from_small(kind == CRC32 ? crc32_combine(s1, s2, len) : adler32_combine(s1, s2, len));
}

term bif_erlang_crc32_combine_3(struct proc *p, term *args) { return combine(p, CRC32, args); }
term bif_erlang_adler32_combine_3(struct proc *p, term *args) { return combine(p, ADLER32, args); }

/* ---- MD5 (RFC 1321) ------------------------------------------------------- */

struct md5 {
    uint32_t state[4];
    uint64_t length; /* bytes so far */
    uint8_t block[64];
};
_Static_assert(sizeof(struct md5) == 88, "erl's md5 context is 88 bytes");

static const uint32_t md5_k[64] = {
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391};

static const uint8_t md5_shift[16] = {7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21};

static void md5_init(struct md5 *m) {
    memset(m, 0, sizeof *m);
    m->state[0] = 0x67452301;
    m->state[1] = 0xefcdab89;
    m->state[2] = 0x98badcfe;
    m->state[3] = 0x10325476;
}

static void md5_block(uint32_t state[4], const uint8_t *block) {
    uint32_t w[16];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)block[4 * i] | (uint32_t)block[4 * i + 1] << 8 |
               (uint32_t)block[4 * i + 2] << 16 | (uint32_t)block[4 * i + 3] << 24;
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    for (int i = 0; i < 64; i++) {
        uint32_t f;
        int g;
        switch (i / 16) {
        case 0: f = (b & c) | (~b & d); g = i; break;
        case 1: f = (d & b) | (~d & c); g = (5 * i + 1) % 16; break;
        case 2: f = b ^ c ^ d; g = (3 * i + 5) % 16; break;
        default: f = c ^ (b | ~d); g = (7 * i) % 16; break;
        }
        uint32_t sum = a + f + md5_k[i] + w[g];
        int s = md5_shift[(i / 16) * 4 + i % 4];
        a = d;
        d = c;
        c = b;
        b += (sum << s) | (sum >> (32 - s));
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
}

static void md5_update(struct md5 *m, const uint8_t *s, size_t n) {
    size_t used = (size_t)(m->length % 64);
    m->length += n;
    while (n) {
        size_t take = 64 - used < n ? 64 - used : n;
        memcpy(m->block + used, s, take);
        used += take;
        s += take;
        n -= take;
        if (used == 64) {
            md5_block(m->state, m->block);
            used = 0;
        }
    }
}

static void md5_final(struct md5 *m, uint8_t digest[16]) {
    uint64_t bits = m->length * 8;
    uint8_t pad[72] = {0x80};
    size_t used = (size_t)(m->length % 64);
    size_t padlen = used < 56 ? 56 - used : 120 - used;
    for (int i = 0; i < 8; i++) pad[padlen + i] = (uint8_t)(bits >> (8 * i));
    md5_update(m, pad, padlen + 8);
    for (int i = 0; i < 16; i++) digest[i] = (uint8_t)(m->state[i / 4] >> (8 * (i % 4)));
}

/* The context in a binary argument; false if it is not one of ours. */
static bool md5_context(term t, struct md5 *m) {
    struct bin_view v;
    if (!bin_view(t, &v) || v.bit_size != 8 * sizeof *m) return false;
    fmt_view_bytes(&v, (uint8_t *)m);
    return true;
}

term bif_erlang_md5_1(struct proc *p, term *args) {
    struct strbuf sb = STRBUF_INIT;
    if (!digest_bytes(args[0], &sb)) {
        sb_free(&sb);
        return raise_badarg(p);
    }
    struct md5 m;
    uint8_t digest[16];
    md5_init(&m);
    md5_update(&m, (const uint8_t *)(sb.data ? sb.data : ""), sb.len);
    sb_free(&sb);
    md5_final(&m, digest);
    return fmt_make_binary(p, digest, sizeof digest);
}

term bif_erlang_md5_init_0(struct proc *p, term *args) {
    (void)args;
    struct md5 m;
    md5_init(&m);
    return fmt_make_binary(p, &m, sizeof m);
}

term bif_erlang_md5_update_2(struct proc *p, term *args) {
    struct md5 m;
    struct strbuf sb = STRBUF_INIT;
    if (!md5_context(args[0], &m) || !digest_bytes(args[1], &sb)) {
        sb_free(&sb);
        return raise_badarg(p);
    }
    md5_update(&m, (const uint8_t *)(sb.data ? sb.data : ""), sb.len);
    sb_free(&sb);
    return fmt_make_binary(p, &m, sizeof m);
}

term bif_erlang_md5_final_1(struct proc *p, term *args) {
    struct md5 m;
    uint8_t digest[16];
    if (!md5_context(args[0], &m)) return raise_badarg(p);
    md5_final(&m, digest);
    return fmt_make_binary(p, digest, sizeof digest);
}
