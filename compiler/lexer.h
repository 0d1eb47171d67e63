/*
 * lexer.h — Erlang tokens (erl_scan's), produced by lexer.c and consumed by
 * the preprocessor (preproc.c) and the parser (parser.c).
 *
 * A token's strings and arrays live in the arena of the compilation.
 * Positions: 1-based line and column; the column counts characters (code
 * points), a tab counts 1, as erlc 25 does.
 */
#ifndef MOAT_LEXER_H
#define MOAT_LEXER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct diags;
struct strbuf;

/* Punctuators and reserved words: X(enum suffix, spelling). */
#define LEX_SYMBOLS(X)                                                                   \
    X(LPAREN, "(") X(RPAREN, ")") X(LBRACK, "[") X(RBRACK, "]") X(LBRACE, "{")           \
    X(RBRACE, "}") X(COMMA, ",") X(SEMI, ";") X(BAR, "|") X(BARBAR, "||")                \
    X(ARROW, "->") X(ASSOC, "=>") X(EXACT, ":=") X(LTLT, "<<") X(GTGT, ">>")             \
    X(LARROW, "<-") X(LEQARROW, "<=") X(PERIOD, ".") X(DOTDOT, "..")                     \
    X(DOTDOTDOT, "...") X(COLON, ":") X(COLONCOLON, "::") X(QMARK, "?")                  \
    X(QQ, "??") X(HASH, "#") X(BANG, "!") X(EQ, "=") X(EQEQ, "==") X(NEQ, "/=")          \
    X(LE, "=<") X(LT, "<") X(GE, ">=") X(GT, ">") X(EXEQ, "=:=") X(EXNEQ, "=/=")         \
    X(PLUS, "+") X(MINUS, "-") X(STAR, "*") X(SLASH, "/") X(PLUSPLUS, "++")              \
    X(MINUSMINUS, "--") X(TILDE, "~")                                                    \
    X(AFTER, "after") X(AND, "and") X(ANDALSO, "andalso") X(BAND, "band")                \
    X(BEGIN, "begin") X(BNOT, "bnot") X(BOR, "bor") X(BSL, "bsl") X(BSR, "bsr")          \
    X(BXOR, "bxor") X(CASE, "case") X(CATCH, "catch") X(COND, "cond") X(DIV, "div")      \
    X(END, "end") X(FUN, "fun") X(IF, "if") X(LET, "let") X(NOT, "not") X(OF, "of")      \
    X(OR, "or") X(ORELSE, "orelse") X(RECEIVE, "receive") X(REM, "rem") X(TRY, "try")    \
    X(WHEN, "when") X(XOR, "xor")

enum tok_kind {
    TOK_EOF,    /* .ival == 1: input was cut short by a lexical error already
                   reported (e.g. an unterminated string): no syntax error */
    TOK_ATOM,   /* .text/.len: the name (UTF-8) */
    TOK_VAR,    /* .text/.len */
    TOK_INT,    /* .ival, or .big with .text decimal digits */
    TOK_FLOAT,  /* .fval */
    TOK_CHAR,   /* .ival: the code point */
    TOK_STRING, /* .chars[.nchars] */
    TOK_DOT,    /* the form-ending '.' */
    TOK_OTHER,  /* any other character (erl_scan makes it a token): .text */
    TOK_ERROR,  /* a lexical error: .text is erl_scan's message; the
                   preprocessor reports it and drops the form so far */
#define LEX_ENUM(name, text) TOK_##name,
    LEX_SYMBOLS(LEX_ENUM)
#undef LEX_ENUM
    TOK_COUNT
};

#define TOK_FIRST_KEYWORD TOK_AFTER

struct token {
    uint16_t kind;
    bool big;
    uint32_t line, col;
    const char *file; /* source file of the token (differs inside includes) */
    const char *text; /* atoms, variables, big integers */
    uint32_t len;
    int64_t ival;
    double fval;
    uint32_t *chars;
    uint32_t nchars;
};

struct token_vec {
    struct token *items;
    uint32_t count, cap;
    uint32_t end_line, end_col; /* where the input ended (set by lex_source) */
};

/* Append a token (arena-grown); false on allocation failure. */
bool tokvec_push(struct arena *a, struct token_vec *v, const struct token *t);

/* Scan src into tokens (appended to out, ending with one TOK_EOF whose
   position is the last token's). Lexical errors become TOK_ERROR tokens
   (with erl_scan's wording) and scanning continues; d is not written.
   Returns false only when out of memory. */
bool lex_source(struct arena *a, const char *file, const char *src, size_t len,
                struct token_vec *out, struct diags *d);

/* The spelling of a symbol/keyword kind ("->", "end"). */
const char *lex_symbol_text(int kind);

/* The token as erl_parse prints it in "syntax error before: X":
   'end', ')', foo, 'Foo', "str", 42, X, $a, '' for EOF. */
void lex_token_describe(const struct token *t, struct strbuf *sb);

/* The token's source-like text for ??Arg stringification (epp style). */
void lex_token_source(const struct token *t, struct strbuf *sb);

/* Append an atom as io_lib:write_atom would (quoted when needed). */
void lex_write_atom(struct strbuf *sb, const char *name, size_t len);

/* Append a string as io_lib:write_string would ("..." with escapes). */
void lex_write_string(struct strbuf *sb, const uint32_t *chars, uint32_t n, char quote);

/* ---- front-end internals shared by lexer.c, preproc.c, parser.c ---- */

struct compile_opts;
struct ast;

/* preproc.c: macros, includes and conditionals over the tokens of `in`
   (a whole file ending with TOK_EOF); `out` gets the forms, each ending
   with TOK_DOT, then one TOK_EOF. Errors go to d (erlc's wording); false
   only when out of memory. */
bool preproc_run(struct arena *a, const char *file, const struct token_vec *in,
                 const struct compile_opts *opts, struct token_vec *out, struct diags *d);

/* parser.c: one expression from toks[0..n-1], toks[n-1] being the end
   token (dot/EOF); NULL after a syntax error (reported to d). */
struct ast *parse_expr_tokens(struct arena *a, struct token *toks, uint32_t n,
                              struct diags *d);

#endif
