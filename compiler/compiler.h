/*
 * compiler.h — the Erlang compiler as a library: source text in, a
 * gen_module (vm/gen.h) or diagnostics out.
 *
 * Pipeline: lexer (lexer.c) -> preprocessor (preproc.c: macros, includes,
 * conditionals) -> parser (parser.c, builds ast.h) -> linter (lint.c:
 * erlc's checks) -> lowering (codegen.c: pattern matching, registers,
 * instructions).
 *
 * Reentrant: no global mutable state; several threads may compile at once.
 */
#ifndef MOAT_COMPILER_H
#define MOAT_COMPILER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../vm/gen.h"
#include "ast.h"

struct diag {
    char *file;
    uint32_t line, col; /* 0 when not known */
    bool warning;
    char *message; /* erlc's wording, e.g. "variable 'X' is unbound" */
};

struct diags {
    struct diag *items;
    uint32_t count, cap;
    uint32_t errors; /* items that are not warnings */
};

void diags_add(struct diags *d, const char *file, uint32_t line, uint32_t col, bool warning,
               const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Prints "file:line:col: message" (warnings: "file:line:col: Warning: message"),
   one per line, in order, like erlc. */
void diags_print(const struct diags *d, void *stdio_file);
/* As diags_print, each message about `file` (whose text is src) followed
   by its line and a caret under its column, as erlc prints them. */
void diags_print_excerpts(const struct diags *d, void *stdio_file, const char *file, const char *src, size_t len);
void diags_free(struct diags *d);

struct compile_opts {
    const char *const *include_path; /* searched for -include after the source's dir */
    uint32_t ninclude_path;
    const char *stdlib_include; /* dir for -include_lib("stdlib/include/...") etc. */
    const char *const *defines;   /* "NAME" or "NAME=VALUE" (-D) */
    uint32_t ndefines;
    bool no_warnings;
    bool stop_at_syntax_errors; /* escript: no lint messages after a syntax
                                   error (erlc lints what parsed) */
};

/* Parse (lex + preprocess + parse) a whole module. NULL on errors (in d). */
struct ast_module *compile_parse(const char *file, const char *src, size_t len,
                                 const struct compile_opts *opts, struct diags *d);

/* erlc's semantic checks; adds errors and warnings to d; returns false on errors. */
bool compile_lint(struct ast_module *m, struct diags *d);

/* Lower a checked module to generic code. NULL on errors (in d). */
struct gen_module *compile_lower(struct ast_module *m, struct diags *d);

/* All of the above. */
struct gen_module *compile_source(const char *file, const char *src, size_t len,
                                  const struct compile_opts *opts, struct diags *d);

/* For the REPL and `moat -e`: parse a sequence of expressions "E1, E2, ... ."
   into the arena of a fresh ast_module (returned through *holder). */
struct ast **compile_parse_exprs(const char *src, size_t len, struct ast_module **holder,
                                 uint32_t *nexprs, struct diags *d);

#endif
