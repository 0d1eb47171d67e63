/*
 * parser.c — preprocessed tokens to the AST of ast.h, as erl_parse does it.
 *
 * Owns: the expression grammar and its precedences, forms and attributes,
 * syntax errors ("syntax error before: X" at the offending token), and
 * compile_parse / compile_parse_exprs / ast_module_free.
 * Recursive descent; every parse function returns NULL after reporting a
 * syntax error, and the error propagates to the form, which is dropped
 * (the parser resumes at the next form as erlc does). Node positions follow
 * erl_parse: operators and `=` at the operator, calls at the callee,
 * remotes at the ':', records and maps at the '#', the rest at their first
 * token. All memory comes from the module's arena.
 */
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "compiler.h"
#include "lexer.h"
#include "strbuf.h"

struct parser {
    struct arena *arena;
    struct token *toks;
    uint32_t pos, end; /* the current form: toks[pos..end], toks[end] is its dot/EOF */
    struct diags *diags;
    bool failed;       /* a syntax error was reported in this form */
    int in_pattern;    /* > 0 while parsing a function head (erl_parse's pat_expr) */
    uint32_t depth;    /* expressions being parsed inside each other */
};

/* Deeper nesting is refused: every pass after the parser recurses on the
   tree, and the C stack is finite (erl's parser has no such limit). */
#define PARSE_MAX_DEPTH 10000

/* A growable array on the arena (doubling; old copies are dropped). */
struct avec {
    void *data;
    uint32_t n, cap;
};

static void *avec_push(struct parser *p, struct avec *v, size_t elsize) {
    if (v->n == v->cap) {
        uint32_t cap = v->cap ? v->cap * 2 : 4;
        void *d = arena_realloc(p->arena, v->data, v->n * elsize, cap * elsize);
        if (!d) return NULL;
        v->data = d;
        v->cap = cap;
    }
    return (char *)v->data + (v->n++) * elsize;
}

static bool avec_push_node(struct parser *p, struct avec *v, struct ast *node) {
    struct ast **slot = avec_push(p, v, sizeof node);
    if (!slot) return false;
    *slot = node;
    return true;
}

static struct token *cur(struct parser *p) { return &p->toks[p->pos]; }
static int kind(struct parser *p) { return p->toks[p->pos].kind; }
static int kind_at(struct parser *p, uint32_t k) {
    return p->pos + k <= p->end ? p->toks[p->pos + k].kind : TOK_EOF;
}
static struct token *advance(struct parser *p) {
    struct token *t = &p->toks[p->pos];
    if (p->pos < p->end) p->pos++;
    return t;
}

static void *syntax_error(struct parser *p) {
    struct token *t = cur(p);
    if (t->kind == TOK_EOF && t->ival == 1) p->failed = true; /* lexer reported it */
    if (!p->failed) {
        struct strbuf sb = STRBUF_INIT;
        lex_token_describe(t, &sb);
        diags_add(p->diags, t->file, t->line, t->col, false, "syntax error before: %s",
                  sb.data ? sb_cstr(&sb) : "");
        sb_free(&sb);
        p->failed = true;
    }
    return NULL;
}

static bool expect(struct parser *p, int k) {
    if (kind(p) != k) {
        syntax_error(p);
        return false;
    }
    advance(p);
    return true;
}

static struct ast *node_at(struct parser *p, enum ast_kind k, const struct token *t) {
    struct ast *n = arena_alloc(p->arena, sizeof *n);
    if (!n) {
        if (!p->failed) diags_add(p->diags, t->file, t->line, t->col, false, "out of memory");
        p->failed = true;
        return NULL;
    }
    n->kind = k;
    n->line = t->line;
    n->col = t->col;
    return n;
}

static struct ast *parse_expr(struct parser *p);
static struct ast *parse_unary(struct parser *p);
static struct ast *parse_primary(struct parser *p);
static struct ast *parse_postfix(struct parser *p);
static bool parse_body(struct parser *p, struct ast ***body, uint32_t *n);
static bool parse_guard(struct parser *p, struct ast_clause *c);

/* ---- operators ---- */

enum { ASSOC_LEFT, ASSOC_RIGHT, ASSOC_NONE };

/* Binary operator precedence (erl_parse's numbers), 0 when not binary. */
static int binop_prec(int k, int *assoc) {
    *assoc = ASSOC_LEFT;
    switch (k) {
    case TOK_EQ: case TOK_BANG: *assoc = ASSOC_RIGHT; return 100;
    case TOK_ORELSE: *assoc = ASSOC_RIGHT; return 150;
    case TOK_ANDALSO: *assoc = ASSOC_RIGHT; return 160;
    case TOK_EQEQ: case TOK_NEQ: case TOK_LE: case TOK_LT: case TOK_GE: case TOK_GT:
    case TOK_EXEQ: case TOK_EXNEQ: *assoc = ASSOC_NONE; return 200;
    case TOK_PLUSPLUS: case TOK_MINUSMINUS: *assoc = ASSOC_RIGHT; return 300;
    case TOK_PLUS: case TOK_MINUS: case TOK_BOR: case TOK_BXOR: case TOK_BSL: case TOK_BSR:
    case TOK_OR: case TOK_XOR: return 400;
    case TOK_SLASH: case TOK_STAR: case TOK_DIV: case TOK_REM: case TOK_BAND: case TOK_AND:
        return 500;
    default: return 0;
    }
}

/* The leftmost token's position of an expression (erl_parse's first_anno). */
static struct ast *leftmost(struct ast *e) {
    for (;;) {
        switch (e->kind) {
        case AST_OP: case AST_MATCH: case AST_CALL: case AST_RECORD_ACCESS:
            e = e->a;
            continue;
        case AST_MAP_UPDATE: case AST_RECORD_UPDATE:
            if (e->a) {
                e = e->a;
                continue;
            }
            return e;
        default: return e;
        }
    }
}
static uint32_t first_line(struct ast *e) { return leftmost(e)->line; }
static uint32_t first_col(struct ast *e) { return leftmost(e)->col; }

/* Whether one more level of nesting is allowed (a syntax error if not);
   the caller undoes it with p->depth-- when it returns. */
static bool nest(struct parser *p) {
    if (p->depth < PARSE_MAX_DEPTH) {
        p->depth++;
        return true;
    }
    struct token *t = cur(p);
    if (!p->failed) diags_add(p->diags, t->file, t->line, t->col, false, "expression nested too deeply");
    p->failed = true;
    return false;
}

static struct ast *parse_binary_in(struct parser *p, int minprec);
static struct ast *parse_binary(struct parser *p, int minprec) {
    if (!nest(p)) return NULL;
    struct ast *e = parse_binary_in(p, minprec);
    p->depth--;
    return e;
}

static struct ast *parse_binary_in(struct parser *p, int minprec) {
    struct ast *lhs = parse_unary(p);
    if (!lhs) return NULL;
    int last_nonassoc = 0;
    for (;;) {
        int assoc, k = kind(p);
        int prec = binop_prec(k, &assoc);
        if (!prec || prec < minprec) return lhs;
        if (assoc == ASSOC_NONE && last_nonassoc == prec) return syntax_error(p);
        if (k == TOK_BANG && p->in_pattern) return syntax_error(p);
        struct token *op = advance(p);
        struct ast *rhs;
        if (prec == 100) rhs = parse_expr(p); /* `X = catch E` is allowed */
        else rhs = parse_binary(p, assoc == ASSOC_RIGHT ? prec : prec + 1);
        if (!rhs) return NULL;
        struct ast *n = node_at(p, k == TOK_EQ ? AST_MATCH : AST_OP, op);
        if (!n) return NULL;
        if (k == TOK_EQ) { /* erl_parse: a match is at its first token */
            n->line = first_line(lhs);
            n->col = first_col(lhs);
        }
        n->a = lhs;
        n->b = rhs;
        if (k != TOK_EQ) n->op = lex_symbol_text(k);
        lhs = n;
        last_nonassoc = assoc == ASSOC_NONE ? prec : 0;
    }
}

static struct ast *parse_expr(struct parser *p) {
    if (kind(p) == TOK_CATCH) {
        struct token *t = advance(p);
        if (!nest(p)) return NULL;
        struct ast *e = parse_expr(p);
        p->depth--;
        if (!e) return NULL;
        struct ast *n = node_at(p, AST_CATCH, t);
        if (n) n->a = e;
        return n;
    }
    return parse_binary(p, 100);
}

static struct ast *parse_unary(struct parser *p) {
    int k = kind(p);
    if (k == TOK_MINUS || k == TOK_PLUS || k == TOK_BNOT || k == TOK_NOT) {
        struct token *t = advance(p);
        if (!nest(p)) return NULL;
        struct ast *e = parse_unary(p);
        p->depth--;
        if (!e) return NULL;
        /* fold -Literal so patterns and literals see a constant */
        if (k == TOK_MINUS && e->kind == AST_INT && !e->big && e->ival != INT64_MIN) {
            e->ival = -e->ival;
            e->line = t->line;
            e->col = t->col;
            return e;
        }
        if (k == TOK_MINUS && e->kind == AST_INT && e->big && e->text[0] != '-') {
            size_t len = strlen(e->text);
            char *s = arena_alloc(p->arena, len + 2);
            if (!s) return NULL;
            s[0] = '-';
            memcpy(s + 1, e->text, len + 1);
            e->text = s;
            e->line = t->line;
            e->col = t->col;
            return e;
        }
        if (k == TOK_MINUS && e->kind == AST_FLOAT) {
            e->fval = -e->fval;
            e->line = t->line;
            e->col = t->col;
            return e;
        }
        struct ast *n = node_at(p, AST_UNOP, t);
        if (!n) return NULL;
        n->op = lex_symbol_text(k);
        n->a = e;
        return n;
    }
    return parse_postfix(p);
}

/* ---- lists of expressions ---- */

/* E1, E2, ... up to (not including) a token that is not ','. */
static bool parse_exprs(struct parser *p, struct ast ***items, uint32_t *n) {
    struct avec v = {0};
    for (;;) {
        struct ast *e = parse_expr(p);
        if (!e || !avec_push_node(p, &v, e)) return false;
        if (kind(p) != TOK_COMMA) break;
        advance(p);
    }
    *items = v.data;
    *n = v.n;
    return true;
}

static bool parse_body(struct parser *p, struct ast ***body, uint32_t *n) {
    return parse_exprs(p, body, n);
}

/* Arguments "(E1, ..., En)" with the '(' current. */
static bool parse_args(struct parser *p, struct ast ***items, uint32_t *n) {
    if (!expect(p, TOK_LPAREN)) return false;
    if (kind(p) == TOK_RPAREN) {
        advance(p);
        *items = NULL;
        *n = 0;
        return true;
    }
    if (!parse_exprs(p, items, n)) return false;
    return expect(p, TOK_RPAREN);
}

/* ---- records and maps ---- */

/* "{f = E, ...}" or "{f := E}" pairs of a map, with the '{' current. */
static bool parse_map_fields(struct parser *p, struct ast *m) {
    if (!expect(p, TOK_LBRACE)) return false;
    struct avec v = {0};
    while (kind(p) != TOK_RBRACE) {
        /* a key is an expression even in a pattern (erl_parse's map_key),
           the linter says which are allowed */
        int in_pattern = p->in_pattern;
        p->in_pattern = 0;
        struct ast *key = parse_expr(p);
        p->in_pattern = in_pattern;
        if (!key) return false;
        int k = kind(p);
        if (k != TOK_ASSOC && k != TOK_EXACT) return syntax_error(p), false;
        struct token *op = advance(p);
        struct ast *val = parse_expr(p);
        if (!val) return false;
        struct ast *f = node_at(p, k == TOK_ASSOC ? AST_MAP_ASSOC : AST_MAP_EXACT, op);
        if (!f) return false;
        f->a = key;
        f->b = val;
        if (!avec_push_node(p, &v, f)) return false;
        if (kind(p) == TOK_COMMA) {
            advance(p);
            if (kind(p) == TOK_RBRACE) return syntax_error(p), false;
        } else if (kind(p) != TOK_RBRACE) {
            return syntax_error(p), false;
        }
    }
    advance(p);
    m->items = v.data;
    m->nitems = v.n;
    return true;
}

static bool parse_record_fields(struct parser *p, struct ast *r) {
    if (!expect(p, TOK_LBRACE)) return false;
    struct avec v = {0};
    while (kind(p) != TOK_RBRACE) {
        struct token *name = cur(p);
        if (name->kind != TOK_ATOM && !(name->kind == TOK_VAR && name->len == 1 &&
                                         name->text[0] == '_'))
            return syntax_error(p), false;
        advance(p);
        if (!expect(p, TOK_EQ)) return false;
        struct ast *val = parse_expr(p);
        if (!val) return false;
        struct ast *f = node_at(p, AST_RECORD_FIELD, name);
        if (!f) return false;
        f->field = name->text;
        f->a = val;
        if (!avec_push_node(p, &v, f)) return false;
        if (kind(p) == TOK_COMMA) {
            advance(p);
            if (kind(p) == TOK_RBRACE) return syntax_error(p), false;
        } else if (kind(p) != TOK_RBRACE) {
            return syntax_error(p), false;
        }
    }
    advance(p);
    r->items = v.data;
    r->nitems = v.n;
    return true;
}

/* After '#' (hash is the '#' token; base is NULL for creation): a map
   "{...}", or a record "name{...}" / "name.field". */
static struct ast *parse_hash(struct parser *p, struct token *hash, struct ast *base) {
    if (kind(p) == TOK_LBRACE) {
        struct ast *m = node_at(p, base ? AST_MAP_UPDATE : AST_MAP, hash);
        if (!m) return NULL;
        m->a = base;
        return parse_map_fields(p, m) ? m : NULL;
    }
    if (kind(p) != TOK_ATOM) return syntax_error(p);
    struct token *name = advance(p);
    if (kind(p) == TOK_PERIOD) {
        advance(p);
        if (kind(p) != TOK_ATOM) return syntax_error(p);
        struct token *field = advance(p);
        struct ast *r = node_at(p, base ? AST_RECORD_ACCESS : AST_RECORD_INDEX, hash);
        if (!r) return NULL;
        r->fline = field->line;
        r->fcol = field->col;
        r->a = base;
        r->name = name->text;
        r->len = name->len;
        r->field = field->text;
        return r;
    }
    if (kind(p) != TOK_LBRACE) return syntax_error(p);
    struct ast *r = node_at(p, base ? AST_RECORD_UPDATE : AST_RECORD, hash);
    if (!r) return NULL;
    r->a = base;
    r->name = name->text;
    r->len = name->len;
    return parse_record_fields(p, r) ? r : NULL;
}

/* ---- compound primaries ---- */

static struct ast *parse_string(struct parser *p) {
    struct token *first = cur(p);
    uint32_t total = 0, count = 0;
    while (kind_at(p, count) == TOK_STRING) total += p->toks[p->pos + count++].nchars;
    struct ast *s = node_at(p, AST_STRING, first);
    if (!s) return NULL;
    s->chars = arena_alloc(p->arena, (total ? total : 1) * sizeof(uint32_t));
    if (!s->chars) return NULL;
    for (uint32_t i = 0; i < count; i++) {
        struct token *t = advance(p);
        memcpy(s->chars + s->nchars, t->chars, t->nchars * sizeof(uint32_t));
        s->nchars += t->nchars;
    }
    return s;
}

/* Qualifiers of a comprehension after '||', up to the closing token. */
static bool parse_qualifiers(struct parser *p, struct ast *lc) {
    struct avec v = {0};
    for (;;) {
        struct ast *e = parse_expr(p);
        if (!e) return false;
        int k = kind(p);
        if (k == TOK_LARROW || k == TOK_LEQARROW) {
            struct token *op = advance(p);
            struct ast *src = parse_expr(p);
            if (!src) return false;
            struct ast *g = node_at(p, k == TOK_LARROW ? AST_GENERATE : AST_BGENERATE, op);
            if (!g) return false;
            g->a = e;
            g->b = src;
            e = g;
        }
        if (!avec_push_node(p, &v, e)) return false;
        if (kind(p) != TOK_COMMA) break;
        advance(p);
    }
    lc->items = v.data;
    lc->nitems = v.n;
    return true;
}

static struct ast *parse_list(struct parser *p) {
    struct token *open = advance(p);
    if (kind(p) == TOK_RBRACK) {
        advance(p);
        return node_at(p, AST_NIL, open);
    }
    struct ast *first = parse_expr(p);
    if (!first) return NULL;
    if (kind(p) == TOK_BARBAR) {
        advance(p);
        struct ast *lc = node_at(p, AST_LC, open);
        if (!lc) return NULL;
        lc->a = first;
        if (!parse_qualifiers(p, lc) || !expect(p, TOK_RBRACK)) return NULL;
        return lc;
    }
    /* elements, then the tail; cons cells are built from the end */
    struct avec elems = {0};
    struct avec seps = {0}; /* the token before each element ('[' or ',') */
    if (!avec_push_node(p, &elems, first)) return NULL;
    struct token **sp = avec_push(p, &seps, sizeof(struct token *));
    if (!sp) return NULL;
    *sp = open;
    while (kind(p) == TOK_COMMA) {
        struct token *comma = advance(p);
        struct ast *e = parse_expr(p);
        if (!e || !avec_push_node(p, &elems, e)) return NULL;
        if (!(sp = avec_push(p, &seps, sizeof(struct token *)))) return NULL;
        *sp = comma;
    }
    struct ast *tail;
    if (kind(p) == TOK_BAR) {
        advance(p);
        tail = parse_expr(p);
        if (!tail) return NULL;
    } else {
        tail = node_at(p, AST_NIL, cur(p));
        if (!tail) return NULL;
    }
    if (!expect(p, TOK_RBRACK)) return NULL;
    struct ast **ev = elems.data;
    struct token **tv = seps.data;
    for (uint32_t i = elems.n; i-- > 0;) {
        struct ast *c = node_at(p, AST_CONS, tv[i]);
        if (!c) return NULL;
        c->a = ev[i];
        c->b = tail;
        tail = c;
    }
    return tail;
}

static struct ast *parse_tuple(struct parser *p) {
    struct token *open = advance(p);
    struct ast *t = node_at(p, AST_TUPLE, open);
    if (!t) return NULL;
    if (kind(p) == TOK_RBRACE) {
        advance(p);
        return t;
    }
    if (!parse_exprs(p, &t->items, &t->nitems) || !expect(p, TOK_RBRACE)) return NULL;
    return t;
}

/* Type specifiers after '/': integer-little-unit:8 */
static bool parse_bin_types(struct parser *p, struct ast *el) {
    struct avec v = {0};
    for (;;) {
        if (kind(p) != TOK_ATOM) return syntax_error(p), false;
        struct token *t = advance(p);
        struct ast_type_spec *ts = avec_push(p, &v, sizeof *ts);
        if (!ts) return false;
        ts->name = t->text;
        ts->unit = 0;
        if (kind(p) == TOK_COLON) {
            advance(p);
            if (kind(p) != TOK_INT || cur(p)->big) return syntax_error(p), false;
            ts->unit = (uint32_t)advance(p)->ival;
            if (strcmp(ts->name, "unit") != 0) ts->unit = 0;
        }
        if (kind(p) != TOK_MINUS) break;
        advance(p);
    }
    el->types = v.data;
    el->ntypes = v.n;
    return true;
}

static struct ast *parse_bin_element(struct parser *p) {
    struct token *start = cur(p);
    struct ast *value;
    int k = kind(p);
    if (k == TOK_MINUS || k == TOK_PLUS || k == TOK_BNOT || k == TOK_NOT) {
        /* bit_expr: prefix_op expr_max */
        struct token *t = advance(p);
        struct ast *e = parse_primary(p);
        if (!e) return NULL;
        if (k == TOK_MINUS && e->kind == AST_INT && !e->big && e->ival != INT64_MIN) {
            e->ival = -e->ival;
            e->line = t->line;
            e->col = t->col;
            value = e;
        } else if (k == TOK_MINUS && e->kind == AST_FLOAT) {
            e->fval = -e->fval;
            value = e;
        } else {
            value = node_at(p, AST_UNOP, t);
            if (!value) return NULL;
            value->op = lex_symbol_text(k);
            value->a = e;
        }
    } else {
        value = parse_primary(p);
        if (!value) return NULL;
    }
    struct ast *el = node_at(p, AST_BIN_ELEMENT, start);
    if (!el) return NULL;
    el->line = value->line;
    el->col = value->col;
    el->a = value;
    if (kind(p) == TOK_COLON) {
        /* the size is an expr_max even in a pattern; the linter checks it */
        int in_pattern = p->in_pattern;
        advance(p);
        p->in_pattern = 0;
        el->b = parse_primary(p);
        p->in_pattern = in_pattern;
        if (!el->b) return NULL;
    }
    if (kind(p) == TOK_SLASH) {
        advance(p);
        if (!parse_bin_types(p, el)) return NULL;
    }
    return el;
}

static struct ast *parse_binary_lit(struct parser *p) {
    struct token *open = advance(p);
    struct ast *b = node_at(p, AST_BIN, open);
    if (!b) return NULL;
    if (kind(p) == TOK_GTGT) {
        advance(p);
        return b;
    }
    struct ast *first = parse_bin_element(p);
    if (!first) return NULL;
    if (kind(p) == TOK_BARBAR) {
        /* a comprehension: the template is a binary expression element;
           erl_parse parses it as an expression, so re-read as one */
        advance(p);
        struct ast *bc = node_at(p, AST_BC, open);
        if (!bc) return NULL;
        bc->a = first->a;
        if (first->b || first->ntypes) bc->a = first; /* <<X:8 || ...>> is invalid */
        if (!parse_qualifiers(p, bc) || !expect(p, TOK_GTGT)) return NULL;
        return bc;
    }
    struct avec v = {0};
    if (!avec_push_node(p, &v, first)) return NULL;
    while (kind(p) == TOK_COMMA) {
        advance(p);
        struct ast *el = parse_bin_element(p);
        if (!el || !avec_push_node(p, &v, el)) return NULL;
    }
    if (!expect(p, TOK_GTGT)) return NULL;
    b->items = v.data;
    b->nitems = v.n;
    return b;
}

/* One clause: [Name] (Args) [when G] -> Body, or for case-like clauses
   Pattern [when G] -> Body. mode: 0 = case/receive/of, 1 = fun, 2 = if */
static bool parse_clause(struct parser *p, struct ast_clause *c, int mode) {
    struct token *start = cur(p);
    c->line = start->line;
    c->col = start->col;
    if (mode == 1) {
        p->in_pattern++;
        bool ok = parse_args(p, &c->patterns, &c->npatterns);
        p->in_pattern--;
        if (!ok) return false;
    } else if (mode == 0) {
        struct ast *pat = parse_expr(p);
        if (!pat) return false;
        c->patterns = arena_alloc(p->arena, sizeof(struct ast *));
        if (!c->patterns) return false;
        c->patterns[0] = pat;
        c->npatterns = 1;
    }
    if (mode == 2) {
        if (!parse_guard(p, c)) return false;
    } else if (kind(p) == TOK_WHEN) {
        advance(p);
        if (!parse_guard(p, c)) return false;
    }
    if (!expect(p, TOK_ARROW)) return false;
    return parse_body(p, &c->body, &c->nbody);
}

static bool parse_guard(struct parser *p, struct ast_clause *c) {
    struct avec v = {0};
    for (;;) {
        struct ast_guard *g = avec_push(p, &v, sizeof *g);
        if (!g || !parse_exprs(p, &g->tests, &g->ntests)) return false;
        if (kind(p) != TOK_SEMI) break;
        advance(p);
    }
    c->guards = v.data;
    c->nguards = v.n;
    return true;
}

/* Clauses separated by ';' (mode as parse_clause). */
static bool parse_clauses(struct parser *p, struct ast_clause **out, uint32_t *n, int mode) {
    struct avec v = {0};
    for (;;) {
        struct ast_clause *c = avec_push(p, &v, sizeof *c);
        if (!c) return false;
        memset(c, 0, sizeof *c);
        if (!parse_clause(p, c, mode)) return false;
        if (kind(p) != TOK_SEMI) break;
        advance(p);
    }
    *out = v.data;
    *n = v.n;
    return true;
}

static struct ast *parse_case(struct parser *p) {
    struct ast *n = node_at(p, AST_CASE, advance(p));
    if (!n || !(n->a = parse_expr(p)) || !expect(p, TOK_OF)) return NULL;
    if (!parse_clauses(p, &n->clauses, &n->nclauses, 0) || !expect(p, TOK_END)) return NULL;
    return n;
}

static struct ast *parse_if(struct parser *p) {
    struct ast *n = node_at(p, AST_IF, advance(p));
    if (!n || !parse_clauses(p, &n->clauses, &n->nclauses, 2) || !expect(p, TOK_END))
        return NULL;
    return n;
}

static struct ast *parse_receive(struct parser *p) {
    struct ast *n = node_at(p, AST_RECEIVE, advance(p));
    if (!n) return NULL;
    if (kind(p) != TOK_AFTER && !parse_clauses(p, &n->clauses, &n->nclauses, 0)) return NULL;
    if (kind(p) == TOK_AFTER) {
        advance(p);
        if (!(n->after = parse_expr(p)) || !expect(p, TOK_ARROW)) return NULL;
        if (!parse_body(p, &n->after_body, &n->nafter_body)) return NULL;
    }
    return expect(p, TOK_END) ? n : NULL;
}

static struct ast *var_named(struct parser *p, struct token *at, const char *name) {
    struct ast *v = node_at(p, AST_VAR, at);
    if (v) {
        v->name = name;
        v->len = (uint32_t)strlen(name);
    }
    return v;
}

/* catch clause: [Class:]Reason[:Stack] [when G] -> Body */
static bool parse_catch_clause(struct parser *p, struct ast_clause *c) {
    struct token *start = cur(p);
    c->line = start->line;
    c->col = start->col;
    struct ast *first = parse_expr(p);
    if (!first) return false;
    struct ast *cls, *reason, *stack = NULL;
    if (first->kind == AST_MATCH && first->a->kind == AST_REMOTE) {
        /* Class:Pat = ... parses as (Class:Pat) = ..., and a stack
           variable at the end as Last:Stack: take them apart */
        cls = first->a->a;
        struct ast *m = first;
        m->a = first->a->b;
        m->line = first_line(m->a);
        m->col = first_col(m->a);
        while (m->b->kind == AST_MATCH) m = m->b;
        if (m->b->kind == AST_REMOTE && m->b->b->kind == AST_VAR && kind(p) != TOK_COLON) {
            stack = m->b->b;
            m->b = m->b->a;
        }
        reason = first;
    } else if (first->kind == AST_REMOTE) {
        cls = first->a;
        reason = first->b;
    } else if (kind(p) == TOK_COLON) {
        advance(p);
        cls = first;
        if (!(reason = parse_expr(p))) return false;
    } else {
        cls = node_at(p, AST_ATOM, start);
        if (!cls) return false;
        cls->name = "throw";
        cls->len = 5;
        reason = first;
    }
    if (cls->kind != AST_ATOM && cls->kind != AST_VAR) {
        p->pos--; /* erl_parse rejects it at the ':' or before */
        return syntax_error(p), false;
    }
    if (!stack && kind(p) == TOK_COLON) {
        advance(p);
        if (kind(p) != TOK_VAR) return syntax_error(p), false;
        struct token *v = advance(p);
        stack = var_named(p, v, v->text);
    } else if (!stack) {
        stack = var_named(p, start, "_");
    }
    if (!stack) return false;
    c->patterns = arena_alloc(p->arena, 3 * sizeof(struct ast *));
    if (!c->patterns) return false;
    c->patterns[0] = cls;
    c->patterns[1] = reason;
    c->patterns[2] = stack;
    c->npatterns = 3;
    if (kind(p) == TOK_WHEN) {
        advance(p);
        if (!parse_guard(p, c)) return false;
    }
    if (!expect(p, TOK_ARROW)) return false;
    return parse_body(p, &c->body, &c->nbody);
}

static struct ast *parse_try(struct parser *p) {
    struct ast *n = node_at(p, AST_TRY, advance(p));
    if (!n || !parse_body(p, &n->body, &n->nbody)) return NULL;
    if (kind(p) == TOK_OF) {
        advance(p);
        if (!parse_clauses(p, &n->clauses, &n->nclauses, 0)) return NULL;
    }
    bool any = false;
    if (kind(p) == TOK_CATCH) {
        advance(p);
        struct avec v = {0};
        for (;;) {
            struct ast_clause *c = avec_push(p, &v, sizeof *c);
            if (!c) return NULL;
            memset(c, 0, sizeof *c);
            if (!parse_catch_clause(p, c)) return NULL;
            if (kind(p) != TOK_SEMI) break;
            advance(p);
        }
        n->catch_clauses = v.data;
        n->ncatch_clauses = v.n;
        any = true;
    }
    if (kind(p) == TOK_AFTER) {
        advance(p);
        if (!parse_body(p, &n->after_body, &n->nafter_body)) return NULL;
        any = true;
    }
    if (!any) return syntax_error(p);
    return expect(p, TOK_END) ? n : NULL;
}

static bool is_atom_or_var(int k) { return k == TOK_ATOM || k == TOK_VAR; }

static struct ast *token_leaf(struct parser *p, struct token *t) {
    struct ast *n;
    switch (t->kind) {
    case TOK_ATOM:
        if ((n = node_at(p, AST_ATOM, t))) n->name = t->text, n->len = t->len;
        return n;
    case TOK_VAR:
        if ((n = node_at(p, AST_VAR, t))) n->name = t->text, n->len = t->len;
        return n;
    case TOK_INT:
    case TOK_CHAR:
        if ((n = node_at(p, AST_INT, t))) {
            n->ival = t->ival;
            n->big = t->big;
            n->text = t->text;
        }
        return n;
    default: return NULL;
    }
}

static struct ast *parse_fun(struct parser *p) {
    struct token *funtok = advance(p);
    int k = kind(p);
    if (k == TOK_ATOM && kind_at(p, 1) == TOK_SLASH) {
        struct token *name = advance(p);
        advance(p);
        if (kind(p) != TOK_INT || cur(p)->big) return syntax_error(p);
        struct ast *n = node_at(p, AST_FUN_REF, funtok);
        if (!n) return NULL;
        n->name = name->text;
        n->len = name->len;
        n->arity = (uint32_t)advance(p)->ival;
        return n;
    }
    if (is_atom_or_var(k) && kind_at(p, 1) == TOK_COLON) {
        struct ast *n = node_at(p, AST_FUN_REF, funtok);
        if (!n) return NULL;
        n->a = token_leaf(p, advance(p));
        advance(p);
        if (!is_atom_or_var(kind(p))) return syntax_error(p);
        n->b = token_leaf(p, advance(p));
        if (!expect(p, TOK_SLASH)) return NULL;
        if (kind(p) != TOK_INT && kind(p) != TOK_VAR) return syntax_error(p);
        n->c = token_leaf(p, advance(p));
        if (!n->a || !n->b || !n->c) return NULL;
        return n;
    }
    struct ast *n = node_at(p, AST_FUN, funtok);
    if (!n) return NULL;
    if (k == TOK_VAR) {
        /* named fun: every clause repeats the name */
        n->name = cur(p)->text;
        n->len = cur(p)->len;
        struct avec v = {0};
        for (;;) {
            if (kind(p) != TOK_VAR) return syntax_error(p);
            struct token *nt = cur(p);
            if (nt->len != n->len || memcmp(nt->text, n->name, n->len) != 0) {
                diags_add(p->diags, nt->file, nt->line, nt->col, false, "head mismatch");
                p->failed = true;
                return NULL;
            }
            advance(p);
            struct ast_clause *c = avec_push(p, &v, sizeof *c);
            if (!c) return NULL;
            memset(c, 0, sizeof *c);
            if (!parse_clause(p, c, 1)) return NULL;
            c->line = nt->line;
            c->col = nt->col;
            if (kind(p) != TOK_SEMI) break;
            advance(p);
        }
        n->clauses = v.data;
        n->nclauses = v.n;
    } else {
        if (!parse_clauses(p, &n->clauses, &n->nclauses, 1)) return NULL;
    }
    return expect(p, TOK_END) ? n : NULL;
}

static struct ast *parse_primary(struct parser *p) {
    struct token *t = cur(p);
    struct ast *n;
    if (p->in_pattern) {
        switch (t->kind) {
        case TOK_BEGIN: case TOK_CASE: case TOK_IF: case TOK_RECEIVE: case TOK_FUN:
        case TOK_TRY: case TOK_CATCH:
            return syntax_error(p);
        case TOK_LPAREN: {
            /* a parenthesised sub-pattern; inner guards (binary sizes) are fine */
            advance(p);
            if (!(n = parse_expr(p)) || !expect(p, TOK_RPAREN)) return NULL;
            return n;
        }
        default: break;
        }
    }
    switch (t->kind) {
    case TOK_VAR:
    case TOK_ATOM:
    case TOK_INT:
    case TOK_CHAR: advance(p); return token_leaf(p, t);
    case TOK_FLOAT:
        advance(p);
        if ((n = node_at(p, AST_FLOAT, t))) n->fval = t->fval;
        return n;
    case TOK_STRING: return parse_string(p);
    case TOK_LBRACK: return parse_list(p);
    case TOK_LBRACE: return parse_tuple(p);
    case TOK_LTLT: return parse_binary_lit(p);
    case TOK_LPAREN:
        advance(p);
        if (!(n = parse_expr(p)) || !expect(p, TOK_RPAREN)) return NULL;
        return n;
    case TOK_BEGIN:
        advance(p);
        if (!(n = node_at(p, AST_BLOCK, t)) || !parse_body(p, &n->body, &n->nbody) ||
            !expect(p, TOK_END))
            return NULL;
        return n;
    case TOK_CASE: return parse_case(p);
    case TOK_IF: return parse_if(p);
    case TOK_RECEIVE: return parse_receive(p);
    case TOK_FUN: return parse_fun(p);
    case TOK_TRY: return parse_try(p);
    case TOK_HASH: {
        /* map or record creation, then further '#' updates */
        struct token *hash = advance(p);
        n = parse_hash(p, hash, NULL);
        while (n && kind(p) == TOK_HASH) n = parse_hash(p, advance(p), n);
        return n;
    }
    default: return syntax_error(p);
    }
}

/* expr_700/800 on top of a primary: '#' chains, m:f, calls. Called through
   parse_unary -> parse_primary for primaries; wraps them here. */
static struct ast *parse_postfix_after(struct parser *p, struct ast *e) {
    if (p->in_pattern && (kind(p) == TOK_COLON || kind(p) == TOK_LPAREN))
        return syntax_error(p);
    if (kind(p) == TOK_HASH) {
        while (e && kind(p) == TOK_HASH) e = parse_hash(p, advance(p), e);
        return e;
    }
    if (kind(p) == TOK_COLON) {
        struct token *colon = advance(p);
        struct ast *f = parse_primary(p);
        if (!f) return NULL;
        struct ast *r = node_at(p, AST_REMOTE, colon);
        if (!r) return NULL;
        r->line = e->line; /* erl_lint reports remotes at the module expression */
        r->col = e->col;
        r->a = e;
        r->b = f;
        e = r;
    }
    if (kind(p) == TOK_LPAREN) {
        struct ast *c = node_at(p, AST_CALL, &(struct token){.line = e->line, .col = e->col});
        if (!c) return NULL;
        c->a = e;
        if (!parse_args(p, &c->items, &c->nitems)) return NULL;
        return c;
    }
    return e;
}

static struct ast *parse_postfix(struct parser *p) {
    struct ast *e = parse_primary(p);
    return e ? parse_postfix_after(p, e) : NULL;
}

/* ---- forms ---- */

struct module_builder {
    struct ast_module *m;
    struct avec exports, imports, functions, records, attributes, behaviours, nowarn,
        no_auto, type_defs, type_refs, specs, late;
};

static bool fa_from_ast(struct ast *e, struct ast_fa *fa) {
    if (e->kind == AST_OP && strcmp(e->op, "/") == 0 && e->a->kind == AST_ATOM &&
        e->b->kind == AST_INT && !e->b->big && e->b->ival >= 0) {
        fa->name = e->a->name;
        fa->arity = (uint32_t)e->b->ival;
        return true;
    }
    if (e->kind == AST_TUPLE && e->nitems == 2 && e->items[0]->kind == AST_ATOM &&
        e->items[1]->kind == AST_INT && !e->items[1]->big && e->items[1]->ival >= 0) {
        fa->name = e->items[0]->name;
        fa->arity = (uint32_t)e->items[1]->ival;
        return true;
    }
    return false;
}

static void attr_error(struct parser *p, struct token *at, const char *what) {
    if (!p->failed)
        diags_add(p->diags, at->file, at->line, at->col, false, "bad %s declaration", what);
    p->failed = true;
}

/* A list [f/1, ...] of function names into v; false if malformed. */
static bool fa_list(struct parser *p, struct ast *list, struct avec *v, struct token *at) {
    for (struct ast *c = list; c->kind != AST_NIL; c = c->b) {
        if (c->kind != AST_CONS) return false;
        struct ast_fa *fa = avec_push(p, v, sizeof *fa);
        if (!fa) return false;
        if (!fa_from_ast(c->a, fa)) {
            if (!p->failed)
                diags_add(p->diags, at->file, c->line, c->col, false, "bad Name/Arity");
            p->failed = true;
            return false;
        }
        fa->line = at->line;
        fa->col = at->col;
    }
    return true;
}

static bool is_atom(struct ast *e, const char *name) {
    return e->kind == AST_ATOM && strcmp(e->name, name) == 0;
}

/* One -compile option (a list's element or the whole value). */
static void compile_option(struct parser *p, struct module_builder *b, struct ast *o,
                           struct token *at) {
    struct ast_module *m = b->m;
    if (is_atom(o, "export_all")) m->export_all = true;
    else if (is_atom(o, "nowarn_unused_vars")) m->nowarn_unused_vars = true;
    else if (is_atom(o, "nowarn_format")) m->nowarn_format = true;
    else if (is_atom(o, "nowarn_unused_function")) m->nowarn_unused_all = true;
    else if (is_atom(o, "no_auto_import")) m->no_auto_import_all = true;
    else if (o->kind == AST_TUPLE && o->nitems == 2 && o->items[0]->kind == AST_ATOM) {
        struct avec *v = is_atom(o->items[0], "nowarn_unused_function") ? &b->nowarn
                         : is_atom(o->items[0], "no_auto_import")       ? &b->no_auto
                                                                        : NULL;
        if (!v) return;
        struct ast *arg = o->items[1];
        if (arg->kind == AST_CONS || arg->kind == AST_NIL) {
            fa_list(p, arg, v, at);
        } else {
            struct ast_fa *fa = avec_push(p, v, sizeof *fa);
            if (fa && !fa_from_ast(arg, fa)) v->n--;
        }
    }
}

/* Turn F/A inside attribute values into {F,A} as erl_parse does. */
static struct ast *attr_term(struct parser *p, struct ast *e) {
    if (e->kind == AST_OP && strcmp(e->op, "/") == 0 && e->a->kind == AST_ATOM &&
        e->b->kind == AST_INT) {
        struct ast *t = node_at(p, AST_TUPLE, &(struct token){.line = e->line, .col = e->col});
        if (!t || !(t->items = arena_alloc(p->arena, 2 * sizeof(struct ast *)))) return e;
        t->items[0] = e->a;
        t->items[1] = e->b;
        t->nitems = 2;
        return t;
    }
    if (e->kind == AST_CONS) {
        e->a = attr_term(p, e->a);
        e->b = attr_term(p, e->b);
    } else if (e->kind == AST_TUPLE) {
        for (uint32_t i = 0; i < e->nitems; i++) e->items[i] = attr_term(p, e->items[i]);
    }
    return e;
}

static bool is_open(int k) {
    return k == TOK_LPAREN || k == TOK_LBRACK || k == TOK_LBRACE || k == TOK_LTLT;
}
static bool is_close(int k) {
    return k == TOK_RPAREN || k == TOK_RBRACK || k == TOK_RBRACE || k == TOK_GTGT;
}

/* Arity of name( ... ) with toks[i] the '(' : top-level commas + 1, or 0. */
static uint32_t paren_arity(struct parser *p, uint32_t i, uint32_t to) {
    if (i + 1 < to && p->toks[i + 1].kind == TOK_RPAREN) return 0;
    int depth = 0;
    uint32_t arity = 1;
    for (uint32_t k = i; k < to; k++) {
        int kd = p->toks[k].kind;
        if (is_open(kd)) depth++;
        else if (is_close(kd) && --depth == 0) break;
        else if (kd == TOK_COMMA && depth == 1) arity++;
    }
    return arity;
}

/* Record the local types and records a type's tokens [from, to) use. */
static void scan_type_refs(struct parser *p, struct module_builder *b, uint32_t from,
                           uint32_t to) {
    for (uint32_t i = from; i + 1 < to; i++) {
        struct token *t = &p->toks[i];
        bool record = t->kind == TOK_HASH && p->toks[i + 1].kind == TOK_ATOM;
        bool local = t->kind == TOK_ATOM && p->toks[i + 1].kind == TOK_LPAREN &&
                     (i == from || p->toks[i - 1].kind != TOK_COLON) &&
                     strcmp(t->text, "is_subtype") != 0;
        if (!record && !local) continue;
        struct ast_type_ref *r = avec_push(p, &b->type_refs, sizeof *r);
        if (!r) return;
        if (record) t = &p->toks[++i];
        r->name = t->text;
        r->line = t->line;
        r->col = t->col;
        r->record = record;
        r->arity = record ? 0 : paren_arity(p, i + 1, to);
    }
}

/* -type/-opaque/-spec/-callback: keep what lint checks, skip the rest. */
static void parse_type_attr(struct parser *p, struct module_builder *b, struct token *at) {
    const char *what = at->text;
    uint32_t start = p->pos;
    while (kind(p) != TOK_DOT && kind(p) != TOK_EOF) advance(p);
    uint32_t end = p->pos, i = start;
    if (i < end && p->toks[i].kind == TOK_LPAREN) i++; /* -spec(...) form */
    if (what[0] == 't' || what[0] == 'o') {
        if (i + 1 < end && p->toks[i].kind == TOK_ATOM && p->toks[i + 1].kind == TOK_LPAREN) {
            struct ast_type_def *d = avec_push(p, &b->type_defs, sizeof *d);
            if (!d) return;
            d->name = p->toks[i].text;
            d->arity = paren_arity(p, i + 1, end);
            d->line = at->line;
            d->col = at->col;
            d->opaque = what[0] == 'o';
            while (i < end && p->toks[i].kind != TOK_COLONCOLON) i++;
        }
    } else if (what[0] == 's') {
        if (i + 2 < end && p->toks[i].kind == TOK_ATOM && p->toks[i + 1].kind == TOK_COLON)
            i += 2; /* -spec mod:f(...) */
        else if (i + 1 < end && p->toks[i].kind == TOK_ATOM &&
                 p->toks[i + 1].kind == TOK_LPAREN) {
            struct ast_fa *fa = avec_push(p, &b->specs, sizeof *fa);
            if (!fa) return;
            fa->name = p->toks[i].text;
            fa->arity = paren_arity(p, i + 1, end);
            fa->line = at->line;
            fa->col = at->col;
        }
        i++;
    } else {
        i++; /* the callback's name */
    }
    scan_type_refs(p, b, i, end);
}

/* Skip a type: tokens up to ',' or '}' at bracket depth 0. */
static void skip_type(struct parser *p) {
    int depth = 0;
    for (;;) {
        int k = kind(p);
        if (k == TOK_DOT || k == TOK_EOF) return;
        if (depth == 0 && (k == TOK_COMMA || k == TOK_RBRACE)) return;
        if (k == TOK_LPAREN || k == TOK_LBRACK || k == TOK_LBRACE || k == TOK_LTLT) depth++;
        if (k == TOK_RPAREN || k == TOK_RBRACK || k == TOK_RBRACE || k == TOK_GTGT) depth--;
        advance(p);
    }
}

static bool parse_record_def(struct parser *p, struct module_builder *b, struct token *at) {
    if (kind(p) != TOK_ATOM) return syntax_error(p), false;
    struct token *name = advance(p);
    if (!expect(p, TOK_COMMA) || !expect(p, TOK_LBRACE)) return false;
    struct avec fields = {0};
    while (kind(p) != TOK_RBRACE) {
        if (kind(p) != TOK_ATOM) return syntax_error(p), false;
        struct token *ft = advance(p);
        struct ast_record_field *f = avec_push(p, &fields, sizeof *f);
        if (!f) return false;
        memset(f, 0, sizeof *f);
        f->name = ft->text;
        f->line = ft->line;
        f->col = ft->col;
        if (kind(p) == TOK_EQ) {
            advance(p);
            if (!(f->init = parse_expr(p))) return false;
        }
        if (kind(p) == TOK_COLONCOLON) {
            advance(p);
            uint32_t from = p->pos;
            skip_type(p);
            scan_type_refs(p, b, from, p->pos);
        }
        if (kind(p) == TOK_COMMA) advance(p);
        else if (kind(p) != TOK_RBRACE) return syntax_error(p), false;
    }
    advance(p);
    if (!expect(p, TOK_RPAREN)) return false;
    struct ast_record_def *r = avec_push(p, &b->records, sizeof *r);
    if (!r) return false;
    r->name = name->text;
    r->line = at->line;
    r->col = at->col;
    r->included = at->file && strcmp(at->file, b->m->file) != 0;
    r->fields = fields.data;
    r->nfields = fields.n;
    return true;
}

static bool attr_known(struct parser *p, struct module_builder *b, struct token *at,
                       struct ast *v) {
    const char *name = at->text;
    struct ast_module *m = b->m;
    if (strcmp(name, "module") == 0) {
        if (v->kind != AST_ATOM) return attr_error(p, at, "module"), false;
        m->name = v->name;
        m->line = at->line;
        return true;
    }
    if (strcmp(name, "export") == 0) {
        if (!fa_list(p, v, &b->exports, at)) return attr_error(p, at, "export"), false;
        return true;
    }
    if (strcmp(name, "import") == 0) {
        struct avec fas = {0};
        if (v->kind != AST_TUPLE || v->nitems != 2 || v->items[0]->kind != AST_ATOM ||
            !fa_list(p, v->items[1], &fas, at))
            return attr_error(p, at, "import"), false;
        for (uint32_t i = 0; i < fas.n; i++) {
            struct ast_import *imp = avec_push(p, &b->imports, sizeof *imp);
            if (!imp) return false;
            imp->module = v->items[0]->name;
            imp->fa = ((struct ast_fa *)fas.data)[i];
        }
        return true;
    }
    if (strcmp(name, "compile") == 0) {
        if (v->kind == AST_CONS)
            for (struct ast *c = v; c->kind == AST_CONS; c = c->b) compile_option(p, b, c->a, at);
        else
            compile_option(p, b, v, at);
    } else if (strcmp(name, "behaviour") == 0 || strcmp(name, "behavior") == 0) {
        if (v->kind != AST_ATOM) return attr_error(p, at, "behaviour"), false;
        const char **slot = avec_push(p, &b->behaviours, sizeof *slot);
        if (!slot) return false;
        *slot = v->name;
    } else if (strcmp(name, "file") == 0) {
        return true;
    }
    struct ast_attribute *a = avec_push(p, &b->attributes, sizeof *a);
    if (!a) return false;
    a->name = name;
    a->line = at->line;
    a->col = at->col;
    a->value = attr_term(p, v);
    return true;
}

static bool parse_attribute(struct parser *p, struct module_builder *b) {
    advance(p); /* '-' */
    int k = kind(p);
    if (k != TOK_ATOM && k < TOK_FIRST_KEYWORD) return syntax_error(p), false;
    struct token *at = advance(p);
    if (k != TOK_ATOM) {
        /* -if / -else ... left by the preprocessor would be errors there */
        return syntax_error(p), false;
    }
    const char *name = at->text;
    if (b->functions.n > 0 && strcmp(name, "record") && strcmp(name, "type") &&
        strcmp(name, "opaque") && strcmp(name, "spec") && strcmp(name, "dialyzer") &&
        strcmp(name, "file")) {
        struct ast_fa *late = avec_push(p, &b->late, sizeof *late);
        if (!late) return false;
        *late = (struct ast_fa){.name = name, .line = at->line, .col = at->col};
    }
    if (strcmp(name, "spec") == 0 || strcmp(name, "type") == 0 || strcmp(name, "opaque") == 0 ||
        strcmp(name, "callback") == 0) {
        parse_type_attr(p, b, at);
        return true;
    }
    bool paren = kind(p) == TOK_LPAREN;
    if (paren) advance(p);
    if (strcmp(name, "record") == 0) {
        if (!paren) return syntax_error(p), false;
        return parse_record_def(p, b, at);
    }
    struct ast *v = parse_expr(p);
    if (!v) return false;
    if (kind(p) == TOK_COMMA) {
        /* -name(A, B, ...) : a tuple of the values */
        struct ast *t = node_at(p, AST_TUPLE, &(struct token){.line = v->line, .col = v->col});
        struct avec items = {0};
        if (!t || !avec_push_node(p, &items, v)) return false;
        while (kind(p) == TOK_COMMA) {
            advance(p);
            struct ast *e = parse_expr(p);
            if (!e || !avec_push_node(p, &items, e)) return false;
        }
        t->items = items.data;
        t->nitems = items.n;
        v = t;
    }
    if (paren && !expect(p, TOK_RPAREN)) return false;
    return attr_known(p, b, at, v);
}

static bool parse_function(struct parser *p, struct module_builder *b) {
    struct avec clauses = {0};
    struct token *first = cur(p);
    uint32_t arity = 0;
    for (;;) {
        if (kind(p) != TOK_ATOM) return syntax_error(p), false;
        struct token *name = advance(p);
        struct ast_clause *c = avec_push(p, &clauses, sizeof *c);
        if (!c) return false;
        memset(c, 0, sizeof *c);
        if (!parse_clause(p, c, 1)) return false;
        c->line = name->line;
        c->col = name->col;
        if (clauses.n == 1) {
            arity = c->npatterns;
        } else if (name->len != first->len || memcmp(name->text, first->text, name->len) != 0 ||
                   c->npatterns != arity) {
            diags_add(p->diags, name->file, name->line, name->col, false, "head mismatch");
            p->failed = true;
            return false;
        }
        if (kind(p) != TOK_SEMI) break;
        advance(p);
    }
    struct ast_function *f = avec_push(p, &b->functions, sizeof *f);
    if (!f) return false;
    f->name = first->text;
    f->arity = arity;
    f->line = first->line;
    f->col = first->col;
    f->clauses = clauses.data;
    f->nclauses = clauses.n;
    return true;
}

static void parse_forms(struct parser *p, struct module_builder *b, uint32_t ntoks) {
    uint32_t start = 0;
    while (start < ntoks && p->toks[start].kind != TOK_EOF) {
        if (p->toks[start].kind == TOK_ERROR) {
            /* a lexical or preprocessor error, in its form's place */
            struct token *e = &p->toks[start++];
            diags_add(p->diags, e->file, e->line, e->col, false, "%s", e->text);
            continue;
        }
        uint32_t end = start;
        while (p->toks[end].kind != TOK_DOT && p->toks[end].kind != TOK_EOF &&
               p->toks[end].kind != TOK_ERROR)
            end++;
        p->pos = start;
        p->end = end;
        p->failed = false;
        struct module_builder saved = *b;
        bool export_all = b->m->export_all;
        bool ok = kind(p) == TOK_MINUS ? parse_attribute(p, b) : parse_function(p, b);
        if (ok && kind(p) != TOK_DOT) syntax_error(p);
        if (p->failed) {
            /* the whole form is dropped, as erl_parse drops it */
            b->exports.n = saved.exports.n;
            b->imports.n = saved.imports.n;
            b->functions.n = saved.functions.n;
            b->records.n = saved.records.n;
            b->attributes.n = saved.attributes.n;
            b->behaviours.n = saved.behaviours.n;
            b->nowarn.n = saved.nowarn.n;
            b->no_auto.n = saved.no_auto.n;
            b->type_defs.n = saved.type_defs.n;
            b->type_refs.n = saved.type_refs.n;
            b->specs.n = saved.specs.n;
            b->late.n = saved.late.n;
            b->m->export_all = export_all;
        }
        start = p->toks[end].kind == TOK_ERROR ? end : end + 1;
    }
}

static void builder_finish(struct module_builder *b) {
    struct ast_module *m = b->m;
    m->exports = b->exports.data;
    m->nexports = b->exports.n;
    m->imports = b->imports.data;
    m->nimports = b->imports.n;
    m->functions = b->functions.data;
    m->nfunctions = b->functions.n;
    m->records = b->records.data;
    m->nrecords = b->records.n;
    m->attributes = b->attributes.data;
    m->nattributes = b->attributes.n;
    m->behaviours = b->behaviours.data;
    m->nbehaviours = b->behaviours.n;
    m->nowarn_unused = b->nowarn.data;
    m->nnowarn_unused = b->nowarn.n;
    m->no_auto_import = b->no_auto.data;
    m->nno_auto_import = b->no_auto.n;
    m->type_defs = b->type_defs.data;
    m->ntype_defs = b->type_defs.n;
    m->type_refs = b->type_refs.data;
    m->ntype_refs = b->type_refs.n;
    m->specs = b->specs.data;
    m->nspecs = b->specs.n;
    m->late_attributes = b->late.data;
    m->nlate_attributes = b->late.n;
}

static struct ast_module *module_new(const char *file) {
    struct arena *a = arena_new();
    if (!a) return NULL;
    struct ast_module *m = arena_alloc(a, sizeof *m);
    if (!m) {
        arena_free(a);
        return NULL;
    }
    m->arena = a;
    m->file = arena_strdup(a, file ? file : "");
    if (!m->file) {
        arena_free(a);
        return NULL;
    }
    return m;
}

struct ast_module *compile_parse(const char *file, const char *src, size_t len,
                                 const struct compile_opts *opts, struct diags *d) {
    struct ast_module *m = module_new(file);
    if (!m) {
        diags_add(d, file, 0, 0, false, "out of memory");
        return NULL;
    }
    uint32_t errors_before = d->errors;
    struct token_vec raw = {0}, toks = {0};
    bool ok = lex_source(m->arena, m->file, src, len, &raw, d) &&
              preproc_run(m->arena, m->file, &raw, opts, &toks, d);
    if (!ok) {
        diags_add(d, file, 0, 0, false, "out of memory");
        ast_module_free(m);
        return NULL;
    }
    struct parser p = {.arena = m->arena, .toks = toks.items, .diags = d};
    struct module_builder b = {.m = m};
    parse_forms(&p, &b, toks.count);
    builder_finish(&b);
    if (d->errors > errors_before) {
        /* erlc still lints what parsed, so its messages follow ours;
           escript reports the syntax errors only */
        if (!(opts && opts->stop_at_syntax_errors)) compile_lint(m, d);
        ast_module_free(m);
        return NULL;
    }
    return m;
}

struct ast *parse_expr_tokens(struct arena *a, struct token *toks, uint32_t n,
                              struct diags *d) {
    if (n == 0) return NULL;
    struct parser p = {.arena = a, .toks = toks, .end = n - 1, .diags = d};
    struct ast *e = parse_expr(&p);
    if (e && p.pos != p.end) return syntax_error(&p);
    return e;
}

struct ast **compile_parse_exprs(const char *src, size_t len, struct ast_module **holder,
                                 uint32_t *nexprs, struct diags *d) {
    *holder = NULL;
    *nexprs = 0;
    struct ast_module *m = module_new("shell");
    if (!m) return NULL;
    uint32_t errors_before = d->errors;
    struct token_vec toks = {0};
    if (!lex_source(m->arena, m->file, src, len, &toks, d)) {
        ast_module_free(m);
        return NULL;
    }
    for (uint32_t i = 0; i < toks.count; i++)
        if (toks.items[i].kind == TOK_ERROR) {
            struct token *e = &toks.items[i];
            diags_add(d, e->file, e->line, e->col, false, "%s", e->text);
            ast_module_free(m);
            return NULL;
        }
    struct parser p = {.arena = m->arena, .toks = toks.items, .diags = d};
    p.end = toks.count - 1;
    struct ast **items = NULL;
    uint32_t n = 0;
    if (parse_exprs(&p, &items, &n)) {
        if (kind(&p) != TOK_DOT) syntax_error(&p);
        else if (p.pos + 1 < toks.count && toks.items[p.pos + 1].kind != TOK_EOF) {
            p.pos++;
            syntax_error(&p);
        }
    }
    if (d->errors > errors_before) {
        ast_module_free(m);
        return NULL;
    }
    *holder = m;
    *nexprs = n;
    return items;
}

void ast_module_free(struct ast_module *m) {
    if (m) arena_free(m->arena);
}
