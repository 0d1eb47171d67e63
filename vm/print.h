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

#include "strbuf.h"
#include "term.h"

/* ~w (depth < 0: unlimited; else ~W's depth, printing ... ) */
void print_term(struct strbuf *sb, term t, int depth);
/* ~p: column is where the term starts, line_length 80 by default;
   unicode: ~tp (print lists of code points > 255 as strings) */
void print_pretty(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode);
/* erl's shortest round-trip float text: 0.1, 1.0e10, 3.0e-5 */
void print_float(struct strbuf *sb, double d);
/* The atom, quoted if erl quotes it ('hello world', 'Abc', []) */
void print_atom(struct strbuf *sb, term atom);

#endif
