/*
 * lexer.c — Erlang source text to tokens, as erl_scan does it.
 *
 * Owns: character classes (Latin-1 letters as erl_scan), escapes, number
 * syntax (bases, underscores, big integers through GMP, floats), the
 * form-ending dot, and how tokens print in messages (lex_token_describe,
 * lex_write_atom, lex_write_string).
 * Invariants: the source is read as UTF-8 (an invalid byte is taken as its
 * Latin-1 code point, never an error); every token gets the line and
 * column of its first character; the output always ends with TOK_EOF.
 */
#include "lexer.h"

#include <gmp.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "compiler.h"
#include "print.h"
#include "strbuf.h"

struct lexer {
    struct arena *arena;
    const char *file;
    const unsigned char *src;
    size_t len, pos;
    uint32_t line, col;
    struct diags *diags;
    struct token_vec *out;
    bool oom;
    bool cut_short; /* an unterminated string/atom ran to the end */
};

static const char *const lex_symbol_texts[TOK_COUNT] = {
#define LEX_TEXT(name, text) [TOK_##name] = text,
    LEX_SYMBOLS(LEX_TEXT)
#undef LEX_TEXT
};

const char *lex_symbol_text(int kind) {
    if (kind == TOK_DOT) return ".";
    if (kind < 0 || kind >= TOK_COUNT || !lex_symbol_texts[kind]) return "";
    return lex_symbol_texts[kind];
}

bool tokvec_push(struct arena *a, struct token_vec *v, const struct token *t) {
    if (v->count == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 256;
        struct token *items =
            arena_realloc(a, v->items, v->count * sizeof *items, cap * sizeof *items);
        if (!items) return false;
        v->items = items;
        v->cap = cap;
    }
    v->items[v->count++] = *t;
    return true;
}

/* ---- characters ---- */

/* Decode the code point at byte offset i; *n gets its byte length. */
static uint32_t lex_decode(const unsigned char *s, size_t len, size_t i, size_t *n) {
    unsigned c = s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    int extra = c >= 0xF8 ? -1 : c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC2 && c < 0xE0 ? 1 : -1;
    if (extra < 0 || i + (size_t)extra >= len) {
        *n = 1;
        return c;
    }
    uint32_t cp = c & (0x3F >> extra);
    for (int k = 1; k <= extra; k++) {
        unsigned b = s[i + (size_t)k];
        if ((b & 0xC0) != 0x80) {
            *n = 1;
            return c;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    *n = (size_t)extra + 1;
    return cp;
}

static bool lex_is_lower(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
}
static bool lex_is_upper(uint32_t c) {
    return (c >= 'A' && c <= 'Z') || c == '_' || (c >= 0xC0 && c <= 0xDE && c != 0xD7);
}
static bool lex_is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static bool lex_is_namechar(uint32_t c) {
    return lex_is_lower(c) || lex_is_upper(c) || lex_is_digit(c) || c == '@';
}
static bool lex_is_space(uint32_t c) { return c <= ' ' || (c >= 0x80 && c <= 0xA0); }

static uint32_t lex_peek_at(struct lexer *lx, size_t at, size_t *n) {
    if (at >= lx->len) {
        *n = 0;
        return UINT32_MAX;
    }
    return lex_decode(lx->src, lx->len, at, n);
}
static uint32_t lex_peek(struct lexer *lx) {
    size_t n;
    return lex_peek_at(lx, lx->pos, &n);
}
/* The code point after the current one. */
static uint32_t lex_peek2(struct lexer *lx) {
    size_t n;
    lex_peek_at(lx, lx->pos, &n);
    if (!n) return UINT32_MAX;
    return lex_peek_at(lx, lx->pos + n, &n);
}
static uint32_t lex_next(struct lexer *lx) {
    size_t n;
    uint32_t c = lex_peek_at(lx, lx->pos, &n);
    if (!n) return UINT32_MAX;
    lx->pos += n;
    if (c == '\n') {
        lx->line++;
        lx->col = 1;
    } else {
        lx->col++;
    }
    return c;
}

static void lex_emit(struct lexer *lx, struct token *t) {
    t->file = lx->file;
    if (!tokvec_push(lx->arena, lx->out, t)) lx->oom = true;
}

/* A lexical error becomes a TOK_ERROR token so it is reported in form
   order (erlc reports per form: scanning and parsing alternate). */
__attribute__((format(printf, 4, 5))) static void lex_error(struct lexer *lx, uint32_t line,
                                                            uint32_t col, const char *fmt, ...) {
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    struct token t = {.kind = TOK_ERROR, .line = line, .col = col};
    t.text = arena_strdup(lx->arena, buf);
    if (!t.text) {
        lx->oom = true;
        return;
    }
    t.len = (uint32_t)strlen(t.text);
    lex_emit(lx, &t);
}

/* ---- growable code point buffer (on the C heap while scanning) ---- */

struct cpbuf {
    uint32_t *cps;
    uint32_t n, cap;
    uint32_t small[64];
};

static void cp_push(struct cpbuf *b, uint32_t c) {
    if (b->n == b->cap) {
        uint32_t cap = b->cap * 2;
        uint32_t *p = mem_malloc(cap * sizeof *p);
        if (!p) return;
        memcpy(p, b->cps, b->n * sizeof *p);
        if (b->cps != b->small) mem_free(b->cps);
        b->cps = p;
        b->cap = cap;
    }
    b->cps[b->n++] = c;
}
static void cp_init(struct cpbuf *b) {
    b->cps = b->small;
    b->n = 0;
    b->cap = 64;
}
static void cp_done(struct cpbuf *b) {
    if (b->cps != b->small) mem_free(b->cps);
}

static int lex_hexval(uint32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

/* After a backslash: read one escape. Returns false at EOF. */
static bool lex_escape(struct lexer *lx, uint32_t *out) {
    uint32_t c = lex_next(lx);
    if (c == UINT32_MAX) return false;
    if (c >= '0' && c <= '7') {
        uint32_t v = c - '0';
        for (int k = 0; k < 2; k++) {
            uint32_t d = lex_peek(lx);
            if (d < '0' || d > '7') break;
            lex_next(lx);
            v = v * 8 + (d - '0');
        }
        *out = v;
        return true;
    }
    switch (c) {
    case 'b': *out = 8; return true;
    case 'd': *out = 127; return true;
    case 'e': *out = 27; return true;
    case 'f': *out = 12; return true;
    case 'n': *out = 10; return true;
    case 'r': *out = 13; return true;
    case 's': *out = 32; return true;
    case 't': *out = 9; return true;
    case 'v': *out = 11; return true;
    case '^': {
        uint32_t d = lex_next(lx);
        if (d == UINT32_MAX) return false;
        *out = d & 31;
        return true;
    }
    case 'x': {
        if (lex_peek(lx) == '{') {
            lex_next(lx);
            uint32_t v = 0;
            while (lex_hexval(lex_peek(lx)) >= 0) v = v * 16 + (uint32_t)lex_hexval(lex_next(lx));
            if (lex_peek(lx) == '}') lex_next(lx);
            *out = v;
            return true;
        }
        uint32_t v = 0;
        int k = 0;
        for (; k < 2 && lex_hexval(lex_peek(lx)) >= 0; k++)
            v = v * 16 + (uint32_t)lex_hexval(lex_next(lx));
        *out = k ? v : 'x';
        return true;
    }
    default: *out = c; return true;
    }
}

/* "unterminated string starting with ..." — erl_scan shows the raw text
   from after the quote, at most 16 characters. */
static void lex_unterminated(struct lexer *lx, const char *what, char quote, size_t start,
                             uint32_t line, uint32_t col) {
    struct cpbuf raw;
    cp_init(&raw);
    size_t i = start;
    while (i < lx->len && raw.n < 16) {
        size_t n;
        cp_push(&raw, lex_decode(lx->src, lx->len, i, &n));
        i += n;
    }
    struct strbuf sb = STRBUF_INIT;
    lex_write_string(&sb, raw.cps, raw.n, quote);
    lex_error(lx, line, col, "unterminated %s starting with %s", what,
              sb.data ? sb_cstr(&sb) : "");
    sb_free(&sb);
    cp_done(&raw);
}

/* Scan a quoted string or atom body; the opening quote is consumed. */
static bool lex_quoted(struct lexer *lx, uint32_t quote, struct cpbuf *b, uint32_t line,
                       uint32_t col) {
    size_t start = lx->pos;
    for (;;) {
        uint32_t c = lex_next(lx);
        if (c == UINT32_MAX) goto eof;
        if (c == quote) return true;
        if (c == '\\') {
            uint32_t e;
            if (!lex_escape(lx, &e)) goto eof;
            cp_push(b, e);
        } else {
            cp_push(b, c);
        }
    }
eof:
    lex_unterminated(lx, quote == '"' ? "string" : "atom", (char)quote, start, line, col);
    lx->cut_short = true;
    return false;
}

static void lex_string(struct lexer *lx, uint32_t line, uint32_t col) {
    struct cpbuf b;
    cp_init(&b);
    if (lex_quoted(lx, '"', &b, line, col)) {
        struct token t = {.kind = TOK_STRING, .line = line, .col = col};
        t.nchars = b.n;
        t.chars = arena_alloc(lx->arena, (b.n ? b.n : 1) * sizeof(uint32_t));
        if (!t.chars) lx->oom = true;
        else memcpy(t.chars, b.cps, b.n * sizeof(uint32_t));
        lex_emit(lx, &t);
    }
    cp_done(&b);
}

static void lex_quoted_atom(struct lexer *lx, uint32_t line, uint32_t col) {
    struct cpbuf b;
    cp_init(&b);
    if (lex_quoted(lx, '\'', &b, line, col)) {
        struct strbuf sb = STRBUF_INIT;
        for (uint32_t i = 0; i < b.n; i++) sb_put_utf8(&sb, b.cps[i]);
        struct token t = {.kind = TOK_ATOM, .line = line, .col = col};
        t.text = arena_strndup(lx->arena, sb.data ? sb.data : "", sb.len);
        t.len = (uint32_t)sb.len;
        if (!t.text || sb.failed) lx->oom = true;
        if (b.n > 255)
            lex_error(lx, line, col, "atom too long");
        else
            lex_emit(lx, &t);
        sb_free(&sb);
    }
    cp_done(&b);
}

static void lex_name(struct lexer *lx, uint32_t first, uint32_t line, uint32_t col) {
    size_t start = lx->pos;
    lex_next(lx);
    while (lex_is_namechar(lex_peek(lx))) lex_next(lx);
    size_t n = lx->pos - start;
    const char *p = (const char *)lx->src + start;
    struct token t = {.line = line, .col = col};
    if (lex_is_upper(first)) {
        t.kind = TOK_VAR;
    } else {
        t.kind = TOK_ATOM;
        for (int k = TOK_FIRST_KEYWORD; k < TOK_COUNT; k++) {
            const char *kw = lex_symbol_texts[k];
            if (kw[0] == p[0] && strlen(kw) == n && memcmp(kw, p, n) == 0) {
                t.kind = (uint16_t)k;
                break;
            }
        }
    }
    t.text = arena_strndup(lx->arena, p, n);
    t.len = (uint32_t)n;
    if (!t.text) lx->oom = true;
    lex_emit(lx, &t);
}

/* Digits of base `base` with single underscores between digits, appended
   to sb (without underscores). Returns the count of digits. */
static size_t lex_digits(struct lexer *lx, int base, struct strbuf *sb) {
    size_t count = 0;
    for (;;) {
        uint32_t c = lex_peek(lx);
        int v = lex_hexval(c);
        if (c >= 'g' && c <= 'z') v = (int)(c - 'a' + 10);
        if (c >= 'G' && c <= 'Z') v = (int)(c - 'A' + 10);
        if (v >= 0 && v < base) {
            sb_putc(sb, (char)c);
            lex_next(lx);
            count++;
            continue;
        }
        if (c == '_' && count > 0) {
            uint32_t d = lex_peek2(lx);
            int dv = lex_hexval(d);
            if (d >= 'g' && d <= 'z') dv = (int)(d - 'a' + 10);
            if (d >= 'G' && d <= 'Z') dv = (int)(d - 'A' + 10);
            if (dv >= 0 && dv < base) {
                lex_next(lx);
                continue;
            }
        }
        return count;
    }
}

static void lex_int_token(struct lexer *lx, const char *digits, int base, uint32_t line,
                          uint32_t col) {
    struct token t = {.kind = TOK_INT, .line = line, .col = col};
    uint64_t v = 0;
    bool overflow = false;
    for (const char *p = digits; *p; p++) {
        int d = lex_hexval((unsigned char)*p);
        if (d < 0) d = (*p | 0x20) - 'a' + 10;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) {
            overflow = true;
            break;
        }
        v = v * (uint64_t)base + (uint64_t)d;
    }
    if (!overflow && v <= (uint64_t)INT64_MAX) {
        t.ival = (int64_t)v;
    } else {
        mpz_t z;
        mpz_init(z);
        mpz_set_str(z, digits, base);
        char *dec = mpz_get_str(NULL, 10, z);
        t.big = true;
        t.text = arena_strdup(lx->arena, dec);
        t.len = t.text ? (uint32_t)strlen(t.text) : 0;
        void (*freefn)(void *, size_t);
        mp_get_memory_functions(NULL, NULL, &freefn);
        freefn(dec, strlen(dec) + 1);
        mpz_clear(z);
        if (!t.text) lx->oom = true;
    }
    lex_emit(lx, &t);
}

static void lex_number(struct lexer *lx, uint32_t line, uint32_t col) {
    struct strbuf sb = STRBUF_INIT;
    lex_digits(lx, 10, &sb);
    const char *digits = sb.data ? sb_cstr(&sb) : "0";
    if (lex_peek(lx) == '#') {
        long base = strtol(digits, NULL, 10);
        lex_next(lx);
        struct strbuf bd = STRBUF_INIT;
        if (base >= 2 && base <= 36 && lex_digits(lx, (int)base, &bd) > 0) {
            lex_int_token(lx, sb_cstr(&bd), (int)base, line, col);
        } else {
            lex_error(lx, line, col,
                      base >= 2 && base <= 36 ? "illegal integer" : "illegal base '%ld'", base);
        }
        sb_free(&bd);
        sb_free(&sb);
        return;
    }
    if (lex_peek(lx) == '.' && lex_is_digit(lex_peek2(lx))) {
        sb_putc(&sb, '.');
        lex_next(lx);
        lex_digits(lx, 10, &sb);
        uint32_t e = lex_peek(lx);
        if (e == 'e' || e == 'E') {
            /* exponent only when digits follow (optionally signed) */
            size_t n1, n2;
            size_t at = lx->pos + 1;
            uint32_t s = lex_peek_at(lx, at, &n1);
            if (s == '+' || s == '-') s = lex_peek_at(lx, at + n1, &n2);
            if (lex_is_digit(s)) {
                sb_putc(&sb, 'e');
                lex_next(lx);
                uint32_t sign = lex_peek(lx);
                if (sign == '+' || sign == '-') sb_putc(&sb, (char)lex_next(lx));
                lex_digits(lx, 10, &sb);
            }
        }
        struct token t = {.kind = TOK_FLOAT, .line = line, .col = col};
        t.fval = strtod(sb_cstr(&sb), NULL);
        if (isinf(t.fval) || isnan(t.fval))
            lex_error(lx, line, col, "illegal float");
        else
            lex_emit(lx, &t);
        sb_free(&sb);
        return;
    }
    lex_int_token(lx, digits, 10, line, col);
    sb_free(&sb);
}

static void lex_char(struct lexer *lx, uint32_t line, uint32_t col) {
    uint32_t c = lex_next(lx);
    if (c == '\\') {
        if (!lex_escape(lx, &c)) c = UINT32_MAX;
    }
    if (c == UINT32_MAX) {
        lex_error(lx, line, col, "unterminated character");
        return;
    }
    struct token t = {.kind = TOK_CHAR, .line = line, .col = col, .ival = c};
    lex_emit(lx, &t);
}

/* Punctuation: longest match. Returns the kind, or TOK_EOF if none. */
static int lex_symbol(struct lexer *lx, uint32_t c) {
    uint32_t d = lex_peek2(lx);
    int kind = TOK_EOF, len = 1;
    switch (c) {
    case '(': kind = TOK_LPAREN; break;
    case ')': kind = TOK_RPAREN; break;
    case '[': kind = TOK_LBRACK; break;
    case ']': kind = TOK_RBRACK; break;
    case '{': kind = TOK_LBRACE; break;
    case '}': kind = TOK_RBRACE; break;
    case ',': kind = TOK_COMMA; break;
    case ';': kind = TOK_SEMI; break;
    case '!': kind = TOK_BANG; break;
    case '#': kind = TOK_HASH; break;
    case '~': kind = TOK_TILDE; break;
    case '*': kind = TOK_STAR; break;
    case '|': kind = d == '|' ? (len = 2, TOK_BARBAR) : TOK_BAR; break;
    case '-':
        kind = d == '>' ? (len = 2, TOK_ARROW) : d == '-' ? (len = 2, TOK_MINUSMINUS) : TOK_MINUS;
        break;
    case '+': kind = d == '+' ? (len = 2, TOK_PLUSPLUS) : TOK_PLUS; break;
    case '/': kind = d == '=' ? (len = 2, TOK_NEQ) : TOK_SLASH; break;
    case ':':
        kind = d == '=' ? (len = 2, TOK_EXACT) : d == ':' ? (len = 2, TOK_COLONCOLON) : TOK_COLON;
        break;
    case '?': kind = d == '?' ? (len = 2, TOK_QQ) : TOK_QMARK; break;
    case '>':
        kind = d == '>' ? (len = 2, TOK_GTGT) : d == '=' ? (len = 2, TOK_GE) : TOK_GT;
        break;
    case '<':
        kind = d == '<'   ? (len = 2, TOK_LTLT)
               : d == '-' ? (len = 2, TOK_LARROW)
               : d == '=' ? (len = 2, TOK_LEQARROW)
                          : TOK_LT;
        break;
    case '=': {
        size_t n;
        uint32_t e = lex_peek_at(lx, lx->pos + 2, &n);
        if (d == '>') kind = TOK_ASSOC, len = 2;
        else if (d == '=') kind = TOK_EQEQ, len = 2;
        else if (d == '<') kind = TOK_LE, len = 2;
        else if (d == ':' && e == '=') kind = TOK_EXEQ, len = 3;
        else if (d == '/' && e == '=') kind = TOK_EXNEQ, len = 3;
        else kind = TOK_EQ;
        break;
    }
    case '.': {
        size_t n;
        uint32_t e = lex_peek_at(lx, lx->pos + 2, &n);
        if (d == '.' && e == '.') kind = TOK_DOTDOTDOT, len = 3;
        else if (d == '.') kind = TOK_DOTDOT, len = 2;
        else if (d == UINT32_MAX || d == '%' || lex_is_space(d)) kind = TOK_DOT;
        else kind = TOK_PERIOD;
        break;
    }
    default: return TOK_EOF;
    }
    for (int k = 0; k < len; k++) lex_next(lx);
    return kind;
}

bool lex_source(struct arena *a, const char *file, const char *src, size_t len,
                struct token_vec *out, struct diags *d) {
    struct lexer lx = {.arena = a, .file = file, .src = (const unsigned char *)src,
                       .len = len, .line = 1, .col = 1, .diags = d, .out = out};
    uint32_t last_line = 1, last_col = 1;
    while (!lx.oom) {
        uint32_t c = lex_peek(&lx);
        if (c == UINT32_MAX) break;
        if (lex_is_space(c)) {
            lex_next(&lx);
            continue;
        }
        if (c == '%') {
            while (lx.pos < lx.len && lx.src[lx.pos] != '\n') lx.pos++;
            continue;
        }
        uint32_t line = lx.line, col = lx.col;
        last_line = line;
        last_col = col;
        if (lex_is_digit(c)) {
            lex_number(&lx, line, col);
        } else if (lex_is_lower(c) || lex_is_upper(c)) {
            lex_name(&lx, c, line, col);
        } else if (c == '"') {
            lex_next(&lx);
            lex_string(&lx, line, col);
        } else if (c == '\'') {
            lex_next(&lx);
            lex_quoted_atom(&lx, line, col);
        } else if (c == '$') {
            lex_next(&lx);
            lex_char(&lx, line, col);
        } else {
            int kind = lex_symbol(&lx, c);
            if (kind == TOK_EOF) {
                /* erl_scan turns any other character into a token of its
                   own; the parser then rejects it */
                size_t start = lx.pos;
                lex_next(&lx);
                struct token t = {.kind = TOK_OTHER, .line = line, .col = col};
                t.text = arena_strndup(a, src + start, lx.pos - start);
                t.len = (uint32_t)(lx.pos - start);
                if (!t.text) lx.oom = true;
                lex_emit(&lx, &t);
                continue;
            }
            struct token t = {.kind = (uint16_t)kind, .line = line, .col = col};
            lex_emit(&lx, &t);
        }
    }
    struct token eof = {.kind = TOK_EOF, .line = last_line, .col = last_col, .file = file,
                        .ival = lx.cut_short};
    if (out->count) {
        eof.line = out->items[out->count - 1].line;
        eof.col = out->items[out->count - 1].col;
    }
    if (!lx.oom && !tokvec_push(a, out, &eof)) lx.oom = true;
    out->end_line = lx.line;
    out->end_col = lx.col;
    return !lx.oom;
}

/* ---- printing tokens as Erlang does ---- */

static void lex_write_char_escaped(struct strbuf *sb, uint32_t c, char quote) {
    switch (c) {
    case '\n': sb_puts(sb, "\\n"); return;
    case '\r': sb_puts(sb, "\\r"); return;
    case '\t': sb_puts(sb, "\\t"); return;
    case '\v': sb_puts(sb, "\\v"); return;
    case '\b': sb_puts(sb, "\\b"); return;
    case '\f': sb_puts(sb, "\\f"); return;
    case 27: sb_puts(sb, "\\e"); return;
    case 127: sb_puts(sb, "\\d"); return;
    case '\\': sb_puts(sb, "\\\\"); return;
    default: break;
    }
    if ((char)c == quote && c < 128) {
        sb_putc(sb, '\\');
        sb_putc(sb, (char)c);
    } else if (c < 32 || (c >= 128 && c < 160)) {
        sb_printf(sb, "\\%03o", c);
    } else {
        sb_put_utf8(sb, c);
    }
}

void lex_write_string(struct strbuf *sb, const uint32_t *chars, uint32_t n, char quote) {
    sb_putc(sb, quote);
    for (uint32_t i = 0; i < n; i++) lex_write_char_escaped(sb, chars[i], quote);
    sb_putc(sb, quote);
}

/* as io_lib:write_atom_as_latin1, which epp's ??Arg and erl_parse's
   messages use ('\x{3B1}', but é unquoted) */
void lex_write_atom(struct strbuf *sb, const char *name, size_t len) {
    print_atom_text(sb, name, len, true);
}

static void lex_write_char(struct strbuf *sb, uint32_t c) {
    sb_putc(sb, '$');
    if (c == ' ') sb_puts(sb, "\\s");
    else lex_write_char_escaped(sb, c, '\0');
}

void lex_token_describe(const struct token *t, struct strbuf *sb) {
    switch (t->kind) {
    case TOK_EOF: return;
    case TOK_ATOM: lex_write_atom(sb, t->text, t->len); return;
    case TOK_VAR: sb_append(sb, t->text, t->len); return;
    case TOK_INT:
        if (t->big) sb_puts(sb, t->text);
        else sb_printf(sb, "%lld", (long long)t->ival);
        return;
    case TOK_FLOAT: print_float(sb, t->fval); return; /* as io_lib:write */
    case TOK_CHAR: lex_write_char(sb, (uint32_t)t->ival); return;
    case TOK_STRING: lex_write_string(sb, t->chars, t->nchars, '"'); return;
    case TOK_DOT: sb_puts(sb, "'.'"); return;
    case TOK_OTHER: lex_write_atom(sb, t->text, t->len); return;
    case TOK_ERROR: return;
    default: {
        const char *s = lex_symbol_text(t->kind);
        sb_putc(sb, '\'');
        sb_puts(sb, s);
        sb_putc(sb, '\'');
    }
    }
}

void lex_token_source(const struct token *t, struct strbuf *sb) {
    if (t->kind == TOK_OTHER) {
        sb_append(sb, t->text, t->len);
        return;
    }
    if (t->kind >= TOK_LPAREN || t->kind == TOK_DOT) {
        sb_puts(sb, lex_symbol_text(t->kind));
        return;
    }
    lex_token_describe(t, sb);
}
