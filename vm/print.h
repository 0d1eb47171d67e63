/*
 * print.h — terms as text, as erl prints them (vm/print.c, vm/format.c,
 * vm/float.c).
 *
 * Output is UTF-8 in a strbuf. print_term is ~w; print_pretty is ~p with
 * erl's line breaking. Pure: no process heap is touched.
 */
#ifndef MOAT_PRINT_H
#define MOAT_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "proc.h"
#include "strbuf.h"
#include "term.h"

/* ~w (depth < 0: unlimited; else ~W's depth, printing ... ); atoms with
   characters > 255 are written latin1-quoted ('\x{2603}') as erl's ~w does */
void print_term(struct strbuf *sb, term t, int depth);
/* ~p: column is where the term starts, line_length 80 by default;
   unicode: ~tp (print lists of code points > 255 as strings) */
void print_pretty(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode);
/* erl's shortest round-trip float text: 0.1, 1.0e10, 3.0e-5 */
void print_float(struct strbuf *sb, double d);
/* The atom, quoted if erl quotes it ('hello world', 'Abc', []) */
void print_atom(struct strbuf *sb, term atom);

/* ---- added by the printing engineer ---------------------------------- */

/* print_pretty with erl's encoding choice: latin1 (~p) quotes atoms and
   strings with \x{...} escapes for characters > 255; unicode (~tp) writes
   them as they are. print_pretty(.., unicode) is ~tp. */
void print_pretty_opts(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode,
                       bool strings); /* strings false: ~lp */
/* ~tp with io_lib_pretty's line_max_chars: no line holds more than
   max_chars characters of the term (erl's shell prints values so, with 60) */
void print_pretty_max(struct strbuf *sb, term t, int column, int line_length, int depth, int max_chars);
/* ~w (unicode false) or ~tw (unicode true: atoms as they are) */
void print_term_opts(struct strbuf *sb, term t, int depth, bool unicode);
/* The term as ~w / ~p text in a NUL-terminated mi_malloc'ed string (for
   error messages; the caller mi_frees it). NULL when out of memory. */
char *print_to_cstr(term t, bool pretty);
/* The atom's text quoted as erl quotes it, latin1 form: characters > 255
   written as \x{...} (io_lib:write_atom_as_latin1). */
void print_atom_latin1(struct strbuf *sb, term atom);
/* The same for an atom's UTF-8 text that need not be an atom yet (the
   compiler's messages and ??Arg) */
void print_atom_text(struct strbuf *sb, const char *text, size_t len, bool latin1_only);
/* A string's quoted form, as io_lib:write_string/1 ("a\"b", unicode) */
void print_string_quoted(struct strbuf *sb, const uint32_t *chars, size_t n, char quote, bool latin1_only);
/* io_lib:write_char/1: $a, $\n */
void print_char_literal(struct strbuf *sb, uint32_t c);

/* ---- deep character lists: the shape of io_lib's results ----------------
 * io_lib:write and io_lib:format return deep lists whose nesting shows
 * (erl programs print them with ~p). A struct print_deep is one list:
 * items that are characters or sub-lists; all of them belong to an arena
 * freed at once. Builders never touch a process heap; print_deep_to_term
 * copies the result onto one. Out of memory sets arena->failed. */
struct print_deep;
struct print_deep_arena {
    struct print_deep *all;
    bool failed;
};
struct print_deep *print_deep_new(struct print_deep_arena *a);
void print_deep_char(struct print_deep_arena *a, struct print_deep *d, uint32_t c);
void print_deep_text(struct print_deep_arena *a, struct print_deep *d, const char *utf8, size_t len);
void print_deep_sub(struct print_deep_arena *a, struct print_deep *d, struct print_deep *sub);
/* append src's items to d ([X | Src] builds) */
void print_deep_splice(struct print_deep_arena *a, struct print_deep *d, const struct print_deep *src);
/* io_lib:write(T, Depth)'s shape (unicode: ~tw) */
struct print_deep *print_deep_write(struct print_deep_arena *a, term t, int depth, bool unicode);
/* io_lib_pretty's shape for ~p output that fits on one line; a layout over
   several lines comes back as one flat list of its text */
struct print_deep *print_deep_pretty(struct print_deep_arena *a, term t, int column, int line_length, int depth,
                                     bool unicode, bool strings);
/* heap words print_deep_to_term needs, and the copy (hp has that room) */
size_t print_deep_words(const struct print_deep *d);
term print_deep_to_term(const struct print_deep *d, term **hp);
/* the characters of the flattened list */
size_t print_deep_length(const struct print_deep *d);
void print_deep_free(struct print_deep_arena *a);

/* vm/float.c: io_lib's ~e (prec >= 2 significant digits) and ~f (prec
   >= 1 decimals) digits, which round "%.20e" half-up as io_lib_format
   does; erl's list_to_float syntax ([+-]D.D[(e|E)[+-]D]) */
void float_format_e(struct strbuf *sb, double d, int prec);
void float_format_f(struct strbuf *sb, double d, int prec);
bool float_parse(const char *s, size_t len, double *out);

/* vm/format.c: building results on p's heap (may GC; raise system_limit
   and return TERM_NONE when out of memory) */
term fmt_make_string(struct proc *p, const char *latin1, size_t len);  /* bytes as chars */
term fmt_make_unicode(struct proc *p, const char *utf8, size_t len);   /* code points */
term fmt_make_binary(struct proc *p, const void *bytes, size_t len);
struct bin_view;
/* Copy the whole bytes of a bitstring view (bit_size / 8 of them) to out. */
void fmt_view_bytes(const struct bin_view *v, uint8_t *out);

#endif
