/*
 * print.c — terms as text: ~w (io_lib:write) and ~p (io_lib_pretty), with
 * erl 25's exact output.
 *
 * ~w writes on one line; a depth (~W) replaces what lies deeper with
 * "...". ~p first builds a tree of nodes holding each subterm's one-line
 * text length (io_lib_pretty's "intermediate format"), then lays it out:
 * a term that fits in the rest of the line is written flat; otherwise
 * lists and tuples put as many "atomic" elements (anything written as
 * plain text: numbers, atoms, strings, empty containers) per line as fit
 * and put compound elements on lines of their own, aligned after the
 * opening bracket; a tuple whose first element is an atom ("tagged")
 * aligns the rest after the tag; a map value that does not fit goes on
 * the next line, indented 4. The layout decisions follow io_lib_pretty's
 * (pp, pp_tail, pp_element, cind) so that breaks land where erl's do.
 *
 * print_deep_* build the deep character lists io_lib returns (the nesting
 * of io_lib:write and of io_lib_pretty's one-line output), in C memory,
 * copied to a heap at the end by print_deep_to_term.
 *
 * Invariants: pure functions of the term; nothing on a process heap is
 * touched, so any thread may print a term it may read. Nesting deeper
 * than PRINT_MAX_NEST prints "..." there instead of recursing further
 * (the C stack is bounded; erl would print it all).
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bignum.h"
#include "bits.h"
#include "map.h"
#include "module.h"
#include "print.h"

#define PRINT_MAX_NEST 2000

/* ---- characters, strings, atoms ------------------------------------- */

/* Append c (inside quotes q) as io_lib's string_char writes it. */
static void put_quoted_char(struct strbuf *sb, uint32_t c, int q, bool latin1_only) {
    if ((q >= 0 && c == (uint32_t)q) || c == '\\') {
        sb_putc(sb, '\\');
        sb_putc(sb, (char)c);
    } else if (c >= ' ' && c <= '~') {
        sb_putc(sb, (char)c);
    } else if (c >= 0xA0 && (c <= 0xFF || !latin1_only)) {
        sb_put_utf8(sb, c);
    } else if (c < 0xA0) {
        const char *esc = NULL;
        switch (c) {
        case '\n': esc = "\\n"; break;
        case '\r': esc = "\\r"; break;
        case '\t': esc = "\\t"; break;
        case '\v': esc = "\\v"; break;
        case '\b': esc = "\\b"; break;
        case '\f': esc = "\\f"; break;
        case 27: esc = "\\e"; break;
        case 127: esc = "\\d"; break;
        }
        if (esc) sb_puts(sb, esc);
        else sb_printf(sb, "\\%c%c%c", '0' + (c >> 6), '0' + ((c >> 3) & 7), '0' + (c & 7));
    } else {
        sb_printf(sb, "\\x{%X}", c);
    }
}

void print_string_quoted(struct strbuf *sb, const uint32_t *chars, size_t n, char quote, bool latin1_only) {
    sb_putc(sb, quote);
    for (size_t i = 0; i < n; i++) put_quoted_char(sb, chars[i], quote, latin1_only);
    sb_putc(sb, quote);
}

void print_char_literal(struct strbuf *sb, uint32_t c) {
    sb_putc(sb, '$');
    put_quoted_char(sb, c, -1, false);
}

/* Decode one UTF-8 sequence at s (atom texts are valid UTF-8). */
static uint32_t utf8_next(const unsigned char **s, const unsigned char *end) {
    const unsigned char *p = *s;
    uint32_t c = *p++;
    int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (more) c &= 0x3Fu >> more;
    while (more-- > 0 && p < end) c = (c << 6) | (*p++ & 0x3Fu);
    *s = p;
    return c;
}

static const char *const reserved_words[] = {
    "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch", "cond", "div",
    "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try", "when", "xor", NULL};

static bool atom_char_lower(uint32_t c) { return (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7); }
static bool atom_name_char(uint32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '@' ||
           (c >= 0xC0 && c <= 0xFF && c != 0xD7 && c != 0xF7);
}

static bool atom_needs_quotes(const char *text, size_t len) {
    const unsigned char *s = (const unsigned char *)text, *end = s + len;
    if (len == 0) return true;
    if (!atom_char_lower(utf8_next(&s, end))) return true;
    while (s < end)
        if (!atom_name_char(utf8_next(&s, end))) return true;
    for (int i = 0; reserved_words[i]; i++)
        if (strlen(reserved_words[i]) == len && memcmp(reserved_words[i], text, len) == 0) return true;
    return false;
}

void print_atom_text(struct strbuf *sb, const char *text, size_t len, bool latin1_only) {
    if (!atom_needs_quotes(text, len)) {
        sb_append(sb, text, len);
        return;
    }
    const unsigned char *s = (const unsigned char *)text, *end = s + len;
    sb_putc(sb, '\'');
    while (s < end) put_quoted_char(sb, utf8_next(&s, end), '\'', latin1_only);
    sb_putc(sb, '\'');
}

static void put_atom(struct strbuf *sb, term atom, bool latin1_only) {
    size_t len;
    const char *text = atom_text(term_to_atom(atom), &len);
    print_atom_text(sb, text, len, latin1_only);
}

void print_atom(struct strbuf *sb, term atom) { put_atom(sb, atom, false); }
void print_atom_latin1(struct strbuf *sb, term atom) { put_atom(sb, atom, true); }

/* ---- ~w ---------------------------------------------------------------- */

/* Terms written the same by ~w and ~p: numbers, pids, ports, refs, funs. */
static void write_simple(struct strbuf *sb, term t) {
    if (term_is_small(t)) {
        sb_printf(sb, "%lld", (long long)term_to_small(t));
    } else if (term_is_local_pid(t)) {
        sb_printf(sb, "<0.%llu.%llu>", (unsigned long long)pid_index(term_to_pid(t)),
                  (unsigned long long)pid_serial(term_to_pid(t)));
    } else if (term_is_local_port(t)) {
        sb_printf(sb, "#Port<0.%llu>", (unsigned long long)term_to_port(t));
    } else if (term_is_boxed(t)) {
        term *b = term_boxed_ptr(t);
        switch (header_sub(b[0])) {
        case SUB_POS_BIG:
        case SUB_NEG_BIG: int_to_text(sb, t, 10); break;
        case SUB_FLOAT: print_float(sb, float_value(t)); break;
        case SUB_REF:
            sb_printf(sb, "#Ref<0.%llu.%llu.%llu>", (unsigned long long)(b[2] & 0xFFFFFFFFu),
                      (unsigned long long)(b[1] >> 32), (unsigned long long)(b[1] & 0xFFFFFFFFu));
            break;
        case SUB_FUN: {
            const struct fun_entry *fe = fun_entry_of(t);
            sb_puts(sb, "#Fun<");
            print_atom(sb, fe->module_name);
            sb_printf(sb, ".%u.%u>", fe->index, fe->uniq);
            break;
        }
        case SUB_EXPORT: {
            const struct export_entry *ex = export_of(t);
            sb_puts(sb, "fun ");
            print_atom(sb, ex->module);
            sb_putc(sb, ':');
            print_atom(sb, ex->function);
            sb_printf(sb, "/%u", ex->arity);
            break;
        }
        case SUB_EXT_PID: sb_puts(sb, "<?.?.?>"); break;
        case SUB_EXT_PORT: sb_puts(sb, "#Port<?.?>"); break;
        case SUB_EXT_REF: sb_puts(sb, "#Ref<?.?.?.?>"); break;
        default: sb_puts(sb, "<?>"); break;
        }
    } else {
        sb_puts(sb, "<?>");
    }
}

/* The byte at bit position pos of a view (not byte aligned in general). */
static unsigned view_byte(const struct bin_view *v, uint64_t index) {
    uint64_t bit = v->bit_offset + index * 8;
    unsigned sh = (unsigned)(bit & 7);
    const uint8_t *p = v->bytes + bit / 8;
    if (sh == 0) return p[0];
    return ((unsigned)(p[0] << sh) | (p[1] >> (8 - sh))) & 0xFFu;
}

/* The trailing bits (fewer than 8) of a view, as a number. */
static unsigned view_tail_bits(const struct bin_view *v, unsigned *nbits) {
    uint64_t whole = v->bit_size / 8;
    *nbits = (unsigned)(v->bit_size % 8);
    unsigned x = 0;
    for (unsigned i = 0; i < *nbits; i++) {
        uint64_t bit = v->bit_offset + whole * 8 + i;
        x = (x << 1) | ((v->bytes[bit / 8] >> (7 - (bit & 7))) & 1u);
    }
    return x;
}

void fmt_view_bytes(const struct bin_view *v, uint8_t *out) {
    uint64_t n = v->bit_size / 8;
    if (v->bit_offset % 8 == 0) {
        memcpy(out, v->bytes + v->bit_offset / 8, (size_t)n);
        return;
    }
    for (uint64_t i = 0; i < n; i++) out[i] = (uint8_t)view_byte(v, i);
}

/* io_lib:write_binary: <<1,2,3>>, <<1,2:4>>, depth counts bytes. */
static void write_binary(struct strbuf *sb, const struct bin_view *v, int depth) {
    uint64_t n = v->bit_size / 8;
    unsigned nbits;
    unsigned tail = view_tail_bits(v, &nbits);
    sb_puts(sb, "<<");
    uint64_t i = 0;
    for (; i < n; i++) {
        if (depth == 1) {
            sb_puts(sb, "...");
            sb_puts(sb, ">>");
            return;
        }
        sb_printf(sb, "%u", view_byte(v, i));
        if (i + 1 < n || nbits) sb_putc(sb, ',');
        if (depth > 0) depth--;
    }
    if (nbits) {
        if (depth == 1) sb_puts(sb, "...");
        else sb_printf(sb, "%u:%u", tail, nbits);
    }
    sb_puts(sb, ">>");
}

static void write_term(struct strbuf *sb, term t, int depth, int nest, bool l1);

static void write_list(struct strbuf *sb, term t, int depth, int nest, bool l1) {
    if (depth == 1) {
        sb_puts(sb, "[...]");
        return;
    }
    sb_putc(sb, '[');
    depth = depth > 0 ? depth - 1 : depth;
    write_term(sb, CAR(t), depth, nest + 1, l1);
    for (t = CDR(t); t != TERM_NIL; t = CDR(t)) {
        if (depth == 1) {
            sb_puts(sb, "|...");
            break;
        }
        if (!term_is_list(t)) {
            sb_putc(sb, '|');
            write_term(sb, t, depth > 0 ? depth - 1 : depth, nest + 1, l1);
            break;
        }
        sb_putc(sb, ',');
        depth = depth > 0 ? depth - 1 : depth;
        write_term(sb, CAR(t), depth, nest + 1, l1);
    }
    sb_putc(sb, ']');
}

static void write_tuple(struct strbuf *sb, term t, int depth, int nest, bool l1) {
    uint64_t n = tuple_arity(t);
    if (n == 0) {
        sb_puts(sb, "{}");
        return;
    }
    if (depth == 1) {
        sb_puts(sb, "{...}");
        return;
    }
    int dt = depth > 0 ? depth - 1 : depth; /* write_tail's depth */
    sb_putc(sb, '{');
    write_term(sb, tuple_elems(t)[0], dt, nest + 1, l1);
    for (uint64_t i = 1; i < n; i++) {
        sb_putc(sb, ',');
        if (dt == 1) {
            sb_puts(sb, "...");
            break;
        }
        write_term(sb, tuple_elems(t)[i], dt > 0 ? dt - 1 : dt, nest + 1, l1);
        if (dt > 0) dt--;
    }
    sb_putc(sb, '}');
}

/* io_lib:write_map: depth 1 is "#{}"; after the first pair the depth left
   is checked before looking for a next pair, so a map printed with
   exactly enough depth still ends in ",..." (erl 25 does this). */
static void write_map_pairs(struct strbuf *sb, const struct map_view *v, int depth, int nest, bool l1) {
    uint64_t n = v->n;
    const term *keys = v->keys, *vals = v->vals;
    if (n == 0 || depth == 1) {
        sb_puts(sb, "#{}");
        return;
    }
    int d0 = depth > 0 ? depth - 1 : depth;
    sb_puts(sb, "#{");
    for (uint64_t i = 0, left = (uint64_t)d0; i < n; i++) {
        if (i > 0) {
            if (d0 > 0 && left == 1) {
                sb_puts(sb, ",...");
                break;
            }
            sb_putc(sb, ',');
            left--;
        }
        write_term(sb, keys[i], d0, nest + 1, l1);
        sb_puts(sb, " => ");
        write_term(sb, vals[i], d0, nest + 1, l1);
    }
    if (d0 > 0 && n > 0 && (uint64_t)d0 == n) sb_puts(sb, ",...");
    sb_putc(sb, '}');
}

static void write_map(struct strbuf *sb, term t, int depth, int nest, bool l1) {
    struct map_view v;
    map_view_open(t, &v); /* out of memory: printed as empty */
    write_map_pairs(sb, &v, depth, nest, l1);
    map_view_close(&v);
}

static void write_term(struct strbuf *sb, term t, int depth, int nest, bool l1) {
    if (depth == 0 || nest > PRINT_MAX_NEST) {
        sb_puts(sb, "...");
        return;
    }
    if (term_is_atom(t)) put_atom(sb, t, l1);
    else if (t == TERM_NIL) sb_puts(sb, "[]");
    else if (term_is_list(t)) write_list(sb, t, depth, nest, l1);
    else if (term_is_tuple(t)) write_tuple(sb, t, depth, nest, l1);
    else if (term_is_map(t)) write_map(sb, t, depth, nest, l1);
    else if (term_is_bitstring(t)) {
        struct bin_view v;
        if (bin_view(t, &v)) write_binary(sb, &v, depth);
        else sb_puts(sb, "<<>>");
    } else write_simple(sb, t);
}

void print_term(struct strbuf *sb, term t, int depth) { write_term(sb, t, depth, 0, true); }
void print_term_opts(struct strbuf *sb, term t, int depth, bool unicode) { write_term(sb, t, depth, 0, !unicode); }

/* ---- ~p: the intermediate tree ---------------------------------------- */

enum pkind { PK_TEXT, PK_LIST, PK_TUPLE, PK_MAP, PK_PAIR, PK_BIN };

struct pnode {
    uint8_t kind;
    bool tagged;      /* PK_TUPLE: first element is an atom, size > 1 */
    bool dots;        /* the element sequence ends in "..." */
    long len;         /* characters of the one-line form */
    size_t off, size; /* PK_TEXT, PK_BIN: bytes in ctx->text */
    uint32_t n;       /* elements (PK_PAIR: 2) */
    struct pnode **kids;
    struct pnode *tail; /* PK_LIST: an improper tail, or NULL */
};

struct pctx {
    struct strbuf text; /* texts of PK_TEXT / PK_BIN nodes */
    struct strbuf *out;
    bool latin1;  /* ~p (true) or ~tp */
    bool strings; /* false for ~lp: lists are never shown as strings */
    char **blocks;
    size_t nblocks, used, avail;
    bool failed;
};

static void *p_alloc(struct pctx *c, size_t bytes) {
    bytes = (bytes + 15) & ~(size_t)15;
    if (c->used + bytes > c->avail) {
        size_t sz = bytes > 16384 ? bytes : 16384;
        char **nb = mem_realloc(c->blocks, (c->nblocks + 1) * sizeof *nb);
        char *blk = nb ? mem_malloc(sz) : NULL;
        if (nb) c->blocks = nb;
        if (!blk) {
            c->failed = true;
            return NULL;
        }
        c->blocks[c->nblocks++] = blk;
        c->used = 0;
        c->avail = sz;
    }
    void *r = c->blocks[c->nblocks - 1] + c->used;
    c->used += bytes;
    return r;
}

static long utf8_chars(const char *s, size_t n) {
    long k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

static struct pnode *p_node(struct pctx *c, enum pkind kind) {
    struct pnode *nd = p_alloc(c, sizeof *nd);
    if (nd) memset(nd, 0, sizeof *nd), nd->kind = (uint8_t)kind;
    return nd;
}

/* A text node from what was appended to c->text since `start`. */
static struct pnode *p_text_from(struct pctx *c, size_t start, enum pkind kind) {
    struct pnode *nd = p_node(c, kind);
    if (!nd) return NULL;
    nd->off = start;
    nd->size = c->text.len - start;
    nd->len = utf8_chars(c->text.data + start, nd->size);
    return nd;
}

static struct pnode *p_text(struct pctx *c, const char *s) {
    size_t start = c->text.len;
    sb_puts(&c->text, s);
    return p_text_from(c, start, PK_TEXT);
}

static bool printable_latin1(uint32_t ch) {
    return (ch >= 32 && ch <= 126) || (ch >= 0xA0 && ch <= 0xFF) || ch == '\n' || ch == '\r' || ch == '\t' ||
           ch == '\v' || ch == '\b' || ch == '\f' || ch == 27;
}

/* io_lib:printable_latin1_list (printable_range is latin1 by default, so
   ~tp uses the same test). */
static bool printable_list(term t) {
    for (; term_is_list(t); t = CDR(t)) {
        term h = CAR(t);
        if (!term_is_small(h) || term_to_small(h) < 0 || !printable_latin1((uint32_t)term_to_small(h))) return false;
    }
    return t == TERM_NIL;
}

static struct pnode *p_build(struct pctx *c, term t, int d, int nest);

static struct pnode *p_string(struct pctx *c, term t) {
    size_t start = c->text.len;
    sb_putc(&c->text, '"');
    for (; term_is_list(t); t = CDR(t)) put_quoted_char(&c->text, (uint32_t)term_to_small(CAR(t)), '"', c->latin1);
    sb_putc(&c->text, '"');
    return p_text_from(c, start, PK_TEXT);
}

/* Sum of element lengths with separators, as list_length does. */
static long p_seq_len(struct pnode *nd, long brackets) {
    long len = brackets;
    for (uint32_t i = 0; i < nd->n; i++) len += (i > 0) + nd->kids[i]->len;
    if (nd->dots) len += (nd->n > 0) + 3;
    if (nd->tail) len += 1 + nd->tail->len;
    return len;
}

static struct pnode *p_list(struct pctx *c, term t, int d, int nest) {
    if (d != 1 && c->strings && printable_list(t)) return p_string(c, t);
    struct pnode *nd = p_node(c, PK_LIST);
    if (!nd) return NULL;
    uint32_t n = 0;
    term l = t;
    for (int dd = d; term_is_list(l) && dd != 1; l = CDR(l), dd--) n++;
    nd->kids = p_alloc(c, (n ? n : 1) * sizeof *nd->kids);
    if (!nd->kids) return NULL;
    for (l = t; term_is_list(l); l = CDR(l)) {
        if (d == 1) {
            nd->dots = true;
            break;
        }
        if (!(nd->kids[nd->n++] = p_build(c, CAR(l), d - 1, nest + 1))) return NULL;
        d--;
    }
    if (!nd->dots && l != TERM_NIL) {
        if (d == 1) nd->dots = true;
        else if (!(nd->tail = p_build(c, l, d - 1, nest + 1))) return NULL;
    }
    nd->len = p_seq_len(nd, 2);
    return nd;
}

static struct pnode *p_tuple(struct pctx *c, term t, int d, int nest) {
    uint64_t n = tuple_arity(t);
    if (n == 0) return p_text(c, "{}");
    if (d == 1) return p_text(c, "{...}");
    struct pnode *nd = p_node(c, PK_TUPLE);
    if (!nd || !(nd->kids = p_alloc(c, n * sizeof *nd->kids))) return NULL;
    for (uint64_t i = 0; i < n; i++) {
        if (d == 1) {
            nd->dots = true;
            break;
        }
        if (!(nd->kids[nd->n++] = p_build(c, tuple_elems(t)[i], d - 1, nest + 1))) return NULL;
        d--;
    }
    nd->tagged = term_is_atom(tuple_elems(t)[0]) && n > 1;
    nd->len = p_seq_len(nd, 2);
    return nd;
}

static struct pnode *p_map_pairs(struct pctx *c, const struct map_view *v, int d, int nest) {
    uint64_t n = v->n;
    if (n == 0) return p_text(c, "#{}");
    if (d == 1) return p_text(c, "#{...}");
    const term *keys = v->keys, *vals = v->vals;
    struct pnode *nd = p_node(c, PK_MAP);
    if (!nd || !(nd->kids = p_alloc(c, n * sizeof *nd->kids))) return NULL;
    int d0 = d - 1;
    for (uint64_t i = 0; i < n; i++) {
        if (d == 1) {
            nd->dots = true;
            break;
        }
        struct pnode *pair = p_node(c, PK_PAIR);
        if (!pair || !(pair->kids = p_alloc(c, 2 * sizeof *pair->kids))) return NULL;
        pair->n = 2;
        if (!(pair->kids[0] = p_build(c, keys[i], d0, nest + 1))) return NULL;
        if (!(pair->kids[1] = p_build(c, vals[i], d0, nest + 1))) return NULL;
        pair->len = pair->kids[0]->len + 4 + pair->kids[1]->len;
        nd->kids[nd->n++] = pair;
        d--;
    }
    nd->len = p_seq_len(nd, 3);
    return nd;
}

static struct pnode *p_map(struct pctx *c, term t, int d, int nest) {
    struct map_view v;
    map_view_open(t, &v); /* out of memory: printed as empty */
    struct pnode *r = p_map_pairs(c, &v, d, nest);
    map_view_close(&v);
    return r;
}

/* printable_bin (list output): how many leading bytes to show as a string,
   or -1 for "not printable". *all: the whole binary. *utf8: as /utf8. */
static long p_bin_printable(struct pctx *c, const uint8_t *b, size_t size, int d1, bool *all, bool *utf8) {
    size_t len = d1 >= 0 ? ((size_t)4 * (size_t)d1 < size ? (size_t)4 * (size_t)d1 : size) : size;
    *all = false;
    *utf8 = false;
    if (len == 0) return -1;
    if (!c->latin1) {
        /* decode UTF-8 chars while len allows, each must be printable */
        size_t i = 0, chars = len;
        bool multibyte = false, valid = true;
        while (i < size && chars > 0) {
            unsigned char ch = b[i];
            size_t k = ch < 0x80 ? 1 : (ch & 0xE0) == 0xC0 ? 2 : (ch & 0xF0) == 0xE0 ? 3 : (ch & 0xF8) == 0xF0 ? 4 : 0;
            if (k == 0 || i + k > size) {
                valid = false;
                break;
            }
            for (size_t j = 1; j < k; j++)
                if ((b[i + j] & 0xC0) != 0x80) valid = false;
            const unsigned char *s = b + i;
            uint32_t cp = utf8_next(&s, b + size);
            static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
            if (!valid || cp < min_cp[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
                valid = false;
                break;
            }
            if (!printable_latin1(cp)) break;
            if (k > 1) multibyte = true;
            i += k;
            chars--;
        }
        if (valid) {
            if (i == size) {
                *all = true;
                *utf8 = multibyte;
                return (long)size;
            }
            if (d1 > 0 && (long)(len - chars) >= d1) {
                *utf8 = multibyte;
                return (long)i;
            }
            return -1;
        }
    }
    size_t i = 0;
    while (i < size && i < len && printable_latin1(b[i])) i++;
    if (i == size) {
        *all = true;
        return (long)size;
    }
    if (d1 > 0 && (long)i >= d1) return (long)i;
    return -1;
}

static struct pnode *p_binary(struct pctx *c, term t, int d) {
    struct bin_view v;
    if (!bin_view(t, &v) || v.bit_size == 0) return p_text(c, "<<>>");
    if (d == 1) return p_text(c, "<<...>>");
    size_t start = c->text.len;
    if (v.bit_size % 8 == 0) {
        size_t size = (size_t)(v.bit_size / 8);
        uint8_t *b = mem_malloc(size ? size : 1);
        if (!b) return NULL;
        fmt_view_bytes(&v, b);
        bool all, utf8;
        long k = c->strings ? p_bin_printable(c, b, size, d - 1, &all, &utf8) : -1;
        if (k >= 0) {
            sb_puts(&c->text, "<<\"");
            if (utf8) {
                const unsigned char *s = b, *end = b + k;
                while (s < end) put_quoted_char(&c->text, utf8_next(&s, end), '"', false);
            } else {
                for (long i = 0; i < k; i++) put_quoted_char(&c->text, b[i], '"', false);
            }
            sb_putc(&c->text, '"');
            if (utf8) sb_puts(&c->text, "/utf8");
            sb_puts(&c->text, all ? ">>" : "...>>");
            mem_free(b);
            return p_text_from(c, start, PK_TEXT);
        }
        mem_free(b);
    }
    write_binary(&c->text, &v, d);
    return p_text_from(c, start, PK_BIN);
}

static struct pnode *p_build(struct pctx *c, term t, int d, int nest) {
    if (c->failed) return NULL;
    if (nest > PRINT_MAX_NEST) return p_text(c, "...");
    if (t == TERM_NIL) return p_text(c, "[]");
    if (term_is_list(t)) return p_list(c, t, d, nest);
    if (term_is_tuple(t)) return p_tuple(c, t, d, nest);
    if (term_is_map(t)) return p_map(c, t, d, nest);
    if (term_is_bitstring(t)) return p_binary(c, t, d);
    size_t start = c->text.len;
    if (term_is_atom(t)) put_atom(&c->text, t, c->latin1);
    else write_simple(&c->text, t);
    return p_text_from(c, start, PK_TEXT);
}

/* ---- ~p: layout --------------------------------------------------------- */

#define ATM(nd) ((nd)->kind == PK_TEXT)
#define ATM_PAIR(nd) (ATM((nd)->kids[0]) && ATM((nd)->kids[1]))

static void p_put(struct pctx *c, const char *s, size_t n) { sb_append(c->out, s, n); }
static void p_puts(struct pctx *c, const char *s) { sb_puts(c->out, s); }
static void p_newline(struct pctx *c, long ind) {
    sb_putc(c->out, '\n');
    for (long i = 0; i < ind; i++) sb_putc(c->out, ' ');
}

static void p_write(struct pctx *c, const struct pnode *nd);

static void p_write_seq(struct pctx *c, const struct pnode *nd, char sep) {
    for (uint32_t i = 0; i < nd->n; i++) {
        if (i > 0) sb_putc(c->out, ',');
        p_write(c, nd->kids[i]);
    }
    if (nd->dots) {
        if (nd->n > 0) sb_putc(c->out, sep);
        p_puts(c, "...");
    }
    if (nd->tail) {
        sb_putc(c->out, sep);
        p_write(c, nd->tail);
    }
}

static void p_write(struct pctx *c, const struct pnode *nd) {
    switch (nd->kind) {
    case PK_TEXT:
    case PK_BIN: p_put(c, c->text.data + nd->off, nd->size); break;
    case PK_LIST:
        p_puts(c, "[");
        p_write_seq(c, nd, '|');
        p_puts(c, "]");
        break;
    case PK_TUPLE:
        p_puts(c, "{");
        p_write_seq(c, nd, ',');
        p_puts(c, "}");
        break;
    case PK_MAP:
        p_puts(c, "#{");
        p_write_seq(c, nd, ',');
        p_puts(c, "}");
        break;
    case PK_PAIR:
        p_write(c, nd->kids[0]);
        p_puts(c, " => ");
        p_write(c, nd->kids[1]);
        break;
    }
}

/* Layout parameters that do not change during one print. */
struct play {
    long ll, m, tind;
};

static bool fits(const struct pnode *nd, long col, const struct play *pl, long ld, long w) {
    return nd->len < pl->ll - col - ld && nd->len + w + ld <= pl->m;
}

/* The condition of pp_tail / cind_tail for writing element e (followed
   by more elements when ld1 == 0) on the current line. */
static bool tail_fits(long elen, long col, const struct play *pl, long ld1, long w) {
    if (ld1 == 0) return elen + 1 < pl->ll - col && w + elen + 1 <= pl->m;
    return elen < pl->ll - col - ld1 && w + elen + ld1 <= pl->m;
}

static void pp(struct pctx *c, const struct pnode *nd, long col, const struct play *pl, long ind, long ld, long w);

/* pp_element: write e; returns its width, or ll to force a newline next */
static long pp_element(struct pctx *c, const struct pnode *e, long col, const struct play *pl, long ind, long ld,
                       long w) {
    if (fits(e, col, pl, ld, w) && ATM(e)) {
        p_write(c, e);
        return e->len;
    }
    pp(c, e, col, pl, ind, ld, w);
    return pl->ll;
}

/* Elements from index i on (pp_tail), then the dots or improper tail. */
static void pp_tail(struct pctx *c, const struct pnode *nd, uint32_t i, long col0, long col, const struct play *pl,
                    long ind, long ld, char sep, long w) {
    for (; i < nd->n; i++) {
        const struct pnode *e = nd->kids[i];
        bool more = i + 1 < nd->n;
        long ld1 = more ? 0 : ld + 1;
        long elen = 1 + e->len;
        if (tail_fits(elen, col, pl, ld1, w) && ATM(e)) {
            sb_putc(c->out, ',');
            p_write(c, e);
            col += elen;
            w += elen;
        } else {
            sb_putc(c->out, ',');
            p_newline(c, ind);
            long we = pp_element(c, e, col0, pl, ind, ld1, 0);
            col = col0 + we;
            w = we;
        }
    }
    if (nd->dots) {
        sb_putc(c->out, sep);
        p_puts(c, "...");
    } else if (nd->tail) {
        const struct pnode *e = nd->tail;
        if (e->len + 1 < pl->ll - col - (ld + 1) && e->len + 1 + w + (ld + 1) <= pl->m && ATM(e)) {
            sb_putc(c->out, sep);
            p_write(c, e);
        } else {
            sb_putc(c->out, sep);
            p_newline(c, ind);
            pp(c, e, col0, pl, ind, ld + 1, 0);
        }
    }
}

/* last_depth of the sequence after element i */
static long last_depth(const struct pnode *nd, uint32_t i, long ld) { return i + 1 < nd->n ? 0 : ld + 1; }

static void pp_list(struct pctx *c, const struct pnode *nd, uint32_t first, long col0, const struct play *pl,
                    long ind, long ld, char sep, long w) {
    if (first >= nd->n) { /* only dots */
        p_puts(c, "...");
        return;
    }
    long we = pp_element(c, nd->kids[first], col0, pl, ind, last_depth(nd, first, ld), w);
    pp_tail(c, nd, first + 1, col0, col0 + we, pl, ind, ld, sep, w + we);
}

static void pp_tag_tuple(struct pctx *c, const struct pnode *nd, long col, const struct play *pl, long ind, long ld,
                         long w) {
    const struct pnode *tag = nd->kids[0];
    long tlen = tag->len, tagind = tlen + 2, tcol = col + tagind;
    if (pl->tind > 0 && tagind > pl->tind) {
        p_write(c, tag);
        pp_tail(c, nd, 1, col + pl->tind, tcol, pl, ind + pl->tind, ld, ',', w + tlen);
    } else {
        p_write(c, tag);
        sb_putc(c->out, ',');
        pp_list(c, nd, 1, tcol, pl, ind + tagind, ld, ',', w + tlen + 1);
    }
}

static long map_value_indent(long tind) { return tind > 0 ? tind : 4; }

static long pp_pair(struct pctx *c, const struct pnode *p, long col, const struct play *pl, long ind, long ld,
                    long w) {
    if (fits(p, col, pl, ld, w)) {
        p_write(c, p);
        return ATM_PAIR(p) ? p->len : pl->ll;
    }
    long i = map_value_indent(pl->tind);
    pp(c, p->kids[0], col, pl, ind, ld, w);
    p_puts(c, " =>");
    p_newline(c, ind + i);
    pp(c, p->kids[1], col + i, pl, ind + i, ld, 0);
    return pl->ll;
}

static void pp_map(struct pctx *c, const struct pnode *nd, long col, const struct play *pl, long ind, long ld,
                   long w) {
    if (nd->n == 0) {
        if (nd->dots) p_puts(c, "...");
        return;
    }
    long pw = pp_pair(c, nd->kids[0], col, pl, ind, last_depth(nd, 0, ld), w);
    long col0 = col;
    col = col0 + pw;
    w = pw;
    for (uint32_t i = 1; i < nd->n; i++) {
        const struct pnode *p = nd->kids[i];
        long ld1 = last_depth(nd, i, ld);
        long elen = 1 + p->len;
        sb_putc(c->out, ',');
        if (tail_fits(elen, col, pl, ld1, w) && ATM_PAIR(p)) {
            p_write(c, p);
            col += elen;
            w += elen;
        } else {
            p_newline(c, ind);
            pw = pp_pair(c, p, col0, pl, ind, ld1, 0);
            col = col0 + pw;
            w = pw;
        }
    }
    if (nd->dots) p_puts(c, ",...");
}

/* pp_binary: break the numbers of <<1,2,...>> over lines of n chars. */
static void pp_binary(struct pctx *c, const struct pnode *nd, long col, const struct play *pl, long ind, long ld,
                      long w) {
    long lim = pl->ll - col < pl->m - 4 - w ? pl->ll - col : pl->m - 4 - w;
    long n0 = lim - ld > 8 ? lim - ld : 8, n = n0;
    const char *s = c->text.data + nd->off + 2, *end = c->text.data + nd->off + nd->size - 2;
    p_puts(c, "<<");
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        if (comma) {
            long len = (long)(comma - s) + 1;
            if (n - len < 0) {
                p_newline(c, ind);
                n = n0 - len;
            } else {
                n -= len;
            }
            p_put(c, s, (size_t)len);
            s = comma + 1;
        } else {
            /* the last item: N, X:L or ... */
            if (end - s > n) p_newline(c, ind);
            p_put(c, s, (size_t)(end - s));
            s = end;
        }
    }
    p_puts(c, ">>");
}

static void pp(struct pctx *c, const struct pnode *nd, long col, const struct play *pl, long ind, long ld, long w) {
    if (fits(nd, col, pl, ld, w)) {
        p_write(c, nd);
        return;
    }
    switch (nd->kind) {
    case PK_LIST:
        p_puts(c, "[");
        pp_list(c, nd, 0, col + 1, pl, ind + 1, ld, '|', w + 1);
        p_puts(c, "]");
        break;
    case PK_TUPLE:
        p_puts(c, "{");
        if (nd->tagged && nd->n > 0) pp_tag_tuple(c, nd, col, pl, ind, ld, w + 1);
        else pp_list(c, nd, 0, col + 1, pl, ind + 1, ld, ',', w + 1);
        p_puts(c, "}");
        break;
    case PK_MAP:
        p_puts(c, "#{");
        pp_map(c, nd, col + 2, pl, ind + 2, ld, w + 1);
        p_puts(c, "}");
        break;
    case PK_BIN: pp_binary(c, nd, col + 2, pl, ind + 2, ld, w); break;
    default: p_write(c, nd); break;
    }
}

/* ---- cind: can the layout use tag indentation `ind`? ------------------ */

struct cind {
    long ll, m, ind;
};

static bool cind(const struct pnode *nd, long col, const struct cind *ci, long ld, long w);

static bool cfits(const struct pnode *nd, long col, const struct cind *ci, long ld, long w) {
    return nd->len < ci->ll - col - ld && nd->len + w + ld <= ci->m;
}

static bool ctail_fits(long elen, long col, const struct cind *ci, long ld1, long w) {
    if (ld1 == 0) return elen + 1 < ci->ll - col && w + elen + 1 <= ci->m;
    return elen < ci->ll - col - ld1 && w + elen + ld1 <= ci->m;
}

/* cind_element: the width, ll to force a newline; -1 on no_good */
static long cind_element(const struct pnode *e, long col, const struct cind *ci, long ld, long w) {
    if (cfits(e, col, ci, ld, w) && ATM(e)) return e->len;
    return cind(e, col, ci, ld, w) ? ci->ll : -1;
}

static bool cind_tail(const struct pnode *nd, uint32_t i, long col0, long col, const struct cind *ci, long ld,
                      long w) {
    for (; i < nd->n; i++) {
        const struct pnode *e = nd->kids[i];
        long ld1 = last_depth(nd, i, ld), elen = 1 + e->len;
        if (ctail_fits(elen, col, ci, ld1, w) && ATM(e)) {
            col += elen;
            w += elen;
        } else {
            long we = cind_element(e, col0, ci, ld1, 0);
            if (we < 0) return false;
            col = col0 + we;
            w = we;
        }
    }
    if (!nd->dots && nd->tail) {
        const struct pnode *e = nd->tail;
        if (e->len + 1 < ci->ll - col - (ld + 1) && e->len + 1 + w + (ld + 1) <= ci->m && ATM(e)) return true;
        return cind(e, col, ci, ld + 1, 0);
    }
    return true;
}

static bool cind_list(const struct pnode *nd, uint32_t first, long col0, const struct cind *ci, long ld, long w) {
    if (first >= nd->n) return true;
    long we = cind_element(nd->kids[first], col0, ci, last_depth(nd, first, ld), w);
    if (we < 0) return false;
    return cind_tail(nd, first + 1, col0, col0 + we, ci, ld, w + we);
}

static long cind_pair(const struct pnode *p, long col, const struct cind *ci, long ld, long w) {
    if (cfits(p, col, ci, ld, w)) return ATM_PAIR(p) ? p->len : ci->ll;
    if (!cind(p->kids[0], col, ci, ld, w)) return -1;
    if (!cind(p->kids[1], col + map_value_indent(ci->ind), ci, ld, 0)) return -1;
    return ci->ll;
}

static bool cind_map(const struct pnode *nd, long col, const struct cind *ci, long ld, long w) {
    if (nd->n == 0) return true;
    long pw = cind_pair(nd->kids[0], col, ci, last_depth(nd, 0, ld), w);
    if (pw < 0) return false;
    long col0 = col;
    col = col0 + pw;
    w = w + pw;
    for (uint32_t i = 1; i < nd->n; i++) {
        const struct pnode *p = nd->kids[i];
        long ld1 = last_depth(nd, i, ld), elen = 1 + p->len;
        if (ctail_fits(elen, col, ci, ld1, w) && ATM_PAIR(p)) {
            col += elen;
            w += elen;
        } else {
            pw = cind_pair(p, col0, ci, ld1, 0);
            if (pw < 0) return false;
            col = col0 + pw;
            w = pw;
        }
    }
    return true;
}

static bool cind_tag_tuple(const struct pnode *nd, long col, const struct cind *ci, long ld, long w) {
    long tlen = nd->kids[0]->len, tagind = tlen + 2, tcol = col + tagind;
    if (ci->ind > 0 && tagind > ci->ind) {
        long col1 = col + ci->ind;
        if (ci->m + col1 <= ci->ll || col1 <= ci->ll / 2) return cind_tail(nd, 1, col1, tcol, ci, ld, w + tlen);
        return false;
    }
    if (ci->m + tcol < ci->ll || tcol < ci->ll / 2) return cind_list(nd, 1, tcol, ci, ld, w + tlen + 1);
    return false;
}

static bool cind(const struct pnode *nd, long col, const struct cind *ci, long ld, long w) {
    if (cfits(nd, col, ci, ld, w)) return true;
    switch (nd->kind) {
    case PK_LIST: return cind_list(nd, 0, col + 1, ci, ld, w + 1);
    case PK_TUPLE:
        if (nd->tagged && nd->n > 0) return cind_tag_tuple(nd, col, ci, ld, w + 1);
        return cind_list(nd, 0, col + 1, ci, ld, w + 1);
    case PK_MAP: return cind_map(nd, col + 2, ci, ld, w + 2);
    default: return true;
    }
}

/* ---- ~p entry ------------------------------------------------------------ */

static void p_free(struct pctx *c) {
    for (size_t i = 0; i < c->nblocks; i++) mem_free(c->blocks[i]);
    mem_free(c->blocks);
    sb_free(&c->text);
}

void print_pretty(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode) {
    print_pretty_opts(sb, t, column, line_length, depth, unicode, true);
}

static void pretty(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode, bool strings,
                   long max_chars);

void print_pretty_opts(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode,
                       bool strings) {
    pretty(sb, t, column, line_length, depth, unicode, strings, -1);
}

void print_pretty_max(struct strbuf *sb, term t, int column, int line_length, int depth, int max_chars) {
    pretty(sb, t, column, line_length, depth, true, true, max_chars);
}

/* max_chars < 0: no limit of its own (io_lib_pretty's line_max_chars is
   then the term's length) */
static void pretty(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode, bool strings,
                   long max_chars) {
    if (depth == 0) {
        sb_puts(sb, "...");
        return;
    }
    if (term_is_atom(t)) {
        put_atom(sb, t, !unicode);
        return;
    }
    if (!(term_is_list(t) || t == TERM_NIL || term_is_tuple(t) || term_is_map(t) || term_is_bitstring(t))) {
        write_simple(sb, t);
        return;
    }
    long col = column < 1 ? 1 : column;
    struct pctx c = {.out = sb, .latin1 = !unicode, .strings = strings};
    struct pnode *root = p_build(&c, t, depth, 0);
    if (!root || c.failed || c.text.failed) {
        p_free(&c);
        sb->failed = true;
        return;
    }
    long ll = line_length, m = max_chars < 0 ? root->len : max_chars;
    if (ll == 0 || (root->len < ll - col && root->len <= m)) {
        p_write(&c, root);
    } else {
        struct cind ci = {.ll = ll, .m = m, .ind = -1};
        long tind = 1;
        if (cind(root, col, &ci, 0, 0)) tind = -1;
        else if ((ci.ind = 4), cind(root, col, &ci, 0, 0)) tind = 4;
        struct play pl = {.ll = ll, .m = m, .tind = tind};
        pp(&c, root, col, &pl, col - 1, 0, 0);
    }
    p_free(&c);
}

char *print_to_cstr(term t, bool pretty) {
    struct strbuf sb = STRBUF_INIT;
    if (pretty) print_pretty(&sb, t, 1, 80, -1, true);
    else print_term(&sb, t, -1);
    sb_cstr(&sb);
    if (sb.failed) {
        sb_free(&sb);
        return NULL;
    }
    return sb.data;
}

/* ---- deep character lists ------------------------------------------------ */

struct deep_item {
    struct print_deep *sub; /* NULL: the character ch */
    uint32_t ch;
};

struct print_deep {
    struct deep_item *items;
    size_t n, cap;
    struct print_deep *next; /* the arena's list of every node */
};

struct print_deep *print_deep_new(struct print_deep_arena *a) {
    struct print_deep *d = mem_zalloc(sizeof *d);
    if (!d) {
        a->failed = true;
        return NULL;
    }
    d->next = a->all;
    a->all = d;
    return d;
}

static void deep_push(struct print_deep_arena *a, struct print_deep *d, struct print_deep *sub, uint32_t c) {
    if (!d) return;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        struct deep_item *v = mem_realloc(d->items, cap * sizeof *v);
        if (!v) {
            a->failed = true;
            return;
        }
        d->items = v;
        d->cap = cap;
    }
    d->items[d->n++] = (struct deep_item){sub, c};
}

void print_deep_char(struct print_deep_arena *a, struct print_deep *d, uint32_t c) { deep_push(a, d, NULL, c); }

void print_deep_text(struct print_deep_arena *a, struct print_deep *d, const char *utf8, size_t len) {
    const unsigned char *s = (const unsigned char *)utf8, *end = s + len;
    while (s < end) deep_push(a, d, NULL, utf8_next(&s, end));
}

void print_deep_sub(struct print_deep_arena *a, struct print_deep *d, struct print_deep *sub) {
    if (!sub) {
        a->failed = true;
        return;
    }
    deep_push(a, d, sub, 0);
}

void print_deep_splice(struct print_deep_arena *a, struct print_deep *d, const struct print_deep *src) {
    if (!src) {
        a->failed = true;
        return;
    }
    for (size_t i = 0; i < src->n; i++) deep_push(a, d, src->items[i].sub, src->items[i].ch);
}

static struct print_deep *deep_flat(struct print_deep_arena *a, const char *utf8, size_t len) {
    struct print_deep *d = print_deep_new(a);
    print_deep_text(a, d, utf8, len);
    return d;
}

static struct print_deep *deep_cstr(struct print_deep_arena *a, const char *s) { return deep_flat(a, s, strlen(s)); }

/* write_binary's shape: [$<,$<,Body,$>,$>], Body = ["1",$,,"2",$,,"3",$:,"4"];
   "..." where the depth ends */
static struct print_deep *deep_binary(struct print_deep_arena *a, term t, int depth) {
    struct bin_view v;
    struct print_deep *d = print_deep_new(a), *body = print_deep_new(a);
    if (!bin_view(t, &v)) v.bit_size = 0;
    uint64_t n = v.bit_size / 8;
    char num[24];
    bool stopped = false;
    unsigned nbits, tail = view_tail_bits(&v, &nbits);
    for (uint64_t i = 0; i < n; i++, depth = depth > 0 ? depth - 1 : depth) {
        if (depth == 1) {
            print_deep_sub(a, body, deep_cstr(a, "..."));
            stopped = true;
            break;
        }
        snprintf(num, sizeof num, "%u", view_byte(&v, i));
        print_deep_sub(a, body, deep_cstr(a, num));
        if (i + 1 < n || nbits) print_deep_char(a, body, ',');
    }
    if (nbits && !stopped) {
        if (depth == 1) {
            print_deep_sub(a, body, deep_cstr(a, "..."));
        } else {
            snprintf(num, sizeof num, "%u", tail);
            print_deep_sub(a, body, deep_cstr(a, num));
            print_deep_char(a, body, ':');
            snprintf(num, sizeof num, "%u", nbits);
            print_deep_sub(a, body, deep_cstr(a, num));
        }
    }
    print_deep_text(a, d, "<<", 2);
    print_deep_sub(a, d, body);
    print_deep_text(a, d, ">>", 2);
    return d;
}

static struct print_deep *deep_write(struct print_deep_arena *a, term t, int depth, bool l1, int nest);

static struct print_deep *deep_write_leaf(struct print_deep_arena *a, term t, bool l1) {
    struct strbuf sb = STRBUF_INIT;
    write_term(&sb, t, -1, 0, l1);
    if (sb.failed) a->failed = true;
    struct print_deep *d = deep_flat(a, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return d;
}

static struct print_deep *deep_write(struct print_deep_arena *a, term t, int depth, bool l1, int nest) {
    if (a->failed) return NULL;
    if (depth == 0 || nest > PRINT_MAX_NEST) return deep_cstr(a, "...");
    int d1 = depth > 0 ? depth - 1 : depth;
    if (term_is_list(t)) {
        if (depth == 1) return deep_cstr(a, "[...]");
        struct print_deep *d = print_deep_new(a), *in = print_deep_new(a);
        print_deep_sub(a, in, deep_write(a, CAR(t), d1, l1, nest + 1));
        int dt = d1;
        for (t = CDR(t); t != TERM_NIL; t = CDR(t)) {
            if (dt == 1) {
                print_deep_text(a, in, "|...", 4);
                break;
            }
            if (!term_is_list(t)) {
                print_deep_char(a, in, '|');
                print_deep_sub(a, in, deep_write(a, t, dt > 0 ? dt - 1 : dt, l1, nest + 1));
                break;
            }
            print_deep_char(a, in, ',');
            print_deep_sub(a, in, deep_write(a, CAR(t), dt > 0 ? dt - 1 : dt, l1, nest + 1));
            if (dt > 0) dt--;
        }
        print_deep_char(a, d, '[');
        print_deep_sub(a, d, in);
        print_deep_char(a, d, ']');
        return d;
    }
    if (term_is_tuple(t) && tuple_arity(t) > 0) {
        if (depth == 1) return deep_cstr(a, "{...}");
        struct print_deep *d = print_deep_new(a), *in = print_deep_new(a);
        uint64_t n = tuple_arity(t);
        print_deep_sub(a, in, deep_write(a, tuple_elems(t)[0], d1, l1, nest + 1));
        int dt = d1;
        for (uint64_t i = 1; i < n; i++) {
            if (dt == 1) {
                print_deep_text(a, in, ",...", 4);
                break;
            }
            print_deep_char(a, in, ',');
            print_deep_sub(a, in, deep_write(a, tuple_elems(t)[i], dt > 0 ? dt - 1 : dt, l1, nest + 1));
            if (dt > 0) dt--;
        }
        print_deep_char(a, d, '{');
        print_deep_sub(a, d, in);
        print_deep_char(a, d, '}');
        return d;
    }
    if (term_is_map(t) && map_size(t) > 0) {
        if (depth == 1) return deep_cstr(a, "#{}");
        struct map_view v;
        map_view_open(t, &v); /* out of memory: printed as empty */
        uint64_t n = v.n;
        const term *keys = v.keys, *vals = v.vals;
        struct print_deep *d = print_deep_new(a), *in = print_deep_new(a);
        uint64_t left = (uint64_t)d1;
        for (uint64_t i = 0; i <= n; i++) {
            if (i > 0 && d1 > 0 && left == 1) {
                print_deep_text(a, in, ",...", 4);
                break;
            }
            if (i == n) break;
            if (i > 0) {
                print_deep_char(a, in, ',');
                left--;
            }
            struct print_deep *pair = print_deep_new(a);
            print_deep_sub(a, pair, deep_write(a, keys[i], d1, l1, nest + 1));
            print_deep_sub(a, pair, deep_cstr(a, " => "));
            print_deep_sub(a, pair, deep_write(a, vals[i], d1, l1, nest + 1));
            print_deep_sub(a, in, pair);
        }
        map_view_close(&v);
        print_deep_text(a, d, "#{", 2);
        print_deep_sub(a, d, in);
        print_deep_char(a, d, '}');
        return d;
    }
    if (term_is_bitstring(t)) return deep_binary(a, t, depth);
    return deep_write_leaf(a, t, l1);
}

struct print_deep *print_deep_write(struct print_deep_arena *a, term t, int depth, bool unicode) {
    return deep_write(a, t, depth, !unicode, 0);
}

static struct print_deep *deep_pnode(struct print_deep_arena *a, struct pctx *c, const struct pnode *nd);

/* io_lib_pretty:write_list: [W1, $,, W2 ... | tail or dots with S] */
static struct print_deep *deep_pseq(struct print_deep_arena *a, struct pctx *c, const struct pnode *nd, char sep) {
    struct print_deep *in = print_deep_new(a);
    for (uint32_t i = 0; i < nd->n; i++) {
        if (i > 0) print_deep_char(a, in, ',');
        print_deep_sub(a, in, deep_pnode(a, c, nd->kids[i]));
    }
    if (nd->dots) {
        if (nd->n > 0) print_deep_char(a, in, (uint32_t)sep);
        print_deep_text(a, in, "...", 3);
    } else if (nd->tail) {
        print_deep_char(a, in, (uint32_t)sep);
        print_deep_splice(a, in, deep_pnode(a, c, nd->tail));
    }
    return in;
}

static struct print_deep *deep_pnode(struct print_deep_arena *a, struct pctx *c, const struct pnode *nd) {
    if (a->failed) return NULL;
    const char *txt = c->text.data + nd->off;
    struct print_deep *d;
    switch (nd->kind) {
    case PK_TEXT:
        if (nd->size > 4 && memcmp(txt, "<<\"", 3) == 0) { /* a binary shown as a string */
            d = print_deep_new(a);
            print_deep_text(a, d, "<<", 2);
            print_deep_sub(a, d, deep_flat(a, txt + 2, nd->size - 4));
            print_deep_text(a, d, ">>", 2);
            return d;
        }
        return deep_flat(a, txt, nd->size);
    case PK_BIN: { /* "<<1,2,3:4>>": numbers become sub-lists */
        struct print_deep *body = print_deep_new(a);
        const char *s = txt + 2, *end = txt + nd->size - 2;
        while (s < end) {
            const char *e = s;
            while (e < end && *e != ',' && *e != ':') e++;
            print_deep_sub(a, body, deep_flat(a, s, (size_t)(e - s)));
            if (e < end) print_deep_char(a, body, (uint32_t)*e++);
            s = e;
        }
        d = print_deep_new(a);
        print_deep_text(a, d, "<<", 2);
        print_deep_sub(a, d, body);
        print_deep_text(a, d, ">>", 2);
        return d;
    }
    case PK_PAIR:
        d = print_deep_new(a);
        print_deep_sub(a, d, deep_pnode(a, c, nd->kids[0]));
        print_deep_sub(a, d, deep_cstr(a, " => "));
        print_deep_sub(a, d, deep_pnode(a, c, nd->kids[1]));
        return d;
    default: break;
    }
    d = print_deep_new(a);
    print_deep_text(a, d, nd->kind == PK_LIST ? "[" : nd->kind == PK_TUPLE ? "{" : "#{", nd->kind == PK_MAP ? 2 : 1);
    print_deep_sub(a, d, deep_pseq(a, c, nd, nd->kind == PK_LIST ? '|' : ','));
    print_deep_char(a, d, nd->kind == PK_LIST ? ']' : '}');
    return d;
}

struct print_deep *print_deep_pretty(struct print_deep_arena *a, term t, int column, int line_length, int depth,
                                     bool unicode, bool strings) {
    struct strbuf sb = STRBUF_INIT;
    print_pretty_opts(&sb, t, column, line_length, depth, unicode, strings);
    struct print_deep *d = NULL;
    bool one_line = !sb.failed && (sb.len == 0 || !memchr(sb.data, '\n', sb.len));
    bool compound = term_is_list(t) || term_is_tuple(t) || term_is_map(t) || term_is_bitstring(t);
    if (sb.failed) a->failed = true;
    else if (!one_line || !compound || depth == 0) d = deep_flat(a, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    if (d || a->failed) return d;
    struct pctx c = {.out = NULL, .latin1 = !unicode, .strings = strings};
    struct pnode *root = p_build(&c, t, depth, 0);
    if (!root || c.failed || c.text.failed) a->failed = true;
    else d = deep_pnode(a, &c, root);
    p_free(&c);
    return d;
}

size_t print_deep_words(const struct print_deep *d) {
    size_t w = d->n * CONS_WORDS;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].sub) w += print_deep_words(d->items[i].sub);
    return w;
}

size_t print_deep_length(const struct print_deep *d) {
    size_t n = 0;
    for (size_t i = 0; i < d->n; i++) n += d->items[i].sub ? print_deep_length(d->items[i].sub) : 1;
    return n;
}

term print_deep_to_term(const struct print_deep *d, term **hp) {
    term *cells = *hp;
    *hp += d->n * CONS_WORDS;
    term r = TERM_NIL;
    for (size_t i = d->n; i-- > 0;) {
        term h = d->items[i].sub ? print_deep_to_term(d->items[i].sub, hp) : term_from_small(d->items[i].ch);
        r = cons_store(cells + 2 * i, h, r);
    }
    return r;
}

void print_deep_free(struct print_deep_arena *a) {
    for (struct print_deep *d = a->all, *next; d; d = next) {
        next = d->next;
        mem_free(d->items);
        mem_free(d);
    }
    a->all = NULL;
}
