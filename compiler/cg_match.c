/*
 * cg_match.c — lowering patterns, guards and the bit syntax.
 *
 * cg_match tests a value (a register) against a pattern, jumping to `fail`
 * at the first mismatch and binding variables to their homes on the way.
 * Guards are tests that jump to `fail` instead of raising: guard values
 * use the same builders as expressions with a fail label (cg_expr_in).
 */
#include <string.h>

#include "../vm/strbuf.h"
#include "alloc.h"
#include "arena.h"
#include "cg.h"

cg_op cg_expr_in(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail);

static bool is_anon(const struct ast *e) { return e->kind == AST_VAR && e->len == 1 && e->name[0] == '_'; }
static bool op_is(const struct ast *e, const char *s) { return e->op && strcmp(e->op, s) == 0; }

static void test1(struct cg_fn *f, uint32_t opc, uint32_t fail, cg_op a) {
    cg_op0(f->cg, opc);
    cg_emit(f->cg, op_label(fail));
    cg_emit(f->cg, a);
}

static void test2(struct cg_fn *f, uint32_t opc, uint32_t fail, cg_op a, cg_op b) {
    test1(f, opc, fail, a);
    cg_emit(f->cg, b);
}

/* ---- records as tuples ---- */

static struct ast **arena_alloc_items(struct cg *cg, uint32_t n) {
    struct ast **items = arena_alloc(cg->m->arena, (n + 1) * sizeof *items);
    if (!items) cg->oom = true;
    return items;
}

struct ast *cg_record_tuple(struct cg_fn *f, struct ast *e, bool pattern) {
    struct cg *cg = f->cg;
    const struct ast_record_def *r = cg_record(cg, e->name);
    struct ast *t = cg_new_node(cg, AST_TUPLE, e);
    if (!r) {
        cg_error(f, e, "record %s undefined", e->name);
        return t;
    }
    t->nitems = r->nfields + 1;
    t->items = arena_alloc_items(cg, t->nitems);
    if (!t->items) {
        t->nitems = 0;
        return t;
    }
    struct ast *tag = cg_new_node(cg, AST_ATOM, e);
    tag->name = r->name;
    tag->len = (uint32_t)strlen(r->name);
    t->items[0] = tag;
    struct ast *rest = NULL; /* `_ = V` */
    for (uint32_t i = 0; i < e->nitems; i++)
        if (strcmp(e->items[i]->field, "_") == 0) rest = e->items[i]->a;
    for (uint32_t k = 0; k < r->nfields; k++) {
        struct ast *v = NULL;
        for (uint32_t i = 0; i < e->nitems; i++)
            if (strcmp(e->items[i]->field, r->fields[k].name) == 0) v = e->items[i]->a;
        if (!v) v = rest;
        if (!v && pattern) {
            v = cg_new_node(cg, AST_VAR, e);
            v->name = "_";
            v->len = 1;
        }
        if (!v) v = r->fields[k].init;
        if (!v) {
            v = cg_new_node(cg, AST_ATOM, e);
            v->name = "undefined";
            v->len = 9;
        }
        t->items[k + 1] = v;
    }
    return t;
}

/* ---- patterns ---- */

static bool const_int(const struct ast *p, int64_t *v) {
    if (p->kind == AST_INT && !p->big) return *v = p->ival, true;
    if (p->kind == AST_UNOP && op_is(p, "-") && p->a->kind == AST_INT && !p->a->big) return *v = -p->a->ival, true;
    return false;
}

/* `"abc" ++ Tail` in a pattern */
static struct ast *prefix_to_list(struct cg_fn *f, struct ast *p) {
    struct ast *s = p->a, *tail = p->b;
    if (s->kind == AST_NIL) return tail;
    if (s->kind == AST_STRING) {
        struct ast *l = tail;
        for (uint32_t i = s->nchars; i-- > 0;) {
            struct ast *c = cg_new_node(f->cg, AST_CONS, p);
            struct ast *ch = cg_new_node(f->cg, AST_INT, p);
            ch->ival = s->chars[i];
            c->a = ch;
            c->b = l;
            l = c;
        }
        return l;
    }
    if (s->kind == AST_CONS) { /* [a, b] ++ T */
        struct ast *c = cg_new_node(f->cg, AST_CONS, p);
        struct ast *rest = cg_new_node(f->cg, AST_OP, p);
        rest->op = "++";
        rest->a = s->b;
        rest->b = tail;
        c->a = s->a;
        c->b = rest;
        return c;
    }
    cg_error(f, p, "illegal pattern");
    return tail;
}

static cg_op elem_dst(struct cg_fn *f, struct ast *p, bool *bound_now) {
    *bound_now = false;
    if (p->kind == AST_VAR && !is_anon(p)) {
        struct cg_var *v = cg_var(f, p->name, p->len);
        if (!v->bound) {
            *bound_now = true;
            return cg_var_home(f, v);
        }
    }
    return cg_new_x(f);
}

static void bind_done(struct cg_fn *f, struct ast *p) {
    struct cg_var *v = cg_var_find(f, p->name, p->len);
    if (v) v->bound = true;
}

void cg_match(struct cg_fn *f, struct ast *p, cg_op src, uint32_t fail) {
    struct cg *cg = f->cg;
    if (cg->oom) return;
    if (!op_is_reg(src)) src = cg_to_reg(f, src);
    int64_t iv;
    switch (p->kind) {
    case AST_VAR: {
        if (is_anon(p)) return;
        struct cg_var *v = cg_var(f, p->name, p->len);
        if (v->bound) {
            test2(f, OPC_is_eq_exact, fail, src, v->home);
            return;
        }
        cg_move(f, src, cg_var_home(f, v));
        v->bound = true;
        return;
    }
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_NIL: case AST_STRING:
        if (p->kind == AST_STRING && p->nchars) break;
        test2(f, OPC_is_eq_exact, fail, src, cg_const(f, p));
        return;
    case AST_UNOP:
        if (const_int(p, &iv) || (op_is(p, "-") && p->a->kind == AST_FLOAT) || cg_is_const(p)) {
            test2(f, OPC_is_eq_exact, fail, src, cg_const(f, p));
            return;
        }
        cg_error(f, p, "illegal pattern");
        return;
    case AST_MATCH:
        cg_match(f, p->a, src, fail);
        cg_match(f, p->b, src, fail);
        return;
    case AST_TUPLE: {
        uint32_t n = p->nitems;
        if (n > 0 && p->items[0]->kind == AST_ATOM) {
            cg_op0(cg, OPC_is_tagged_tuple);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, src);
            cg_emit(cg, op_u(n));
            cg_emit(cg, cg_const(f, p->items[0]));
        } else {
            test1(f, OPC_is_tuple, fail, src);
            test1(f, OPC_test_arity, fail, src);
            cg_emit(cg, op_u(n));
        }
        for (uint32_t i = 0; i < n; i++) {
            struct ast *el = p->items[i];
            if (is_anon(el) || (i == 0 && el->kind == AST_ATOM)) continue;
            bool now;
            cg_op d = elem_dst(f, el, &now);
            cg_op0(cg, OPC_get_tuple_element);
            cg_emit(cg, src);
            cg_emit(cg, op_u(i));
            cg_emit(cg, d);
            cg_written(f, d);
            if (now) bind_done(f, el);
            else cg_match(f, el, d, fail);
        }
        return;
    }
    case AST_CONS: {
        test1(f, OPC_is_nonempty_list, fail, src);
        bool ah = is_anon(p->a), at = is_anon(p->b);
        if (ah && at) return;
        bool nh = false, nt = false;
        cg_op h = ah ? CG_NONE : elem_dst(f, p->a, &nh);
        cg_op t = at ? CG_NONE : elem_dst(f, p->b, &nt);
        if (ah || at) {
            cg_op0(cg, ah ? OPC_get_tl : OPC_get_hd);
            cg_emit(cg, src);
            cg_emit(cg, ah ? t : h);
        } else {
            cg_op0(cg, OPC_get_list);
            cg_emit(cg, src);
            cg_emit(cg, h);
            cg_emit(cg, t);
        }
        if (!ah) cg_written(f, h);
        if (!at) cg_written(f, t);
        if (!ah) {
            if (nh) bind_done(f, p->a);
            else cg_match(f, p->a, h, fail);
        }
        if (!at) {
            if (nt) bind_done(f, p->b);
            else cg_match(f, p->b, t, fail);
        }
        return;
    }
    case AST_MAP: {
        test1(f, OPC_is_map, fail, src);
        for (uint32_t i = 0; i < p->nitems; i++) {
            struct ast *kv = p->items[i];
            cg_op key = cg_is_const(kv->a) ? cg_const(f, kv->a) : cg_guard_value(f, kv->a, fail, CG_NONE);
            bool now;
            cg_op d = elem_dst(f, kv->b, &now);
            if (is_anon(kv->b)) d = cg_new_x(f);
            cg_op0(cg, OPC_get_map_elements);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, src);
            cg_emit(cg, op_list(2));
            cg_emit(cg, key);
            cg_emit(cg, d);
            cg_written(f, d);
            if (now) bind_done(f, kv->b);
            else if (!is_anon(kv->b)) cg_match(f, kv->b, d, fail);
        }
        return;
    }
    case AST_BIN: {
        uint32_t live = cg_live(f);
        cg_op ctx = cg_new_x(f);
        cg_op0(cg, OPC_bs_start_match);
        cg_emit(cg, op_label(fail));
        cg_emit(cg, op_u(live));
        cg_emit(cg, src);
        cg_emit(cg, ctx);
        cg_written(f, ctx);
        cg_bin_segments(f, p, ctx, fail, true);
        return;
    }
    case AST_RECORD:
        cg_match(f, cg_record_tuple(f, p, true), src, fail);
        return;
    case AST_OP:
        if (op_is(p, "++")) {
            cg_match(f, prefix_to_list(f, p), src, fail);
            return;
        }
        if (cg_is_const(p)) break;
        /* constant arithmetic in a pattern: evaluate and compare */
        {
            cg_op v = cg_expr_in(f, p, CG_NONE, fail);
            test2(f, OPC_is_eq_exact, fail, src, v);
        }
        return;
    case AST_RECORD_INDEX: {
        const struct ast_record_def *r = cg_record(cg, p->name);
        int idx = r ? cg_record_field(r, p->field) : -1;
        test2(f, OPC_is_eq_exact, fail, src, op_int(idx));
        return;
    }
    default: break;
    }
    if (cg_is_const(p)) {
        /* a string or other constant: compare with the literal */
        test2(f, OPC_is_eq_exact, fail, src, cg_const(f, p));
        return;
    }
    cg_error(f, p, "illegal pattern");
}

/* ---- guards ---- */

cg_op cg_guard_value(struct cg_fn *f, struct ast *g, uint32_t fail, cg_op dst) {
    return cg_expr_in(f, g, dst, fail);
}

static const struct {
    const char *name;
    uint32_t arity, opc;
} type_tests[] = {
    {"is_integer", 1, OPC_is_integer}, {"is_float", 1, OPC_is_float},   {"is_number", 1, OPC_is_number},
    {"is_atom", 1, OPC_is_atom},       {"is_pid", 1, OPC_is_pid},       {"is_reference", 1, OPC_is_reference},
    {"is_port", 1, OPC_is_port},       {"is_list", 1, OPC_is_list},     {"is_tuple", 1, OPC_is_tuple},
    {"is_binary", 1, OPC_is_binary},   {"is_bitstring", 1, OPC_is_bitstring},
    {"is_function", 1, OPC_is_function}, {"is_function", 2, OPC_is_function2},
    {"is_boolean", 1, OPC_is_boolean}, {"is_map", 1, OPC_is_map},
};

static const struct {
    const char *op;
    uint32_t opc;
    bool swap;
} cmp_ops[] = {
    {"<", OPC_is_lt, false},  {">", OPC_is_lt, true},       {"=<", OPC_is_ge, true},
    {">=", OPC_is_ge, false}, {"==", OPC_is_eq, false},     {"/=", OPC_is_ne, false},
    {"=:=", OPC_is_eq_exact, false}, {"=/=", OPC_is_ne_exact, false},
};

static bool guard_call_name(struct cg_fn *f, const struct ast *g, char *buf, size_t size) {
    const struct ast *c = g->a;
    if (c->kind == AST_REMOTE) {
        if (c->a->kind != AST_ATOM || c->a->len != 6 || memcmp(c->a->name, "erlang", 6) != 0) return false;
        c = c->b;
    }
    if (c->kind != AST_ATOM || c->len >= size) return false;
    memcpy(buf, c->name, c->len);
    buf[c->len] = 0;
    if (g->a->kind == AST_ATOM && cg_find_function(f->cg, buf, g->nitems) >= 0) {
        /* a local function of that name is not the BIF (lint has checked) */
        int fl = lint_autoimport_flags(buf, g->nitems);
        if (fl < 0) return false;
    }
    return true;
}

void cg_guard_test(struct cg_fn *f, struct ast *g, uint32_t fail) {
    struct cg *cg = f->cg;
    if (g->line) f->line = g->line;
    uint32_t mark = f->xtop;
    if (g->kind == AST_ATOM) {
        if (!(g->len == 4 && memcmp(g->name, "true", 4) == 0)) {
            cg_op0(cg, OPC_jump);
            cg_emit(cg, op_label(fail));
        }
        return;
    }
    if (g->kind == AST_CALL) {
        char name[64];
        if (guard_call_name(f, g, name, sizeof name)) {
            for (size_t i = 0; i < sizeof type_tests / sizeof *type_tests; i++) {
                if (strcmp(type_tests[i].name, name) != 0 || type_tests[i].arity != g->nitems) continue;
                cg_op a = cg_guard_value(f, g->items[0], fail, CG_NONE);
                test1(f, type_tests[i].opc, fail, a);
                if (g->nitems == 2) cg_emit(cg, cg_guard_value(f, g->items[1], fail, CG_NONE));
                cg_release(f, mark);
                return;
            }
            if (strcmp(name, "is_record") == 0 && g->nitems >= 2 && g->items[1]->kind == AST_ATOM) {
                const struct ast_record_def *r = NULL;
                char rn[256];
                if (g->items[1]->len < sizeof rn) {
                    memcpy(rn, g->items[1]->name, g->items[1]->len);
                    rn[g->items[1]->len] = 0;
                    r = cg_record(cg, rn);
                }
                int64_t size = -1;
                if (g->nitems == 3 && g->items[2]->kind == AST_INT) size = g->items[2]->ival;
                else if (g->nitems == 2 && r) size = r->nfields + 1;
                if (size > 0) {
                    cg_op a = cg_to_reg(f, cg_guard_value(f, g->items[0], fail, CG_NONE));
                    cg_op0(cg, OPC_is_tagged_tuple);
                    cg_emit(cg, op_label(fail));
                    cg_emit(cg, a);
                    cg_emit(cg, op_u((uint64_t)size));
                    cg_emit(cg, cg_const(f, g->items[1]));
                    cg_release(f, mark);
                    return;
                }
            }
        }
    }
    if (g->kind == AST_OP) {
        for (size_t i = 0; i < sizeof cmp_ops / sizeof *cmp_ops; i++) {
            if (!op_is(g, cmp_ops[i].op)) continue;
            cg_op a = cg_guard_value(f, g->a, fail, CG_NONE);
            cg_op b = cg_guard_value(f, g->b, fail, CG_NONE);
            if (cmp_ops[i].swap) test2(f, cmp_ops[i].opc, fail, b, a);
            else test2(f, cmp_ops[i].opc, fail, a, b);
            cg_release(f, mark);
            return;
        }
        if (op_is(g, "andalso")) {
            cg_guard_test(f, g->a, fail);
            cg_guard_test(f, g->b, fail);
            return;
        }
        if (op_is(g, "orelse") && 0) {
            uint32_t l_right = cg_label(cg), l_ok = cg_label(cg);
            struct cg_state st;
            cg_state_save(f, &st);
            cg_guard_test(f, g->a, l_right);
            cg_op0(cg, OPC_jump);
            cg_emit(cg, op_label(l_ok));
            cg_state_restore(f, &st);
            cg_emit_label(f, l_right);
            cg_guard_test(f, g->b, fail);
            cg_emit_label(f, l_ok);
            cg_state_restore(f, &st);
            cg_state_free(&st);
            return;
        }
    }
    if (g->kind == AST_UNOP && op_is(g, "not")) {
        /* not G: G must evaluate to a boolean; false passes */
        cg_op v = cg_to_reg(f, cg_guard_value(f, g->a, fail, CG_NONE));
        test2(f, OPC_is_eq_exact, fail, v, op_atom(cg_atomz(cg, "false")));
        cg_release(f, mark);
        return;
    }
    cg_op v = cg_guard_value(f, g, fail, CG_NONE);
    test2(f, OPC_is_eq_exact, fail, v, op_atom(cg_atomz(cg, "true")));
    cg_release(f, mark);
}

void cg_guards(struct cg_fn *f, const struct ast_clause *c, uint32_t fail) {
    if (!c->nguards) return;
    struct cg *cg = f->cg;
    uint32_t l_ok = cg_label(cg);
    struct cg_state st;
    cg_state_save(f, &st);
    for (uint32_t k = 0; k < c->nguards; k++) {
        bool last = k + 1 == c->nguards;
        uint32_t next = last ? fail : cg_label(cg);
        for (uint32_t i = 0; i < c->guards[k].ntests; i++) cg_guard_test(f, c->guards[k].tests[i], next);
        if (!last) {
            cg_op0(cg, OPC_jump);
            cg_emit(cg, op_label(l_ok));
            cg_state_restore(f, &st);
            cg_emit_label(f, next);
        }
    }
    if (c->nguards > 1) {
        cg_emit_label(f, l_ok);
        cg_state_restore(f, &st);
    }
    cg_state_free(&st);
}

/* ---- the bit syntax ---- */

struct seg_type {
    const char *type; /* "integer" "float" "binary" "utf8" "utf16" "utf32" */
    uint32_t unit, flags;
    bool unit_set;
};

static struct seg_type seg_type(const struct ast *el) {
    struct seg_type t = {"integer", 1, 0, false};
    for (uint32_t i = 0; i < el->ntypes; i++) {
        const char *n = el->types[i].name;
        if (!strcmp(n, "integer") || !strcmp(n, "float") || !strcmp(n, "utf8") || !strcmp(n, "utf16") ||
            !strcmp(n, "utf32"))
            t.type = n;
        else if (!strcmp(n, "binary") || !strcmp(n, "bytes")) t.type = "binary", t.unit = t.unit_set ? t.unit : 8;
        else if (!strcmp(n, "bitstring") || !strcmp(n, "bits")) t.type = "binary", t.unit = t.unit_set ? t.unit : 1;
        else if (!strcmp(n, "little")) t.flags |= 1;
        else if (!strcmp(n, "signed")) t.flags |= 2;
        else if (!strcmp(n, "native")) t.flags |= 4;
        else if (!strcmp(n, "unit")) t.unit = el->types[i].unit, t.unit_set = true;
    }
    if (!strcmp(t.type, "binary") && !t.unit_set) {
        bool bits = false;
        for (uint32_t i = 0; i < el->ntypes; i++)
            if (!strcmp(el->types[i].name, "bitstring") || !strcmp(el->types[i].name, "bits")) bits = true;
        t.unit = bits ? 1 : 8;
    }
    return t;
}

static bool is_utf(const char *t) { return !strncmp(t, "utf", 3); }

static cg_op lit_binary(struct cg_fn *f, const struct ast *s) {
    struct strbuf sb = STRBUF_INIT;
    sb_putc(&sb, (char)131);
    sb_putc(&sb, 109);
    for (int i = 3; i >= 0; i--) sb_putc(&sb, (char)(s->nchars >> (i * 8)));
    for (uint32_t i = 0; i < s->nchars; i++) sb_putc(&sb, (char)s->chars[i]);
    uint32_t l = cg_lit(f->cg, (const uint8_t *)sb.data, (uint32_t)sb.len);
    sb_free(&sb);
    return op_lit(l);
}

void cg_bin_segments(struct cg_fn *f, struct ast *pat, cg_op ctx, uint32_t fail, bool whole) {
    struct cg *cg = f->cg;
    bool tail_checked = !whole;
    for (uint32_t i = 0; i < pat->nitems; i++) {
        struct ast *el = pat->items[i];
        struct ast *v = el->a;
        bool last = i + 1 == pat->nitems;
        struct seg_type t = seg_type(el);
        if (v->kind == AST_STRING && !el->ntypes && !el->b) {
            cg_op0(cg, OPC_bs_match_string);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, ctx);
            cg_emit(cg, op_u((uint64_t)v->nchars * 8));
            cg_emit(cg, lit_binary(f, v));
            continue;
        }
        cg_op size;
        if (el->b) {
            int64_t n;
            if (el->b->kind == AST_INT && !el->b->big) n = el->b->ival, size = op_int(n);
            else size = cg_guard_value(f, el->b, fail, CG_NONE);
        } else if (!strcmp(t.type, "binary")) {
            size = op_atom(cg_atomz(cg, "all"));
            if (last) tail_checked = true;
        } else if (!strcmp(t.type, "float")) {
            size = op_int(64);
        } else {
            size = op_int(8);
        }
        if (is_utf(t.type)) {
            bool now;
            cg_op d = is_anon(v) ? cg_new_x(f) : CG_NONE;
            if (op_none(d)) {
                if (v->kind == AST_VAR) {
                    struct cg_var *cv = cg_var(f, v->name, v->len);
                    now = !cv->bound;
                    d = now ? cg_var_home(f, cv) : cg_new_x(f);
                } else {
                    now = false;
                    d = cg_new_x(f);
                }
            } else {
                now = false;
            }
            if (!strcmp(t.type, "utf8")) {
                cg_op0(cg, OPC_bs_get_utf8);
                cg_emit(cg, op_label(fail));
                cg_emit(cg, ctx);
            } else {
                cg_op0(cg, !strcmp(t.type, "utf16") ? OPC_bs_get_utf16 : OPC_bs_get_utf32);
                cg_emit(cg, op_label(fail));
                cg_emit(cg, ctx);
                cg_emit(cg, op_u(t.flags));
            }
            cg_emit(cg, d);
            cg_written(f, d);
            if (now) {
                struct cg_var *cv = cg_var_find(f, v->name, v->len);
                cv->bound = true;
            } else if (!is_anon(v)) {
                cg_match(f, v, d, fail);
            }
            continue;
        }
        if (is_anon(v)) {
            cg_op0(cg, OPC_bs_skip_bits);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, ctx);
            cg_emit(cg, size);
            cg_emit(cg, op_u(t.unit));
            cg_emit(cg, op_u(t.flags));
            continue;
        }
        bool now = false;
        cg_op d;
        if (v->kind == AST_VAR) {
            struct cg_var *cv = cg_var(f, v->name, v->len);
            now = !cv->bound;
            if (now) {
                d = cg_var_home(f, cv);
            } else {
                d = CG_NONE;
            }
        } else {
            d = CG_NONE;
        }
        uint32_t live = cg_live(f);
        if (op_none(d)) d = cg_new_x(f);
        uint32_t opc = !strcmp(t.type, "float") ? OPC_bs_get_float
                       : !strcmp(t.type, "binary") ? OPC_bs_get_binary : OPC_bs_get_integer;
        cg_op0(cg, opc);
        cg_emit(cg, op_label(fail));
        cg_emit(cg, ctx);
        cg_emit(cg, op_u(live));
        cg_emit(cg, size);
        cg_emit(cg, op_u(t.unit));
        cg_emit(cg, op_u(t.flags));
        cg_emit(cg, d);
        cg_written(f, d);
        if (now) {
            struct cg_var *cv = cg_var_find(f, v->name, v->len);
            cv->bound = true;
        } else {
            cg_match(f, v, d, fail);
        }
    }
    if (!tail_checked) {
        cg_op0(cg, OPC_bs_test_tail);
        cg_emit(cg, op_label(fail));
        cg_emit(cg, ctx);
        cg_emit(cg, op_u(0));
    }
}

/* <<"abc"/utf8>>, <<"ab":16>>: a string with a type or size is one
   segment per character */
static struct ast *expand_strings(struct cg_fn *f, struct ast *e) {
    uint32_t n = 0;
    bool any = false;
    for (uint32_t i = 0; i < e->nitems; i++) {
        struct ast *el = e->items[i];
        bool typed = el->a->kind == AST_STRING && (el->ntypes || el->b);
        any = any || typed;
        n += typed ? el->a->nchars : 1;
    }
    if (!any) return e;
    struct cg *cg = f->cg;
    struct ast *b = cg_new_node(cg, AST_BIN, e);
    b->items = arena_alloc_items(cg, n);
    if (!b->items) return e;
    for (uint32_t i = 0; i < e->nitems; i++) {
        struct ast *el = e->items[i];
        if (!(el->a->kind == AST_STRING && (el->ntypes || el->b))) {
            b->items[b->nitems++] = el;
            continue;
        }
        for (uint32_t k = 0; k < el->a->nchars; k++) {
            struct ast *s = cg_new_node(cg, AST_BIN_ELEMENT, el), *c = cg_new_node(cg, AST_INT, el);
            c->ival = el->a->chars[k];
            *s = *el;
            s->a = c;
            b->items[b->nitems++] = s;
        }
    }
    return b;
}

cg_op cg_bin_build(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail) {
    struct cg *cg = f->cg;
    e = expand_strings(f, e);
    uint32_t n = e->nitems;
    struct ast **es = mem_calloc(2 * n + 1, sizeof *es);
    cg_op *ops = mem_calloc(2 * n + 1, sizeof *ops);
    if (!es || !ops) {
        mem_free(es);
        mem_free(ops);
        cg->oom = true;
        return op_nil();
    }
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct ast *el = e->items[i];
        if (!(el->a->kind == AST_STRING && !el->ntypes && !el->b)) es[m++] = el->a;
        if (el->b && !(el->b->kind == AST_INT && !el->b->big)) es[m++] = el->b;
    }
    if (fail)
        for (uint32_t i = 0; i < m; i++) ops[i] = cg_guard_value(f, es[i], fail, CG_NONE);
    else
        cg_eval_list(f, es, m, ops);
    uint32_t live = cg_live(f);
    cg_op d = op_none(dst) ? cg_new_x(f) : dst;
    if (!fail) cg_line(f, e->line);
    cg_op0(cg, OPC_bs_create);
    cg_emit(cg, op_label(fail));
    cg_emit(cg, op_u(live));
    cg_emit(cg, d);
    cg_emit(cg, op_list(5 * n));
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        struct ast *el = e->items[i];
        if (el->a->kind == AST_STRING && !el->ntypes && !el->b) {
            cg_emit(cg, op_atom(cg_atomz(cg, "string")));
            cg_emit(cg, op_u(8));
            cg_emit(cg, op_u(0));
            cg_emit(cg, lit_binary(f, el->a));
            cg_emit(cg, op_int((int64_t)el->a->nchars * 8));
            continue;
        }
        struct seg_type t = seg_type(el);
        cg_emit(cg, op_atom(cg_atomz(cg, t.type)));
        cg_emit(cg, op_u(t.unit));
        cg_emit(cg, op_u(t.flags));
        cg_emit(cg, ops[k++]);
        if (el->b && el->b->kind == AST_INT && !el->b->big) cg_emit(cg, op_int(el->b->ival));
        else if (el->b) cg_emit(cg, ops[k++]);
        else cg_emit(cg, op_nil());
    }
    cg_written(f, d);
    mem_free(es);
    mem_free(ops);
    return d;
}
