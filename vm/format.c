/*
 * format.c — io_lib:format's engine and the io / io_lib BIFs that print
 * (io:format/1,2,3, io:put_chars/1,2, io:nl/0,1, io:write/1,2,
 * io_lib:format/2,3, io_lib:write/1,2, io_lib:print/1, write_atom/1,
 * write_string/1, write_char/1, erlang:display/1).
 *
 * The engine formats into a UTF-8 strbuf, reading the format and the
 * arguments without allocating on the process heap (so nothing moves
 * while it runs); only the final result (a char list) is built on the
 * heap. Every control sequence follows io_lib_format: ~F.P.PadModC with
 * * taking F, P or Pad from the arguments; a bad control, a wrong
 * argument type or a count mismatch is badarg.
 *
 * Output devices are latin1, as erl's standard_io is when run with
 * -noshell or as an escript: a character above 255 is written as
 * \x{HEX}, others as one byte. io_lib:format returns a list with one
 * element per literal format character, the characters of each "small"
 * directive (~c ~e ~f ~g ~b ~x ~# ~+ ~n ~~, ~s of an atom) and one deep
 * list per ~s ~w ~W ~p ~P directive, nested as io_lib_format, io_lib:write
 * and io_lib_pretty nest it (a ~p laid out over several lines is one flat
 * list of its text).
 */
#include <stdatomic.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bignum.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "io.h"
#include "map.h"
#include "module.h"
#include "print.h"

/* ---- results on the heap ----------------------------------------------- */

term fmt_make_string(struct proc *p, const char *latin1, size_t len) {
    if (!heap_ensure_free(p, len * CONS_WORDS)) return raise_system_limit(p);
    term *hp = heap_take(p, len * CONS_WORDS);
    term r = TERM_NIL;
    for (size_t i = len; i-- > 0;) r = cons_store(hp + 2 * i, term_from_small((unsigned char)latin1[i]), r);
    return r;
}

/* Decode UTF-8 (as written by this file: valid) into code points. */
static size_t utf8_decode(const char *s, size_t len, uint32_t *out) {
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp;
        size_t k;
        if (c < 0x80) cp = c, k = 1;
        else if ((c & 0xE0) == 0xC0) cp = c & 0x1F, k = 2;
        else if ((c & 0xF0) == 0xE0) cp = c & 0x0F, k = 3;
        else cp = c & 0x07, k = 4;
        for (size_t j = 1; j < k && i + j < len; j++) cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
        i += k;
        if (out) out[n] = cp;
        n++;
    }
    return n;
}

term fmt_make_unicode(struct proc *p, const char *utf8, size_t len) {
    size_t n = utf8_decode(utf8, len, NULL);
    uint32_t *cps = mem_malloc((n ? n : 1) * sizeof *cps);
    if (!cps) return raise_system_limit(p);
    utf8_decode(utf8, len, cps);
    term r = TERM_NONE;
    if (heap_ensure_free(p, n * CONS_WORDS)) {
        term *hp = heap_take(p, n * CONS_WORDS);
        r = TERM_NIL;
        for (size_t i = n; i-- > 0;) r = cons_store(hp + 2 * i, term_from_small(cps[i]), r);
    } else {
        r = raise_system_limit(p);
    }
    mem_free(cps);
    return r;
}

term fmt_make_binary(struct proc *p, const void *bytes, size_t len) {
    uint8_t *data;
    term b = bin_alloc(p, len, &data);
    if (b == TERM_NONE) return raise_system_limit(p);
    memcpy(data, bytes, len);
    return b;
}

/* ---- character data in ------------------------------------------------- */

struct cps {
    uint32_t *v;
    size_t n, cap;
    bool failed;
};

static void cps_push(struct cps *c, uint32_t cp) {
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        uint32_t *v = mem_realloc(c->v, cap * sizeof *v);
        if (!v) {
            c->failed = true;
            return;
        }
        c->v = v;
        c->cap = cap;
    }
    c->v[c->n++] = cp;
}

/* Append a binary's bytes: as UTF-8 (unicode) or as latin1 characters.
   utf8_fallback: invalid UTF-8 is taken as latin1 (~ts), else it fails. */
static bool cps_binary(struct cps *c, term b, bool unicode, bool utf8_fallback) {
    struct bin_view v;
    if (!bin_view(b, &v) || v.bit_size % 8) return false;
    size_t len = (size_t)(v.bit_size / 8);
    uint8_t *bytes = mem_malloc(len ? len : 1);
    if (!bytes) return c->failed = true, false;
    fmt_view_bytes(&v, bytes);
    bool ok = true;
    size_t start = c->n;
    if (unicode) {
        for (size_t i = 0; i < len && ok;) {
            uint8_t x = bytes[i];
            size_t k = x < 0x80 ? 1 : (x & 0xE0) == 0xC0 ? 2 : (x & 0xF0) == 0xE0 ? 3 : (x & 0xF8) == 0xF0 ? 4 : 0;
            if (k == 0 || i + k > len) {
                ok = false;
                break;
            }
            uint32_t cp = k == 1 ? x : (uint32_t)(x & (0x7F >> k));
            for (size_t j = 1; j < k; j++) {
                if ((bytes[i + j] & 0xC0) != 0x80) ok = false;
                cp = (cp << 6) | (bytes[i + j] & 0x3Fu);
            }
            static const uint32_t min_cp[5] = {0, 0, 0x80, 0x800, 0x10000};
            if (cp < min_cp[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) ok = false;
            if (ok) cps_push(c, cp);
            i += k;
        }
        if (!ok && utf8_fallback) {
            c->n = start;
            ok = true;
            unicode = false;
        }
    }
    if (!unicode)
        for (size_t i = 0; i < len; i++) cps_push(c, bytes[i]);
    mem_free(bytes);
    return ok;
}

/* Characters of chardata / an iolist (deep lists of chars and binaries).
   max_char: 255 for latin1 iolists, 0x10FFFF for unicode chardata. */
static bool cps_chardata(struct cps *c, term t, uint32_t max_char, bool unicode_bins, bool utf8_fallback) {
    /* an explicit stack of list tails: deep lists never recurse in C */
    term stack_local[64];
    term *stack = stack_local;
    size_t depth = 0, cap = 64;
    bool ok = true;
    for (;;) {
        if (term_is_list(t)) {
            term h = CAR(t);
            t = CDR(t);
            if (term_is_small(h)) {
                int64_t v = term_to_small(h);
                if (v < 0 || (uint64_t)v > max_char) ok = false;
                else cps_push(c, (uint32_t)v);
            } else if (term_is_list(h) || h == TERM_NIL) {
                if (depth == cap) {
                    term *ns = mem_malloc(cap * 2 * sizeof *ns);
                    if (!ns) {
                        ok = false;
                        break;
                    }
                    memcpy(ns, stack, depth * sizeof *ns);
                    if (stack != stack_local) mem_free(stack);
                    stack = ns;
                    cap *= 2;
                }
                stack[depth++] = t;
                t = h;
            } else if (term_is_bitstring(h)) {
                ok = cps_binary(c, h, unicode_bins, utf8_fallback);
            } else ok = false;
            if (!ok) break;
        } else if (t == TERM_NIL) {
            if (depth == 0) break;
            t = stack[--depth];
        } else if (term_is_bitstring(t)) {
            if (!(ok = cps_binary(c, t, unicode_bins, utf8_fallback))) break;
            t = TERM_NIL;
        } else {
            ok = false;
            break;
        }
    }
    if (stack != stack_local) mem_free(stack);
    return ok && !c->failed;
}

static void cps_to_utf8(struct strbuf *sb, const struct cps *c) {
    for (size_t i = 0; i < c->n; i++) sb_put_utf8(sb, c->v[i]);
}

/* ---- the engine ----------------------------------------------------------- */

enum { ADJ_RIGHT, ADJ_LEFT };
#define NONE (-1)

struct spec {
    long f, p; /* field width, precision: NONE if absent */
    uint32_t pad;
    int adj;
    bool unicode, strings;
    uint32_t ctl;
};

struct fmt {
    struct strbuf sb;
    term *args;
    size_t nargs, next;
    /* io_lib:format's deep result, built when deep is set: the top list,
       and the value of the directive just run (NULL: a "small" directive,
       whose text is spliced in as characters, as io_lib_format does) */
    bool deep;
    struct print_deep_arena arena;
    struct print_deep *top, *value;
};

/* ---- the deep shape of a directive's output (io_lib_format) ------------ */

/* chars(C, N): [C,C], [S|S], [C,S|S] */
static struct print_deep *deep_chars(struct print_deep_arena *a, uint32_t c, long n) {
    struct print_deep *d = print_deep_new(a);
    if (n <= 3) {
        for (long i = 0; i < n; i++) print_deep_char(a, d, c);
        return d;
    }
    struct print_deep *half = deep_chars(a, c, n / 2);
    if (n % 2) print_deep_char(a, d, c);
    print_deep_sub(a, d, half);
    print_deep_splice(a, d, half);
    return d;
}

/* adjust(Data, Pad, left) = [Data|Pad]; right = [Pad|Data]; [] pad: Data */
static struct print_deep *deep_adjust(struct print_deep_arena *a, struct print_deep *data, struct print_deep *pad,
                                      int adj) {
    if (!data || !pad || print_deep_length(pad) == 0) return data;
    struct print_deep *d = print_deep_new(a);
    if (adj == ADJ_LEFT) {
        print_deep_sub(a, d, data);
        print_deep_splice(a, d, pad);
    } else {
        print_deep_sub(a, d, pad);
        print_deep_splice(a, d, data);
    }
    return d;
}

/* a flat list of the text's characters, cut to n (n < 0: all) */
static struct print_deep *deep_text_cut(struct print_deep_arena *a, const char *utf8, size_t len, long n) {
    struct print_deep *d = print_deep_new(a);
    const char *end = utf8 + len, *s = utf8;
    for (long k = 0; s < end && (n < 0 || k < n); k++) {
        s++;
        while (s < end && ((unsigned char)*s & 0xC0) == 0x80) s++;
    }
    print_deep_text(a, d, utf8, (size_t)(s - utf8));
    return d;
}

/* cdata_to_chars: chardata with its nesting kept, binaries as characters
   (a binary tail is spliced in). t is valid chardata (already checked). */
static struct print_deep *deep_cdata(struct print_deep_arena *a, term t, bool unicode, int nest) {
    struct print_deep *d = print_deep_new(a);
    struct cps c = {0};
    if (nest > 1000) { /* very deep: flat, as text */
        cps_chardata(&c, t, 0x10FFFF, unicode, unicode);
        for (size_t i = 0; i < c.n; i++) print_deep_char(a, d, c.v[i]);
        mem_free(c.v);
        return d;
    }
    for (; term_is_list(t); t = CDR(t)) {
        term h = CAR(t);
        if (term_is_small(h)) print_deep_char(a, d, (uint32_t)term_to_small(h));
        else print_deep_sub(a, d, deep_cdata(a, h, unicode, nest + 1));
    }
    if (term_is_bitstring(t)) {
        cps_binary(&c, t, unicode, unicode);
        for (size_t i = 0; i < c.n; i++) print_deep_char(a, d, c.v[i]);
        mem_free(c.v);
    }
    return d;
}

/* io_lib_format:term/5 */
static struct print_deep *deep_term_field(struct print_deep_arena *a, struct print_deep *t, const struct spec *s) {
    long f = s->f, p = s->p;
    if (!t || (f == NONE && p == NONE)) return t;
    if (f == NONE) f = p;
    long l = (long)print_deep_length(t);
    long pp = p == NONE ? f : (p < f ? p : f);
    if (l < pp) pp = l;
    if (l > pp) return deep_adjust(a, deep_chars(a, '*', pp), deep_chars(a, s->pad, f - pp), s->adj);
    return deep_adjust(a, t, deep_chars(a, s->pad, f - l), s->adj);
}

/* io_lib_format:string/6 on the characters text[0..len) */
static struct print_deep *deep_string_field(struct print_deep_arena *a, struct print_deep *str, const char *text,
                                            size_t len, const struct spec *s) {
    long f = s->f, p = s->p;
    long n = 0;
    for (size_t i = 0; i < len; i++)
        if (((unsigned char)text[i] & 0xC0) != 0x80) n++;
    if (!str) return NULL;
    int adj = s->adj;
    if (f == NONE && p == NONE) return str;
    if (f != NONE && p != NONE && f > p) {
        struct print_deep *pad = deep_chars(a, s->pad, f - p);
        if (n > p) return deep_adjust(a, deep_text_cut(a, text, len, p), pad, adj);
        if (n < p) {
            struct print_deep *d = print_deep_new(a);
            print_deep_sub(a, d, str);
            print_deep_splice(a, d, deep_chars(a, s->pad, p - n));
            return deep_adjust(a, d, pad, adj);
        }
        return deep_adjust(a, str, pad, adj);
    }
    if (f == NONE) f = p, adj = ADJ_LEFT;
    if (n > f) return deep_text_cut(a, text, len, f);
    if (n < f) return deep_adjust(a, str, deep_chars(a, s->pad, f - n), adj);
    return str;
}

static bool next_arg(struct fmt *f, term *out) {
    if (f->next >= f->nargs) return false;
    *out = f->args[f->next++];
    return true;
}

/* Code points in the output after the last newline: the column - 1. */
static long fmt_indent(const struct strbuf *sb) {
    long n = 0;
    for (size_t i = sb->len; i-- > 0;) {
        unsigned char c = (unsigned char)sb->data[i];
        if (c == '\n') break;
        if ((c & 0xC0) != 0x80) n++;
    }
    return n;
}

static long text_chars(const char *s, size_t n) {
    long k = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) k++;
    return k;
}

static void put_chars(struct strbuf *sb, uint32_t c, long n) {
    for (long i = 0; i < n; i++) sb_put_utf8(sb, c);
}

/* adjust(Data, Pad, Adj) for data already at sb[start..]: pad with n. */
static void adjust(struct strbuf *sb, size_t start, uint32_t pad, long n, int adj) {
    if (n <= 0) return;
    if (adj == ADJ_LEFT) {
        put_chars(sb, pad, n);
        return;
    }
    struct strbuf tmp = STRBUF_INIT;
    sb_append(&tmp, sb->data + start, sb->len - start);
    sb->len = start;
    put_chars(sb, pad, n);
    sb_append(sb, tmp.data, tmp.len);
    if (tmp.failed) sb->failed = true;
    sb_free(&tmp);
}

/* io_lib_format:term/5 on the text at sb[start..]: a text longer than
   the field becomes a row of stars. */
static void fmt_term_field(struct strbuf *sb, size_t start, long f, int adj, long p, uint32_t pad) {
    if (f == NONE && p == NONE) return;
    if (f == NONE) f = p;
    long l = text_chars(sb->data + start, sb->len - start);
    long pp = p == NONE ? f : (p < f ? p : f);
    if (l < pp) pp = l;
    if (l > pp) {
        sb->len = start;
        put_chars(sb, '*', pp);
        adjust(sb, start, pad, f - pp, adj);
    } else {
        adjust(sb, start, pad, f - l, adj);
    }
}

/* Cut the text at sb[start..] to n characters. */
static void truncate_chars(struct strbuf *sb, size_t start, long n) {
    size_t i = start;
    for (long k = 0; i < sb->len; i++) {
        if (((unsigned char)sb->data[i] & 0xC0) != 0x80) {
            if (k == n) break;
            k++;
        }
    }
    sb->len = i;
}

/* io_lib_format:string/5. false: badarg (F < P). */
static bool fmt_string_field(struct strbuf *sb, size_t start, long f, int adj, long p, uint32_t pad) {
    long n = text_chars(sb->data + start, sb->len - start);
    if (f == NONE && p == NONE) return true;
    if (p == NONE || (f != NONE && f == p)) {
        long w = f;
        if (n > w) truncate_chars(sb, start, w);
        else adjust(sb, start, pad, w - n, adj);
        return true;
    }
    if (f == NONE) { /* string_field(S, P, left, N, Pad) */
        if (n > p) truncate_chars(sb, start, p);
        else adjust(sb, start, pad, p - n, ADJ_LEFT);
        return true;
    }
    if (f < p) return false;
    if (n > p) truncate_chars(sb, start, p);
    else if (n < p) put_chars(sb, pad, p - n);
    adjust(sb, start, pad, f - p, adj);
    return true;
}

/* char(C, F, Adj, P, Pad) */
static bool fmt_char(struct strbuf *sb, uint32_t c, long f, int adj, long p, uint32_t pad) {
    if (f == NONE && p == NONE) put_chars(sb, c, 1);
    else if (p == NONE) put_chars(sb, c, f);
    else if (f == NONE) put_chars(sb, c, p);
    else if (f < p) return false; /* char/5 has no clause for it: badarg */
    else {
        size_t start = sb->len;
        put_chars(sb, c, p);
        adjust(sb, start, pad, f - p, adj);
    }
    return true;
}

static void int_text(struct strbuf *sb, term t, unsigned base, bool lower) {
    size_t start = sb->len;
    if (term_is_small(t)) {
        int64_t v = term_to_small(t);
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        char buf[72];
        int n = 0;
        do {
            unsigned d = (unsigned)(u % base);
            buf[n++] = (char)(d < 10 ? '0' + d : 'A' + d - 10);
            u /= base;
        } while (u);
        if (v < 0) sb_putc(sb, '-');
        while (n > 0) sb_putc(sb, buf[--n]);
    } else {
        int_to_text(sb, t, base);
    }
    if (lower && !sb->failed)
        for (size_t i = start; i < sb->len; i++)
            if (sb->data[i] >= 'A' && sb->data[i] <= 'Z') sb->data[i] = (char)(sb->data[i] - 'A' + 'a');
}

/* ~b ~B ~x ~X ~# ~+ */
static bool fmt_integer(struct fmt *o, const struct spec *s, term a) {
    if (!term_is_integer(a)) return false;
    long base = s->p == NONE ? 10 : s->p;
    if (base < 2 || base > 36) return false;
    bool lower = s->ctl == 'b' || s->ctl == 'x' || s->ctl == '+';
    struct strbuf prefix = STRBUF_INIT;
    if (s->ctl == 'x' || s->ctl == 'X') {
        term pre;
        if (!next_arg(o, &pre)) return false;
        if (term_is_atom(pre)) {
            size_t len;
            const char *txt = atom_text(term_to_atom(pre), &len);
            sb_append(&prefix, txt, len);
        } else {
            struct cps c = {0};
            bool ok = cps_chardata(&c, pre, 0x10FFFF, false, false);
            cps_to_utf8(&prefix, &c);
            mem_free(c.v);
            if (!ok) {
                sb_free(&prefix);
                return false;
            }
        }
    } else if (s->ctl == '#' || s->ctl == '+') {
        sb_printf(&prefix, "%ld#", base);
    }
    size_t start = o->sb.len;
    bool neg = term_is_small(a) ? term_to_small(a) < 0 : big_is_neg(a);
    struct strbuf digits = STRBUF_INIT;
    int_text(&digits, a, (unsigned)base, lower);
    if (neg) sb_putc(&o->sb, '-');
    sb_append(&o->sb, prefix.data ? prefix.data : "", prefix.len);
    sb_append(&o->sb, digits.data + neg, digits.len - neg);
    sb_free(&digits);
    sb_free(&prefix);
    fmt_term_field(&o->sb, start, s->f, s->adj, NONE, s->pad);
    return true;
}

static bool fmt_float(struct fmt *o, const struct spec *s, term a) {
    if (!term_is_float(a)) return false;
    double d = float_value(a);
    long p = s->p;
    size_t start = o->sb.len;
    switch (s->ctl) {
    case 'f':
        if (p == NONE) p = 6;
        if (p < 1) return false;
        float_format_f(&o->sb, d, (int)p);
        break;
    case 'e':
        if (p == NONE) p = 6;
        if (p < 2) return false;
        float_format_e(&o->sb, d, (int)p);
        break;
    default: { /* 'g' */
        if (p == NONE) p = 6;
        if (p < 1) return false;
        double x = d < 0 ? -d : d;
        long e = x < 0.1 ? -2 : x < 1.0 ? -1 : x < 10.0 ? 0 : x < 100.0 ? 1 : x < 1e3 ? 2 : x < 1e4 ? 3 : 1000;
        if ((p <= 1 && e == -1) || (e != 1000 && p - 1 > e && e >= -1)) float_format_f(&o->sb, d, (int)(p - 1 - e));
        else float_format_e(&o->sb, d, p <= 1 ? 2 : (int)p);
    }
    }
    fmt_term_field(&o->sb, start, s->f, s->adj, s->f, s->pad);
    return true;
}

static bool fmt_s(struct fmt *o, const struct spec *s, term a) {
    struct cps c = {0};
    bool ok;
    if (term_is_atom(a)) {
        size_t len;
        const char *txt = atom_text(term_to_atom(a), &len);
        size_t start = o->sb.len;
        sb_append(&o->sb, txt, len);
        return fmt_string_field(&o->sb, start, s->f, s->adj, s->p, s->pad);
    }
    if (s->unicode) ok = cps_chardata(&c, a, 0x10FFFF, true, true);
    else ok = cps_chardata(&c, a, 255, false, false);
    size_t start = o->sb.len;
    if (ok) cps_to_utf8(&o->sb, &c);
    mem_free(c.v);
    if (ok && o->deep && !(s->f != NONE && s->p != NONE && s->f < s->p))
        o->value = deep_string_field(&o->arena, deep_cdata(&o->arena, a, s->unicode, 0), o->sb.data + start,
                                     o->sb.len - start, s);
    return ok && fmt_string_field(&o->sb, start, s->f, s->adj, s->p, s->pad);
}

static bool fmt_print(struct fmt *o, const struct spec *s, term a, long depth) {
    if (s->adj == ADJ_LEFT) return false;
    long ll = s->f == NONE ? 80 : s->f;
    long col = s->p == NONE ? fmt_indent(&o->sb) + 1 : s->p;
    if (o->deep) o->value = print_deep_pretty(&o->arena, a, (int)col, (int)ll, (int)depth, s->unicode, s->strings);
    print_pretty_opts(&o->sb, a, (int)col, (int)ll, (int)depth, s->unicode, s->strings);
    return true;
}

static bool fmt_control(struct fmt *o, const struct spec *s) {
    term a = TERM_NONE, d;
    switch (s->ctl) {
    case 'n': /* newline/4: the width counts newlines; precision is ignored */
        if (s->f != NONE && s->adj == ADJ_LEFT) return false;
        put_chars(&o->sb, '\n', s->f == NONE ? 1 : s->f);
        return true;
    case '~': return fmt_char(&o->sb, '~', s->f, s->adj, s->p, s->pad);
    case 'i': return next_arg(o, &a);
    case 'c':
        if (!next_arg(o, &a) || !term_is_integer(a)) return false;
        if (s->unicode) {
            if (!term_is_small(a) || term_to_small(a) < 0 || term_to_small(a) > 0x10FFFF) return false;
            return fmt_char(&o->sb, (uint32_t)term_to_small(a), s->f, s->adj, s->p, s->pad);
        } else { /* C band 255, two's complement for a negative bignum */
            uint32_t low = term_is_small(a) ? (uint32_t)(term_to_small(a) & 255) : (uint32_t)(big_limbs(a)[0] & 255);
            if (!term_is_small(a) && big_is_neg(a)) low = (256 - low) & 255;
            return fmt_char(&o->sb, low, s->f, s->adj, s->p, s->pad);
        }
    case 'w':
    case 'W': {
        if (!next_arg(o, &a)) return false;
        long depth = -1;
        if (s->ctl == 'W') {
            if (!next_arg(o, &d) || !term_is_small(d)) return false;
            depth = term_to_small(d);
        }
        size_t start = o->sb.len;
        print_term_opts(&o->sb, a, (int)depth, s->unicode);
        if (o->deep) o->value = deep_term_field(&o->arena, print_deep_write(&o->arena, a, (int)depth, s->unicode), s);
        fmt_term_field(&o->sb, start, s->f, s->adj, s->p, s->pad);
        return true;
    }
    case 'p':
    case 'P': {
        if (!next_arg(o, &a)) return false;
        long depth = -1;
        if (s->ctl == 'P') {
            if (!next_arg(o, &d) || !term_is_small(d)) return false;
            depth = term_to_small(d);
        }
        return fmt_print(o, s, a, depth);
    }
    case 's': return next_arg(o, &a) && fmt_s(o, s, a);
    case 'e':
    case 'f':
    case 'g': return next_arg(o, &a) && fmt_float(o, s, a);
    case 'b':
    case 'B':
    case 'x':
    case 'X':
    case '#':
    case '+': return next_arg(o, &a) && fmt_integer(o, s, a);
    default: return false;
    }
}

/* A number at fmt[*i] or '*' (taken from the arguments). */
static bool fmt_number(struct fmt *o, const uint32_t *fmt, size_t n, size_t *i, long *out) {
    if (*i < n && fmt[*i] == '*') {
        term a;
        (*i)++;
        if (!next_arg(o, &a) || !term_is_small(a)) return false;
        *out = (long)term_to_small(a);
        return true;
    }
    if (*i >= n || fmt[*i] < '0' || fmt[*i] > '9') {
        *out = NONE;
        return true;
    }
    long v = 0;
    while (*i < n && fmt[*i] >= '0' && fmt[*i] <= '9') {
        if (v < 100000000) v = v * 10 + (long)(fmt[*i] - '0');
        (*i)++;
    }
    *out = v;
    return true;
}

/* Parse the control sequence after a '~' at fmt[*i]. */
static bool fmt_parse_spec(struct fmt *o, const uint32_t *fmt, size_t n, size_t *i, struct spec *s) {
    *s = (struct spec){.f = NONE, .p = NONE, .pad = ' ', .adj = ADJ_RIGHT, .strings = true};
    bool minus = *i < n && fmt[*i] == '-';
    if (minus) {
        s->adj = ADJ_LEFT;
        (*i)++;
    }
    if (!fmt_number(o, fmt, n, i, &s->f)) return false;
    if (minus && s->f == NONE) return false; /* erl negates the width: none is badarg */
    if (s->f != NONE && s->f < 0) {
        s->f = -s->f;
        s->adj = ADJ_LEFT;
    }
    if (*i < n && fmt[*i] == '.') {
        (*i)++;
        if (!fmt_number(o, fmt, n, i, &s->p)) return false;
        if (*i < n && fmt[*i] == '.') {
            (*i)++;
            if (*i >= n) return false;
            if (fmt[*i] == '*') {
                term a;
                if (!next_arg(o, &a) || !term_is_small(a) || term_to_small(a) < 0 || term_to_small(a) > 0x10FFFF)
                    return false;
                s->pad = (uint32_t)term_to_small(a);
            } else {
                s->pad = fmt[*i];
            }
            (*i)++;
        }
    }
    for (; *i < n && (fmt[*i] == 't' || fmt[*i] == 'l'); (*i)++) {
        if (fmt[*i] == 't') s->unicode = true;
        else s->strings = false;
    }
    if (*i >= n) return false;
    s->ctl = fmt[(*i)++];
    return true;
}

/* Format into o->sb. false: badarg (or out of memory: o->sb.failed). */
static bool fmt_run(struct fmt *o, term format, term args) {
    struct cps fc = {0};
    bool ok;
    if (term_is_atom(format)) {
        size_t len;
        const char *txt = atom_text(term_to_atom(format), &len);
        struct strbuf tmp = STRBUF_INIT;
        sb_append(&tmp, txt, len);
        ok = !tmp.failed;
        if (ok) {
            size_t k = utf8_decode(tmp.data, tmp.len, NULL);
            fc.v = mem_malloc((k ? k : 1) * sizeof *fc.v);
            ok = fc.v != NULL;
            if (ok) fc.n = utf8_decode(tmp.data, tmp.len, fc.v);
        }
        sb_free(&tmp);
    } else {
        /* a flat string or a binary, as erl's io_lib:format takes (a deep
           list is badarg there) */
        term f = format;
        while (term_is_list(f) && term_is_small(CAR(f))) f = CDR(f);
        ok = (f == TERM_NIL || term_is_bitstring(format)) && cps_chardata(&fc, format, 0x10FFFF, true, true);
    }
    /* the arguments: a proper list */
    size_t nargs = 0;
    term l = args;
    for (; term_is_list(l); l = CDR(l)) nargs++;
    if (l != TERM_NIL) ok = false;
    if (ok) {
        o->args = mem_malloc((nargs ? nargs : 1) * sizeof(term));
        if (!o->args) ok = false;
        o->nargs = 0;
        for (l = args; ok && term_is_list(l); l = CDR(l)) o->args[o->nargs++] = CAR(l);
    }
    for (size_t i = 0; ok && i < fc.n;) {
        uint32_t c = fc.v[i++];
        if (c != '~') {
            sb_put_utf8(&o->sb, c);
            if (o->deep) print_deep_char(&o->arena, o->top, c);
            continue;
        }
        struct spec s;
        size_t start = o->sb.len;
        o->value = NULL;
        ok = fmt_parse_spec(o, fc.v, fc.n, &i, &s) && fmt_control(o, &s);
        if (ok && o->deep) {
            if (o->value) print_deep_sub(&o->arena, o->top, o->value);
            else print_deep_text(&o->arena, o->top, o->sb.data + start, o->sb.len - start);
        }
    }
    if (ok && o->next != o->nargs) ok = false;
    mem_free(fc.v);
    return ok && !o->sb.failed;
}

static void fmt_free(struct fmt *o) {
    print_deep_free(&o->arena);
    sb_free(&o->sb);
    mem_free(o->args);
}

/* ---- output --------------------------------------------------------------- */

/* Write UTF-8 text to a device: on a latin1 one (the default), > 255
   becomes \x{HEX}. */
static int out_latin1(struct proc *p, int fd, const char *utf8, size_t len) {
    if (io_fd_unicode(fd)) return io_write(p, fd, utf8, len); /* {encoding, unicode} */
    struct strbuf out = STRBUF_INIT;
    size_t n = utf8_decode(utf8, len, NULL);
    uint32_t *cps = mem_malloc((n ? n : 1) * sizeof *cps);
    if (!cps) return -1;
    utf8_decode(utf8, len, cps);
    for (size_t i = 0; i < n; i++) {
        if (cps[i] < 256) sb_putc(&out, (char)cps[i]);
        else sb_printf(&out, "\\x{%X}", cps[i]);
    }
    mem_free(cps);
    int r = out.failed ? -1 : io_write(p, fd, out.data ? out.data : "", out.len);
    sb_free(&out);
    return r;
}

/* Where output to an io device goes: an fd written directly (1: the
   node's standard io server, which writes to fd 1 itself, so skipping it
   keeps the order of one caller's writes; 2: standard_error; a file's
   {file_descriptor, moat_io, Fd} from file:open/2, see stdlib/file.erl),
   TO_SERVER (an io server process, a name for one, or no device: Erlang
   code decides), -1 (badarg: a closed file) or IO_FD_DENIED.
   standard_io is the caller's group leader. */
#define TO_SERVER (-3)
static int device_fd(struct proc *p, term dev) {
    if (dev == AM(standard_io)) return atomic_load_explicit(&p->group_leader, memory_order_relaxed) ? TO_SERVER : 1;
    if (dev == AM(standard_error)) return 2;
    if (term_is_local_pid(dev)) return term_to_pid(dev) == io_user_pid() ? 1 : TO_SERVER;
    if (dev == AM(user)) return reg_whereis(AM(user)) == io_user_pid() ? 1 : TO_SERVER;
    if (term_is_tuple(dev) && tuple_arity(dev) == 3 && tuple_elems(dev)[0] == AM(file_descriptor) &&
        tuple_elems(dev)[1] == AM(moat_io) && term_is_small(tuple_elems(dev)[2]))
        return io_handle_fd(p, term_to_small(tuple_elems(dev)[2]));
    return TO_SERVER; /* not a device at all: io.erl fails as erl's does */
}

/* Hand the write on to io:o_request(Dev, Request, Func) (stdlib/io.erl),
   which speaks the I/O protocol with the server. Request is nl, or a
   tuple of func and the n terms at args[first..]: built here, where a GC
   may move args (live covers them). Dev is args[0] after a device
   argument (first 1), else the group leader. */
static term to_server(struct proc *p, term *args, term func, uint32_t first, uint32_t n) {
    struct export_entry *ep = export_get(AM(io), AM(o_request), 3);
    if (!ep || !heap_ensure_free(p, n ? n + 2 : 0)) return raise_system_limit(p);
    term req = func;
    if (n) {
        term *hp = heap_take(p, n + 2);
        hp[0] = make_header(SUB_TUPLE, n + 1);
        hp[1] = func;
        for (uint32_t i = 0; i < n; i++) hp[2 + i] = args[first + i];
        req = term_from_boxed_ptr(hp);
    }
    term dev = first ? args[0] : term_from_pid(proc_group_leader(p));
    term t[3] = {dev, req, func};
    return bif_trap(p, args, ep, t);
}

static term bad_device(struct proc *p, int fd) {
    return fd == IO_FD_DENIED ? bif_raise_capability(p, CAP_FILE) : raise_badarg(p);
}

static term io_format(struct proc *p, int fd, term format, term args) {
    if (fd < 0) return bad_device(p, fd);
    struct fmt o = {0};
    bool ok = fmt_run(&o, format, args);
    if (ok) out_latin1(p, fd, o.sb.data ? o.sb.data : "", o.sb.len);
    bool oom = o.sb.failed;
    fmt_free(&o);
    if (!ok) return oom ? raise_system_limit(p) : raise_badarg(p);
    return AM(ok);
}

/* The io BIFs: a device argument (arity 1 more) or standard_io. */
#define STDIO_FD(p) device_fd(p, AM(standard_io))

term bif_io_format_1(struct proc *p, term *args) {
    int fd = STDIO_FD(p);
    if (fd == TO_SERVER) {
        args[1] = TERM_NIL; /* format/1 has one argument; x1 is free */
        return to_server(p, args, AM(format), 0, 2);
    }
    return io_format(p, fd, args[0], TERM_NIL);
}
term bif_io_format_2(struct proc *p, term *args) {
    int fd = STDIO_FD(p);
    if (fd == TO_SERVER) return to_server(p, args, AM(format), 0, 2);
    return io_format(p, fd, args[0], args[1]);
}
term bif_io_format_3(struct proc *p, term *args) {
    int fd = device_fd(p, args[0]);
    if (fd == TO_SERVER) return to_server(p, args, AM(format), 1, 2);
    return io_format(p, fd, args[1], args[2]);
}

static term io_put_chars(struct proc *p, int fd, term data) {
    if (fd < 0) return bad_device(p, fd);
    struct cps c = {0};
    bool ok = cps_chardata(&c, data, 0x10FFFF, true, false);
    if (ok) {
        struct strbuf sb = STRBUF_INIT;
        cps_to_utf8(&sb, &c);
        ok = !sb.failed;
        if (ok) out_latin1(p, fd, sb.data ? sb.data : "", sb.len);
        sb_free(&sb);
    }
    mem_free(c.v);
    return ok ? AM(ok) : raise_badarg(p);
}

/* {put_chars, unicode, Chars}: the request tuple has 3 elements */
static term put_chars_to_server(struct proc *p, term *args, uint32_t first) {
    p->live = first + 2; /* Chars moves up a register, still a root */
    args[first + 1] = args[first];
    args[first] = AM(unicode);
    return to_server(p, args, AM(put_chars), first, 2);
}

term bif_io_put_chars_1(struct proc *p, term *args) {
    int fd = STDIO_FD(p);
    if (fd == TO_SERVER) return put_chars_to_server(p, args, 0);
    return io_put_chars(p, fd, args[0]);
}
term bif_io_put_chars_2(struct proc *p, term *args) {
    int fd = device_fd(p, args[0]);
    if (fd == TO_SERVER) return put_chars_to_server(p, args, 1);
    return io_put_chars(p, fd, args[1]);
}

static term io_nl(struct proc *p, term *args, int fd, uint32_t first) {
    if (fd == TO_SERVER) return to_server(p, args, AM(nl), first, 0);
    if (fd < 0) return bad_device(p, fd);
    io_write(p, fd, "\n", 1);
    return AM(ok);
}
term bif_io_nl_0(struct proc *p, term *args) { return io_nl(p, args, STDIO_FD(p), 0); }
term bif_io_nl_1(struct proc *p, term *args) { return io_nl(p, args, device_fd(p, args[0]), 1); }

static term io_write_term(struct proc *p, int fd, term t) {
    if (fd < 0) return bad_device(p, fd);
    struct strbuf sb = STRBUF_INIT;
    print_term(&sb, t, -1);
    if (sb.failed) {
        sb_free(&sb);
        return raise_system_limit(p);
    }
    out_latin1(p, fd, sb.data ? sb.data : "", sb.len);
    sb_free(&sb);
    return AM(ok);
}

term bif_io_write_1(struct proc *p, term *args) {
    int fd = STDIO_FD(p);
    if (fd == TO_SERVER) return to_server(p, args, AM(write), 0, 1);
    return io_write_term(p, fd, args[0]);
}
term bif_io_write_2(struct proc *p, term *args) {
    int fd = device_fd(p, args[0]);
    if (fd == TO_SERVER) return to_server(p, args, AM(write), 1, 1);
    return io_write_term(p, fd, args[1]);
}

/* moat_io:device(Dev), for stdlib/io.erl's reading: standard_io (the
   node's standard io server: stdin is read directly), the pid of another
   io server (the I/O protocol), undefined (standard_error, or a name
   nobody has); badarg for anything else (io.erl reads files itself). */
term bif_moat_io_device_1(struct proc *p, term *args) {
    term dev = args[0];
    int fd = device_fd(p, dev);
    if (fd == 1) return AM(standard_io);
    if (fd == 2) return AM(undefined);
    if (fd != TO_SERVER || !(term_is_atom(dev) || term_is_pid(dev))) return raise_badarg(p);
    if (dev == AM(standard_io)) return term_from_pid(proc_group_leader(p));
    if (term_is_atom(dev)) {
        uint64_t pid = reg_whereis(dev);
        return pid ? term_from_pid(pid) : AM(undefined);
    }
    return dev;
}

/* ---- erlang:display ---------------------------------------------------------
 *
 * erts writes the term with its own printer, not io_lib's: floats as C's
 * "%e", maps without spaces ("#{a=>1}"), a list as a string when every
 * element is 9, 10, 13, 32..126 or 160..255 (written as raw bytes, "\n"
 * and '"' escaped, '\\' not), a binary as a string when every byte is
 * 32..126; the line ends in "\r\n". Deeper than DISPLAY_MAX_NEST: "...". */

#define DISPLAY_MAX_NEST 10000

static bool display_string_char(term c) {
    if (!term_is_small(c)) return false;
    int64_t v = term_to_small(c);
    return v == 9 || v == 10 || v == 13 || (v >= 32 && v <= 126) || (v >= 160 && v <= 255);
}

static bool display_is_string(term t) {
    for (; term_is_list(t); t = CDR(t))
        if (!display_string_char(CAR(t))) return false;
    return t == TERM_NIL;
}

static void display_bitstring(struct strbuf *sb, term t) {
    struct bin_view v;
    if (!bin_view(t, &v)) return;
    uint64_t bytes = v.bit_size / 8, rest = v.bit_size % 8;
    uint8_t *buf = mem_malloc(bytes ? bytes : 1);
    if (!buf) return;
    fmt_view_bytes(&v, buf);
    bool text = bytes > 0 && rest == 0;
    for (uint64_t i = 0; i < bytes && text; i++) text = buf[i] >= 32 && buf[i] <= 126;
    sb_puts(sb, "<<");
    if (text) {
        sb_putc(sb, '"');
        for (uint64_t i = 0; i < bytes; i++) {
            if (buf[i] == '"') sb_putc(sb, '\\');
            sb_putc(sb, (char)buf[i]);
        }
        sb_putc(sb, '"');
    } else {
        for (uint64_t i = 0; i < bytes; i++) sb_printf(sb, i ? ",%u" : "%u", buf[i]);
        if (rest) {
            uint64_t bits = 0;
            for (uint64_t i = 0; i < rest; i++) {
                uint64_t at = v.bit_offset + bytes * 8 + i;
                bits = bits << 1 | ((v.bytes[at / 8] >> (7 - at % 8)) & 1);
            }
            sb_printf(sb, bytes ? ",%llu:%llu" : "%llu:%llu", (unsigned long long)bits, (unsigned long long)rest);
        }
    }
    sb_puts(sb, ">>");
    mem_free(buf);
}

/* erts quotes an atom unless it is a lowercase letter and then letters,
   digits and '_' (latin1 letters count; '@' does not; reserved words are
   not special) */
static void display_atom(struct strbuf *sb, term t) {
    size_t len;
    const unsigned char *text = (const unsigned char *)atom_text(term_to_atom(t), &len);
    bool plain = len > 0;
    for (size_t i = 0; i < len && plain;) {
        uint32_t c = text[i];
        size_t n = 1;
        if (c == 0xC3 && i + 1 < len) c = 0xC0 | (text[i + 1] & 0x3F), n = 2; /* U+00C0..U+00FF */
        else if (c >= 0x80) plain = false;
        bool lower = (c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0xFF && c != 0xF7);
        bool other = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                     (c >= 0xC0 && c <= 0xDE && c != 0xD7);
        if (i == 0 ? !lower : !(lower || other)) plain = false;
        i += n;
    }
    if (plain) {
        sb_append(sb, (const char *)text, len);
        return;
    }
    size_t start = sb->len;
    print_atom_text(sb, (const char *)text, len, false);
    if (sb->len > start && sb->data[start] != '\'') { /* quoted by erts only ('a@b') */
        sb->len = start;
        sb_putc(sb, '\'');
        sb_append(sb, (const char *)text, len);
        sb_putc(sb, '\'');
    }
}

static void display_term(struct strbuf *sb, term t, int nest) {
    if (nest > DISPLAY_MAX_NEST) {
        sb_puts(sb, "...");
    } else if (term_is_float(t)) {
        sb_printf(sb, "%e", float_value(t));
    } else if (term_is_atom(t)) {
        display_atom(sb, t);
    } else if (term_is_list(t) && display_is_string(t)) {
        sb_putc(sb, '"');
        for (; term_is_list(t); t = CDR(t)) {
            int64_t c = term_to_small(CAR(t));
            if (c == '\n') sb_puts(sb, "\\n");
            else if (c == '"') sb_puts(sb, "\\\"");
            else sb_putc(sb, (char)c);
        }
        sb_putc(sb, '"');
    } else if (term_is_list(t)) {
        sb_putc(sb, '[');
        for (bool first = true; term_is_list(t); t = CDR(t), first = false) {
            if (!first) sb_putc(sb, ',');
            display_term(sb, CAR(t), nest + 1);
        }
        if (t != TERM_NIL) {
            sb_putc(sb, '|');
            display_term(sb, t, nest + 1);
        }
        sb_putc(sb, ']');
    } else if (term_is_tuple(t)) {
        sb_putc(sb, '{');
        for (uint64_t i = 0; i < tuple_arity(t); i++) {
            if (i) sb_putc(sb, ',');
            display_term(sb, tuple_elems(t)[i], nest + 1);
        }
        sb_putc(sb, '}');
    } else if (term_is_map(t)) {
        struct map_view v;
        map_view_open(t, &v); /* out of memory: printed as empty */
        sb_puts(sb, "#{");
        for (uint64_t i = 0; i < v.n; i++) {
            if (i) sb_putc(sb, ',');
            display_term(sb, v.keys[i], nest + 1);
            sb_puts(sb, "=>");
            display_term(sb, v.vals[i], nest + 1);
        }
        sb_putc(sb, '}');
        map_view_close(&v);
    } else if (term_is_bitstring(t)) {
        display_bitstring(sb, t);
    } else {
        print_term(sb, t, -1); /* numbers, pids, ports, refs, funs as ~w */
    }
}

term bif_erlang_display_1(struct proc *p, term *args) {
    struct strbuf sb = STRBUF_INIT;
    display_term(&sb, args[0], 0);
    sb_puts(&sb, "\r\n");
    if (!sb.failed) io_write(p, 1, sb.data, sb.len);
    sb_free(&sb);
    return AM(true);
}

/* erlang:display_string/1: the characters (latin1) to stderr, each "\n"
   as "\r\n" as erts writes it */
term bif_erlang_display_string_1(struct proc *p, term *args) {
    struct strbuf sb = STRBUF_INIT;
    term l = args[0];
    for (; term_is_list(l); l = CDR(l)) {
        term c = CAR(l);
        if (!term_is_small(c) || term_to_small(c) < 0 || term_to_small(c) > 255) break;
        if (c == term_from_small('\n')) sb_putc(&sb, '\r');
        sb_putc(&sb, (char)term_to_small(c));
    }
    if (l != TERM_NIL) {
        sb_free(&sb);
        return raise_badarg(p);
    }
    if (!sb.failed && sb.len) io_write(p, 2, sb.data, sb.len);
    sb_free(&sb);
    return AM(true);
}

/* ---- io_lib ----------------------------------------------------------------- */

/* A deep list on the heap (system_limit when out of memory). Nothing of
   the arguments is read any more, so a GC here is harmless. */
static term deep_result(struct proc *p, struct print_deep_arena *a, const struct print_deep *d) {
    if (a->failed || !d) return raise_system_limit(p);
    size_t words = print_deep_words(d);
    if (!heap_ensure_free(p, words)) return raise_system_limit(p);
    term *hp = heap_take(p, words);
    return print_deep_to_term(d, &hp);
}

term bif_io_lib_format_2(struct proc *p, term *args) {
    struct fmt o = {.deep = true};
    o.top = print_deep_new(&o.arena);
    bool ok = fmt_run(&o, args[0], args[1]);
    bool oom = o.sb.failed || o.arena.failed;
    term r = ok && !oom ? deep_result(p, &o.arena, o.top) : oom ? raise_system_limit(p) : raise_badarg(p);
    fmt_free(&o);
    return r;
}

term bif_io_lib_format_3(struct proc *p, term *args) {
    /* options (chars_limit) are accepted and ignored */
    if (!term_is_list(args[2]) && args[2] != TERM_NIL) return raise_badarg(p);
    return bif_io_lib_format_2(p, args);
}

static term text_result(struct proc *p, struct strbuf *sb) {
    term r = sb->failed ? raise_system_limit(p) : fmt_make_unicode(p, sb->data ? sb->data : "", sb->len);
    sb_free(sb);
    return r;
}

static term io_lib_write(struct proc *p, term t, int depth) {
    struct print_deep_arena a = {0};
    term r = deep_result(p, &a, print_deep_write(&a, t, depth, false));
    print_deep_free(&a);
    return r;
}

term bif_io_lib_write_1(struct proc *p, term *args) { return io_lib_write(p, args[0], -1); }

term bif_io_lib_write_2(struct proc *p, term *args) {
    if (!term_is_small(args[1])) return raise_badarg(p);
    return io_lib_write(p, args[0], (int)term_to_small(args[1]));
}

term bif_io_lib_print_1(struct proc *p, term *args) {
    struct print_deep_arena a = {0};
    term r = deep_result(p, &a, print_deep_pretty(&a, args[0], 1, 80, -1, false, true));
    print_deep_free(&a);
    return r;
}

term bif_io_lib_write_atom_1(struct proc *p, term *args) {
    if (!term_is_atom(args[0])) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    print_atom(&sb, args[0]);
    return text_result(p, &sb);
}

term bif_io_lib_write_string_1(struct proc *p, term *args) {
    struct cps c = {0};
    if (!cps_chardata(&c, args[0], 0x10FFFF, true, false)) {
        mem_free(c.v);
        return raise_badarg(p);
    }
    struct strbuf sb = STRBUF_INIT;
    print_string_quoted(&sb, c.v, c.n, '"', false);
    mem_free(c.v);
    return text_result(p, &sb);
}

term bif_io_lib_write_char_1(struct proc *p, term *args) {
    term c = args[0];
    /* erl's clause takes any integer >= 0 (and no other term) */
    if (!term_is_integer(c) || (term_is_small(c) ? term_to_small(c) < 0 : big_is_neg(c)))
        return raise_error(p, AM(function_clause));
    if (!term_is_small(c) || term_to_small(c) > 0x10FFFF) return raise_badarg(p);
    struct strbuf sb = STRBUF_INIT;
    print_char_literal(&sb, (uint32_t)term_to_small(c));
    return text_result(p, &sb);
}
