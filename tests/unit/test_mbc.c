/*
 * test_mbc.c — the .mbc reader on malformed files, and regressions found
 * by the fuzzer (tests/fuzz/fuzz.c): each case is refused with a message,
 * never a crash (the ASan run of make check would report one).
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <string.h>

#include "gen.h"
#include "mbc.h"
#include "strbuf.h"

/* "MOAT", version 1, then the given sections */
static size_t image(uint8_t *out, const char *const *tags, const uint8_t *const *payloads, const size_t *lens,
                    size_t n) {
    size_t len = 0;
    memcpy(out, "MOAT\0\1", 6);
    len = 6;
    for (size_t i = 0; i < n; i++) {
        memcpy(out + len, tags[i], 4);
        out[len + 4] = (uint8_t)(lens[i] >> 24);
        out[len + 5] = (uint8_t)(lens[i] >> 16);
        out[len + 6] = (uint8_t)(lens[i] >> 8);
        out[len + 7] = (uint8_t)lens[i];
        memcpy(out + len + 8, payloads[i], lens[i]);
        len += 8 + lens[i];
    }
    return len;
}

static char *refusal(const uint8_t *bytes, size_t len) {
    char *err = NULL;
    struct gen_module *g = mbc_read(bytes, len, &err);
    cr_assert_null(g, "accepted");
    cr_assert_not_null(err);
    return err;
}

static const uint8_t atom_m[] = {1, 1, 'm'};
static const uint8_t code_empty[] = {0, 0};

/* a count larger than its section used to leave the count set with no
   array: gen_module_free then read through NULL (fuzzer, mbc) */
Test(mbc, table_count_beyond_section_is_refused) {
    static const char *const sections[] = {"LITT", "ATOM", "IMPT", "EXPT", "FUNT", "LAMT", "LINE"};
    static const uint8_t big[] = {0x7F, 1, 2};
    for (size_t i = 0; i < sizeof sections / sizeof sections[0]; i++) {
        uint8_t buf[128];
        const char *tags[] = {"ATOM", sections[i], "CODE"};
        const uint8_t *payloads[] = {atom_m, big, code_empty};
        size_t lens[] = {sizeof atom_m, sizeof big, sizeof code_empty};
        size_t first = !strcmp(sections[i], "ATOM") ? 1 : 0;
        size_t len = image(buf, tags + first, payloads + first, lens + first, 3 - first);
        char *err = refusal(buf, len);
        cr_assert(strstr(err, "exceeds the section"), "%s: %s", sections[i], err);
        mi_free(err);
    }
}

Test(mbc, count_then_truncated_string_is_refused) {
    static const uint8_t atoms[] = {3, 1, 'm', 5, 'a'}; /* 3 atoms, the second cut short */
    uint8_t buf[64];
    const char *tags[] = {"ATOM", "CODE"};
    const uint8_t *payloads[] = {atoms, code_empty};
    size_t lens[] = {sizeof atoms, sizeof code_empty};
    char *err = refusal(buf, image(buf, tags, payloads, lens, 2));
    cr_assert(strstr(err, "section ATOM"), "%s", err);
    mi_free(err);
}

/* unknown sections are skipped (docs/bytecode.md); they used to be refused
   as "trailing bytes" */
Test(mbc, unknown_section_is_skipped) {
    static const uint8_t extra[] = {1, 2, 3};
    uint8_t buf[64];
    const char *tags[] = {"ATOM", "XTRA", "CODE"};
    const uint8_t *payloads[] = {atom_m, extra, code_empty};
    size_t lens[] = {sizeof atom_m, sizeof extra, sizeof code_empty};
    char *err = NULL;
    struct gen_module *g = mbc_read(buf, image(buf, tags, payloads, lens, 3), &err);
    cr_assert_not_null(g, "%s", err ? err : "");
    gen_module_free(g);
}

Test(mbc, unprintable_tag_in_message) {
    uint8_t buf[64];
    const char *tags[] = {"\x01\x02zz"};
    const uint8_t *payloads[] = {atom_m};
    size_t lens[] = {sizeof atom_m};
    size_t len = image(buf, tags, payloads, lens, 1);
    buf[6 + 4] = 0x7F; /* the length: beyond the file */
    char *err = refusal(buf, len);
    for (const char *c = err; *c; c++) cr_assert(*c >= 0x20 && *c < 0x7F, "%s", err);
    mi_free(err);
}

Test(mbc, bad_magic_and_version) {
    char *err = refusal((const uint8_t *)"MOAX\0\1", 6);
    cr_assert(strstr(err, "bad magic"), "%s", err);
    mi_free(err);
    err = refusal((const uint8_t *)"MOAT\0\2", 6);
    cr_assert(strstr(err, "version 2"), "%s", err);
    mi_free(err);
}
