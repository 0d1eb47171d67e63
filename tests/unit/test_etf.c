/*
 * Unit tests of the External Term Format (vm/etf.c): erl 25's encodings
 * decode and re-encode to the same bytes, malformed input is refused,
 * deep nesting needs no C recursion, and mutated encodings never crash
 * the decoder (a small fuzz run).
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "bits.h"
#include "compare.h"
#include "etf.h"
#include "heap.h"

struct decoded {
    term t;
    term *area;
    term *offheap;
};

static bool decode(const uint8_t *b, size_t len, struct decoded *d) {
    size_t words, used;
    d->area = NULL;
    d->offheap = NULL;
    if (!etf_decode_size(b, len, &words, &used)) return false;
    cr_assert(used <= len);
    d->area = mi_malloc((words + 1) * sizeof(term));
    term *hp = d->area;
    d->t = etf_decode(b, len, &hp, &d->offheap);
    cr_assert(hp <= d->area + words, "decode used more words than pass 1 said");
    return d->t != TERM_NONE;
}

static void release(struct decoded *d) {
    for (term *h = d->offheap; h;) {
        term *next = (term *)(uintptr_t)h[3];
        offheap_bin_release((struct offheap_bin *)(uintptr_t)h[2]);
        h = next;
    }
    mi_free(d->area);
}

static void roundtrip(const uint8_t *b, size_t len) {
    atom_init();
    struct decoded d;
    cr_assert(decode(b, len, &d), "vector %u %u %u ... refused", b[0], b[1], b[2]);
    struct strbuf sb = STRBUF_INIT;
    cr_assert(etf_encode(&sb, d.t));
    cr_assert_eq(sb.len, len, "length %zu, want %zu (tag %u)", sb.len, len, b[1]);
    cr_assert(memcmp(sb.data, b, len) == 0, "bytes differ (tag %u)", b[1]);
    sb_free(&sb);
    release(&d);
}

#define V(...) {(const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})}
struct vec { const uint8_t *b; size_t len; };
/* each from erl 25's term_to_binary/1 */
static const struct vec vectors[] = {
    V(131, 97, 1),                                       /* 1 */
    V(131, 98, 255, 255, 255, 255),                      /* -1 */
    V(131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 64),       /* 1 bsl 70 */
    V(131, 70, 64, 12, 0, 0, 0, 0, 0, 0),                /* 3.5 */
    V(131, 104, 2, 100, 0, 2, 111, 107, 109, 0, 0, 0, 2, 104, 105), /* {ok,<<"hi">>} */
    V(131, 107, 0, 3, 1, 2, 3),                          /* [1,2,3] */
    V(131, 116, 0, 0, 0, 1, 100, 0, 1, 97, 97, 1),       /* #{a=>1} */
    V(131, 100, 0, 5, 104, 233, 108, 108, 111),          /* 'héllo' */
    V(131, 119, 2, 206, 177),                            /* 'α' */
    V(131, 108, 0, 0, 0, 1, 98, 0, 0, 1, 0, 106),        /* [256] */
    V(131, 77, 0, 0, 0, 2, 3, 1, 64),                    /* <<1,2:3>> */
    V(131, 77, 0, 0, 0, 3, 4, 1, 2, 48),                 /* <<1,2,3:4>> */
    V(131, 108, 0, 0, 0, 2, 97, 1, 97, 2, 97, 3),        /* [1,2|3] */
    V(131, 106),                                         /* [] */
    V(131, 109, 0, 0, 0, 0),                             /* <<>> */
    /* {1.5, -300, 1 bsl 64, -(1 bsl 64), 2147483647, 2147483648, -2147483648} */
    V(131, 104, 7, 70, 63, 248, 0, 0, 0, 0, 0, 0, 98, 255, 255, 254, 212, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 110,
      9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 98, 127, 255, 255, 255, 110, 4, 0, 0, 0, 0, 128, 98, 128, 0, 0, 0),
    /* #{b=>1, a=>2, 1=>x, 1.0=>y} */
    V(131, 116, 0, 0, 0, 4, 97, 1, 100, 0, 1, 120, 70, 63, 240, 0, 0, 0, 0, 0, 0, 100, 0, 1, 121, 100, 0, 1, 97,
      97, 2, 100, 0, 1, 98, 97, 1),
    /* <0.9.0> */
    V(131, 88, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 9, 0, 0, 0, 0,
      0, 0, 0, 0),
    /* #Ref<0.1637076532.1076363265.119244> */
    V(131, 90, 0, 3, 100, 0, 13, 110, 111, 110, 111, 100, 101, 64, 110, 111, 104, 111, 115, 116, 0, 0, 0, 0, 0,
      1, 209, 204, 64, 40, 0, 1, 97, 147, 206, 52),
    /* fun lists:map/2 */
    V(131, 113, 100, 0, 5, 108, 105, 115, 116, 115, 100, 0, 3, 109, 97, 112, 97, 2),
};

Test(etf, erl_vectors_round_trip) {
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) roundtrip(vectors[i].b, vectors[i].len);
}

Test(etf, decodes_old_and_unsorted_forms) {
    atom_init();
    struct decoded d;
    /* #{b => 1, a => 2} written unsorted; small atom 115; FLOAT_EXT text */
    static const uint8_t m[] = {131, 116, 0, 0, 0, 2, 115, 1, 98, 97, 1, 115, 1, 97, 97, 2};
    cr_assert(decode(m, sizeof m, &d));
    cr_assert(term_is_map(d.t) && map_size(d.t) == 2);
    struct strbuf sb = STRBUF_INIT;
    cr_assert(etf_encode(&sb, d.t));
    static const uint8_t want[] = {131, 116, 0, 0, 0, 2, 100, 0, 1, 97, 97, 2, 100, 0, 1, 98, 97, 1};
    cr_assert(sb.len == sizeof want && memcmp(sb.data, want, sizeof want) == 0);
    sb_free(&sb);
    release(&d);
    uint8_t f[33] = {131, 99};
    memcpy(f + 2, "2.50000000000000000000e+00", 26);
    cr_assert(decode(f, sizeof f, &d) && term_is_float(d.t) && float_value(d.t) == 2.5);
    release(&d);
    /* a 100-byte binary is off-heap and linked */
    uint8_t big[6 + 100] = {131, 109, 0, 0, 0, 100};
    cr_assert(decode(big, sizeof big, &d) && term_is_boxed_sub(d.t, SUB_REFC_BIN) && d.offheap);
    release(&d);
}

Test(etf, refuses_malformed) {
    atom_init();
    size_t w, u;
    static const uint8_t dup[] = {131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 97, 1, 97, 3};
    struct decoded d;
    cr_assert(!decode(dup, sizeof dup, &d)); /* duplicate key */
    release(&d);
    static const uint8_t bad[][8] = {
        {131, 80, 0, 0, 0, 1, 0, 0},   /* compressed */
        {131, 77, 0, 0, 0, 1, 0, 255}, /* bit binary with 0 bits */
        {131, 108, 255, 255, 255, 255, 106, 106}, /* list longer than the input */
        {130, 97, 1},                  /* wrong version */
        {131, 104, 3, 97, 1},          /* tuple cut short */
        {131, 88, 100, 0, 1, 120, 0, 0}, /* pid of another node */
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) cr_assert(!etf_decode_size(bad[i], 8, &w, &u), "case %zu", i);
    cr_assert(!etf_decode_size((const uint8_t *)"", 0, &w, &u));
    /* trailing bytes are allowed; used says where the term ended */
    static const uint8_t trail[] = {131, 97, 1, 5};
    cr_assert(etf_decode_size(trail, 4, &w, &u) && u == 3);
}

Test(etf, deep_nesting_without_recursion) {
    atom_init();
    const size_t depth = 1000000;
    size_t len = 1 + 5 * depth + 1 + depth;
    uint8_t *b = mi_malloc(len), *q = b;
    *q++ = 131;
    for (size_t i = 0; i < depth; i++) *q++ = 108, *q++ = 0, *q++ = 0, *q++ = 0, *q++ = 1;
    *q++ = 106;
    for (size_t i = 0; i < depth; i++) *q++ = 106;
    struct decoded d;
    cr_assert(decode(b, len, &d));
    struct strbuf sb = STRBUF_INIT;
    cr_assert(etf_encode(&sb, d.t));
    cr_assert(sb.len == len && memcmp(sb.data, b, len) == 0);
    sb_free(&sb);
    release(&d);
    mi_free(b);
}

Test(etf, fuzzed_mutations_never_crash) {
    atom_init();
    srand(12345);
    uint8_t buf[128];
    for (size_t i = 0; i < sizeof vectors / sizeof vectors[0]; i++) {
        for (int k = 0; k < 3000; k++) {
            size_t len = vectors[i].len;
            memcpy(buf, vectors[i].b, len);
            int muts = 1 + rand() % 3;
            for (int m = 0; m < muts; m++) {
                int what = rand() % 4;
                size_t at = 1 + (size_t)rand() % (len - 1 ? len - 1 : 1);
                if (what == 0 || len < 3) buf[at] = (uint8_t)rand();
                else if (what == 1) buf[at] ^= (uint8_t)(1u << (rand() % 8));
                else if (what == 2) len = at; /* truncate */
                else buf[at] = (uint8_t)(rand() % 2 ? 0xFF : 0);
            }
            struct decoded d;
            if (decode(buf, len, &d)) {
                struct strbuf sb = STRBUF_INIT;
                etf_encode(&sb, d.t);
                sb_free(&sb);
            }
            release(&d);
        }
    }
}
