/*
 * mbc.c — reading and writing .mbc module files (see mbc.h and
 * docs/bytecode.md).
 *
 * Layout: "MOAT", version (u16 big-endian), then sections until the end of
 * the file, each a 4-byte tag, a u32 big-endian length and its payload.
 * Inside payloads every number is an unsigned LEB128 varint; small
 * integer operands are zigzag-encoded. The reader trusts nothing: every
 * count is checked against the bytes left before anything is allocated.
 */
#include "mbc.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

/* ---- writing ---------------------------------------------------------- */

static void put_varint(struct strbuf *sb, uint64_t v) {
    do {
        uint8_t b = v & 0x7F;
        v >>= 7;
        if (v) b |= 0x80;
        sb_putc(sb, (char)b);
    } while (v);
}

static void put_u32(struct strbuf *sb, uint32_t v) {
    uint8_t b[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
    sb_append(sb, b, 4);
}

static void put_bytes(struct strbuf *sb, const void *data, uint32_t len) {
    put_varint(sb, len);
    sb_append(sb, data, len);
}

/* Sections are built in a scratch buffer, then framed with tag + length. */
static void put_section(struct strbuf *out, const char tag[4], struct strbuf *payload) {
    sb_append(out, tag, 4);
    put_u32(out, (uint32_t)payload->len);
    sb_append(out, payload->data, payload->len);
    if (payload->failed) out->failed = true;
    payload->len = 0;
}

static uint64_t zigzag(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t unzigzag(uint64_t v) { return (int64_t)(v >> 1) ^ -(int64_t)(v & 1); }

void mbc_write(const struct gen_module *m, struct strbuf *out) {
    struct strbuf s = STRBUF_INIT;
    sb_append(out, MBC_MAGIC, 4);
    uint8_t ver[2] = {MBC_VERSION >> 8, MBC_VERSION & 0xFF};
    sb_append(out, ver, 2);

    put_varint(&s, m->natoms);
    for (uint32_t i = 0; i < m->natoms; i++) put_bytes(&s, m->atoms[i].text, m->atoms[i].len);
    put_section(out, "ATOM", &s);

    put_varint(&s, m->nlits);
    for (uint32_t i = 0; i < m->nlits; i++) put_bytes(&s, m->lits[i].data, m->lits[i].len);
    put_section(out, "LITT", &s);

    put_varint(&s, m->nimports);
    for (uint32_t i = 0; i < m->nimports; i++) {
        put_varint(&s, m->imports[i].module);
        put_varint(&s, m->imports[i].function);
        put_varint(&s, m->imports[i].arity);
    }
    put_section(out, "IMPT", &s);

    put_varint(&s, m->nexports);
    for (uint32_t i = 0; i < m->nexports; i++) {
        put_varint(&s, m->exports[i].function);
        put_varint(&s, m->exports[i].arity);
        put_varint(&s, m->exports[i].label);
    }
    put_section(out, "EXPT", &s);

    put_varint(&s, m->nfunctions);
    for (uint32_t i = 0; i < m->nfunctions; i++) {
        put_varint(&s, m->functions[i].name);
        put_varint(&s, m->functions[i].arity);
        put_varint(&s, m->functions[i].info_label);
        put_varint(&s, m->functions[i].entry_label);
    }
    put_section(out, "FUNT", &s);

    put_varint(&s, m->nlambdas);
    for (uint32_t i = 0; i < m->nlambdas; i++) {
        put_varint(&s, m->lambdas[i].function);
        put_varint(&s, m->lambdas[i].arity);
        put_varint(&s, m->lambdas[i].nfree);
        put_varint(&s, m->lambdas[i].uniq);
    }
    put_section(out, "LAMT", &s);

    put_varint(&s, m->nfiles);
    for (uint32_t i = 0; i < m->nfiles; i++) put_bytes(&s, m->files[i].text, m->files[i].len);
    put_varint(&s, m->nlines);
    for (uint32_t i = 0; i < m->nlines; i++) {
        put_varint(&s, m->lines[i].file);
        put_varint(&s, m->lines[i].line);
    }
    put_section(out, "LINE", &s);

    if (m->attributes.len) {
        sb_append(&s, m->attributes.data, m->attributes.len);
        put_section(out, "ATTR", &s);
    }

    put_varint(&s, m->nlabels);
    put_varint(&s, m->ncode);
    for (size_t i = 0; i < m->ncode; i++) {
        const struct gen_operand *o = &m->code[i];
        sb_putc(&s, (char)o->kind);
        put_varint(&s, o->kind == GEN_INT ? zigzag((int64_t)o->val) : o->val);
    }
    put_section(out, "CODE", &s);
    sb_free(&s);
}

/* ---- reading ---------------------------------------------------------- */

struct reader {
    const uint8_t *p, *end;
    char *err;
};

static bool fail(struct reader *r, const char *fmt, ...) {
    if (!r->err) {
        char buf[256];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        r->err = mem_strdup(buf);
    }
    return false;
}

static bool get_varint(struct reader *r, uint64_t *v) {
    uint64_t x = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
        if (r->p >= r->end) return fail(r, "truncated number");
        uint8_t b = *r->p++;
        x |= (uint64_t)(b & 0x7F) << shift;
        if (!(b & 0x80)) {
            *v = x;
            return true;
        }
    }
    return fail(r, "number too long");
}

static bool get_u32v(struct reader *r, uint32_t *v) {
    uint64_t x;
    if (!get_varint(r, &x)) return false;
    if (x > UINT32_MAX) return fail(r, "number out of range");
    *v = (uint32_t)x;
    return true;
}

/* A count of items each at least min_bytes long: must fit what is left. */
/* *n stays 0 until the count is known to fit: a module refused here is
   freed by gen_module_free, which trusts every count it sees. */
static bool get_count(struct reader *r, uint32_t *n, size_t min_bytes) {
    uint32_t c = 0;
    *n = 0;
    if (!get_u32v(r, &c)) return false;
    if ((uint64_t)c * min_bytes > (uint64_t)(r->end - r->p)) return fail(r, "count %u exceeds the section", c);
    *n = c;
    return true;
}

/* An array for the count just read into *n (reset to 0 if out of memory). */
static void *alloc_array(struct reader *r, uint32_t *n, size_t size) {
    void *a = mem_calloc(*n ? *n : 1, size);
    if (!a) {
        *n = 0;
        fail(r, "out of memory");
    }
    return a;
}

static bool get_blob(struct reader *r, uint8_t **data, uint32_t *len) {
    if (!get_u32v(r, len)) return false;
    if (*len > (size_t)(r->end - r->p)) return fail(r, "string or literal exceeds the section");
    *data = mem_malloc(*len ? *len : 1);
    if (!*data) return fail(r, "out of memory");
    memcpy(*data, r->p, *len);
    r->p += *len;
    return true;
}

static bool read_strs(struct reader *r, uint32_t *n, struct gen_str **out) {
    if (!get_count(r, n, 1) || !(*out = alloc_array(r, n, sizeof **out))) return false;
    for (uint32_t i = 0; i < *n; i++)
        if (!get_blob(r, (uint8_t **)&(*out)[i].text, &(*out)[i].len)) return false;
    return true;
}

/* Reads `fields` varints into each of n records of uint32 fields. */
static bool read_records(struct reader *r, uint32_t *n, void **out, unsigned fields) {
    if (!get_count(r, n, fields) || !(*out = alloc_array(r, n, fields * sizeof(uint32_t)))) return false;
    uint32_t *v = *out;
    for (size_t i = 0; i < (size_t)*n * fields; i++)
        if (!get_u32v(r, &v[i])) return false;
    return true;
}

static bool read_code(struct reader *r, struct gen_module *m) {
    uint64_t ncode;
    if (!get_u32v(r, &m->nlabels) || !get_varint(r, &ncode)) return false;
    if (ncode > (uint64_t)(r->end - r->p) / 2) return fail(r, "code count %llu exceeds the section", (unsigned long long)ncode);
    m->code = mem_calloc(ncode ? ncode : 1, sizeof *m->code);
    if (!m->code) return fail(r, "out of memory");
    m->ncode = ncode;
    for (size_t i = 0; i < ncode; i++) {
        if (r->p >= r->end) return fail(r, "truncated code");
        uint8_t kind = *r->p++;
        uint64_t v;
        if (kind > GEN_LIST) return fail(r, "bad operand kind %u at code word %zu", kind, i);
        if (!get_varint(r, &v)) return false;
        m->code[i].kind = kind;
        m->code[i].val = kind == GEN_INT ? (uint64_t)unzigzag(v) : v;
    }
    return true;
}

static bool read_section(struct reader *r, const uint8_t *tag, struct gen_module *m) {
#define IS(t) (memcmp(tag, t, 4) == 0)
    if (IS("ATOM")) return read_strs(r, &m->natoms, &m->atoms);
    if (IS("LITT")) {
        if (!get_count(r, &m->nlits, 1) || !(m->lits = alloc_array(r, &m->nlits, sizeof *m->lits))) return false;
        for (uint32_t i = 0; i < m->nlits; i++)
            if (!get_blob(r, &m->lits[i].data, &m->lits[i].len)) return false;
        return true;
    }
    if (IS("IMPT")) return read_records(r, &m->nimports, (void **)&m->imports, 3);
    if (IS("EXPT")) return read_records(r, &m->nexports, (void **)&m->exports, 3);
    if (IS("FUNT")) return read_records(r, &m->nfunctions, (void **)&m->functions, 4);
    if (IS("LAMT")) return read_records(r, &m->nlambdas, (void **)&m->lambdas, 4);
    if (IS("LINE"))
        return read_strs(r, &m->nfiles, &m->files) && read_records(r, &m->nlines, (void **)&m->lines, 2);
    if (IS("ATTR")) {
        m->attributes.len = (uint32_t)(r->end - r->p);
        if (!(m->attributes.data = mem_malloc(m->attributes.len + 1))) return fail(r, "out of memory");
        memcpy(m->attributes.data, r->p, m->attributes.len);
        r->p = r->end;
        return true;
    }
    if (IS("CODE")) return read_code(r, m);
    r->p = r->end; /* unknown sections are skipped: newer writers may add some */
    return true;
#undef IS
}

/* A section tag for messages: bytes outside printable ASCII as '?'. */
static const char *tag_text(const uint8_t *p, char out[5]) {
    for (int i = 0; i < 4; i++) out[i] = p[i] >= 0x20 && p[i] < 0x7F ? (char)p[i] : '?';
    out[4] = 0;
    return out;
}

struct gen_module *mbc_read(const uint8_t *bytes, size_t len, char **err) {
    char tag[5];
    struct reader r = {bytes, bytes + len, NULL};
    struct gen_module *m = mem_zalloc(sizeof *m);
    if (!m) {
        *err = mem_strdup("out of memory");
        return NULL;
    }
    if (len < 6 || memcmp(bytes, MBC_MAGIC, 4) != 0) {
        fail(&r, "not a Moat bytecode file (bad magic)");
        goto bad;
    }
    unsigned version = (unsigned)bytes[4] << 8 | bytes[5];
    if (version != MBC_VERSION) {
        fail(&r, "bytecode format version %u, this VM reads version %u", version, MBC_VERSION);
        goto bad;
    }
    const uint8_t *p = bytes + 6;
    static const char known[][5] = {"ATOM", "LITT", "IMPT", "EXPT", "FUNT", "LAMT", "LINE", "ATTR", "CODE"};
    uint32_t seen = 0;
    while (p < r.end) {
        if (r.end - p < 8) {
            fail(&r, "truncated section header");
            goto bad;
        }
        uint32_t slen = (uint32_t)p[4] << 24 | (uint32_t)p[5] << 16 | (uint32_t)p[6] << 8 | p[7];
        if (slen > (size_t)(r.end - p - 8)) {
            fail(&r, "section %s is longer than the file", tag_text(p, tag));
            goto bad;
        }
        for (unsigned k = 0; k < sizeof known / sizeof known[0]; k++) {
            if (memcmp(p, known[k], 4) != 0) continue;
            if (seen & (1u << k)) {
                fail(&r, "duplicate section %.4s", known[k]);
                goto bad;
            }
            seen |= 1u << k;
        }
        struct reader sr = {p + 8, p + 8 + slen, NULL};
        if (!read_section(&sr, p, m) || sr.p != sr.end) {
            fail(&r, "section %s: %s", tag_text(p, tag), sr.err ? sr.err : "trailing bytes");
            mem_free(sr.err);
            goto bad;
        }
        p += 8 + slen;
    }
    if (!m->natoms || !m->code) {
        fail(&r, "missing %s section", !m->natoms ? "ATOM" : "CODE");
        goto bad;
    }
    return m;
bad:
    *err = r.err;
    gen_module_free(m);
    return NULL;
}
