/*
 * float.c — floats as text and back, exactly as erl 25 writes and reads
 * them: the shortest round-trip form (~w, ~p, float_to_list(F, [short])),
 * io_lib's ~f / ~e digits, float_to_list/1,2, float_to_binary/1,2,
 * list_to_float/1 and binary_to_float/1.
 *
 * Rules (each verified against erl 25 on thousands of values):
 *   - short: the shortest digits that read back as the same double. Fixed
 *     notation ("123.456", "100.0", "0.0001") is used when it is no longer
 *     than scientific ("1.0e5", "1.2345e-4") and |x| < 2^53; otherwise
 *     scientific, always with at least one digit after the point and an
 *     exponent without '+' or leading zeros.
 *   - float_to_list(F) is C's "%.20e" (exponent with sign and two digits).
 *   - {decimals, D} with D <= 18 and |x| < 2^53 is erts' fast path: the
 *     fraction (x - floor(x)) times 10^D, rounded by floor(y + 0.5) in
 *     double arithmetic (this is NOT exact rounding: 0.125 -> "0.13");
 *     otherwise the exact digits ("%.*f"). compact strips trailing zeros of
 *     the fraction but keeps one. Results over 255 characters are badarg.
 *   - {scientific, D} is "%.*e" (D <= 249; D is cut to a C int and a
 *     negative one means 6); results over 255 characters are badarg.
 *   - io_lib's ~f and ~e round the 21 significant digits of "%.20e"
 *     half-up (io_lib_format's float_man), so their digits differ from C's.
 *   - list_to_float accepts [+-]digits.digits[(e|E)[+-]digits] only; a
 *     value out of double range is badarg, an underflow is 0.0.
 *
 * Pure text functions (float_*) are safe from any thread; the BIFs run on
 * the process's scheduler thread.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "error.h"
#include "heap.h"
#include "print.h"
#include "strbuf.h"

/* ---- shortest round-trip digits -------------------------------------- */

/* m * 10^e as a double (m < 10^18) */
static double digits_value(uint64_t m, int e) {
    char buf[48];
    snprintf(buf, sizeof buf, "%llue%d", (unsigned long long)m, e);
    return strtod(buf, NULL);
}

/* Digits (no dot, no trailing zeros, at least one) and the decimal
   exponent of the first digit of |d|; d finite and non-zero.
   The fewest digits that read back as d and, of those, the nearest to d
   (as erl's shortest form). At each length the nearest candidate is C's
   correctly rounded one; when it misses, a neighbour one unit of the last
   digit away may still read back, because the doubles are spaced twice
   as closely just below a power of two as just above it (2^-24 is
   5.960464477539063e-8, not ...062e-8). */
static int shortest_digits(double d, char digits[20], int *exp10) {
    char buf[40];
    uint64_t m = 0;
    int e = 0;
    for (int prec = 0; prec <= 16; prec++) {
        snprintf(buf, sizeof buf, "%.*e", prec, d);
        m = 0;
        const char *s = buf;
        for (; *s && *s != 'e'; s++)
            if (*s >= '0' && *s <= '9') m = m * 10 + (uint64_t)(*s - '0');
        e = atoi(s + 1) - prec; /* the value is m * 10^e */
        if (strtod(buf, NULL) == d || prec == 16) break;
        if (digits_value(m + 1, e) == d) {
            m++;
            break;
        }
        /* below 10^prec the neighbour has a digit more: 99..9e(e-1) */
        uint64_t low = m - 1, low_e = (uint64_t)0;
        bool power = snprintf(NULL, 0, "%llu", (unsigned long long)low) < prec + 1;
        if (power) low = m * 10 - 1;
        low_e = power ? 1 : 0;
        if (m > 1 && digits_value(low, e - (int)low_e) == d) {
            m = low;
            e -= (int)low_e;
            break;
        }
    }
    char tmp[24];
    int n = snprintf(tmp, sizeof tmp, "%llu", (unsigned long long)m);
    *exp10 = e + n - 1;
    while (n > 1 && tmp[n - 1] == '0') n--;
    memcpy(digits, tmp, (size_t)n);
    digits[n] = 0;
    return n;
}

void print_float(struct strbuf *sb, double d) {
    if (signbit(d)) sb_putc(sb, '-');
    double a = fabs(d);
    if (a == 0.0) {
        sb_puts(sb, "0.0");
        return;
    }
    char dg[20];
    int e;
    int n = shortest_digits(a, dg, &e);
    /* scientific length: D.DDDe<exp> */
    char expbuf[8];
    int explen = snprintf(expbuf, sizeof expbuf, "e%d", e);
    int sci_len = 2 + (n > 1 ? n - 1 : 1) + explen;
    int fixed_len;
    if (e >= 0) fixed_len = (n > e + 1 ? n : e + 1) + 1 + (n > e + 1 ? 0 : 1);
    else fixed_len = 2 + (-e - 1) + n;
    if (fixed_len <= sci_len && a < 9007199254740992.0) {
        if (e >= 0) {
            for (int i = 0; i <= e; i++) sb_putc(sb, i < n ? dg[i] : '0');
            sb_putc(sb, '.');
            if (n > e + 1) sb_append(sb, dg + e + 1, (size_t)(n - e - 1));
            else sb_putc(sb, '0');
        } else {
            sb_puts(sb, "0.");
            for (int i = 0; i < -e - 1; i++) sb_putc(sb, '0');
            sb_append(sb, dg, (size_t)n);
        }
        return;
    }
    sb_putc(sb, dg[0]);
    sb_putc(sb, '.');
    if (n > 1) sb_append(sb, dg + 1, (size_t)(n - 1));
    else sb_putc(sb, '0');
    sb_append(sb, expbuf, (size_t)explen);
}

/* ---- io_lib ~f / ~e --------------------------------------------------- */

/* The 21 significant digits of "%.20e" and the exponent E such that the
   value is 0.D1D2... * 10^E (io_lib_format's float_data). */
static void float_data(double a, char digits[22], int *e) {
    char buf[40];
    snprintf(buf, sizeof buf, "%.20e", a);
    int n = 0;
    const char *s = buf;
    for (; *s && *s != 'e'; s++)
        if (*s >= '0' && *s <= '9' && n < 21) digits[n++] = *s;
    digits[n] = 0;
    *e = atoi(s + 1) + 1;
}

/* Round digit string ds (len n, implicit zeros beyond) to keep `keep`
   digits, half-up; writes keep digits into out. Returns true on carry out
   of the first digit (then out is all zeros). */
static bool round_digits(const char *ds, int n, int keep, char *out) {
    for (int i = 0; i < keep; i++) out[i] = i < n ? ds[i] : '0';
    if (keep >= n || ds[keep] < '5') return false;
    for (int i = keep - 1; i >= 0; i--) {
        if (out[i] != '9') {
            out[i]++;
            return false;
        }
        out[i] = '0';
    }
    return true;
}

void float_format_e(struct strbuf *sb, double d, int prec) {
    char ds[22];
    int e;
    if (signbit(d)) sb_putc(sb, '-');
    float_data(fabs(d), ds, &e);
    char *out = mem_malloc((size_t)prec + 1);
    if (!out) {
        sb->failed = true;
        return;
    }
    bool carry = round_digits(ds, 21, prec, out);
    int exp = e - 1;
    if (carry) {
        out[0] = '1';
        exp = e;
    }
    sb_putc(sb, out[0]);
    sb_putc(sb, '.');
    sb_append(sb, out + 1, (size_t)prec - 1);
    sb_printf(sb, exp >= 0 ? "e+%d" : "e%d", exp);
    mem_free(out);
}

void float_format_f(struct strbuf *sb, double d, int prec) {
    char ds0[22];
    int e;
    if (signbit(d)) sb_putc(sb, '-');
    float_data(fabs(d), ds0, &e);
    /* E <= 0: prepend -E+1 zeros so that there is one integer digit */
    int lead = e <= 0 ? -e + 1 : 0;
    int intdigits = e <= 0 ? 1 : e;
    int total = intdigits + prec;
    char *ds = mem_malloc((size_t)(lead + 21) + (size_t)total + 2);
    if (!ds) {
        sb->failed = true;
        return;
    }
    char *out = ds + lead + 21 + 1;
    memset(ds, '0', (size_t)lead);
    memcpy(ds + lead, ds0, 21);
    bool carry = round_digits(ds, lead + 21, total, out);
    if (carry) sb_putc(sb, '1');
    sb_append(sb, out, (size_t)intdigits);
    sb_putc(sb, '.');
    sb_append(sb, out + intdigits, (size_t)prec);
    mem_free(ds);
}

/* ---- float_to_list options -------------------------------------------- */

enum float_fmt { FF_DEFAULT, FF_SHORT, FF_DECIMALS, FF_SCIENTIFIC };

/* {decimals, D} (erts' rules, see the header). false: badarg. */
static bool format_decimals(struct strbuf *sb, double d, int dec, bool compact) {
    size_t start = sb->len;
    double a = fabs(d);
    if (dec <= 18 && a < 9007199254740992.0) {
        double ip = floor(a);
        double y = (a - ip) * pow(10.0, dec);
        uint64_t frac = (uint64_t)floor(y + 0.5);
        uint64_t ten = 1;
        for (int i = 0; i < dec; i++) ten *= 10;
        uint64_t ipart = (uint64_t)ip;
        if (frac >= ten) {
            frac -= ten;
            ipart++;
        }
        if (signbit(d)) sb_putc(sb, '-');
        sb_printf(sb, "%llu", (unsigned long long)ipart);
        if (dec > 0) sb_printf(sb, ".%0*llu", dec, (unsigned long long)frac);
    } else {
        sb_printf(sb, "%.*f", dec, d);
    }
    if (sb->failed) return false;
    if (compact && dec > 0) {
        size_t dot = start;
        while (dot < sb->len && sb->data[dot] != '.') dot++;
        while (sb->len > dot + 2 && sb->data[sb->len - 1] == '0') sb->len--;
    }
    return sb->len - start <= 255;
}

/* Parse float_to_list/2's option list into *fmt, *prec, *compact. */
static bool float_options(term opts, enum float_fmt *fmt, int *prec, bool *compact) {
    *fmt = FF_DEFAULT;
    *compact = false;
    for (; term_is_list(opts); opts = CDR(opts)) {
        term o = CAR(opts);
        if (o == AM(short)) *fmt = FF_SHORT;
        else if (o == AM(compact)) *compact = true;
        else if (term_is_tuple(o) && tuple_arity(o) == 2 && term_is_small(tuple_elems(o)[1])) {
            term key = tuple_elems(o)[0];
            int64_t v = term_to_small(tuple_elems(o)[1]);
            if (key == AM(decimals) && v >= 0 && v <= 253) {
                *fmt = FF_DECIMALS;
                *prec = (int)v;
            } else if (key == AM(scientific) && v <= 249) {
                /* erts passes the small as a C int to "%.*e": it keeps the
                   low 32 bits, and a negative precision means 6 */
                *fmt = FF_SCIENTIFIC;
                *prec = (int)(int32_t)(uint32_t)v;
                if (*prec < 0) *prec = 6;
            } else return false;
        } else return false;
    }
    return opts == TERM_NIL;
}

/* The text of float_to_list(F, Opts) into sb; false: badarg. */
static bool float_to_text(struct strbuf *sb, term f, term opts) {
    if (!term_is_float(f)) return false;
    double d = float_value(f);
    enum float_fmt fmt;
    int prec = 0;
    bool compact;
    if (!float_options(opts, &fmt, &prec, &compact)) return false;
    switch (fmt) {
    case FF_DEFAULT: sb_printf(sb, "%.20e", d); break;
    case FF_SHORT: print_float(sb, d); break;
    case FF_SCIENTIFIC:
        if (prec > 249) return false;
        sb_printf(sb, "%.*e", prec, d);
        return !sb->failed && sb->len <= 255; /* erts' buffer */
    case FF_DECIMALS: return format_decimals(sb, d, prec, compact);
    }
    return !sb->failed;
}

static term float_text_result(struct proc *p, term f, term opts, bool binary) {
    struct strbuf sb = STRBUF_INIT;
    if (!float_to_text(&sb, f, opts)) {
        bool oom = sb.failed;
        sb_free(&sb);
        return oom ? raise_system_limit(p) : raise_badarg(p);
    }
    term r = binary ? fmt_make_binary(p, sb.data, sb.len) : fmt_make_string(p, sb.data, sb.len);
    sb_free(&sb);
    return r;
}

term bif_erlang_float_to_list_1(struct proc *p, term *args) { return float_text_result(p, args[0], TERM_NIL, false); }
term bif_erlang_float_to_list_2(struct proc *p, term *args) { return float_text_result(p, args[0], args[1], false); }
term bif_erlang_float_to_binary_1(struct proc *p, term *args) { return float_text_result(p, args[0], TERM_NIL, true); }
term bif_erlang_float_to_binary_2(struct proc *p, term *args) { return float_text_result(p, args[0], args[1], true); }

/* ---- text to float ------------------------------------------------------ */

bool float_parse(const char *s, size_t len, double *out) {
    size_t i = 0;
    if (i < len && (s[i] == '+' || s[i] == '-')) i++;
    size_t d0 = i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d0 || i >= len || s[i] != '.') return false;
    size_t f0 = ++i;
    while (i < len && s[i] >= '0' && s[i] <= '9') i++;
    if (i == f0) return false;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-')) i++;
        size_t e0 = i;
        while (i < len && s[i] >= '0' && s[i] <= '9') i++;
        if (i == e0) return false;
    }
    if (i != len) return false;
    char stack[128];
    char *buf = len < sizeof stack ? stack : mem_malloc(len + 1);
    if (!buf) return false;
    memcpy(buf, s, len);
    buf[len] = 0;
    double d = strtod(buf, NULL);
    if (buf != stack) mem_free(buf);
    if (!isfinite(d)) return false;
    *out = d;
    return true;
}

static term float_result(struct proc *p, const char *s, size_t len) {
    double d;
    if (!float_parse(s, len, &d)) return raise_badarg(p);
    if (!heap_ensure_free(p, FLOAT_WORDS)) return raise_system_limit(p);
    return float_store(heap_take(p, FLOAT_WORDS), d);
}

term bif_erlang_list_to_float_1(struct proc *p, term *args) {
    struct strbuf sb = STRBUF_INIT;
    term l = args[0];
    for (; term_is_list(l); l = CDR(l)) {
        term c = CAR(l);
        /* a non-ASCII character can never be part of a float */
        if (!term_is_small(c) || term_to_small(c) < 0 || term_to_small(c) > 127) break;
        sb_putc(&sb, (char)term_to_small(c));
    }
    term r = l == TERM_NIL && !sb.failed ? float_result(p, sb.data ? sb.data : "", sb.len) : raise_badarg(p);
    sb_free(&sb);
    return r;
}

term bif_erlang_binary_to_float_1(struct proc *p, term *args) {
    struct bin_view v;
    if (!bin_view(args[0], &v) || v.bit_size % 8 != 0) return raise_badarg(p);
    size_t len = (size_t)(v.bit_size / 8);
    char *copy = mem_malloc(len + 1);
    if (!copy) return raise_system_limit(p);
    fmt_view_bytes(&v, (uint8_t *)copy);
    term r = float_result(p, copy, len);
    mem_free(copy);
    return r;
}
