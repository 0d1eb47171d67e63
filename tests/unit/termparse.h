/*
 * termparse.h — test helper for test_print.c and test_format.c: builds a
 * term from Erlang term syntax on a hand-made process's heap, and turns
 * chardata back into UTF-8 text.
 *
 * Supported: integers (any size, Base#Digits), floats (-0.0, 1.0e10),
 * atoms (bare and quoted), "strings" with escapes, $c, [lists|tails],
 * {tuples}, #{maps} (keys sorted in exact term order), <<binaries>>
 * with segments N, N:Bits, "text", "text"/utf8, and pids <0.N.0>.
 * The heap is big enough that nothing here ever collects.
 */
#ifndef MOAT_TEST_TERMPARSE_H
#define MOAT_TEST_TERMPARSE_H

#include <criterion/criterion.h>
#include <mimalloc.h>
#include <stdlib.h>
#include <string.h>

#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "heap.h"
#include "print.h"

#define TP_UNUSED __attribute__((unused))

static TP_UNUSED struct proc *tp_proc(void) {
    atom_init();
    struct proc *p = mi_zalloc(sizeof *p);
    cr_assert(p && heap_init(p, 1u << 20));
    p->x = mi_zalloc(X_REGS * sizeof(term));
    p->dict = p->exc_class = p->exc_reason = p->exc_trace = TERM_NIL;
    p->exc_args = TERM_NONE;
    return p;
}

static TP_UNUSED void tp_free(struct proc *p) {
    heap_destroy(p);
    mi_free(p->x);
    mi_free(p);
}

static term *tp_alloc(struct proc *p, size_t words) {
    cr_assert(heap_ensure_free(p, words));
    return heap_take(p, words);
}

struct tparse {
    struct proc *p;
    const char *s;
};

static void tp_ws(struct tparse *t) {
    while (*t->s == ' ' || *t->s == '\n' || *t->s == '\t') t->s++;
}

static term tp_term(struct tparse *t);

/* one character of a quoted literal (after any backslash handling) */
static uint32_t tp_char(struct tparse *t) {
    const unsigned char *s = (const unsigned char *)t->s;
    uint32_t c = *s++;
    if (c == '\\') {
        c = *s++;
        switch (c) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case 'e': c = 27; break;
        case 'b': c = 8; break;
        case 'f': c = 12; break;
        case 'v': c = 11; break;
        case 'd': c = 127; break;
        case 's': c = ' '; break;
        case 'x':
            if (*s == '{') {
                c = (uint32_t)strtoul((const char *)s + 1, (char **)&s, 16);
                s++; /* '}' */
            } else {
                char h[3] = {(char)s[0], (char)s[1], 0};
                c = (uint32_t)strtoul(h, NULL, 16);
                s += 2;
            }
            break;
        default:
            if (c >= '0' && c <= '7') {
                c -= '0';
                for (int i = 0; i < 2 && *s >= '0' && *s <= '7'; i++) c = c * 8 + (*s++ - '0');
            }
        }
    } else if (c >= 0xC0) {
        int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
        c &= 0x3Fu >> more;
        while (more-- > 0) c = (c << 6) | (*s++ & 0x3Fu);
    }
    t->s = (const char *)s;
    return c;
}

/* the characters up to quote q */
static size_t tp_quoted(struct tparse *t, char q, uint32_t *out, size_t cap) {
    size_t n = 0;
    t->s++;
    while (*t->s != q) {
        cr_assert(*t->s, "unterminated literal");
        uint32_t c = tp_char(t);
        cr_assert(n < cap);
        out[n++] = c;
    }
    t->s++;
    return n;
}

static term tp_list_of(struct proc *p, const uint32_t *cs, size_t n, term tail) {
    term r = tail;
    for (size_t i = n; i-- > 0;) r = cons_store(tp_alloc(p, 2), term_from_small(cs[i]), r);
    return r;
}

static term tp_atom_cps(const uint32_t *cs, size_t n) {
    struct strbuf sb = STRBUF_INIT;
    for (size_t i = 0; i < n; i++) sb_put_utf8(&sb, cs[i]);
    term a = atom_term(sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    cr_assert(a != TERM_NONE);
    return a;
}

static term tp_number(struct tparse *t) {
    const char *s0 = t->s;
    const char *s = s0;
    if (*s == '-' || *s == '+') s++;
    while (*s >= '0' && *s <= '9') s++;
    if (*s == '.' && s[1] >= '0' && s[1] <= '9') {
        char *end;
        double d = strtod(s0, &end);
        t->s = end;
        return float_store(tp_alloc(t->p, FLOAT_WORDS), d);
    }
    unsigned base = 10;
    const char *digits = s0;
    bool neg = *s0 == '-';
    if (*s == '#') {
        base = (unsigned)strtoul(s0 + neg, NULL, 10);
        digits = s + 1;
        s = digits;
        while ((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z')) s++;
    }
    struct strbuf sb = STRBUF_INIT;
    if (neg && base != 10) sb_putc(&sb, '-');
    sb_append(&sb, digits, (size_t)(s - digits));
    term *hp = tp_alloc(t->p, int_text_words(sb.len, base));
    term r = int_from_text(sb.data, sb.len, base, &hp);
    sb_free(&sb);
    cr_assert(r != TERM_NONE);
    t->s = s;
    return r;
}

static term tp_seq(struct tparse *t, char close, term *tail, size_t *n, term **elems) {
    size_t cap = 8;
    term *v = mi_malloc(cap * sizeof *v);
    *n = 0;
    *tail = TERM_NIL;
    tp_ws(t);
    while (*t->s != close) {
        if (*n == cap) v = mi_realloc(v, (cap *= 2) * sizeof *v);
        v[(*n)++] = tp_term(t);
        tp_ws(t);
        if (*t->s == ',') t->s++;
        else if (*t->s == '|') {
            t->s++;
            *tail = tp_term(t);
            tp_ws(t);
        }
        tp_ws(t);
    }
    t->s++;
    *elems = v;
    return TERM_NONE;
}

static term tp_binary(struct tparse *t) {
    uint8_t buf[4096] = {0};
    uint64_t bits = 0;
    t->s += 2;
    tp_ws(t);
    while (!(t->s[0] == '>' && t->s[1] == '>')) {
        if (*t->s == '"') {
            uint32_t cs[1024];
            size_t n = tp_quoted(t, '"', cs, 1024);
            bool utf8 = strncmp(t->s, "/utf8", 5) == 0;
            if (utf8) t->s += 5;
            struct strbuf sb = STRBUF_INIT;
            for (size_t i = 0; i < n; i++) {
                if (utf8) sb_put_utf8(&sb, cs[i]);
                else sb_putc(&sb, (char)cs[i]);
            }
            for (size_t i = 0; i < sb.len; i++, bits += 8) buf[bits / 8] = (uint8_t)sb.data[i];
            sb_free(&sb);
        } else {
            char *end;
            long long v = strtoll(t->s, &end, 10);
            t->s = end;
            unsigned size = 8;
            if (*t->s == ':') size = (unsigned)strtoul(t->s + 1, (char **)&t->s, 10);
            for (unsigned i = 0; i < size; i++, bits++)
                if ((v >> (size - 1 - i)) & 1) buf[bits / 8] |= (uint8_t)(0x80u >> (bits % 8));
        }
        tp_ws(t);
        if (*t->s == ',') t->s++;
        tp_ws(t);
    }
    t->s += 2;
    size_t bytes = (size_t)((bits + 7) / 8);
    term *hp = tp_alloc(t->p, HEAP_BIN_WORDS(bytes) + SUBBIN_WORDS);
    hp[0] = make_header(SUB_HEAP_BIN, HEAP_BIN_WORDS(bytes) - 1);
    hp[1] = bytes;
    memcpy(hp + 2, buf, bytes);
    term bin = term_from_boxed_ptr(hp);
    if (bits % 8 == 0) return bin;
    term *sub = hp + HEAP_BIN_WORDS(bytes);
    sub[0] = make_header(SUB_SUB_BIN, SUBBIN_WORDS - 1);
    sub[1] = bits;
    sub[2] = 0;
    sub[3] = bin;
    return term_from_boxed_ptr(sub);
}

static term tp_map(struct tparse *t) {
    size_t cap = 64, n = 0;
    term *k = mi_malloc(cap * sizeof *k), *v = mi_malloc(cap * sizeof *v);
    t->s += 2;
    tp_ws(t);
    while (*t->s != '}') {
        if (n == cap) {
            cap *= 2;
            k = mi_realloc(k, cap * sizeof *k);
            v = mi_realloc(v, cap * sizeof *v);
        }
        k[n] = tp_term(t);
        tp_ws(t);
        cr_assert(t->s[0] == '=' && t->s[1] == '>');
        t->s += 2;
        v[n] = tp_term(t);
        n++;
        tp_ws(t);
        if (*t->s == ',') t->s++;
        tp_ws(t);
    }
    t->s++;
    for (size_t i = 1; i < n; i++) /* insertion sort: exact term order */
        for (size_t j = i; j > 0 && term_compare_exact(k[j - 1], k[j]) > 0; j--) {
            term a = k[j], b = v[j];
            k[j] = k[j - 1], v[j] = v[j - 1];
            k[j - 1] = a, v[j - 1] = b;
        }
    term *kt = tp_alloc(t->p, TUPLE_WORDS(n));
    kt[0] = make_header(SUB_TUPLE, n);
    memcpy(kt + 1, k, n * sizeof *k);
    term *m = tp_alloc(t->p, MAP_WORDS(n));
    m[0] = make_header(SUB_MAP, n + 1);
    m[1] = term_from_boxed_ptr(kt);
    memcpy(m + 2, v, n * sizeof *v);
    mi_free(k);
    mi_free(v);
    return term_from_boxed_ptr(m);
}

static term tp_term(struct tparse *t) {
    tp_ws(t);
    char c = *t->s;
    if (c == '[') {
        t->s++;
        term tail, *e;
        size_t n;
        tp_seq(t, ']', &tail, &n, &e);
        term r = tail;
        for (size_t i = n; i-- > 0;) r = cons_store(tp_alloc(t->p, 2), e[i], r);
        mi_free(e);
        return r;
    }
    if (c == '{') {
        t->s++;
        term tail, *e;
        size_t n;
        tp_seq(t, '}', &tail, &n, &e);
        term *hp = tp_alloc(t->p, TUPLE_WORDS(n));
        hp[0] = make_header(SUB_TUPLE, n);
        memcpy(hp + 1, e, n * sizeof *e);
        mi_free(e);
        return term_from_boxed_ptr(hp);
    }
    if (c == '#') return tp_map(t);
    if (c == '<' && t->s[1] == '<') return tp_binary(t);
    if (c == '<') {
        unsigned long n = strtoul(t->s + 3, (char **)&t->s, 10);
        t->s += 3; /* ".0>" */
        return term_from_pid(n);
    }
    if (c == '"') {
        uint32_t *cs = mi_malloc(65536 * sizeof *cs);
        size_t n = tp_quoted(t, '"', cs, 65536);
        term r = tp_list_of(t->p, cs, n, TERM_NIL);
        mi_free(cs);
        return r;
    }
    if (c == '\'') {
        uint32_t cs[300];
        size_t n = tp_quoted(t, '\'', cs, 300);
        return tp_atom_cps(cs, n);
    }
    if (c == '$') {
        t->s++;
        return term_from_small(tp_char(t));
    }
    if ((c >= '0' && c <= '9') || c == '-' || c == '+') return tp_number(t);
    const char *s0 = t->s;
    while ((*t->s >= 'a' && *t->s <= 'z') || (*t->s >= 'A' && *t->s <= 'Z') || (*t->s >= '0' && *t->s <= '9') ||
           *t->s == '_' || *t->s == '@' || (unsigned char)*t->s >= 0x80)
        t->s++;
    cr_assert(t->s > s0, "cannot parse term at: %s", s0);
    term a = atom_term(s0, (size_t)(t->s - s0));
    cr_assert(a != TERM_NONE);
    return a;
}

/* The term written in Erlang syntax (UTF-8) in text. */
static TP_UNUSED term tp_parse(struct proc *p, const char *text) {
    struct tparse t = {p, text};
    term r = tp_term(&t);
    tp_ws(&t);
    cr_assert(*t.s == 0, "trailing text: %s", t.s);
    return r;
}

/* A char list of the UTF-8 text's code points. */
static TP_UNUSED term tp_string(struct proc *p, const char *utf8) {
    size_t len = strlen(utf8);
    uint32_t *cs = mi_malloc((len + 1) * sizeof *cs);
    size_t n = 0;
    struct tparse t = {p, utf8};
    while (*t.s) {
        if (*t.s == '\\') cs[n++] = (unsigned char)*t.s++; /* no escapes here */
        else cs[n++] = tp_char(&t);
    }
    term r = tp_list_of(p, cs, n, TERM_NIL);
    mi_free(cs);
    return r;
}

/* Flatten chardata (deep lists of code points and binaries) to UTF-8;
   false if it is not chardata. */
static bool tp_flatten(term t, struct strbuf *sb) {
    if (t == TERM_NIL) return true;
    if (term_is_small(t)) {
        sb_put_utf8(sb, (uint32_t)term_to_small(t));
        return true;
    }
    if (term_is_bitstring(t)) {
        struct bin_view v;
        if (!bin_view(t, &v)) return false;
        for (uint64_t i = 0; i < v.bit_size / 8; i++) sb_putc(sb, (char)v.bytes[v.bit_offset / 8 + i]);
        return true;
    }
    for (; term_is_list(t); t = CDR(t))
        if (!tp_flatten(CAR(t), sb)) return false;
    return t == TERM_NIL;
}

/* ---- CASE tables ---- */

static const struct {
    const char *name;
    bif_fn fn;
} tp_calls[] = {
    {"erlang:float_to_list/1", bif_erlang_float_to_list_1},
    {"erlang:float_to_list/2", bif_erlang_float_to_list_2},
    {"erlang:float_to_binary/1", bif_erlang_float_to_binary_1},
    {"erlang:float_to_binary/2", bif_erlang_float_to_binary_2},
    {"erlang:list_to_float/1", bif_erlang_list_to_float_1},
    {"erlang:binary_to_float/1", bif_erlang_binary_to_float_1},
    {"io_lib:write/1", bif_io_lib_write_1},
    {"io_lib:write/2", bif_io_lib_write_2},
    {"io_lib:format/2", bif_io_lib_format_2},
    {NULL, NULL},
};

struct fcase {
    const char *fmt, *args, *expect;
};
#define CASE(f, a, e) {f, a, e}

/* Format fmt (UTF-8 text) with args; the flat UTF-8 result or "!badarg". */
static TP_UNUSED char *run_format(struct proc *p, const char *fmt, const char *args) {
    p->x[1] = tp_parse(p, args);
    term r;
    if (fmt[0] == '!') { /* "!module:function/arity": ~p of its result */
        bif_fn fn = NULL;
        for (size_t i = 0; tp_calls[i].name; i++)
            if (strcmp(tp_calls[i].name, fmt + 1) == 0) fn = tp_calls[i].fn;
        cr_assert(fn, "no function %s", fmt);
        unsigned n = 0;
        for (term l = p->x[1]; term_is_list(l); l = CDR(l)) p->x[2 + n++] = CAR(l);
        p->live = 2 + n;
        r = fn(p, p->x + 2);
        if (r != TERM_NONE) {
            struct strbuf sb = STRBUF_INIT;
            print_pretty(&sb, r, 1, 80, -1, false);
            sb_cstr(&sb);
            return sb.data;
        }
    } else {
        p->x[0] = tp_string(p, fmt);
        p->live = 2;
        r = bif_io_lib_format_2(p, p->x);
    }
    struct strbuf sb = STRBUF_INIT;
    if (r == TERM_NONE) {
        sb_puts(&sb, p->exc_reason == AM(badarg) ? "!badarg" : "!other");
    } else {
        cr_assert(tp_flatten(r, &sb), "result is not chardata");
    }
    sb_cstr(&sb);
    return sb.data;
}

static TP_UNUSED void run_cases(const struct fcase *cs, size_t n) {
    struct proc *p = tp_proc();
    int bad = 0;
    for (size_t i = 0; i < n; i++) {
        char *got = run_format(p, cs[i].fmt, cs[i].args);
        if (strcmp(got, cs[i].expect) != 0) {
            bad++;
            cr_log_error("format(\"%s\", %s):\n  got    [%s]\n  expect [%s]", cs[i].fmt, cs[i].args, got,
                         cs[i].expect);
        }
        mi_free(got);
    }
    tp_free(p);
    cr_expect_eq(bad, 0, "%d of %zu cases differ from erl", bad, n);
}
#define RUN(table) run_cases(table, sizeof table / sizeof table[0])

#endif
