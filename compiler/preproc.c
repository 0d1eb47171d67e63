/*
 * preproc.c — epp's work on tokens: -define/-undef, ?MACRO and ?MACRO(Args)
 * expansion (overloaded by arity, ??Arg stringification, predefined
 * macros), -ifdef/-ifndef/-if/-elif/-else/-endif, -include and
 * -include_lib.
 *
 * Works form by form (a form ends at TOK_DOT). A form with a macro error
 * is reported once and dropped, as epp does. Tokens that come out of a
 * macro body take the position of the macro's name at the use site;
 * arguments keep their own. Expansion is re-scanned for macros up to a
 * fixed depth (deeper means a circular definition: an error, not a hang).
 * All memory is the compilation's arena, except file contents read for
 * includes (freed at once after lexing).
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "ast.h"
#include "compiler.h"
#include "lexer.h"
#include "strbuf.h"

#define PP_MAX_DEPTH 100
#define PP_MAX_INCLUDE 40
#define PP_BUCKETS 128

struct pp_macro {
    const char *name;
    int arity; /* -1: defined without parentheses */
    const char **params;
    struct token *body;
    uint32_t nbody;
    struct pp_macro *next;
};

struct pp_cond {
    bool active;     /* this branch's tokens are kept (given the parents) */
    bool taken;      /* some branch of this -if chain was taken */
    bool seen_else;
    const char *what; /* "ifdef" "ifndef" "if" */
};

struct pp {
    struct arena *arena;
    struct diags *diags;
    const struct compile_opts *opts;
    struct token_vec *out;
    struct pp_macro *macros[PP_BUCKETS];
    struct pp_cond *conds;
    uint32_t nconds, capconds;
    const char *module;     /* from -module, for ?MODULE */
    const char *func_name;  /* of the form being expanded */
    int func_arity;
    int include_depth;
    bool form_failed;
    struct token pending; /* the error of the failed form */
    bool oom;
};

static unsigned pp_hash(const char *s) {
    unsigned h = 5381;
    while (*s) h = h * 33 + (unsigned char)*s++;
    return h % PP_BUCKETS;
}

static struct pp_macro *pp_find(struct pp *pp, const char *name, int arity) {
    for (struct pp_macro *m = pp->macros[pp_hash(name)]; m; m = m->next)
        if (m->arity == arity && strcmp(m->name, name) == 0) return m;
    return NULL;
}

static bool pp_defined(struct pp *pp, const char *name) {
    for (struct pp_macro *m = pp->macros[pp_hash(name)]; m; m = m->next)
        if (strcmp(m->name, name) == 0) return true;
    static const char *const predefined[] = {"MODULE", "MODULE_STRING", "FILE", "LINE",
                                             "MACHINE", "BEAM", "OTP_RELEASE",
                                             "FUNCTION_NAME", "FUNCTION_ARITY"};
    for (size_t i = 0; i < sizeof predefined / sizeof *predefined; i++)
        if (strcmp(predefined[i], name) == 0)
            return strcmp(name, "MODULE") && strcmp(name, "MODULE_STRING") ? true
                                                                           : pp->module != NULL;
    return false;
}

static void pp_undef(struct pp *pp, const char *name) {
    struct pp_macro **link = &pp->macros[pp_hash(name)];
    while (*link) {
        if (strcmp((*link)->name, name) == 0) *link = (*link)->next;
        else link = &(*link)->next;
    }
}

/* The form's first error, kept as a TOK_ERROR token that replaces the
   form in the output: the parser reports it in form order, as erlc
   interleaves epp's and erl_parse's messages. */
static void pp_error(struct pp *pp, const struct token *at, const char *fmt, const char *arg) {
    if (pp->form_failed) return;
    pp->form_failed = true;
    char buf[512];
    snprintf(buf, sizeof buf, fmt, arg);
    pp->pending = (struct token){.kind = TOK_ERROR, .line = at->line, .col = at->col,
                                 .file = at->file};
    pp->pending.text = arena_strdup(pp->arena, buf);
    if (!pp->pending.text) pp->oom = true;
    else pp->pending.len = (uint32_t)strlen(buf);
}

static bool pp_emit(struct pp *pp, struct token_vec *v, const struct token *t) {
    if (!tokvec_push(pp->arena, v, t)) {
        pp->oom = true;
        return false;
    }
    return true;
}

/* A string token from UTF-8 text. */
static struct token pp_string_token(struct pp *pp, const struct token *at, const char *s,
                                    size_t len) {
    struct token t = {.kind = TOK_STRING, .line = at->line, .col = at->col, .file = at->file};
    t.chars = arena_alloc(pp->arena, (len ? len : 1) * sizeof(uint32_t));
    if (!t.chars) {
        pp->oom = true;
        return t;
    }
    /* decode UTF-8 (bytes >= 0x80 that do not decode are taken as Latin-1) */
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        uint32_t cp = c;
        size_t n = 1;
        if (c >= 0xC2 && c < 0xE0 && i + 1 < len) cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3F), n = 2;
        else if (c >= 0xE0 && c < 0xF0 && i + 2 < len)
            cp = ((c & 0x0Fu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3F), n = 3;
        else if (c >= 0xF0 && c < 0xF8 && i + 3 < len)
            cp = ((c & 0x07u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) |
                 (s[i + 3] & 0x3F),
            n = 4;
        t.chars[t.nchars++] = cp;
        i += n;
    }
    return t;
}

/* ---- macro use ---- */

static bool pp_expand(struct pp *pp, const struct token *in, uint32_t n, struct token_vec *out,
                      int depth);

/* Arguments of ?M( ... ): in[*i] is '('. Fills starts/ends (token index
   ranges), returns the count, or -1 if unbalanced. *i ends after ')'. */
struct pp_spans {
    uint32_t start[256], end[256];
};

static int pp_collect_args(const struct token *in, uint32_t n, uint32_t *i,
                           struct pp_spans *spans) {
    uint32_t k = *i + 1;
    int depth = 0, count = 0;
    uint32_t start = k;
    if (k < n && in[k].kind == TOK_RPAREN) {
        *i = k + 1;
        return 0;
    }
    for (; k < n; k++) {
        int kd = in[k].kind;
        if (kd == TOK_DOT || kd == TOK_EOF) return -1;
        if (kd == TOK_LPAREN || kd == TOK_LBRACK || kd == TOK_LBRACE || kd == TOK_LTLT ||
            kd == TOK_BEGIN || kd == TOK_CASE || kd == TOK_IF || kd == TOK_RECEIVE ||
            kd == TOK_TRY || (kd == TOK_FUN && k + 1 < n && in[k + 1].kind == TOK_LPAREN))
            depth++;
        else if (kd == TOK_RPAREN || kd == TOK_RBRACK || kd == TOK_RBRACE || kd == TOK_GTGT ||
                 kd == TOK_END) {
            if (depth == 0) {
                if (kd != TOK_RPAREN) return -1;
                spans->start[count] = start;
                spans->end[count] = k;
                count++;
                *i = k + 1;
                return count;
            }
            depth--;
        } else if (kd == TOK_COMMA && depth == 0) {
            if (count >= 254) return -1;
            spans->start[count] = start;
            spans->end[count] = k;
            count++;
            start = k + 1;
        }
    }
    return -1;
}

static void pp_stringify(struct pp *pp, const struct token *from, uint32_t n,
                         const struct token *at, struct token_vec *out) {
    struct strbuf sb = STRBUF_INIT;
    for (uint32_t i = 0; i < n; i++) {
        if (i) sb_putc(&sb, ' ');
        lex_token_source(&from[i], &sb);
    }
    struct token t = pp_string_token(pp, at, sb.data ? sb.data : "", sb.len);
    pp_emit(pp, out, &t);
    sb_free(&sb);
}

/* Substitute arguments into m's body (positions: the use site `at`). */
static void pp_substitute(struct pp *pp, struct pp_macro *m, const struct token *args,
                          const struct pp_spans *spans, const struct token *at,
                          struct token_vec *body) {
    for (uint32_t b = 0; b < m->nbody && !pp->oom; b++) {
        const struct token *t = &m->body[b];
        int param = -1;
        bool stringify = t->kind == TOK_QQ && b + 1 < m->nbody &&
                         m->body[b + 1].kind == TOK_VAR;
        const struct token *pt = stringify ? &m->body[b + 1] : t;
        if (pt->kind == TOK_VAR)
            for (int k = 0; k < m->arity; k++)
                if (strcmp(m->params[k], pt->text) == 0) param = k;
        if (param >= 0) {
            uint32_t s = spans->start[param], e = spans->end[param];
            if (stringify) {
                pp_stringify(pp, &args[s], e - s, at, body);
                b++;
            } else {
                for (uint32_t k = s; k < e; k++) pp_emit(pp, body, &args[k]);
            }
            continue;
        }
        struct token c = *t;
        c.line = at->line;
        c.col = at->col;
        c.file = at->file;
        pp_emit(pp, body, &c);
    }
}

/* A predefined macro's value into out; false if name is not predefined. */
static bool pp_predefined(struct pp *pp, const char *name, const struct token *q,
                          const struct token *at, struct token_vec *out) {
    struct token t = {.line = at->line, .col = at->col, .file = at->file};
    if (strcmp(name, "MODULE") == 0 || strcmp(name, "MODULE_STRING") == 0) {
        if (!pp->module) return false;
        if (name[6] == 0) {
            t.kind = TOK_ATOM;
            t.text = pp->module;
            t.len = (uint32_t)strlen(pp->module);
        } else {
            t = pp_string_token(pp, at, pp->module, strlen(pp->module));
        }
    } else if (strcmp(name, "FILE") == 0) {
        t = pp_string_token(pp, at, at->file, strlen(at->file));
    } else if (strcmp(name, "LINE") == 0) {
        t.kind = TOK_INT;
        t.ival = q->line;
    } else if (strcmp(name, "MACHINE") == 0) {
        t.kind = TOK_ATOM;
        t.text = "BEAM";
        t.len = 4;
    } else if (strcmp(name, "OTP_RELEASE") == 0) {
        t.kind = TOK_INT;
        t.ival = 25;
    } else if (strcmp(name, "FUNCTION_NAME") == 0 || strcmp(name, "FUNCTION_ARITY") == 0) {
        if (!pp->func_name) {
            pp_error(pp, q, "?%s can only be used within a function", name);
            return true;
        }
        if (name[9] == 'N') {
            t.kind = TOK_ATOM;
            t.text = pp->func_name;
            t.len = (uint32_t)strlen(pp->func_name);
        } else {
            t.kind = TOK_INT;
            t.ival = pp->func_arity;
        }
    } else {
        return false;
    }
    pp_emit(pp, out, &t);
    return true;
}

/* Expand ?name at in[*i] ('?'); appends to out; advances *i. */
static void pp_use(struct pp *pp, const struct token *in, uint32_t n, uint32_t *i,
                   struct token_vec *out, int depth) {
    const struct token *q = &in[*i];
    if (*i + 1 >= n || (in[*i + 1].kind != TOK_ATOM && in[*i + 1].kind != TOK_VAR)) {
        pp_emit(pp, out, q); /* the parser reports it */
        (*i)++;
        return;
    }
    const struct token *nt = &in[*i + 1];
    const char *name = nt->text;
    *i += 2;
    if (depth > PP_MAX_DEPTH) {
        pp_error(pp, nt, "macro '%s' expands too deeply (circular definition?)", name);
        return;
    }
    struct pp_macro *m = NULL;
    struct pp_spans spans;
    bool has_paren_defs = false;
    for (struct pp_macro *d = pp->macros[pp_hash(name)]; d; d = d->next)
        if (strcmp(d->name, name) == 0 && d->arity >= 0) has_paren_defs = true;
    uint32_t after = *i;
    int nargs = -1;
    if (has_paren_defs && *i < n && in[*i].kind == TOK_LPAREN) {
        nargs = pp_collect_args(in, n, &after, &spans);
        if (nargs < 0) {
            pp_error(pp, nt, "unterminated macro arguments for '%s'", name);
            return;
        }
        m = pp_find(pp, name, nargs);
        if (m) *i = after;
    }
    if (!m) m = pp_find(pp, name, -1);
    if (!m) {
        if (!has_paren_defs && *i < n && in[*i].kind == TOK_LPAREN &&
            !pp_find(pp, name, -1) && strcmp(name, "MODULE") && strcmp(name, "LINE") &&
            strcmp(name, "FILE") && strcmp(name, "MACHINE") && strcmp(name, "OTP_RELEASE") &&
            strcmp(name, "MODULE_STRING") && strncmp(name, "FUNCTION_", 9)) {
            /* ?F(...) with no F at all: epp names the arity */
            uint32_t probe = *i;
            int k = pp_collect_args(in, n, &probe, &spans);
            char buf[300];
            snprintf(buf, sizeof buf, "%s/%d", name, k < 0 ? 0 : k);
            pp_error(pp, nt, "undefined macro '%s'", buf);
            return;
        }
        if (has_paren_defs) pp_error(pp, nt, "argument mismatch for macro '%s'", name);
        else if (!pp_predefined(pp, name, q, nt, out))
            pp_error(pp, nt, "undefined macro '%s'", name);
        return;
    }
    struct token_vec body = {0};
    pp_substitute(pp, m, in, &spans, nt, &body);
    if (!pp->oom) pp_expand(pp, body.items, body.count, out, depth + 1);
}

static bool pp_expand(struct pp *pp, const struct token *in, uint32_t n, struct token_vec *out,
                      int depth) {
    for (uint32_t i = 0; i < n && !pp->oom && !pp->form_failed;) {
        if (in[i].kind == TOK_QMARK) {
            pp_use(pp, in, n, &i, out, depth);
        } else if (in[i].kind == TOK_QQ) {
            /* ??X outside a macro body with arguments: leave to the parser */
            pp_emit(pp, out, &in[i++]);
        } else {
            pp_emit(pp, out, &in[i++]);
        }
    }
    return !pp->oom;
}

/* ---- directives ---- */

static bool pp_active(struct pp *pp) {
    return pp->nconds == 0 || pp->conds[pp->nconds - 1].active;
}

static void pp_push_cond(struct pp *pp, bool cond, const char *what) {
    if (pp->nconds == pp->capconds) {
        uint32_t cap = pp->capconds ? pp->capconds * 2 : 8;
        struct pp_cond *c = arena_realloc(pp->arena, pp->conds, pp->nconds * sizeof *c,
                                          cap * sizeof *c);
        if (!c) {
            pp->oom = true;
            return;
        }
        pp->conds = c;
        pp->capconds = cap;
    }
    bool parent = pp_active(pp);
    pp->conds[pp->nconds++] =
        (struct pp_cond){.active = parent && cond, .taken = !parent || cond, .what = what};
}

static void pp_define(struct pp *pp, const struct token *f, uint32_t n) {
    /* f: - define ( Name [ ( P, ... ) ] , Body ) . */
    const struct token *at = &f[1];
    if (n < 6 || f[2].kind != TOK_LPAREN || (f[3].kind != TOK_ATOM && f[3].kind != TOK_VAR) ||
        f[n - 2].kind != TOK_RPAREN) {
        pp_error(pp, at, "badly formed '%s'", "define");
        return;
    }
    struct pp_macro *m = arena_alloc(pp->arena, sizeof *m);
    if (!m) {
        pp->oom = true;
        return;
    }
    m->name = f[3].text;
    m->arity = -1;
    uint32_t i = 4;
    if (f[i].kind == TOK_LPAREN) {
        const char **params = arena_alloc(pp->arena, 256 * sizeof(char *));
        if (!params) {
            pp->oom = true;
            return;
        }
        m->arity = 0;
        i++;
        while (f[i].kind == TOK_VAR && m->arity < 255) {
            params[m->arity++] = f[i++].text;
            if (f[i].kind == TOK_COMMA) i++;
            else break;
        }
        if (f[i].kind != TOK_RPAREN) {
            pp_error(pp, at, "badly formed '%s'", "define");
            return;
        }
        i++;
        m->params = params;
    }
    if (f[i].kind != TOK_COMMA) {
        if (!(f[i].kind == TOK_RPAREN && i == n - 2)) {
            pp_error(pp, at, "badly formed '%s'", "define");
            return;
        }
        /* -define(X). defines X as nothing */
        i--;
    }
    i++;
    m->body = (struct token *)&f[i];
    m->nbody = n - 2 - i;
    if (pp_find(pp, m->name, m->arity)) {
        pp_error(pp, &f[3], "redefining macro '%s'", m->name);
        return;
    }
    unsigned h = pp_hash(m->name);
    m->next = pp->macros[h];
    pp->macros[h] = m;
}

/* -if(Expr) / -elif(Expr): evaluate a constant condition. */
struct pp_value {
    int kind; /* 0 int, 1 atom, -1 error */
    int64_t i;
    const char *atom;
};

static struct pp_value pp_eval(struct ast *e);

static struct pp_value pp_bool(bool b) {
    return (struct pp_value){.kind = 1, .atom = b ? "true" : "false"};
}

static int pp_truth(struct pp_value v) {
    if (v.kind != 1) return -1;
    return strcmp(v.atom, "true") == 0 ? 1 : strcmp(v.atom, "false") == 0 ? 0 : -1;
}

static struct pp_value pp_eval_op(const char *op, struct pp_value a, struct pp_value b) {
    struct pp_value err = {.kind = -1};
    if (a.kind < 0 || b.kind < 0) return err;
    int ta = pp_truth(a), tb = pp_truth(b);
    if (!strcmp(op, "andalso") || !strcmp(op, "and"))
        return ta < 0 || tb < 0 ? err : pp_bool(ta && tb);
    if (!strcmp(op, "orelse") || !strcmp(op, "or"))
        return ta < 0 || tb < 0 ? err : pp_bool(ta || tb);
    if (!strcmp(op, "xor")) return ta < 0 || tb < 0 ? err : pp_bool(ta != tb);
    /* comparisons: numbers sort before atoms */
    int cmp;
    if (a.kind != b.kind) cmp = a.kind < b.kind ? -1 : 1;
    else if (a.kind == 0) cmp = a.i < b.i ? -1 : a.i > b.i;
    else cmp = strcmp(a.atom, b.atom) < 0 ? -1 : strcmp(a.atom, b.atom) > 0;
    if (!strcmp(op, "==") || !strcmp(op, "=:=")) return pp_bool(cmp == 0);
    if (!strcmp(op, "/=") || !strcmp(op, "=/=")) return pp_bool(cmp != 0);
    if (!strcmp(op, "<")) return pp_bool(cmp < 0);
    if (!strcmp(op, ">")) return pp_bool(cmp > 0);
    if (!strcmp(op, "=<")) return pp_bool(cmp <= 0);
    if (!strcmp(op, ">=")) return pp_bool(cmp >= 0);
    if (a.kind != 0 || b.kind != 0) return err;
    if (!strcmp(op, "+")) return (struct pp_value){.i = a.i + b.i};
    if (!strcmp(op, "-")) return (struct pp_value){.i = a.i - b.i};
    if (!strcmp(op, "*")) return (struct pp_value){.i = a.i * b.i};
    if (!strcmp(op, "div") && b.i) return (struct pp_value){.i = a.i / b.i};
    if (!strcmp(op, "rem") && b.i) return (struct pp_value){.i = a.i % b.i};
    return err;
}

static struct pp_value pp_eval(struct ast *e) {
    struct pp_value err = {.kind = -1};
    switch (e->kind) {
    case AST_INT: return e->big ? err : (struct pp_value){.i = e->ival};
    case AST_ATOM: return (struct pp_value){.kind = 1, .atom = e->name};
    case AST_OP: return pp_eval_op(e->op, pp_eval(e->a), pp_eval(e->b));
    case AST_UNOP: {
        struct pp_value v = pp_eval(e->a);
        if (!strcmp(e->op, "not")) return pp_truth(v) < 0 ? err : pp_bool(!pp_truth(v));
        if (v.kind != 0) return err;
        if (!strcmp(e->op, "-")) v.i = -v.i;
        return v;
    }
    default: return err;
    }
}

static int pp_condition(struct pp *pp, const struct token *f, uint32_t n, const char *what) {
    /* - if ( Expr ) . */
    const struct token *at = &f[1];
    if (n < 5 || f[2].kind != TOK_LPAREN || f[n - 2].kind != TOK_RPAREN) {
        pp_error(pp, at, "badly formed '%s'", what);
        return -1;
    }
    struct token_vec pre = {0}, exp = {0};
    for (uint32_t i = 3; i < n - 2; i++) {
        if (f[i].kind == TOK_ATOM && strcmp(f[i].text, "defined") == 0 && i + 3 < n - 1 &&
            f[i + 1].kind == TOK_LPAREN && f[i + 3].kind == TOK_RPAREN &&
            (f[i + 2].kind == TOK_ATOM || f[i + 2].kind == TOK_VAR)) {
            struct token t = f[i];
            t.text = pp_defined(pp, f[i + 2].text) ? "true" : "false";
            t.len = (uint32_t)strlen(t.text);
            pp_emit(pp, &pre, &t);
            i += 3;
            continue;
        }
        pp_emit(pp, &pre, &f[i]);
    }
    if (pp->oom || !pp_expand(pp, pre.items, pre.count, &exp, 0) || pp->form_failed) return -1;
    pp_emit(pp, &exp, &f[n - 1]);
    struct diags scratch = {0};
    struct ast *e = parse_expr_tokens(pp->arena, exp.items, exp.count, &scratch);
    diags_free(&scratch);
    int t = e ? pp_truth(pp_eval(e)) : -1;
    if (t < 0) pp_error(pp, at, "badly formed '%s'", what);
    return t;
}

static void pp_file(struct pp *pp, const char *file, const struct token_vec *in);

static char *pp_try_path(const char *dir, size_t dirlen, const char *name) {
    struct strbuf sb = STRBUF_INIT;
    if (dirlen) {
        sb_append(&sb, dir, dirlen);
        sb_putc(&sb, '/');
    }
    sb_puts(&sb, name);
    const char *path = sb_cstr(&sb);
    FILE *f = path && !sb.failed ? fopen(path, "rb") : NULL;
    if (f) {
        fclose(f);
        return sb.data;
    }
    sb_free(&sb);
    return NULL;
}

/* Where -include / -include_lib finds name (mi_malloc'd), or NULL. */
static char *pp_find_include(struct pp *pp, const char *from, const char *name, bool lib) {
    if (name[0] == '/') return pp_try_path("", 0, name);
    const char *slash = strrchr(from, '/');
    char *path = pp_try_path(from, slash ? (size_t)(slash - from) : 0, name);
    for (uint32_t i = 0; !path && pp->opts && i < pp->opts->ninclude_path; i++)
        path = pp_try_path(pp->opts->include_path[i], strlen(pp->opts->include_path[i]), name);
    if (!path && lib && pp->opts && pp->opts->stdlib_include) {
        const char *dir = pp->opts->stdlib_include;
        const char *rest = strchr(name, '/');
        const char *base = strrchr(name, '/');
        path = pp_try_path(dir, strlen(dir), name);
        if (!path && rest) path = pp_try_path(dir, strlen(dir), rest + 1);
        if (!path && base) path = pp_try_path(dir, strlen(dir), base + 1);
    }
    return path;
}

static void pp_include(struct pp *pp, const struct token *f, uint32_t n, bool lib) {
    const struct token *at = &f[1];
    const char *what = lib ? "include_lib" : "include";
    if (n != 6 || f[2].kind != TOK_LPAREN || f[3].kind != TOK_STRING ||
        f[4].kind != TOK_RPAREN) {
        pp_error(pp, at, "badly formed '%s'", what);
        return;
    }
    struct strbuf nb = STRBUF_INIT;
    for (uint32_t i = 0; i < f[3].nchars; i++) sb_put_utf8(&nb, f[3].chars[i]);
    const char *name = sb_cstr(&nb);
    if (!name) {
        pp->oom = true;
        return;
    }
    char *path = pp->include_depth < PP_MAX_INCLUDE ? pp_find_include(pp, at->file, name, lib)
                                                    : NULL;
    if (!path) {
        struct strbuf q = STRBUF_INIT;
        lex_write_string(&q, f[3].chars, f[3].nchars, '"');
        pp_error(pp, &f[3], lib ? "can't find include lib %s" : "can't find include file %s",
                 sb_cstr(&q) ? q.data : "");
        sb_free(&q);
        sb_free(&nb);
        return;
    }
    FILE *fp = fopen(path, "rb");
    struct strbuf text = STRBUF_INIT;
    char buf[65536];
    size_t got;
    while (fp && (got = fread(buf, 1, sizeof buf, fp)) > 0) sb_append(&text, buf, got);
    if (fp) fclose(fp);
    const char *file = arena_strdup(pp->arena, path);
    struct token_vec toks = {0};
    if (!file || text.failed ||
        !lex_source(pp->arena, file, text.data ? text.data : "", text.len, &toks, pp->diags)) {
        pp->oom = true;
    } else {
        pp->include_depth++;
        pp_file(pp, file, &toks);
        pp->include_depth--;
        pp->form_failed = false; /* the included forms reported their own errors */
    }
    sb_free(&text);
    mem_free(path);
    sb_free(&nb);
}

/* ifdef/ifndef/undef: - name ( Macro ) . */
static const char *pp_macro_arg(struct pp *pp, const struct token *f, uint32_t n,
                                const char *what) {
    if (n != 6 || f[2].kind != TOK_LPAREN || (f[3].kind != TOK_ATOM && f[3].kind != TOK_VAR) ||
        f[4].kind != TOK_RPAREN) {
        pp_error(pp, &f[1], "badly formed '%s'", what);
        return NULL;
    }
    return f[3].text;
}

/* Handle f if it is a directive; false if it is an ordinary form. */
static bool pp_directive(struct pp *pp, const struct token *f, uint32_t n) {
    if (n < 3 || f[0].kind != TOK_MINUS) return false;
    const char *d = f[1].kind == TOK_ATOM ? f[1].text : f[1].kind == TOK_IF ? "if" : NULL;
    if (!d) return false;
    const struct token *at = &f[1];
    bool active = pp_active(pp);
    if (!strcmp(d, "ifdef") || !strcmp(d, "ifndef")) {
        const char *m = active ? pp_macro_arg(pp, f, n, d) : NULL;
        bool def = m && pp_defined(pp, m);
        pp_push_cond(pp, m && (d[2] == 'd' ? def : !def), d[2] == 'd' ? "ifdef" : "ifndef");
    } else if (!strcmp(d, "if")) {
        int t = active ? pp_condition(pp, f, n, "if") : 0;
        pp_push_cond(pp, t == 1, "if");
    } else if (!strcmp(d, "elif") || !strcmp(d, "else")) {
        if (pp->nconds == 0) {
            pp_error(pp, at, "unbalanced '-%s'", d);
            return true;
        }
        struct pp_cond *c = &pp->conds[pp->nconds - 1];
        if (c->seen_else) {
            pp_error(pp, at, d[1] == 'l' && d[2] == 's' ? "repeated '-%s'" : "'-%s' after '-else'",
                     d);
            return true;
        }
        bool parent = pp->nconds < 2 || pp->conds[pp->nconds - 2].active;
        bool cond = true;
        if (d[2] == 'i') {
            cond = !c->taken && parent && pp_condition(pp, f, n, "elif") == 1;
        } else {
            c->seen_else = true;
        }
        c->active = parent && !c->taken && cond;
        if (c->active) c->taken = true;
    } else if (!strcmp(d, "endif")) {
        if (pp->nconds == 0) pp_error(pp, at, "unbalanced '-%s'", d);
        else pp->nconds--;
    } else if (!active) {
        return !strcmp(d, "define") || !strcmp(d, "undef") || !strcmp(d, "include") ||
               !strcmp(d, "include_lib");
    } else if (!strcmp(d, "define")) {
        pp_define(pp, f, n);
    } else if (!strcmp(d, "undef")) {
        const char *m = pp_macro_arg(pp, f, n, "undef");
        if (m) pp_undef(pp, m);
    } else if (!strcmp(d, "include") || !strcmp(d, "include_lib")) {
        pp_include(pp, f, n, d[7] == '_');
    } else {
        return false;
    }
    return true;
}

/* The function a form defines, for ?FUNCTION_NAME / ?FUNCTION_ARITY. */
static void pp_form_function(struct pp *pp, const struct token *f, uint32_t n) {
    pp->func_name = NULL;
    if (n < 3 || f[0].kind != TOK_ATOM || f[1].kind != TOK_LPAREN) return;
    pp->func_name = f[0].text;
    int depth = 0, arity = 0;
    bool any = false;
    for (uint32_t i = 2; i < n; i++) {
        int k = f[i].kind;
        if (k == TOK_LPAREN || k == TOK_LBRACK || k == TOK_LBRACE || k == TOK_LTLT) depth++;
        else if (k == TOK_RPAREN || k == TOK_RBRACK || k == TOK_RBRACE || k == TOK_GTGT) {
            if (depth-- == 0) break;
        } else if (k == TOK_COMMA && depth == 0) {
            arity++;
        }
        any = true;
    }
    pp->func_arity = any ? arity + 1 : 0;
}

static void pp_form(struct pp *pp, const struct token *f, uint32_t n) {
    pp->form_failed = false;
    uint32_t mark = pp->out->count;
    if (!pp_directive(pp, f, n) && pp_active(pp)) {
        pp_form_function(pp, f, n);
        pp_expand(pp, f, n, pp->out, 0);
    }
    if (pp->form_failed) {
        pp->out->count = mark; /* the form is dropped */
        pp_emit(pp, pp->out, &pp->pending);
        pp->form_failed = false;
        return;
    }
    if (pp->out->count == mark) return;
    const struct token *o = &pp->out->items[mark];
    if (pp->out->count - mark >= 5 && o[0].kind == TOK_MINUS && o[1].kind == TOK_ATOM &&
        strcmp(o[1].text, "module") == 0 && o[2].kind == TOK_LPAREN && o[3].kind == TOK_ATOM)
        pp->module = o[3].text;
}

static void pp_file(struct pp *pp, const char *file, const struct token_vec *in) {
    (void)file;
    uint32_t nconds = pp->nconds;
    uint32_t start = 0;
    while (start < in->count && in->items[start].kind != TOK_EOF && !pp->oom) {
        uint32_t end = start;
        while (in->items[end].kind != TOK_DOT && in->items[end].kind != TOK_EOF &&
               in->items[end].kind != TOK_ERROR)
            end++;
        if (in->items[end].kind == TOK_ERROR) {
            /* erl_scan's error ends the form: what came before is dropped
               and scanning resumes after it, as epp does */
            if (pp_active(pp)) pp_emit(pp, pp->out, &in->items[end]);
            start = end + 1;
            continue;
        }
        if (in->items[end].kind == TOK_EOF) {
            /* a form without its dot: hand it on, the parser reports it */
            pp_form(pp, &in->items[start], end - start + 1);
            if (pp->out->count && pp->out->items[pp->out->count - 1].kind == TOK_EOF)
                pp->out->count--;
            break;
        }
        pp_form(pp, &in->items[start], end - start + 1);
        start = end + 1;
    }
    if (pp->nconds > nconds) {
        struct token at = {.line = in->end_line, .col = in->end_col, .file = file};
        pp->form_failed = false;
        pp_error(pp, &at, "unterminated '-%s'", pp->conds[pp->nconds - 1].what);
        pp_emit(pp, pp->out, &pp->pending);
        pp->form_failed = false;
        pp->nconds = nconds;
    }
}

bool preproc_run(struct arena *a, const char *file, const struct token_vec *in,
                 const struct compile_opts *opts, struct token_vec *out, struct diags *d) {
    struct pp pp = {.arena = a, .diags = d, .opts = opts, .out = out};
    for (uint32_t i = 0; opts && i < opts->ndefines; i++) {
        /* -D NAME or NAME=VALUE: lex the value as the body */
        const char *def = opts->defines[i];
        const char *eq = strchr(def, '=');
        struct pp_macro *m = arena_alloc(a, sizeof *m);
        if (!m) return false;
        m->name = eq ? arena_strndup(a, def, (size_t)(eq - def)) : arena_strdup(a, def);
        m->arity = -1;
        struct token_vec body = {0};
        struct diags scratch = {0};
        const char *value = eq ? eq + 1 : "true";
        if (!m->name || !lex_source(a, "-D", value, strlen(value), &body, &scratch)) {
            diags_free(&scratch);
            return false;
        }
        diags_free(&scratch);
        m->body = body.items;
        m->nbody = body.count - 1; /* without EOF */
        unsigned h = pp_hash(m->name);
        m->next = pp.macros[h];
        pp.macros[h] = m;
    }
    pp_file(&pp, file, in);
    struct token eof = {.kind = TOK_EOF, .file = file, .line = in->end_line,
                        .col = in->end_col};
    if (in->count) {
        eof = in->items[in->count - 1];
    }
    if (!pp.oom && !tokvec_push(a, out, &eof)) pp.oom = true;
    return !pp.oom;
}
