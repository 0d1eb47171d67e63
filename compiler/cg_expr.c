/*
 * cg_expr.c — lowering expressions: constants (as ETF literals), terms,
 * operators, calls (local, remote, BIF, fun, apply; tail calls), case, if,
 * receive, try, catch, funs, comprehensions (inline loops), maps and
 * records. The register model is described in cg.h.
 *
 * f->gfail is not a field: guard context is passed down as `fail` through
 * cg_guard_value (cg_match.c), which uses the same builders with a fail
 * label instead of raising.
 */
#include <gmp.h>
#include <stdio.h>
#include <string.h>

#include "../vm/bif.h"
#include "../vm/strbuf.h"
#include "alloc.h"
#include "arena.h"
#include "cg.h"

uint32_t cg_new_fun(struct cg *cg, struct cg_lift *l);

static bool is_anon(const struct ast *e) { return e->kind == AST_VAR && e->len == 1 && e->name[0] == '_'; }
static bool name_is(const struct ast *e, const char *s) {
    return e && e->kind == AST_ATOM && e->len == strlen(s) && memcmp(e->name, s, e->len) == 0;
}
static bool op_is(const struct ast *e, const char *s) { return e->op && strcmp(e->op, s) == 0; }

/* ---- constants ---- */

#define CG_SMALL_MAX ((int64_t)1 << 59)

bool cg_is_const(const struct ast *e) {
    switch (e->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return true;
    case AST_UNOP:
        return (op_is(e, "-") || op_is(e, "+")) && (e->a->kind == AST_INT || e->a->kind == AST_FLOAT);
    case AST_CONS: return cg_is_const(e->a) && cg_is_const(e->b);
    case AST_TUPLE:
        for (uint32_t i = 0; i < e->nitems; i++)
            if (!cg_is_const(e->items[i])) return false;
        return true;
    case AST_MAP:
        for (uint32_t i = 0; i < e->nitems; i++) {
            const struct ast *p = e->items[i];
            if (p->kind != AST_MAP_ASSOC || !cg_is_const(p->a) || !cg_is_const(p->b)) return false;
            for (uint32_t j = 0; j < i; j++) /* duplicate keys: let the runtime decide */
                if (e->items[j]->a->kind == p->a->kind && p->a->kind == AST_ATOM &&
                    e->items[j]->a->len == p->a->len && !memcmp(e->items[j]->a->name, p->a->name, p->a->len))
                    return false;
            if (p->a->kind != AST_ATOM && p->a->kind != AST_INT) return false;
        }
        return e->nitems <= 32;
    case AST_BIN:
        for (uint32_t i = 0; i < e->nitems; i++) {
            const struct ast *s = e->items[i];
            if (s->b || s->ntypes) return false;
            if (s->a->kind == AST_STRING) continue;
            if (s->a->kind != AST_INT || s->a->big) return false;
        }
        return true;
    default: return false;
    }
}

static void put_be(struct strbuf *sb, uint64_t v, int n) {
    for (int i = n - 1; i >= 0; i--) sb_putc(sb, (char)(v >> (i * 8)));
}

static void etf_int(struct strbuf *sb, int64_t v) {
    if (v >= 0 && v < 256) {
        sb_putc(sb, 97);
        sb_putc(sb, (char)v);
    } else if (v >= INT32_MIN && v <= INT32_MAX) {
        sb_putc(sb, 98);
        put_be(sb, (uint64_t)(uint32_t)(int32_t)v, 4);
    } else {
        uint64_t m = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        uint8_t bytes[8];
        int n = 0;
        while (m) bytes[n++] = (uint8_t)m, m >>= 8;
        sb_putc(sb, 110);
        sb_putc(sb, (char)n);
        sb_putc(sb, v < 0);
        sb_append(sb, bytes, (size_t)n);
    }
}

static bool etf_bigint(struct strbuf *sb, const char *text) {
    mpz_t z;
    if (mpz_init_set_str(z, text, 10) != 0) {
        mpz_clear(z);
        return false;
    }
    size_t n = (mpz_sizeinbase(z, 2) + 7) / 8;
    uint8_t *bytes = mem_malloc(n ? n : 1);
    if (!bytes) {
        mpz_clear(z);
        return false;
    }
    size_t count = 0;
    mpz_export(bytes, &count, -1, 1, 0, 0, z);
    if (count < 256) {
        sb_putc(sb, 110);
        sb_putc(sb, (char)count);
    } else {
        sb_putc(sb, 111);
        put_be(sb, count, 4);
    }
    sb_putc(sb, mpz_sgn(z) < 0);
    sb_append(sb, bytes, count);
    mem_free(bytes);
    mpz_clear(z);
    return true;
}

static bool etf_term(struct strbuf *sb, const struct ast *e, bool neg) {
    switch (e->kind) {
    case AST_INT:
        if (e->big) {
            if (!neg) return etf_bigint(sb, e->text);
            struct strbuf t = STRBUF_INIT;
            sb_putc(&t, '-');
            sb_puts(&t, e->text[0] == '-' ? e->text + 1 : e->text);
            bool ok = etf_bigint(sb, sb_cstr(&t));
            sb_free(&t);
            return ok;
        }
        if (neg && e->ival == INT64_MIN) return etf_bigint(sb, "9223372036854775808");
        etf_int(sb, neg ? -e->ival : e->ival);
        return true;
    case AST_FLOAT: {
        double d = neg ? -e->fval : e->fval;
        uint64_t bits;
        memcpy(&bits, &d, 8);
        sb_putc(sb, 70);
        put_be(sb, bits, 8);
        return true;
    }
    case AST_ATOM:
        if (e->len < 256) {
            sb_putc(sb, 119);
            sb_putc(sb, (char)e->len);
        } else {
            sb_putc(sb, 118);
            put_be(sb, e->len, 2);
        }
        sb_append(sb, e->name, e->len);
        return true;
    case AST_NIL: sb_putc(sb, 106); return true;
    case AST_STRING: {
        bool bytes = e->nchars <= 65535;
        for (uint32_t i = 0; i < e->nchars && bytes; i++) bytes = e->chars[i] < 256;
        if (e->nchars == 0) {
            sb_putc(sb, 106);
        } else if (bytes) {
            sb_putc(sb, 107);
            put_be(sb, e->nchars, 2);
            for (uint32_t i = 0; i < e->nchars; i++) sb_putc(sb, (char)e->chars[i]);
        } else {
            sb_putc(sb, 108);
            put_be(sb, e->nchars, 4);
            for (uint32_t i = 0; i < e->nchars; i++) etf_int(sb, e->chars[i]);
            sb_putc(sb, 106);
        }
        return true;
    }
    case AST_UNOP: return etf_term(sb, e->a, op_is(e, "-") ? !neg : neg);
    case AST_CONS: {
        uint32_t n = 0;
        const struct ast *t = e;
        while (t->kind == AST_CONS) n++, t = t->b;
        sb_putc(sb, 108);
        put_be(sb, n, 4);
        for (t = e; t->kind == AST_CONS; t = t->b)
            if (!etf_term(sb, t->a, false)) return false;
        return etf_term(sb, t, false);
    }
    case AST_TUPLE:
        if (e->nitems < 256) {
            sb_putc(sb, 104);
            sb_putc(sb, (char)e->nitems);
        } else {
            sb_putc(sb, 105);
            put_be(sb, e->nitems, 4);
        }
        for (uint32_t i = 0; i < e->nitems; i++)
            if (!etf_term(sb, e->items[i], false)) return false;
        return true;
    case AST_MAP:
        sb_putc(sb, 116);
        put_be(sb, e->nitems, 4);
        for (uint32_t i = 0; i < e->nitems; i++)
            if (!etf_term(sb, e->items[i]->a, false) || !etf_term(sb, e->items[i]->b, false)) return false;
        return true;
    case AST_BIN: {
        struct strbuf b = STRBUF_INIT;
        for (uint32_t i = 0; i < e->nitems; i++) {
            const struct ast *s = e->items[i]->a;
            if (s->kind == AST_STRING)
                for (uint32_t k = 0; k < s->nchars; k++) sb_putc(&b, (char)s->chars[k]);
            else
                sb_putc(&b, (char)s->ival);
        }
        sb_putc(sb, 109);
        put_be(sb, b.len, 4);
        sb_append(sb, b.data, b.len);
        sb_free(&b);
        return true;
    }
    default: return false;
    }
}

cg_op cg_const(struct cg_fn *f, const struct ast *e) {
    bool neg = false;
    const struct ast *v = e;
    if (v->kind == AST_UNOP) neg = op_is(v, "-"), v = v->a;
    if (v->kind == AST_INT && !v->big && v->ival >= -CG_SMALL_MAX && v->ival < CG_SMALL_MAX)
        return op_int(neg ? -v->ival : v->ival);
    if (v->kind == AST_ATOM) return op_atom(cg_atom(f->cg, v->name, v->len));
    if (v->kind == AST_NIL || (v->kind == AST_STRING && v->nchars == 0)) return op_nil();
    struct strbuf sb = STRBUF_INIT;
    sb_putc(&sb, (char)131);
    if (!etf_term(&sb, e, false) || sb.failed) {
        sb_free(&sb);
        cg_error(f, e, "cannot encode this constant");
        return op_nil();
    }
    uint32_t i = cg_lit(f->cg, (const uint8_t *)sb.data, (uint32_t)sb.len);
    sb_free(&sb);
    return op_lit(i);
}

cg_op cg_to_reg(struct cg_fn *f, cg_op o) {
    if (op_is_reg(o)) return o;
    cg_op r = cg_new_x(f);
    cg_move(f, o, r);
    return r;
}

static cg_op target(struct cg_fn *f, cg_op dst) { return op_none(dst) ? cg_new_x(f) : dst; }

/* ---- what clobbers x registers ---- */

enum { K_LOCAL, K_EXT, K_BIF, K_FUN, K_APPLY, K_BAD };

struct callinfo {
    int kind;
    const char *mod, *fun; /* K_EXT, K_BIF: NUL-terminated */
    uint32_t arity, findex;
};

/* BIFs that are safe as bif0..bif3 instructions in bodies (pure, never
   call back into Erlang, never suspend): no frame is needed around them. */
static const char *const pure_bifs[] = {
    "erlang:element", "erlang:setelement", "erlang:hd", "erlang:tl", "erlang:length",
    "erlang:++", "erlang:--", "erlang:atom_to_list", "erlang:list_to_atom", "erlang:tuple_to_list",
    "erlang:list_to_tuple", "erlang:integer_to_list", "erlang:list_to_integer",
    "erlang:binary_to_list", "erlang:list_to_binary", "erlang:make_tuple", "erlang:not",
    "erlang:and", "erlang:or", "erlang:xor", "erlang:map_get", "erlang:tuple_size",
    "erlang:byte_size", "erlang:integer_to_binary", "erlang:binary_to_integer",
    "erlang:atom_to_binary", "erlang:float_to_list", "erlang:iolist_to_binary",
    "erlang:iolist_size", "erlang:phash2", "erlang:make_ref", "erlang:self", "erlang:node",
    "lists:reverse", "lists:member", "lists:keyfind", "lists:keymember", "lists:keysearch",
    "maps:get", "maps:put", "maps:find", "maps:is_key", "maps:remove", "maps:update",
    "maps:new", "maps:size", "math:sqrt", "math:sin", "math:cos", "math:pow", "math:exp",
    "math:log", "math:pi", "math:atan", "math:atan2", "math:floor", "math:ceil",
    "erlang:error", "erlang:throw", "erlang:exit",
};

static const struct bif_info *find_bif(const char *mod, const char *name, uint32_t arity) {
    for (unsigned i = 0; i < bif_count; i++)
        if (bif_table[i].arity == arity && strcmp(bif_table[i].name, name) == 0 &&
            strcmp(bif_table[i].module, mod) == 0)
            return &bif_table[i];
    return NULL;
}

/* 1: emit as a bif instruction; 0: emit a call */
int cg_bif_kind(struct cg_fn *f, const char *mod, const char *name, uint32_t arity) {
    (void)f;
    if (arity > 3) return 0;
    const struct bif_info *b = find_bif(mod, name, arity);
    if (!b) return 0;
    if (arity == 0 && strcmp(name, "self") != 0 && strcmp(name, "node") != 0 &&
        strcmp(name, "make_ref") != 0 && strcmp(name, "new") != 0 && strcmp(name, "pi") != 0)
        return 0;
    if (strcmp(mod, "erlang") == 0 && (b->flags & BIF_GUARD)) return 1;
    char key[128];
    snprintf(key, sizeof key, "%s:%s", mod, name);
    for (size_t i = 0; i < sizeof pure_bifs / sizeof *pure_bifs; i++)
        if (strcmp(pure_bifs[i], key) == 0) return 1;
    return 0;
}

static char *atom_cstr(struct cg *cg, const struct ast *a) {
    char *s = arena_strndup(cg->m->arena, a->name, a->len);
    if (!s) cg->oom = true;
    return s ? s : "";
}

/* A function defined in the module's source (not a lifted fun), or -1. */
static int64_t source_function(struct cg *cg, const char *name, uint32_t arity) {
    int64_t fi = cg_find_function(cg, name, arity);
    return fi >= 0 && (uint32_t)fi < cg->nsource ? fi : -1;
}

static void classify(struct cg_fn *f, const struct ast *call, struct callinfo *ci) {
    const struct ast *c = call->a;
    uint32_t n = call->nitems;
    *ci = (struct callinfo){.kind = K_FUN, .arity = n};
    struct cg *cg = f->cg;
    if (c->kind == AST_ATOM) {
        const char *name = atom_cstr(cg, c);
        int64_t fi = call->lifted ? cg_find_function(cg, name, n) : source_function(cg, name, n);
        if (fi >= 0) {
            ci->kind = K_LOCAL;
            ci->findex = (uint32_t)fi;
            return;
        }
        for (uint32_t i = 0; i < cg->m->nimports; i++)
            if (cg->m->imports[i].fa.arity == n && strcmp(cg->m->imports[i].fa.name, name) == 0) {
                ci->kind = K_EXT;
                ci->mod = cg->m->imports[i].module;
                ci->fun = name;
                break;
            }
        if (ci->kind != K_EXT) {
            if (lint_autoimport_flags(name, n) < 0 && !find_bif("erlang", name, n)) {
                ci->kind = K_BAD;
                ci->fun = name;
                return;
            }
            ci->kind = K_EXT;
            ci->mod = "erlang";
            ci->fun = name;
        }
    } else if (c->kind == AST_REMOTE) {
        if (c->a->kind == AST_ATOM && c->b->kind == AST_ATOM) {
            ci->kind = K_EXT;
            ci->mod = atom_cstr(cg, c->a);
            ci->fun = atom_cstr(cg, c->b);
        } else {
            ci->kind = K_APPLY;
            return;
        }
    } else {
        return;
    }
    if (cg_bif_kind(f, ci->mod, ci->fun, n)) ci->kind = K_BIF;
}

static bool any_clobbers(struct cg_fn *f, struct ast *const *es, uint32_t n) {
    for (uint32_t i = 0; i < n; i++)
        if (cg_clobbers(f, es[i])) return true;
    return false;
}

static bool clauses_clobber(struct cg_fn *f, const struct ast_clause *cs, uint32_t n, bool tail) {
    for (uint32_t i = 0; i < n; i++)
        if (cg_body_clobbers(f, cs[i].body, cs[i].nbody, tail)) return true;
    return false;
}

static bool op_is_call(const struct ast *e) {
    return e->kind == AST_OP && (op_is(e, "!"));
}

/* Does evaluating e (not in tail position) clobber x registers? */
bool cg_clobbers(struct cg_fn *f, const struct ast *e) {
    if (!e) return false;
    switch (e->kind) {
    case AST_CALL: {
        struct callinfo ci;
        classify(f, e, &ci);
        if (ci.kind != K_BIF) return true;
        return any_clobbers(f, e->items, e->nitems);
    }
    case AST_RECEIVE: case AST_TRY: case AST_CATCH: case AST_LC: case AST_BC: return true;
    case AST_FUN: case AST_FUN_REF: return false;
    case AST_OP:
        if (op_is_call(e)) return true;
        if ((op_is(e, "++") || op_is(e, "--")) && !cg_bif_kind(f, "erlang", e->op, 2)) return true;
        return cg_clobbers(f, e->a) || cg_clobbers(f, e->b);
    case AST_CASE: return cg_clobbers(f, e->a) || clauses_clobber(f, e->clauses, e->nclauses, false);
    case AST_IF: return clauses_clobber(f, e->clauses, e->nclauses, false);
    case AST_BLOCK: return any_clobbers(f, e->body, e->nbody);
    case AST_RECORD: {
        const struct ast_record_def *r = cg_record(f->cg, e->name);
        if (r)
            for (uint32_t i = 0; i < r->nfields; i++)
                if (r->fields[i].init && cg_clobbers(f, r->fields[i].init)) return true;
        break;
    }
    default: break;
    }
    if (cg_clobbers(f, e->a) || cg_clobbers(f, e->b) || cg_clobbers(f, e->c)) return true;
    return any_clobbers(f, e->items, e->nitems);
}

static bool tail_clobbers(struct cg_fn *f, const struct ast *e) {
    switch (e->kind) {
    case AST_CALL: {
        struct callinfo ci;
        classify(f, e, &ci);
        if (ci.kind == K_FUN || ci.kind == K_APPLY) return true; /* call_fun_last needs a frame */
        return any_clobbers(f, e->items, e->nitems);
    }
    case AST_CASE: return cg_clobbers(f, e->a) || clauses_clobber(f, e->clauses, e->nclauses, true);
    case AST_IF: return clauses_clobber(f, e->clauses, e->nclauses, true);
    case AST_BLOCK: return cg_body_clobbers(f, e->body, e->nbody, true);
    default: return cg_clobbers(f, e);
    }
}

bool cg_body_clobbers(struct cg_fn *f, struct ast *const *body, uint32_t n, bool tail) {
    for (uint32_t i = 0; i < n; i++) {
        bool last = i + 1 == n;
        if (last && tail ? tail_clobbers(f, body[i]) : cg_clobbers(f, body[i])) return true;
    }
    return false;
}

/* ---- evaluating several expressions ---- */

static bool writes_dst_last(const struct ast *e);

/* The argument of a call (of nargs) that may be computed straight into
   its argument register x(i), or -1: the last one that is computed (a
   build or an operator that calls nothing), when only names and
   constants follow it (nothing needs a temporary or a GC point after it)
   and x(i) is below every temporary. cg_eval_list checks that no other
   operand is x(i). */
static int64_t arg_target(struct cg_fn *f, struct ast **es, uint32_t n, uint32_t nargs) {
    for (uint32_t i = n; i-- > 0;) {
        const struct ast *e = es[i];
        if (e->kind == AST_VAR || cg_is_const(e)) continue;
        if (i >= nargs || i >= f->xbase || !writes_dst_last(e) || cg_clobbers(f, e)) return -1;
        return i;
    }
    return -1;
}

static void eval_list(struct cg_fn *f, struct ast **es, uint32_t n, cg_op *out, int64_t target);

void cg_eval_list(struct cg_fn *f, struct ast **es, uint32_t n, cg_op *out) { eval_list(f, es, n, out, -1); }

static void eval_list(struct cg_fn *f, struct ast **es, uint32_t n, cg_op *out, int64_t target) {
    for (uint32_t i = 0; i < n; i++) {
        if ((int64_t)i == target) {
            bool free = true; /* x(i) is no other operand */
            for (uint32_t j = 0; j < n && free; j++) {
                if (j < i) free = !op_eq(out[j], op_x(i));
                else if (j > i && es[j]->kind == AST_VAR) {
                    struct cg_var *v = cg_var_find(f, es[j]->name, es[j]->len);
                    free = !(v && op_eq(v->home, op_x(i)));
                }
            }
            if (free) {
                cg_op o = cg_expr(f, es[i], op_x(i));
                cg_move(f, o, op_x(i));
                out[i] = op_x(i);
                continue;
            }
        }
        bool later = false;
        for (uint32_t j = i + 1; j < n && !later; j++) later = cg_clobbers(f, es[j]);
        if (later && writes_dst_last(es[i]) && !cg_is_const(es[i])) {
            /* computed straight into the y slot that keeps it over the call */
            cg_op y = cg_new_y(f);
            cg_move(f, cg_expr(f, es[i], y), y);
            out[i] = y;
            continue;
        }
        cg_op o = cg_expr(f, es[i], CG_NONE);
        if (later && o.kind == GEN_X) {
            cg_op y = cg_new_y(f);
            cg_move(f, o, y);
            /* a temporary on top of the stack is free again: the next
               expression can compute into it (often the argument register) */
            if (o.val >= f->xbase && o.val + 1 == f->xtop) cg_release(f, (uint32_t)o.val);
            o = y;
        }
        out[i] = o;
    }
}

/* y temporaries made by cg_eval_list that are not variable homes */
static void free_ytemps(struct cg_fn *f, const cg_op *ops, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) {
        if (ops[i].kind != GEN_Y) continue;
        bool home = false;
        for (uint32_t k = 0; k < f->nvars && !home; k++)
            home = f->vars[k].has_home && op_eq(f->vars[k].home, ops[i]);
        if (!home) cg_free_y(f, ops[i]);
    }
}

static cg_op *ops_alloc(struct cg_fn *f, uint32_t n) {
    cg_op *o = mem_malloc((n + 1) * sizeof *o);
    if (!o) f->cg->oom = true;
    return o;
}

/* ---- raising inline ---- */

/* error({Tag, V}) */
static void raise_tagged(struct cg_fn *f, const char *tag, cg_op v) {
    cg_op t = cg_new_x(f);
    cg_heap(f, 3);
    cg_op0(f->cg, OPC_put_tuple);
    cg_emit(f->cg, t);
    cg_emit(f->cg, op_list(2));
    cg_emit(f->cg, op_atom(cg_atomz(f->cg, tag)));
    cg_emit(f->cg, v);
    cg_written(f, t);
    uint32_t live = cg_live(f);
    cg_op0(f->cg, OPC_bif1);
    cg_emit(f->cg, op_label(0));
    cg_emit(f->cg, op_u(cg_import(f->cg, "erlang", "error", 1)));
    cg_emit(f->cg, op_u(live));
    cg_emit(f->cg, t);
    cg_emit(f->cg, t);
    cg_op0(f->cg, OPC_if_end);
}

/* ---- building terms ---- */

static bool is_build(const struct ast *e) {
    return (e->kind == AST_TUPLE || e->kind == AST_CONS) && !cg_is_const(e);
}

static void collect_leaves(const struct ast *e, struct ast **leaves, uint32_t *n, uint32_t cap, uint32_t *words) {
    if (e->kind == AST_TUPLE) {
        *words += 1 + e->nitems;
        for (uint32_t i = 0; i < e->nitems; i++) {
            if (is_build(e->items[i])) collect_leaves(e->items[i], leaves, n, cap, words);
            else if (*n < cap) leaves[(*n)++] = e->items[i];
            else (*n)++;
        }
    } else {
        *words += 2;
        const struct ast *kids[2] = {e->a, e->b};
        for (int i = 0; i < 2; i++) {
            if (is_build(kids[i])) collect_leaves(kids[i], leaves, n, cap, words);
            else if (*n < cap) leaves[(*n)++] = (struct ast *)kids[i];
            else (*n)++;
        }
    }
}

static cg_op emit_puts(struct cg_fn *f, const struct ast *e, const cg_op *leaf, uint32_t *k, cg_op dst) {
    if (e->kind == AST_TUPLE) {
        cg_op *el = ops_alloc(f, e->nitems);
        if (!el) return op_nil();
        for (uint32_t i = 0; i < e->nitems; i++)
            el[i] = is_build(e->items[i]) ? emit_puts(f, e->items[i], leaf, k, CG_NONE) : leaf[(*k)++];
        cg_op d = target(f, dst);
        cg_op0(f->cg, OPC_put_tuple);
        cg_emit(f->cg, d);
        cg_emit(f->cg, op_list(e->nitems));
        for (uint32_t i = 0; i < e->nitems; i++) cg_emit(f->cg, el[i]);
        mem_free(el);
        cg_written(f, d);
        return d;
    }
    cg_op h = is_build(e->a) ? emit_puts(f, e->a, leaf, k, CG_NONE) : leaf[(*k)++];
    cg_op t = is_build(e->b) ? emit_puts(f, e->b, leaf, k, CG_NONE) : leaf[(*k)++];
    cg_op d = target(f, dst);
    cg_op0(f->cg, OPC_put_list);
    cg_emit(f->cg, h);
    cg_emit(f->cg, t);
    cg_emit(f->cg, d);
    cg_written(f, d);
    return d;
}

/* a long list built from its end, one cell at a time */
static cg_op build_long_list(struct cg_fn *f, struct ast *e, cg_op dst) {
    uint32_t n = 0;
    struct ast *t = e;
    while (t->kind == AST_CONS) n++, t = t->b;
    struct ast **els = mem_malloc((n + 1) * sizeof *els);
    if (!els) {
        f->cg->oom = true;
        return op_nil();
    }
    n = 0;
    for (t = e; t->kind == AST_CONS; t = t->b) els[n++] = t->a;
    cg_op acc = cg_new_y(f);
    cg_move(f, cg_expr(f, t, CG_NONE), acc);
    for (uint32_t i = n; i-- > 0;) {
        uint32_t mark = f->xtop;
        cg_op v = cg_expr(f, els[i], CG_NONE);
        cg_heap(f, 2);
        cg_op0(f->cg, OPC_put_list);
        cg_emit(f->cg, v);
        cg_emit(f->cg, acc);
        cg_emit(f->cg, acc);
        cg_release(f, mark);
    }
    mem_free(els);
    cg_op d = target(f, dst);
    cg_move(f, acc, d);
    cg_free_y(f, acc);
    return d;
}

static cg_op cg_build(struct cg_fn *f, struct ast *e, cg_op dst) {
    struct ast *leaves[128];
    uint32_t n = 0, words = 0;
    collect_leaves(e, leaves, &n, 128, &words);
    if (n > 128) {
        if (e->kind == AST_CONS && f->allocated) return build_long_list(f, e, dst);
        cg_error(f, e, "term too large to build in one expression");
        return op_nil();
    }
    cg_op ops[128];
    cg_eval_list(f, leaves, n, ops);
    cg_heap(f, words);
    uint32_t k = 0;
    cg_op r = emit_puts(f, e, ops, &k, dst);
    free_ytemps(f, ops, n);
    return r;
}

/* ---- operators ---- */

static const struct {
    const char *op;
    uint32_t opc;
} arith_ops[] = {
    {"+", OPC_add}, {"-", OPC_sub}, {"*", OPC_mul}, {"/", OPC_fdiv}, {"div", OPC_idiv},
    {"rem", OPC_irem}, {"band", OPC_band}, {"bor", OPC_bor}, {"bxor", OPC_bxor},
    {"bsl", OPC_bsl}, {"bsr", OPC_bsr},
};

static cg_op emit_bif(struct cg_fn *f, const char *mod, const char *name, const cg_op *args, uint32_t n,
                      cg_op dst, uint32_t fail) {
    uint32_t live = cg_live(f);
    cg_op d = target(f, dst);
    if (!fail) cg_line(f, 0);
    static const uint32_t opcs[] = {OPC_bif0, OPC_bif1, OPC_bif2, OPC_bif3};
    cg_op0(f->cg, opcs[n]);
    if (n) cg_emit(f->cg, op_label(fail));
    cg_emit(f->cg, op_u(cg_import(f->cg, mod, name, n)));
    cg_emit(f->cg, op_u(live));
    for (uint32_t i = 0; i < n; i++) cg_emit(f->cg, args[i]);
    cg_emit(f->cg, d);
    cg_written(f, d);
    return d;
}

/* Exported for cg_match.c through cg_guard_value. */
cg_op cg_binop(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail);
cg_op cg_binop(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    struct ast *kids[2] = {e->a, e->b};
    cg_op ops[2];
    uint32_t mark = f->xtop;
    if (fail) /* a guard: operands are guard values, errors jump to fail */
        for (int i = 0; i < 2; i++) ops[i] = cg_guard_value(f, kids[i], fail, CG_NONE);
    else
        cg_eval_list(f, kids, 2, ops);
    for (size_t i = 0; i < sizeof arith_ops / sizeof *arith_ops; i++) {
        if (!op_is(e, arith_ops[i].op)) continue;
        uint32_t live = cg_live(f);
        cg_release(f, mark);
        if (op_is_x(dst) && dst.val >= f->xtop) dst = CG_NONE;
        cg_op d = target(f, dst);
        if (!fail) cg_line(f, e->line);
        cg_op0(f->cg, arith_ops[i].opc);
        cg_emit(f->cg, op_label(fail));
        cg_emit(f->cg, op_u(live));
        cg_emit(f->cg, ops[0]);
        cg_emit(f->cg, ops[1]);
        cg_emit(f->cg, d);
        cg_written(f, d);
        free_ytemps(f, ops, 2);
        return d;
    }
    if (!fail) cg_line(f, e->line);
    if (!fail && !cg_bif_kind(f, "erlang", e->op, 2)) { /* ++ or -- without a BIF: a call */
        cg_parallel_move(f, ops, 2);
        cg_op0(f->cg, OPC_call_ext);
        cg_emit(f->cg, op_u(2));
        cg_emit(f->cg, op_u(cg_import(f->cg, "erlang", e->op, 2)));
        cg_clobbered(f);
        free_ytemps(f, ops, 2);
        return op_x(0);
    }
    cg_op r = emit_bif(f, "erlang", e->op, ops, 2, dst, fail);
    free_ytemps(f, ops, 2);
    return r;
}

/* andalso / orelse as a value. In a guard (fail != 0) a non-boolean fails it. */
static cg_op cg_shortcircuit(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    bool andalso = op_is(e, "andalso");
    cg_op r = !op_none(dst) ? dst : (cg_clobbers(f, e) ? op_x(0) : cg_new_x(f));
    uint32_t l_other = cg_label(f->cg), l_end = cg_label(f->cg), l_bad = fail ? fail : cg_label(f->cg);
    cg_op va = fail ? cg_guard_value(f, e->a, fail, CG_NONE) : cg_expr(f, e->a, CG_NONE);
    va = cg_to_reg(f, va);
    /* the value decides: true continues (andalso) / false continues (orelse) */
    cg_op0(f->cg, OPC_is_eq_exact);
    cg_emit(f->cg, op_label(l_other));
    cg_emit(f->cg, va);
    cg_emit(f->cg, op_atom(cg_atomz(f->cg, andalso ? "true" : "false")));
    struct cg_state st;
    cg_state_save(f, &st);
    cg_op vb = fail ? cg_guard_value(f, e->b, fail, r) : cg_expr(f, e->b, r);
    cg_move(f, vb, r);
    struct cg_state acc = {0};
    cg_state_join(f, &acc, true);
    cg_op0(f->cg, OPC_jump);
    cg_emit(f->cg, op_label(l_end));
    cg_state_restore(f, &st);
    cg_emit_label(f, l_other);
    cg_op0(f->cg, OPC_is_eq_exact);
    cg_emit(f->cg, op_label(l_bad));
    cg_emit(f->cg, va);
    cg_emit(f->cg, op_atom(cg_atomz(f->cg, andalso ? "false" : "true")));
    cg_move(f, op_atom(cg_atomz(f->cg, andalso ? "false" : "true")), r);
    cg_state_join(f, &acc, false);
    if (!fail) {
        cg_op0(f->cg, OPC_jump);
        cg_emit(f->cg, op_label(l_end));
        cg_state_restore(f, &st); /* l_bad is reached from the test at l_other */
        cg_emit_label(f, l_bad);
        raise_tagged(f, "badarg", va);
    }
    cg_emit_label(f, l_end);
    cg_state_restore(f, &acc);
    if (op_is_x(r) && r.val + 1 > f->xtop) f->xtop = (uint32_t)r.val + 1;
    cg_written(f, r);
    cg_state_free(&st);
    cg_state_free(&acc);
    return r;
}

static cg_op cg_unop(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    cg_op a = fail ? cg_guard_value(f, e->a, fail, CG_NONE) : cg_expr(f, e->a, CG_NONE);
    if (op_is(e, "not")) return emit_bif(f, "erlang", "not", &a, 1, dst, fail);
    if (op_is(e, "+")) return emit_bif(f, "erlang", "+", &a, 1, dst, fail);
    uint32_t live = cg_live(f);
    cg_op d = target(f, dst);
    if (!fail) cg_line(f, e->line);
    cg_op0(f->cg, op_is(e, "-") ? OPC_neg : OPC_bnot);
    cg_emit(f->cg, op_label(fail));
    cg_emit(f->cg, op_u(live));
    cg_emit(f->cg, a);
    cg_emit(f->cg, d);
    cg_written(f, d);
    return d;
}

/* ---- calls ---- */

/* record_info(fields | size, Name): a constant */
static cg_op cg_record_info(struct cg_fn *f, struct ast *e, cg_op dst, bool tail) {
    struct cg *cg = f->cg;
    char *rn = arena_strndup(cg->m->arena, e->items[1]->name, e->items[1]->len);
    const struct ast_record_def *r = rn ? cg_record(cg, rn) : NULL;
    cg_op v = op_nil();
    if (!r) {
        cg_error(f, e, "record %s undefined", rn ? rn : "");
    } else if (e->items[0]->len == 4 && !memcmp(e->items[0]->name, "size", 4)) {
        v = op_int(r->nfields + 1);
    } else {
        struct ast *l = cg_new_node(cg, AST_NIL, e);
        for (uint32_t i = r->nfields; i-- > 0;) {
            struct ast *c = cg_new_node(cg, AST_CONS, e), *a = cg_new_node(cg, AST_ATOM, e);
            a->name = r->fields[i].name;
            a->len = (uint32_t)strlen(a->name);
            c->a = a;
            c->b = l;
            l = c;
        }
        v = cg_const(f, l);
    }
    if (tail) {
        cg_move(f, v, op_x(0));
        cg_return(f);
        return op_x(0);
    }
    (void)dst;
    return v;
}

static cg_op cg_call(struct cg_fn *f, struct ast *e, cg_op dst, bool tail, uint32_t fail) {
    struct callinfo ci;
    classify(f, e, &ci);
    struct cg *cg = f->cg;
    uint32_t n = e->nitems;
    if (e->a->kind == AST_ATOM && n == 2 && e->a->len == 11 && !memcmp(e->a->name, "record_info", 11) &&
        e->items[0]->kind == AST_ATOM && e->items[1]->kind == AST_ATOM)
        return cg_record_info(f, e, dst, tail);
    if (ci.kind == K_BIF && n == 2 && !strcmp(ci.fun, "is_record") && e->items[1]->kind == AST_ATOM) {
        /* is_record(X, r) of a known record also checks its size */
        char *rn = arena_strndup(cg->m->arena, e->items[1]->name, e->items[1]->len);
        const struct ast_record_def *r = rn ? cg_record(cg, rn) : NULL;
        if (r && cg_bif_kind(f, "erlang", "is_record", 3)) {
            struct ast *c = cg_new_node(cg, AST_CALL, e), *size = cg_new_node(cg, AST_INT, e);
            size->ival = r->nfields + 1;
            c->a = e->a;
            c->nitems = 3;
            c->items = arena_alloc(cg->m->arena, 3 * sizeof *c->items);
            if (c->items) {
                c->items[0] = e->items[0], c->items[1] = e->items[1], c->items[2] = size;
                return cg_call(f, c, dst, tail, fail);
            }
        }
    }
    if (ci.kind == K_BAD) {
        cg_error(f, e, "function %s/%u undefined", ci.fun, n);
        return op_nil();
    }
    if (ci.kind == K_BIF || fail) {
        if (ci.kind != K_BIF && !(ci.mod && find_bif(ci.mod, ci.fun, n))) {
            cg_error(f, e, "call to %s:%s/%u is not allowed in a guard", ci.mod ? ci.mod : "?",
                     ci.fun ? ci.fun : "?", n);
            return op_nil();
        }
        cg_op ops[3];
        if (fail)
            for (uint32_t i = 0; i < n; i++) ops[i] = cg_guard_value(f, e->items[i], fail, CG_NONE);
        else
            cg_eval_list(f, e->items, n, ops);
        cg_line(f, e->line);
        if (tail) {
            cg_op r = emit_bif(f, ci.mod, ci.fun, ops, n, CG_NONE, fail);
            cg_move(f, r, op_x(0));
            cg_return(f);
            return op_x(0);
        }
        cg_op r = emit_bif(f, ci.mod, ci.fun, ops, n, dst, fail);
        free_ytemps(f, ops, n);
        return r;
    }
    uint32_t extra = ci.kind == K_FUN ? 1 : ci.kind == K_APPLY ? 2 : 0;
    struct ast **es = mem_malloc((n + extra + 1) * sizeof *es);
    cg_op *ops = ops_alloc(f, n + extra);
    if (!es || !ops) {
        mem_free(es);
        mem_free(ops);
        cg->oom = true;
        return op_nil();
    }
    for (uint32_t i = 0; i < n; i++) es[i] = e->items[i];
    if (ci.kind == K_FUN) es[n] = e->a;
    if (ci.kind == K_APPLY) es[n] = e->a->a, es[n + 1] = e->a->b;
    eval_list(f, es, n + extra, ops, arg_target(f, es, n + extra, n));
    cg_parallel_move(f, ops, n + extra);
    free_ytemps(f, ops, n + extra);
    mem_free(es);
    mem_free(ops);
    cg_line(f, e->line);
    uint32_t opc;
    cg_op target_op = op_u(0);
    switch (ci.kind) {
    case K_LOCAL:
        opc = tail ? (f->allocated ? OPC_call_last : OPC_call_only) : OPC_call;
        target_op = op_label(cg->g->functions[ci.findex].entry_label);
        break;
    case K_EXT:
        opc = tail ? (f->allocated ? OPC_call_ext_last : OPC_call_ext_only) : OPC_call_ext;
        target_op = op_u(cg_import(cg, ci.mod, ci.fun, n));
        break;
    case K_FUN: opc = tail && f->allocated ? OPC_call_fun_last : OPC_call_fun; break;
    default: opc = tail && f->allocated ? OPC_apply_last : OPC_apply; break;
    }
    cg_op0(cg, opc);
    cg_emit(cg, op_u(n));
    if (ci.kind == K_LOCAL || ci.kind == K_EXT) cg_emit(cg, target_op);
    if (opc == OPC_call_last || opc == OPC_call_ext_last || opc == OPC_call_fun_last || opc == OPC_apply_last)
        cg_emit(cg, cg_frame_size(f));
    cg_clobbered(f);
    if (tail && (opc == OPC_call_fun || opc == OPC_apply)) cg_return(f);
    (void)dst;
    return op_x(0);
}

/* ---- case, if, receive, try, catch ---- */

/* Where a branching expression leaves its value. */
static cg_op branch_result(struct cg_fn *f, struct ast *e, cg_op dst, bool *clob) {
    *clob = cg_clobbers(f, e);
    if (!op_none(dst) && !(*clob && op_is_x(dst))) return dst;
    if (*clob) return op_x(0);
    return cg_new_x(f);
}

static void branch_done(struct cg_fn *f, cg_op r, bool clob, struct cg_state *acc, bool any) {
    if (any) cg_state_restore(f, acc);
    if (clob) {
        cg_xdead(f);
        f->xtop = 1;
    }
    if (op_is_x(r)) {
        if (r.val + 1 > f->xtop) f->xtop = (uint32_t)r.val + 1;
        cg_written(f, r);
    }
}

/* One clause of case/receive/try-of: match, guards, body into r or tail. */
static void cr_clause(struct cg_fn *f, struct ast_clause *c, cg_op src, uint32_t next, bool tail,
                      cg_op r, uint32_t l_end, bool remove_msg, struct cg_state *acc, bool *first) {
    if (c->npatterns) cg_match(f, c->patterns[0], src, next);
    cg_guards(f, c, next);
    if (remove_msg) cg_op0(f->cg, OPC_remove_message);
    if (tail) {
        cg_body(f, c->body, c->nbody, true, CG_NONE);
        return;
    }
    cg_op v = cg_body(f, c->body, c->nbody, false, r);
    cg_move(f, v, r);
    cg_state_join(f, acc, *first);
    *first = false;
    cg_op0(f->cg, OPC_jump);
    cg_emit(f->cg, op_label(l_end));
}

/* case and if: clauses tried in order; the last failure raises
   {case_clause, V} / if_clause. */
static cg_op cg_case(struct cg_fn *f, struct ast *e, cg_op dst, bool tail) {
    bool clob = false, is_if = e->kind == AST_IF;
    cg_op r = tail ? op_x(0) : branch_result(f, e, dst, &clob);
    cg_op v = is_if ? op_nil() : cg_to_reg(f, cg_expr(f, e->a, CG_NONE));
    uint32_t l_end = cg_label(f->cg);
    struct cg_state st, acc = {0};
    cg_state_save(f, &st);
    bool first = true;
    for (uint32_t i = 0; i < e->nclauses; i++) {
        uint32_t next = i + 1 < e->nclauses ? cg_label(f->cg) : cg_stub(f, is_if ? OPC_if_end : OPC_case_end, v);
        cr_clause(f, &e->clauses[i], v, next, tail, r, l_end, false, &acc, &first);
        cg_state_restore(f, &st);
        if (i + 1 < e->nclauses) cg_emit_label(f, next);
    }
    cg_emit_label(f, l_end);
    if (!tail) branch_done(f, r, clob, &acc, !first);
    cg_state_free(&st);
    cg_state_free(&acc);
    return r;
}

static cg_op cg_receive(struct cg_fn *f, struct ast *e, cg_op dst, bool tail) {
    struct cg *cg = f->cg;
    bool clob = true;
    cg_op r = tail ? op_x(0) : (op_is_reg(dst) && dst.kind == GEN_Y ? dst : op_x(0));
    cg_op tmo = CG_NONE;
    if (e->after) {
        tmo = cg_expr(f, e->after, CG_NONE);
        if (op_is_x(tmo)) {
            cg_op y = cg_new_y(f);
            cg_move(f, tmo, y);
            tmo = y;
        }
    }
    uint32_t l_loop = cg_label(cg), l_wait = cg_label(cg), l_end = cg_label(cg);
    if (f->ref_receive == e) {
        cg_op0(cg, OPC_recv_set); /* start at the mark (cg_body) */
        f->ref_receive = NULL;
    }
    cg_emit_label(f, l_loop);
    cg_xdead(f);
    f->xtop = 0;
    cg_op0(cg, OPC_loop_rec);
    cg_emit(cg, op_label(l_wait));
    cg_emit(cg, op_x(0));
    cg_written(f, op_x(0));
    f->xtop = 1;
    struct cg_state st, acc = {0};
    cg_state_save(f, &st);
    bool first = true;
    for (uint32_t i = 0; i < e->nclauses; i++) {
        uint32_t next = cg_label(cg);
        cr_clause(f, &e->clauses[i], op_x(0), next, tail, r, l_end, true, &acc, &first);
        cg_state_restore(f, &st);
        cg_emit_label(f, next);
    }
    cg_op0(cg, OPC_loop_rec_end);
    cg_emit(cg, op_label(l_loop));
    cg_emit_label(f, l_wait);
    cg_xdead(f);
    f->xtop = 0;
    if (e->after) {
        cg_op0(cg, OPC_wait_timeout);
        cg_emit(cg, op_label(l_loop));
        cg_emit(cg, tmo);
        cg_op0(cg, OPC_timeout);
        if (tail) {
            cg_body(f, e->after_body, e->nafter_body, true, CG_NONE);
        } else {
            cg_op v = cg_body(f, e->after_body, e->nafter_body, false, r);
            cg_move(f, v, r);
            cg_state_join(f, &acc, first);
            first = false;
        }
        cg_free_y(f, tmo);
    } else {
        cg_op0(cg, OPC_wait);
        cg_emit(cg, op_label(l_loop));
    }
    cg_emit_label(f, l_end);
    if (!tail) branch_done(f, r, clob, &acc, !first);
    cg_state_free(&st);
    cg_state_free(&acc);
    return r;
}

static cg_op cg_try(struct cg_fn *f, struct ast *e, cg_op dst);

static cg_op cg_try_after(struct cg_fn *f, struct ast *e, cg_op dst) {
    struct cg *cg = f->cg;
    cg_op tag = cg_tag_enter(f), res = cg_new_y(f);
    uint32_t l_h = cg_label(cg), l_end = cg_label(cg);
    cg_op r = op_is_reg(dst) && dst.kind == GEN_Y ? dst : op_x(0);
    cg_op0(cg, OPC_try);
    cg_emit(cg, tag);
    cg_emit(cg, op_label(l_h));
    struct cg_state st;
    cg_state_save(f, &st);
    cg_op v;
    if (e->nclauses || e->ncatch_clauses) {
        struct ast inner = *e;
        inner.after_body = NULL;
        inner.nafter_body = 0;
        v = cg_try(f, &inner, CG_NONE);
    } else {
        v = cg_body(f, e->body, e->nbody, false, CG_NONE);
    }
    cg_move(f, v, res);
    cg_op0(cg, OPC_try_end);
    cg_emit(cg, tag);
    f->depth--;
    cg_body(f, e->after_body, e->nafter_body, false, CG_NONE);
    cg_move(f, res, r);
    struct cg_state acc = {0};
    cg_state_join(f, &acc, true);
    cg_op0(cg, OPC_jump);
    cg_emit(cg, op_label(l_end));
    cg_state_restore(f, &st);
    cg_emit_label(f, l_h);
    cg_xdead(f);
    cg_op0(cg, OPC_try_case);
    cg_emit(cg, tag);
    cg_op saved[3];
    for (int i = 0; i < 3; i++) {
        cg_written(f, op_x((uint32_t)i));
        saved[i] = cg_new_y(f);
    }
    f->xtop = 3;
    for (int i = 0; i < 3; i++) cg_move(f, op_x((uint32_t)i), saved[i]);
    cg_body(f, e->after_body, e->nafter_body, false, CG_NONE);
    cg_op0(cg, OPC_raise);
    for (int i = 0; i < 3; i++) cg_emit(cg, saved[i]);
    cg_emit_label(f, l_end);
    cg_state_restore(f, &acc);
    cg_xdead(f);
    f->xtop = 0;
    if (op_is_x(r)) cg_written(f, r), f->xtop = 1;
    for (int i = 0; i < 3; i++) cg_free_y(f, saved[i]);
    cg_free_y(f, res);
    cg_state_free(&st);
    cg_state_free(&acc);
    return r;
}

static cg_op cg_try(struct cg_fn *f, struct ast *e, cg_op dst) {
    if (e->nafter_body) return cg_try_after(f, e, dst);
    struct cg *cg = f->cg;
    cg_op tag = cg_tag_enter(f);
    uint32_t l_h = cg_label(cg), l_end = cg_label(cg);
    cg_op r = op_is_reg(dst) && dst.kind == GEN_Y ? dst : op_x(0);
    cg_op0(cg, OPC_try);
    cg_emit(cg, tag);
    cg_emit(cg, op_label(l_h));
    struct cg_state before;
    cg_state_save(f, &before);
    cg_op v = cg_body(f, e->body, e->nbody, false, CG_NONE);
    v = cg_to_reg(f, v);
    cg_op0(cg, OPC_try_end);
    cg_emit(cg, tag);
    f->depth--;
    struct cg_state st, acc = {0};
    bool first = true;
    if (e->nclauses) {
        cg_state_save(f, &st);
        for (uint32_t i = 0; i < e->nclauses; i++) {
            uint32_t next = i + 1 < e->nclauses ? cg_label(cg) : cg_stub(f, OPC_try_case_end, v);
            cr_clause(f, &e->clauses[i], v, next, false, r, l_end, false, &acc, &first);
            cg_state_restore(f, &st);
            if (i + 1 < e->nclauses) cg_emit_label(f, next);
        }
        cg_state_free(&st);
    } else {
        cg_move(f, v, r);
        cg_state_join(f, &acc, true);
        first = false;
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(l_end));
    }
    /* the handler: x0 class, x1 reason, x2 stacktrace */
    cg_state_restore(f, &before);
    cg_emit_label(f, l_h);
    cg_xdead(f);
    cg_op0(cg, OPC_try_case);
    cg_emit(cg, tag);
    for (uint32_t i = 0; i < 3; i++) cg_written(f, op_x(i));
    f->xtop = 3;
    cg_state_save(f, &st);
    for (uint32_t i = 0; i < e->ncatch_clauses; i++) {
        struct ast_clause *c = &e->catch_clauses[i];
        uint32_t next = cg_label(cg);
        for (uint32_t k = 0; k < c->npatterns && k < 3; k++) cg_match(f, c->patterns[k], op_x(k), next);
        cg_guards(f, c, next);
        cg_op bv = cg_body(f, c->body, c->nbody, false, r);
        cg_move(f, bv, r);
        cg_state_join(f, &acc, first);
        first = false;
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(l_end));
        cg_state_restore(f, &st);
        cg_emit_label(f, next);
    }
    cg_op0(cg, OPC_raise);
    cg_emit(cg, op_x(0));
    cg_emit(cg, op_x(1));
    cg_emit(cg, op_x(2));
    cg_emit_label(f, l_end);
    branch_done(f, r, true, &acc, !first);
    cg_state_free(&st);
    cg_state_free(&acc);
    cg_state_free(&before);
    return r;
}

static cg_op cg_catch(struct cg_fn *f, struct ast *e) {
    struct cg *cg = f->cg;
    cg_op tag = cg_tag_enter(f);
    uint32_t l = cg_label(cg);
    cg_op0(cg, OPC_catch);
    cg_emit(cg, tag);
    cg_emit(cg, op_label(l));
    struct cg_state st;
    cg_state_save(f, &st);
    cg_op v = cg_expr(f, e->a, CG_NONE);
    cg_move(f, v, op_x(0));
    cg_state_restore(f, &st); /* variables bound inside are unsafe after */
    f->depth--;
    cg_emit_label(f, l);
    cg_op0(cg, OPC_catch_end);
    cg_emit(cg, tag);
    cg_xdead(f);
    cg_written(f, op_x(0));
    f->xtop = 1;
    cg_state_free(&st);
    return op_x(0);
}

/* ---- funs ---- */

static void collect_free(struct cg_fn *f, const struct ast *e, const char ***names, uint32_t **lens,
                         uint32_t *n, uint32_t *cap, const char *self, uint32_t self_len);

static void collect_free_clauses(struct cg_fn *f, const struct ast_clause *cs, uint32_t nc, const char ***names,
                                 uint32_t **lens, uint32_t *n, uint32_t *cap, const char *self, uint32_t sl) {
    for (uint32_t i = 0; i < nc; i++) {
        for (uint32_t j = 0; j < cs[i].npatterns; j++) collect_free(f, cs[i].patterns[j], names, lens, n, cap, self, sl);
        for (uint32_t g = 0; g < cs[i].nguards; g++)
            for (uint32_t j = 0; j < cs[i].guards[g].ntests; j++)
                collect_free(f, cs[i].guards[g].tests[j], names, lens, n, cap, self, sl);
        for (uint32_t j = 0; j < cs[i].nbody; j++) collect_free(f, cs[i].body[j], names, lens, n, cap, self, sl);
    }
}

static void collect_free(struct cg_fn *f, const struct ast *e, const char ***names, uint32_t **lens,
                         uint32_t *n, uint32_t *cap, const char *self, uint32_t sl) {
    if (!e) return;
    if (e->kind == AST_VAR) {
        if (is_anon(e)) return;
        if (self && e->len == sl && memcmp(e->name, self, sl) == 0) return;
        struct cg_var *v = cg_var_find(f, e->name, e->len);
        if (!v || !v->bound) return;
        for (uint32_t i = 0; i < *n; i++)
            if ((*lens)[i] == e->len && memcmp((*names)[i], e->name, e->len) == 0) return;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 8;
            *names = mem_realloc(*names, *cap * sizeof **names);
            *lens = mem_realloc(*lens, *cap * sizeof **lens);
            if (!*names || !*lens) {
                f->cg->oom = true;
                *n = 0;
                return;
            }
        }
        (*names)[*n] = e->name;
        (*lens)[(*n)++] = e->len;
        return;
    }
    collect_free(f, e->a, names, lens, n, cap, self, sl);
    collect_free(f, e->b, names, lens, n, cap, self, sl);
    collect_free(f, e->c, names, lens, n, cap, self, sl);
    collect_free(f, e->after, names, lens, n, cap, self, sl);
    for (uint32_t i = 0; i < e->nitems; i++) collect_free(f, e->items[i], names, lens, n, cap, self, sl);
    for (uint32_t i = 0; i < e->nbody; i++) collect_free(f, e->body[i], names, lens, n, cap, self, sl);
    for (uint32_t i = 0; i < e->nafter_body; i++) collect_free(f, e->after_body[i], names, lens, n, cap, self, sl);
    collect_free_clauses(f, e->clauses, e->nclauses, names, lens, n, cap, self, sl);
    collect_free_clauses(f, e->catch_clauses, e->ncatch_clauses, names, lens, n, cap, self, sl);
}

static cg_op emit_make_fun(struct cg_fn *f, uint32_t lambda, const cg_op *free, uint32_t n, cg_op dst) {
    cg_heap(f, 2 + n);
    cg_op d = target(f, dst);
    cg_op0(f->cg, OPC_make_fun);
    cg_emit(f->cg, op_u(lambda));
    cg_emit(f->cg, d);
    cg_emit(f->cg, op_list(n));
    for (uint32_t i = 0; i < n; i++) cg_emit(f->cg, free[i]);
    cg_written(f, d);
    return d;
}

static cg_op cg_fun(struct cg_fn *f, struct ast *e, cg_op dst) {
    struct cg_lift l = {.clauses = e->clauses, .nclauses = e->nclauses};
    l.fun_arity = e->nclauses ? e->clauses[0].npatterns : 0;
    if (e->name) l.self = e->name, l.self_len = (uint32_t)strlen(e->name);
    uint32_t cap = 0;
    collect_free_clauses(f, e->clauses, e->nclauses, &l.free, &l.free_len, &l.nfree, &cap, l.self, l.self_len);
    /* names bound inside the lifted function need stable storage: the AST's */
    uint32_t lambda = cg_new_fun(f->cg, &l);
    cg_op free[256];
    uint32_t n = l.nfree < 256 ? l.nfree : 256;
    for (uint32_t i = 0; i < n; i++) free[i] = cg_var_find(f, l.free[i], l.free_len[i])->home;
    return emit_make_fun(f, lambda, free, n, dst);
}

static cg_op cg_fun_ref(struct cg_fn *f, struct ast *e, cg_op dst) {
    struct cg *cg = f->cg;
    if (e->a) { /* fun M:F/A */
        struct ast *es[3] = {e->a, e->b, e->c};
        cg_op ops[3];
        cg_eval_list(f, es, 3, ops);
        cg_op r = emit_bif(f, "erlang", "make_fun", ops, 3, dst, 0);
        free_ytemps(f, ops, 3);
        return r;
    }
    int64_t fi = source_function(cg, e->name, e->arity);
    if (fi < 0 && lint_autoimport_flags(e->name, e->arity) >= 0) { /* fun abs/1 is erlang:abs/1 */
        cg_op ops[3] = {op_atom(cg_atomz(cg, "erlang")), op_atom(cg_atomz(cg, e->name)), op_int(e->arity)};
        return emit_bif(f, "erlang", "make_fun", ops, 3, dst, 0);
    }
    if (fi < 0) {
        cg_error(f, e, "function %s/%u undefined", e->name, e->arity);
        return op_nil();
    }
    uint32_t lambda = UINT32_MAX;
    for (uint32_t i = 0; i < cg->g->nlambdas; i++)
        if (cg->g->lambdas[i].function == (uint32_t)fi && cg->g->lambdas[i].nfree == 0) lambda = i;
    if (lambda == UINT32_MAX) lambda = cg_add_lambda(cg, (uint32_t)fi, e->arity, 0);
    return emit_make_fun(f, lambda, NULL, 0, dst);
}


static bool is_guard_expr(struct cg_fn *f, const struct ast *e);

/* ---- comprehensions lifted to functions ----
 *
 * A list comprehension whose generators are all list generators becomes,
 * as in erl, one function per generator, body recursive: the element is
 * consed onto the rest of the result, so there is no reversed
 * accumulator to turn around. For [T || P0 <- L0, F.., P1 <- L1, F..]:
 *
 *   lc0([P0 | T0], V0..) when <guard filters> -> <filters> lc1(L1, V1.., T0);
 *   lc0([_ | T0], V0..) -> lc0(T0, V0..);
 *   lc0([], V0..) -> [];
 *   lc0(Bad, V0..) -> erlang:error({bad_generator, Bad}).
 *   lc1([P1 | T1], V1.., T0) when .. -> <filters> [T | lc1(T1, V1.., T0)];
 *   lc1([_ | T1], V1.., T0) -> lc1(T1, V1.., T0);
 *   lc1([], V1.., T0) -> lc0(T0, V0..);
 *   ...
 *
 * and the comprehension is the call lc0(L0, V0..). Vk are the names the
 * comprehension uses from outside (bound in the enclosing function) and
 * those the generators before k bind. A filter that is a guard test goes
 * into the first clause's guard while only guard tests came before it,
 * else into an if; any other filter is a case on true/false/other
 * (bad_filter). Comprehensions that would need renaming (a generator
 * pattern that shadows a bound name) or whose filters bind names a later
 * generator uses keep the inline loop below. */

struct lc_names {
    const char **name;
    uint32_t *len;
    uint32_t n, cap;
    bool oom;
};

static bool lc_names_has(const struct lc_names *s, const char *name, uint32_t len) {
    for (uint32_t i = 0; i < s->n; i++)
        if (s->len[i] == len && memcmp(s->name[i], name, len) == 0) return true;
    return false;
}

static void lc_names_add(struct lc_names *s, const char *name, uint32_t len) {
    if (lc_names_has(s, name, len)) return;
    if (s->n == s->cap) {
        uint32_t cap = s->cap ? s->cap * 2 : 16;
        const char **nn = mem_realloc(s->name, cap * sizeof *nn);
        if (nn) s->name = nn;
        uint32_t *nl = mem_realloc(s->len, cap * sizeof *nl);
        if (nl) s->len = nl;
        if (!nn || !nl) {
            s->oom = true;
            return;
        }
        s->cap = cap;
    }
    s->name[s->n] = name;
    s->len[s->n++] = len;
}

static void lc_names_free(struct lc_names *s) {
    mem_free(s->name);
    mem_free(s->len);
}

/* Every name in pattern p. */
static void lc_pattern_names(const struct ast *p, struct lc_names *s) {
    if (!p) return;
    if (p->kind == AST_VAR) {
        if (!is_anon(p)) lc_names_add(s, p->name, p->len);
        return;
    }
    lc_pattern_names(p->a, s);
    lc_pattern_names(p->b, s);
    lc_pattern_names(p->c, s);
    for (uint32_t i = 0; i < p->nitems; i++) lc_pattern_names(p->items[i], s);
}

static bool lc_bound(struct cg_fn *f, const char *name, uint32_t len) {
    struct cg_var *v = cg_var_find(f, name, len);
    return v && v->bound;
}

/* Every name e uses is bound in f or in s (funs and comprehensions inside
   bind their own). */
static bool lc_uses_only(struct cg_fn *f, const struct ast *e, const struct lc_names *s) {
    if (!e) return true;
    if (e->kind == AST_VAR) return is_anon(e) || lc_bound(f, e->name, e->len) || lc_names_has(s, e->name, e->len);
    if (e->kind == AST_FUN || e->kind == AST_LC || e->kind == AST_BC) return true;
    if (e->clauses || e->catch_clauses || e->body || e->after_body) return false; /* binds names of its own */
    if (!lc_uses_only(f, e->a, s) || !lc_uses_only(f, e->b, s) || !lc_uses_only(f, e->c, s)) return false;
    for (uint32_t i = 0; i < e->nitems; i++)
        if (!lc_uses_only(f, e->items[i], s)) return false;
    return true;
}

struct lc_lift {
    struct cg_fn *f;
    struct ast *e;        /* the comprehension */
    uint32_t *gen;        /* item index of each generator */
    uint32_t ngen;
    struct lc_names vars; /* V of the last level: the outside names, then each level's pattern names */
    uint32_t *nvars;      /* |Vk| */
    const char **fname;   /* each level's function name */
    uint32_t *arity;
};

static struct ast *lc_node(struct lc_lift *lc, enum ast_kind kind) { return cg_new_node(lc->f->cg, kind, lc->e); }

static struct ast *lc_var(struct lc_lift *lc, const char *name, uint32_t len) {
    struct ast *v = lc_node(lc, AST_VAR);
    v->name = name;
    v->len = len;
    return v;
}

/* The synthesized names: "lc$T<k>" (a level's tail), "lc$X" (a bad value) */
static struct ast *lc_tail_var(struct lc_lift *lc, uint32_t k) {
    char buf[24];
    int n = snprintf(buf, sizeof buf, "lc$T%u", k);
    char *name = arena_strndup(lc->f->cg->m->arena, buf, (size_t)n);
    if (!name) {
        lc->f->cg->oom = true;
        name = "lc$T";
    }
    return lc_var(lc, name, (uint32_t)strlen(name));
}

static struct ast *lc_atom(struct lc_lift *lc, const char *name) {
    struct ast *a = lc_node(lc, AST_ATOM);
    a->name = name;
    a->len = (uint32_t)strlen(name);
    return a;
}

static struct ast **lc_array(struct lc_lift *lc, uint32_t n) {
    struct ast **a = arena_alloc(lc->f->cg->m->arena, (n ? n : 1) * sizeof *a);
    if (!a) lc->f->cg->oom = true;
    return a;
}

/* The arguments of level k after its list: V_k, then the tails T0..T(k-1). */
static void lc_rest_args(struct lc_lift *lc, uint32_t k, struct ast **out) {
    uint32_t i = 0;
    for (; i < lc->nvars[k]; i++) out[i] = lc_var(lc, lc->vars.name[i], lc->vars.len[i]);
    for (uint32_t j = 0; j < k; j++) out[i++] = lc_tail_var(lc, j);
}

/* A call of level k's function with first argument `list`. */
static struct ast *lc_call(struct lc_lift *lc, uint32_t k, struct ast *list) {
    struct ast *c = lc_node(lc, AST_CALL);
    c->a = lc_atom(lc, lc->fname[k]);
    c->lifted = true;
    c->nitems = lc->arity[k];
    c->items = lc_array(lc, c->nitems);
    if (!c->items) return c;
    c->items[0] = list;
    lc_rest_args(lc, k, c->items + 1);
    return c;
}

/* erlang:error({Tag, V}) */
static struct ast *lc_raise(struct lc_lift *lc, const char *tag, struct ast *v) {
    struct ast *t = lc_node(lc, AST_TUPLE), *c = lc_node(lc, AST_CALL), *r = lc_node(lc, AST_REMOTE);
    t->nitems = 2;
    t->items = lc_array(lc, 2);
    c->nitems = 1;
    c->items = lc_array(lc, 1);
    if (!t->items || !c->items) return t;
    t->items[0] = lc_atom(lc, tag);
    t->items[1] = v;
    r->a = lc_atom(lc, "erlang");
    r->b = lc_atom(lc, "error");
    c->a = r;
    c->items[0] = t;
    return c;
}

static struct ast_clause lc_clause(struct lc_lift *lc, struct ast *pat, struct ast **guard, uint32_t nguard,
                                   struct ast *body) {
    struct ast_clause c = {.line = lc->e->line, .col = lc->e->col};
    c.npatterns = 1;
    c.patterns = lc_array(lc, 1);
    c.nbody = 1;
    c.body = lc_array(lc, 1);
    if (!c.patterns || !c.body) return c;
    c.patterns[0] = pat;
    c.body[0] = body;
    if (nguard) {
        c.guards = arena_alloc(lc->f->cg->m->arena, sizeof *c.guards);
        if (!c.guards) {
            lc->f->cg->oom = true;
            return c;
        }
        c.guards[0] = (struct ast_guard){guard, nguard};
        c.nguards = 1;
    }
    return c;
}

/* What level k does with an element, from item i on (its pattern matched
   and the guard filters before i passed). */
static struct ast *lc_rest(struct lc_lift *lc, uint32_t k, uint32_t i) {
    struct ast *e = lc->e;
    uint32_t end = k + 1 < lc->ngen ? lc->gen[k + 1] : e->nitems;
    if (i == end) {
        if (k + 1 < lc->ngen) return lc_call(lc, k + 1, e->items[end]->b);
        struct ast *cons = lc_node(lc, AST_CONS); /* the element, then the rest */
        cons->a = e->a;
        cons->b = lc_call(lc, k, lc_tail_var(lc, k));
        return cons;
    }
    struct ast *q = e->items[i];
    struct ast *n = lc_node(lc, is_guard_expr(lc->f, q) ? AST_IF : AST_CASE);
    uint32_t nc = n->kind == AST_IF ? 2 : 3;
    n->clauses = arena_alloc(lc->f->cg->m->arena, nc * sizeof *n->clauses);
    if (!n->clauses) {
        lc->f->cg->oom = true;
        return n;
    }
    n->nclauses = nc;
    struct ast *skip = lc_call(lc, k, lc_tail_var(lc, k));
    if (n->kind == AST_IF) { /* if Q -> rest; true -> skip end */
        struct ast **g = lc_array(lc, 1), **t = lc_array(lc, 1);
        if (!g || !t) return n;
        g[0] = q;
        t[0] = lc_atom(lc, "true");
        n->clauses[0] = lc_clause(lc, NULL, g, 1, lc_rest(lc, k, i + 1));
        n->clauses[1] = lc_clause(lc, NULL, t, 1, skip);
        n->clauses[0].npatterns = n->clauses[1].npatterns = 0;
        return n;
    }
    n->a = q; /* case Q of true -> rest; false -> skip; X -> error({bad_filter, X}) end */
    n->clauses[0] = lc_clause(lc, lc_atom(lc, "true"), NULL, 0, lc_rest(lc, k, i + 1));
    n->clauses[1] = lc_clause(lc, lc_atom(lc, "false"), NULL, 0, skip);
    n->clauses[2] = lc_clause(lc, lc_var(lc, "lc$X", 4), NULL, 0, lc_raise(lc, "bad_filter", lc_var(lc, "lc$X", 4)));
    return n;
}

/* A clause of level k: its list argument `list`, the others V_k and the
   tails before k. */
static struct ast_clause lc_level_clause(struct lc_lift *lc, uint32_t k, struct ast *list, struct ast **guard,
                                         uint32_t nguard, struct ast *body) {
    struct ast_clause c = lc_clause(lc, list, guard, nguard, body);
    struct ast **pats = lc_array(lc, lc->arity[k]);
    if (!pats || !c.patterns) return c;
    pats[0] = list;
    lc_rest_args(lc, k, pats + 1);
    c.patterns = pats;
    c.npatterns = lc->arity[k];
    return c;
}

static struct ast *lc_cons(struct lc_lift *lc, struct ast *h, struct ast *t) {
    struct ast *c = lc_node(lc, AST_CONS);
    c->a = h;
    c->b = t;
    return c;
}

/* The call that replaces comprehension e, or NULL to compile it inline. */
static struct ast *lc_lifted(struct cg_fn *f, struct ast *e) {
    struct cg *cg = f->cg;
    if (e->kind != AST_LC) return NULL;
    struct lc_lift lc = {.f = f, .e = e};
    struct lc_names pv = {0}; /* names the generators' patterns bind */
    struct ast *result = NULL;
    lc.gen = mem_calloc(e->nitems + 1, sizeof *lc.gen);
    lc.nvars = mem_calloc(e->nitems + 1, sizeof *lc.nvars);
    lc.fname = mem_calloc(e->nitems + 1, sizeof *lc.fname);
    lc.arity = mem_calloc(e->nitems + 1, sizeof *lc.arity);
    if (!lc.gen || !lc.nvars || !lc.fname || !lc.arity) {
        cg->oom = true;
        goto out;
    }
    for (uint32_t i = 0; i < e->nitems; i++) {
        struct ast *q = e->items[i];
        if (q->kind == AST_BGENERATE) goto out;
        if (q->kind != AST_GENERATE) continue;
        /* a pattern binds fresh names: none may be bound already */
        struct lc_names mine = {0};
        lc_pattern_names(q->a, &mine);
        bool shadows = mine.oom;
        for (uint32_t j = 0; j < mine.n && !shadows; j++)
            shadows = lc_bound(f, mine.name[j], mine.len[j]) || lc_names_has(&pv, mine.name[j], mine.len[j]);
        for (uint32_t j = 0; j < mine.n; j++) lc_names_add(&pv, mine.name[j], mine.len[j]);
        lc_names_free(&mine);
        if (shadows) goto out;
        lc.gen[lc.ngen++] = i;
    }
    if (lc.ngen == 0) goto out;
    /* with several levels, names flow between them only as V: what a
       filter or an inner generator's list binds would be lost */
    if (lc.ngen > 1) {
        for (uint32_t i = lc.gen[0] + 1; i < e->nitems; i++) {
            struct ast *q = e->items[i];
            if (!lc_uses_only(f, q->kind == AST_GENERATE ? q->b : q, &pv)) goto out;
        }
        if (!lc_uses_only(f, e->a, &pv)) goto out;
    }
    /* V0: the outside names it uses (not in the first list: that one is
       evaluated outside); then each level adds its pattern's names */
    {
        const char **names = NULL;
        uint32_t *lens = NULL, n = 0, cap = 0;
        collect_free(f, e->a, &names, &lens, &n, &cap, NULL, 0);
        for (uint32_t i = 0; i < e->nitems; i++) {
            struct ast *q = e->items[i];
            if (q->kind == AST_GENERATE) {
                if (i != lc.gen[0]) collect_free(f, q->b, &names, &lens, &n, &cap, NULL, 0);
            } else {
                collect_free(f, q, &names, &lens, &n, &cap, NULL, 0);
            }
        }
        for (uint32_t i = 0; i < n; i++) lc_names_add(&lc.vars, names[i], lens[i]);
        mem_free(names);
        mem_free(lens);
    }
    for (uint32_t k = 0; k < lc.ngen; k++) {
        lc.nvars[k] = lc.vars.n;
        lc.arity[k] = 1 + lc.vars.n + k;
        struct lc_names mine = {0};
        lc_pattern_names(e->items[lc.gen[k]]->a, &mine);
        for (uint32_t j = 0; j < mine.n; j++) lc_names_add(&lc.vars, mine.name[j], mine.len[j]);
        bool oom = mine.oom;
        lc_names_free(&mine);
        if (oom || lc.vars.oom) {
            cg->oom = true;
            goto out;
        }
    }
    if (lc.arity[lc.ngen - 1] > 255) goto out; /* past the largest arity */
    /* name the functions (outer first, as erl numbers them), then build
       each one's clauses: a call may name a level not built yet */
    struct ast_clause **cls = mem_calloc(lc.ngen, sizeof *cls);
    uint32_t *ncl = mem_calloc(lc.ngen, sizeof *ncl);
    if (!cls || !ncl) {
        cg->oom = true;
        mem_free(cls);
        mem_free(ncl);
        goto out;
    }
    for (uint32_t k = 0; k < lc.ngen && !cg->oom; k++) {
        cls[k] = arena_alloc(cg->m->arena, 4 * sizeof **cls);
        if (!cls[k]) {
            cg->oom = true;
            break;
        }
        cg_new_lc_function(cg, cls[k], 0, lc.arity[k], &lc.fname[k]);
    }
    for (uint32_t k = 0; k < lc.ngen && !cg->oom; k++) {
        struct ast *g = e->items[lc.gen[k]];
        uint32_t end = k + 1 < lc.ngen ? lc.gen[k + 1] : e->nitems, i = lc.gen[k] + 1;
        while (i < end && is_guard_expr(f, e->items[i])) i++;
        uint32_t nguard = i - (lc.gen[k] + 1);
        struct ast_clause *c = cls[k];
        uint32_t n = 0;
        /* [P | Tk] when guard filters -> the rest */
        c[n++] = lc_level_clause(&lc, k, lc_cons(&lc, g->a, lc_tail_var(&lc, k)),
                                 nguard ? &e->items[lc.gen[k] + 1] : NULL, nguard, lc_rest(&lc, k, i));
        /* [_ | Tk] -> the next (the pattern or the guard may fail) */
        if (nguard || g->a->kind != AST_VAR)
            c[n++] = lc_level_clause(&lc, k, lc_cons(&lc, lc_var(&lc, "_", 1), lc_tail_var(&lc, k)), NULL, 0,
                                     lc_call(&lc, k, lc_tail_var(&lc, k)));
        /* [] -> the enclosing level goes on (the outermost ends) */
        c[n++] = lc_level_clause(&lc, k, lc_node(&lc, AST_NIL), NULL, 0,
                                 k ? lc_call(&lc, k - 1, lc_tail_var(&lc, k - 1)) : lc_node(&lc, AST_NIL));
        c[n++] = lc_level_clause(&lc, k, lc_var(&lc, "lc$X", 4), NULL, 0,
                                 lc_raise(&lc, "bad_generator", lc_var(&lc, "lc$X", 4)));
        ncl[k] = n;
    }
    /* the lifts were registered with no clauses yet: fill them in */
    for (uint32_t k = 0; k < lc.ngen && !cg->oom; k++) {
        for (uint32_t i = cg->nlifts; i-- > 0;)
            if (cg->lifts[i].clauses == cls[k]) cg->lifts[i].nclauses = ncl[k];
    }
    if (!cg->oom) result = lc_call(&lc, 0, e->items[lc.gen[0]]->b);
    mem_free(cls);
    mem_free(ncl);
out:
    lc_names_free(&pv);
    lc_names_free(&lc.vars);
    mem_free(lc.gen);
    mem_free(lc.nvars);
    mem_free(lc.fname);
    mem_free(lc.arity);
    return result;
}

/* ---- comprehensions: inline loops accumulating a reversed list ---- */

struct lc {
    struct ast *e;
    cg_op acc;
};

static void declare_fresh(struct cg_fn *f, const struct ast *p) {
    if (!p) return;
    if (p->kind == AST_VAR) {
        if (is_anon(p)) return;
        struct cg_var *v = cg_var_find(f, p->name, p->len);
        if (v && v->scope == f->scope) return;
        if (f->nvars == f->cap_vars) {
            uint32_t cap = f->cap_vars ? f->cap_vars * 2 : 16;
            struct cg_var *nv = mem_realloc(f->vars, cap * sizeof *nv);
            if (!nv) {
                f->cg->oom = true;
                return;
            }
            f->vars = nv;
            f->cap_vars = cap;
        }
        f->vars[f->nvars++] = (struct cg_var){.name = p->name, .len = p->len, .scope = f->scope};
        return;
    }
    declare_fresh(f, p->a);
    declare_fresh(f, p->b);
    for (uint32_t i = 0; i < p->nitems; i++) declare_fresh(f, p->items[i]);
}

/* After generator i-1 of e: only filters that clobber nothing, and a
   template that clobbers nothing (no inner loop starts over with every x
   register dead). */
static bool lc_rest_keeps_x(struct cg_fn *f, const struct ast *e, uint32_t i) {
    for (; i < e->nitems; i++) {
        const struct ast *q = e->items[i];
        if (q->kind == AST_GENERATE || q->kind == AST_BGENERATE || cg_clobbers(f, q)) return false;
    }
    return !cg_clobbers(f, e->a);
}

/* x homes for the new variables of a generator's pattern */
static void lc_x_homes(struct cg_fn *f, const struct ast *p) {
    if (!p) return;
    if (p->kind == AST_VAR) {
        struct cg_var *v = is_anon(p) ? NULL : cg_var_find(f, p->name, p->len);
        if (v && v->scope == f->scope && !v->has_home) {
            v->has_home = true;
            v->home = cg_new_x(f);
        }
        return;
    }
    lc_x_homes(f, p->a);
    lc_x_homes(f, p->b);
    for (uint32_t i = 0; i < p->nitems; i++) lc_x_homes(f, p->items[i]);
}

static void lc_quals(struct cg_fn *f, struct lc *lc, uint32_t i, uint32_t cont) {
    struct cg *cg = f->cg;
    struct ast *e = lc->e;
    if (i == e->nitems) {
        uint32_t mark = f->xtop;
        cg_op v = cg_expr(f, e->a, CG_NONE);
        cg_heap(f, 2);
        cg_op0(cg, OPC_put_list);
        cg_emit(cg, v);
        cg_emit(cg, lc->acc);
        cg_emit(cg, lc->acc);
        cg_release(f, mark);
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(cont));
        return;
    }
    struct ast *q = e->items[i];
    if (q->kind == AST_GENERATE || q->kind == AST_BGENERATE) {
        bool bin = q->kind == AST_BGENERATE;
        cg_op src = cg_expr(f, q->b, CG_NONE);
        cg_op l = cg_new_y(f);
        uint32_t l_loop = cg_label(cg), l_next = cg_label(cg), l_done = cg_label(cg), l_bad = cg_label(cg);
        if (bin) {
            cg_move(f, src, l); /* kept for {bad_generator, Src} */
            src = cg_to_reg(f, src);
            uint32_t live = cg_live(f);
            cg_op ctx = cg_new_x(f);
            cg_op0(cg, OPC_bs_start_match);
            cg_emit(cg, op_label(l_bad));
            cg_emit(cg, op_u(live));
            cg_emit(cg, src);
            cg_emit(cg, ctx);
            cg_written(f, ctx);
            cg_move(f, ctx, l);
        } else {
            cg_move(f, src, l);
        }
        cg_emit_label(f, l_loop);
        cg_xdead(f);
        f->xtop = 0;
        struct cg_state st;
        cg_state_save(f, &st);
        uint32_t nv = f->nvars;
        f->scope++;
        declare_fresh(f, q->a);
        if (bin) {
            cg_op c = cg_new_x(f);
            cg_move(f, l, c);
            cg_bin_segments(f, q->a, c, l_done, false);
        } else if (lc_rest_keeps_x(f, e, i + 1)) {
            /* nothing clobbers until the next element: the element's
               variables live in x registers, the rest of the list goes
               straight back to its y slot */
            cg_op0(cg, OPC_is_nonempty_list);
            cg_emit(cg, op_label(l_done));
            cg_emit(cg, l);
            cg_op h = cg_new_x(f);
            cg_op0(cg, OPC_get_list);
            cg_emit(cg, l);
            cg_emit(cg, h);
            cg_emit(cg, l);
            cg_written(f, h);
            struct cg_var *v = q->a->kind == AST_VAR && !is_anon(q->a) ? cg_var_find(f, q->a->name, q->a->len) : NULL;
            if (v && v->scope == f->scope && !v->has_home) {
                v->has_home = true;
                v->home = h;
                v->bound = true;
            } else {
                lc_x_homes(f, q->a);
                cg_match(f, q->a, h, l_next);
            }
        } else {
            cg_op0(cg, OPC_is_nonempty_list);
            cg_emit(cg, op_label(l_done));
            cg_emit(cg, l);
            cg_op h = cg_new_x(f), t = cg_new_x(f);
            cg_op0(cg, OPC_get_list);
            cg_emit(cg, l);
            cg_emit(cg, h);
            cg_emit(cg, t);
            cg_written(f, h);
            cg_written(f, t);
            cg_move(f, t, l);
            cg_match(f, q->a, h, l_next);
        }
        lc_quals(f, lc, i + 1, l_next);
        /* an element that got through jumps to l_next just before it, and
           from there back to l_loop: jump back at once (only a jump may go
           backward, so the tests still fail to l_next) */
        struct gen_module *gm = cg->g;
        if (gm->ncode >= 2 && op_eq(gm->code[gm->ncode - 2], op_opc(OPC_jump)) &&
            op_eq(gm->code[gm->ncode - 1], op_label(l_next)))
            gm->code[gm->ncode - 1] = op_label(l_loop);
        cg_emit_label(f, l_next);
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(l_loop));
        f->scope--;
        f->nvars = nv;
        cg_state_restore(f, &st);
        cg_state_free(&st);
        cg_emit_label(f, l_done);
        cg_xdead(f);
        f->xtop = 0;
        if (!bin) {
            cg_op0(cg, OPC_is_nil);
            cg_emit(cg, op_label(l_bad));
            cg_emit(cg, l);
        }
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(cont));
        cg_emit_label(f, l_bad);
        cg_xdead(f);
        cg_line(f, q->line);
        raise_tagged(f, "bad_generator", l);
        cg_free_y(f, l);
        return;
    }
    /* a filter */
    if (is_guard_expr(f, q)) {
        cg_guard_test(f, q, cont);
    } else {
        cg_op v = cg_to_reg(f, cg_expr(f, q, CG_NONE));
        uint32_t l_f = cg_label(cg), l_bad = cg_label(cg), l_ok = cg_label(cg);
        cg_op0(cg, OPC_is_eq_exact);
        cg_emit(cg, op_label(l_f));
        cg_emit(cg, v);
        cg_emit(cg, op_atom(cg_atomz(cg, "true")));
        struct cg_state ok;
        cg_state_save(f, &ok);
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(l_ok));
        cg_emit_label(f, l_f);
        cg_op0(cg, OPC_is_eq_exact);
        cg_emit(cg, op_label(l_bad));
        cg_emit(cg, v);
        cg_emit(cg, op_atom(cg_atomz(cg, "false")));
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(cont));
        cg_emit_label(f, l_bad);
        raise_tagged(f, "bad_filter", v);
        cg_emit_label(f, l_ok);
        cg_state_restore(f, &ok);
        cg_state_free(&ok);
    }
    lc_quals(f, lc, i + 1, cont);
}

static cg_op cg_comprehension(struct cg_fn *f, struct ast *e, cg_op dst) {
    struct cg *cg = f->cg;
    struct lc lc = {.e = e, .acc = cg_new_y(f)};
    cg_move(f, op_nil(), lc.acc);
    uint32_t l_end = cg_label(cg);
    lc_quals(f, &lc, 0, l_end);
    cg_emit_label(f, l_end);
    cg_xdead(f);
    f->xtop = 0;
    cg_move(f, lc.acc, op_x(0));
    f->xtop = 1;
    cg_free_y(f, lc.acc);
    cg_line(f, e->line);
    cg_op0(cg, OPC_call_ext);
    cg_emit(cg, op_u(1));
    cg_emit(cg, op_u(cg_import(cg, "lists", "reverse", 1)));
    cg_clobbered(f);
    if (e->kind == AST_BC) {
        cg_op0(cg, OPC_call_ext);
        cg_emit(cg, op_u(1));
        cg_emit(cg, op_u(cg_import(cg, "erlang", "list_to_bitstring", 1)));
        cg_clobbered(f);
    }
    (void)dst;
    return op_x(0);
}

/* A filter that is a guard test is evaluated as one (no exceptions). */
static bool is_guard_expr(struct cg_fn *f, const struct ast *e) {
    switch (e->kind) {
    case AST_VAR: case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return true;
    case AST_CONS: case AST_TUPLE: case AST_OP: case AST_UNOP:
        if (e->kind == AST_OP && (op_is(e, "!") || op_is(e, "++") || op_is(e, "--"))) return false;
        if (e->a && !is_guard_expr(f, e->a)) return false;
        if (e->b && !is_guard_expr(f, e->b)) return false;
        for (uint32_t i = 0; i < e->nitems; i++)
            if (!is_guard_expr(f, e->items[i])) return false;
        return true;
    case AST_CALL: {
        const struct ast *c = e->a;
        const char *name = NULL;
        uint32_t len = 0;
        if (c->kind == AST_ATOM) name = c->name, len = c->len;
        else if (c->kind == AST_REMOTE && name_is(c->a, "erlang") && c->b->kind == AST_ATOM)
            name = c->b->name, len = c->b->len;
        if (!name) return false;
        char buf[64];
        if (len >= sizeof buf) return false;
        memcpy(buf, name, len);
        buf[len] = 0;
        if (c->kind == AST_ATOM && cg_find_function(f->cg, buf, e->nitems) >= 0) return false;
        int fl = lint_autoimport_flags(buf, e->nitems);
        if (fl < 0 || !(fl & 2)) return false;
        for (uint32_t i = 0; i < e->nitems; i++)
            if (!is_guard_expr(f, e->items[i])) return false;
        return true;
    }
    default: return false;
    }
}

/* ---- maps and records ---- */

static cg_op map_puts(struct cg_fn *f, struct ast *e, cg_op base, uint32_t from, cg_op dst, uint32_t fail) {
    struct cg *cg = f->cg;
    uint32_t n = e->nitems;
    for (uint32_t i = from; i < n;) {
        enum ast_kind k = e->items[i]->kind;
        uint32_t j = i;
        while (j < n && e->items[j]->kind == k) j++;
        uint32_t m = j - i;
        struct ast **es = mem_malloc(2 * m * sizeof *es);
        cg_op *ops = ops_alloc(f, 2 * m);
        if (!es || !ops) {
            mem_free(es);
            mem_free(ops);
            cg->oom = true;
            return op_nil();
        }
        for (uint32_t t = 0; t < m; t++) es[2 * t] = e->items[i + t]->a, es[2 * t + 1] = e->items[i + t]->b;
        if (fail)
            for (uint32_t t = 0; t < 2 * m; t++) ops[t] = cg_guard_value(f, es[t], fail, CG_NONE);
        else
            cg_eval_list(f, es, 2 * m, ops);
        uint32_t live = cg_live(f);
        cg_op d = j == n ? target(f, dst) : cg_new_x(f);
        if (!fail) cg_line(f, e->line);
        cg_op0(cg, k == AST_MAP_EXACT ? OPC_put_map_exact : OPC_put_map_assoc);
        cg_emit(cg, op_label(fail));
        cg_emit(cg, base);
        cg_emit(cg, d);
        cg_emit(cg, op_u(live));
        cg_emit(cg, op_list(2 * m));
        for (uint32_t t = 0; t < 2 * m; t++) cg_emit(cg, ops[t]);
        cg_written(f, d);
        free_ytemps(f, ops, 2 * m);
        mem_free(es);
        mem_free(ops);
        base = d;
        i = j;
    }
    return base;
}

static cg_op cg_map(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    if (e->kind == AST_MAP) {
        struct ast empty = {.kind = AST_MAP};
        cg_op base = cg_const(f, &empty);
        if (!e->nitems) return base;
        return map_puts(f, e, base, 0, dst, fail);
    }
    cg_op base = fail ? cg_guard_value(f, e->a, fail, CG_NONE) : cg_expr(f, e->a, CG_NONE);
    if (any_clobbers(f, e->items, e->nitems) && op_is_x(base)) {
        cg_op y = cg_new_y(f);
        cg_move(f, base, y);
        base = y;
    }
    if (!e->nitems) return base;
    return map_puts(f, e, base, 0, dst, fail);
}

static cg_op cg_record_access(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    const struct ast_record_def *r = cg_record(f->cg, e->name);
    int idx = r ? cg_record_field(r, e->field) : -1;
    if (idx < 0) {
        cg_error(f, e, "record %s or field %s undefined", e->name, e->field);
        return op_nil();
    }
    cg_op v = cg_to_reg(f, fail ? cg_guard_value(f, e->a, fail, CG_NONE) : cg_expr(f, e->a, CG_NONE));
    uint32_t bad = fail ? fail : cg_stub(f, OPC_badrecord, v);
    cg_op0(f->cg, OPC_is_tagged_tuple);
    cg_emit(f->cg, op_label(bad));
    cg_emit(f->cg, v);
    cg_emit(f->cg, op_u(r->nfields + 1));
    cg_emit(f->cg, op_atom(cg_atomz(f->cg, r->name)));
    cg_op d = target(f, dst);
    cg_op0(f->cg, OPC_get_tuple_element);
    cg_emit(f->cg, v);
    cg_emit(f->cg, op_u((uint32_t)idx - 1));
    cg_emit(f->cg, d);
    cg_written(f, d);
    return d;
}

static cg_op cg_record_update(struct cg_fn *f, struct ast *e, cg_op dst) {
    struct cg *cg = f->cg;
    const struct ast_record_def *r = cg_record(cg, e->name);
    if (!r) {
        cg_error(f, e, "record %s undefined", e->name);
        return op_nil();
    }
    uint32_t n = r->nfields;
    struct ast **es = mem_calloc(n + 2, sizeof *es);
    cg_op *vals = ops_alloc(f, n + 2);
    if (!es || !vals) {
        mem_free(es);
        mem_free(vals);
        cg->oom = true;
        return op_nil();
    }
    es[0] = e->a;
    uint32_t m = 1;
    int *which = mem_calloc(n + 1, sizeof *which);
    for (uint32_t i = 0; i < e->nitems && which; i++) {
        int idx = cg_record_field(r, e->items[i]->field);
        if (idx < 0) continue;
        which[idx - 2] = (int)m;
        es[m++] = e->items[i]->a;
    }
    cg_op *ops = ops_alloc(f, m);
    if (!ops || !which) {
        mem_free(es), mem_free(vals), mem_free(ops), mem_free(which);
        return op_nil();
    }
    cg_eval_list(f, es, m, ops);
    cg_op v = cg_to_reg(f, ops[0]);
    uint32_t bad = cg_stub(f, OPC_badrecord, v);
    cg_op0(cg, OPC_is_tagged_tuple);
    cg_emit(cg, op_label(bad));
    cg_emit(cg, v);
    cg_emit(cg, op_u(n + 1));
    cg_emit(cg, op_atom(cg_atomz(cg, r->name)));
    for (uint32_t i = 0; i < n; i++) {
        if (which[i]) {
            vals[i] = ops[which[i]];
            continue;
        }
        vals[i] = cg_new_x(f);
        cg_op0(cg, OPC_get_tuple_element);
        cg_emit(cg, v);
        cg_emit(cg, op_u(i + 1));
        cg_emit(cg, vals[i]);
        cg_written(f, vals[i]);
    }
    cg_heap(f, n + 2);
    cg_op d = target(f, dst);
    cg_op0(cg, OPC_put_tuple);
    cg_emit(cg, d);
    cg_emit(cg, op_list(n + 1));
    cg_emit(cg, op_atom(cg_atomz(cg, r->name)));
    for (uint32_t i = 0; i < n; i++) cg_emit(cg, vals[i]);
    cg_written(f, d);
    free_ytemps(f, ops, m);
    mem_free(es), mem_free(vals), mem_free(ops), mem_free(which);
    return d;
}

/* ---- dispatch ---- */

cg_op cg_expr_to(struct cg_fn *f, struct ast *e, cg_op dst) {
    cg_op o = cg_expr(f, e, dst);
    cg_move(f, o, dst);
    return dst;
}

cg_op cg_guard_value(struct cg_fn *f, struct ast *g, uint32_t fail, cg_op dst);
cg_op cg_expr_in(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail);

cg_op cg_expr(struct cg_fn *f, struct ast *e, cg_op dst) { return cg_expr_in(f, e, dst, 0); }

static bool writes_dst_last(const struct ast *e) {
    if (e->kind == AST_CONS || e->kind == AST_TUPLE) return true;
    return e->kind == AST_OP && !op_is(e, "andalso") && !op_is(e, "orelse");
}

cg_op cg_expr_in(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    if (f->cg->oom) return op_nil();
    if (e->line) f->line = e->line;
    /* a clobbering expression must not leave its value in an x register
       early; a term build or an operator writes dst only at its end */
    if (op_is_x(dst) && f->allocated && !fail && cg_clobbers(f, e) && !writes_dst_last(e)) dst = CG_NONE;
    if (cg_is_const(e)) return cg_const(f, e);
    switch (e->kind) {
    case AST_VAR: {
        struct cg_var *v = is_anon(e) ? NULL : cg_var_find(f, e->name, e->len);
        if (!v || !v->bound) {
            cg_error(f, e, "variable '%.*s' is unbound", (int)e->len, e->name);
            return op_nil();
        }
        return v->home;
    }
    case AST_CONS: case AST_TUPLE:
        if (fail) {
            /* guard: elements are guard values */
            uint32_t n = e->kind == AST_TUPLE ? e->nitems : 2;
            cg_op ops[256];
            if (n > 256) return op_nil();
            for (uint32_t i = 0; i < n; i++)
                ops[i] = cg_guard_value(f, e->kind == AST_TUPLE ? e->items[i] : (i ? e->b : e->a), fail, CG_NONE);
            cg_heap(f, e->kind == AST_TUPLE ? n + 1 : 2);
            cg_op d = target(f, dst);
            if (e->kind == AST_TUPLE) {
                cg_op0(f->cg, OPC_put_tuple);
                cg_emit(f->cg, d);
                cg_emit(f->cg, op_list(n));
                for (uint32_t i = 0; i < n; i++) cg_emit(f->cg, ops[i]);
            } else {
                cg_op0(f->cg, OPC_put_list);
                cg_emit(f->cg, ops[0]);
                cg_emit(f->cg, ops[1]);
                cg_emit(f->cg, d);
            }
            cg_written(f, d);
            return d;
        }
        return cg_build(f, e, dst);
    case AST_MATCH: {
        struct ast *p = e->a;
        if (p->kind == AST_VAR && !is_anon(p)) {
            struct cg_var *v = cg_var(f, p->name, p->len);
            if (!v->bound) {
                cg_op home = cg_var_home(f, v);
                cg_op o = cg_expr(f, e->b, home);
                cg_move(f, o, home);
                /* e->b may add variables and move f->vars: find v again */
                v = cg_var_find(f, p->name, p->len);
                if (v) v->bound = true;
                return home;
            }
        }
        cg_op o = cg_to_reg(f, cg_expr(f, e->b, CG_NONE));
        uint32_t l = cg_stub(f, OPC_badmatch, o);
        cg_match(f, p, o, l);
        return o;
    }
    case AST_OP:
        if (op_is(e, "andalso") || op_is(e, "orelse")) return cg_shortcircuit(f, e, dst, fail);
        if (op_is(e, "!")) {
            struct ast *kids[2] = {e->a, e->b};
            cg_op ops[2];
            cg_eval_list(f, kids, 2, ops);
            cg_parallel_move(f, ops, 2);
            free_ytemps(f, ops, 2);
            cg_line(f, e->line);
            cg_op0(f->cg, OPC_send);
            cg_clobbered(f);
            return op_x(0);
        }
        return cg_binop(f, e, dst, fail);
    case AST_UNOP: return cg_unop(f, e, dst, fail);
    case AST_CALL: return cg_call(f, e, dst, false, fail);
    case AST_FUN: return cg_fun(f, e, dst);
    case AST_FUN_REF: return cg_fun_ref(f, e, dst);
    case AST_CASE: return cg_case(f, e, dst, false);
    case AST_IF: return cg_case(f, e, dst, false);
    case AST_RECEIVE: return cg_receive(f, e, dst, false);
    case AST_TRY: return cg_try(f, e, dst);
    case AST_CATCH: return cg_catch(f, e);
    case AST_BLOCK: return cg_body(f, e->body, e->nbody, false, dst);
    case AST_LC: case AST_BC: {
        struct ast *call = lc_lifted(f, e);
        return call ? cg_call(f, call, dst, false, fail) : cg_comprehension(f, e, dst);
    }
    case AST_MAP: case AST_MAP_UPDATE: return cg_map(f, e, dst, fail);
    case AST_BIN: return cg_bin_build(f, e, dst, fail);
    case AST_RECORD: return cg_expr_in(f, cg_record_tuple(f, e, false), dst, fail);
    case AST_RECORD_ACCESS: return cg_record_access(f, e, dst, fail);
    case AST_RECORD_UPDATE: return cg_record_update(f, e, dst);
    case AST_RECORD_INDEX: {
        const struct ast_record_def *r = cg_record(f->cg, e->name);
        int idx = r ? cg_record_field(r, e->field) : -1;
        if (idx < 0) cg_error(f, e, "record %s or field %s undefined", e->name, e->field);
        return op_int(idx);
    }
    default: cg_error(f, e, "cannot compile this expression"); return op_nil();
    }
}

static void cg_tail(struct cg_fn *f, struct ast *e) {
    if (e->line) f->line = e->line;
    switch (e->kind) {
    case AST_CALL: cg_call(f, e, CG_NONE, true, 0); return;
    case AST_CASE: cg_case(f, e, CG_NONE, true); return;
    case AST_IF: cg_case(f, e, CG_NONE, true); return;
    case AST_RECEIVE: cg_receive(f, e, CG_NONE, true); return;
    case AST_BLOCK: cg_body(f, e->body, e->nbody, true, CG_NONE); return;
    case AST_LC: {
        struct ast *call = lc_lifted(f, e);
        if (call) {
            cg_call(f, call, CG_NONE, true, 0);
            return;
        }
        cg_op o = cg_comprehension(f, e, op_x(0));
        cg_move(f, o, op_x(0));
        cg_return(f);
        return;
    }
    default: {
        cg_op o = cg_expr(f, e, op_x(0));
        cg_move(f, o, op_x(0));
        cg_return(f);
    }
    }
}

/* ---- the reference-receive optimisation ---- */

static bool uses_var(const struct ast *e, const struct ast *v) {
    if (!e) return false;
    if (e->kind == AST_VAR) return e->len == v->len && !memcmp(e->name, v->name, v->len);
    if (uses_var(e->a, v) || uses_var(e->b, v) || uses_var(e->c, v)) return true;
    for (uint32_t i = 0; i < e->nitems; i++)
        if (uses_var(e->items[i], v)) return true;
    return false;
}

/* `Var = make_ref()` or `Var = monitor(...)` (erlang: or auto-imported):
   Var, else NULL. */
static const struct ast *new_ref_var(struct cg_fn *f, const struct ast *e) {
    if (e->kind != AST_MATCH || e->a->kind != AST_VAR || is_anon(e->a) || e->b->kind != AST_CALL) return NULL;
    const struct ast *c = e->b, *fn = c->a;
    if (fn->kind == AST_REMOTE) {
        if (fn->a->kind != AST_ATOM || !name_is(fn->a, "erlang")) return NULL;
        fn = fn->b;
    } else if (fn->kind != AST_ATOM || cg_find_function(f->cg, "make_ref", 0) >= 0 ||
               cg_find_function(f->cg, "monitor", 2) >= 0) {
        return NULL;
    }
    if (fn->kind != AST_ATOM) return NULL;
    if ((c->nitems == 0 && name_is(fn, "make_ref")) || ((c->nitems == 2 || c->nitems == 3) && name_is(fn, "monitor")))
        return e->a;
    return NULL;
}

/* The receive among body[from..n) (alone or as `P = receive ...`) whose
   every clause matches on v: no message that was queued before v existed
   can match it. */
static const struct ast *ref_receive(struct ast **body, uint32_t from, uint32_t n, const struct ast *v) {
    for (uint32_t j = from; j < n; j++) {
        const struct ast *r = body[j];
        if (r->kind == AST_MATCH && !uses_var(r->a, v)) r = r->b;
        if (r->kind != AST_RECEIVE) continue;
        if (!r->nclauses) return NULL;
        for (uint32_t k = 0; k < r->nclauses; k++)
            if (r->clauses[k].npatterns != 1 || !uses_var(r->clauses[k].patterns[0], v)) return NULL;
        return r;
    }
    return NULL;
}

cg_op cg_body(struct cg_fn *f, struct ast **body, uint32_t n, bool tail, cg_op dst) {
    for (uint32_t i = 0; i + 1 < n; i++) {
        const struct ast *v = new_ref_var(f, body[i]);
        const struct ast *r = v ? ref_receive(body, i + 1, n, v) : NULL;
        if (r) {
            /* messages queued from here on are the only candidates */
            cg_op0(f->cg, OPC_recv_mark);
            f->ref_receive = r;
        }
        uint32_t mark = f->xtop;
        cg_expr(f, body[i], CG_NONE);
        cg_release(f, mark);
    }
    if (!n) return op_nil();
    if (tail) {
        cg_tail(f, body[n - 1]);
        return op_x(0);
    }
    return cg_expr(f, body[n - 1], dst);
}

void cg_clause_body(struct cg_fn *f, struct ast_clause *c) { cg_body(f, c->body, c->nbody, true, CG_NONE); }
