/*
 * cg_live.c — which variables of a clause with a frame may live in an x
 * register (cg.h's register model): the others get a y slot.
 *
 * A variable may keep an x home when, on every path, no instruction that
 * clobbers the x registers (a call, a send, receive, try, catch, a
 * comprehension: whatever cg_clobbers says) lies between its binding and
 * any of its uses, and when it is first bound before any such instruction
 * (so its home is below f->xbase, which drops to 0 at the first clobber
 * of a path; cg_var_home also checks this while emitting).
 *
 * The walk goes over the clause in evaluation order keeping, per path, the
 * set of variables that a clobber may have killed (C) and whether a
 * clobber may have happened (clob). Everything is over-approximated:
 *   - the branches of case/if are separate paths and join by union; any
 *     other construct is walked as if straight-line (a superset of what
 *     may have happened on each path);
 *   - the first occurrence of a name in evaluation order is its binding;
 *     later occurrences, even a second binding in another branch, count
 *     as uses;
 *   - in an expression with several operands of which one clobbers, the
 *     operands that do not clobber count as read at its end (the lowering
 *     may read them after the call, e.g. a variable argument);
 *   - every name inside a fun, receive, try, catch or comprehension keeps
 *     a y home, as before this analysis existed.
 * Mistakes here are not silent in most cases: after a clobber the
 * verifier knows only x0, so reading a dead x home is refused at load.
 */
#include <string.h>

#include "alloc.h"
#include "cg.h"

enum { LV_S = 1, LV_LATE = 2, LV_NOX = 4 };

struct lv {
    struct cg_fn *f;
    const char **names;
    uint32_t *lens;
    uint8_t *flags;
    uint32_t n, cap;
    bool *dead; /* C, per path: a clobber since the last binding */
    bool clob;
    bool oom;
};

struct lv_path {
    bool *dead;
    bool clob;
};

static bool is_named(const struct ast *e) { return e->kind == AST_VAR && !(e->len == 1 && e->name[0] == '_'); }

static int64_t lv_find(struct lv *lv, const struct ast *e) {
    for (uint32_t i = 0; i < lv->n; i++)
        if (lv->lens[i] == e->len && memcmp(lv->names[i], e->name, e->len) == 0) return i;
    return -1;
}

/* a binding if the name is new, else a use */
static void lv_var(struct lv *lv, const struct ast *e, uint8_t extra) {
    if (!is_named(e)) return;
    int64_t i = lv_find(lv, e);
    if (i < 0) {
        if (lv->n == lv->cap) {
            lv->oom = true;
            return;
        }
        i = lv->n++;
        lv->names[i] = e->name;
        lv->lens[i] = e->len;
        lv->flags[i] = lv->clob ? LV_LATE : 0;
        lv->dead[i] = false;
    } else if (lv->dead[i]) {
        lv->flags[i] |= LV_S;
    }
    lv->flags[i] |= extra;
}

static void lv_clobber(struct lv *lv) {
    lv->clob = true;
    for (uint32_t i = 0; i < lv->n; i++) lv->dead[i] = true;
}

static void lv_save(struct lv *lv, struct lv_path *p) {
    p->dead = mem_malloc((lv->cap + 1) * sizeof *p->dead);
    if (!p->dead) {
        lv->oom = true;
        return;
    }
    memcpy(p->dead, lv->dead, lv->cap * sizeof *p->dead);
    p->clob = lv->clob;
}

static void lv_restore(struct lv *lv, const struct lv_path *p) {
    if (!p->dead) return;
    memcpy(lv->dead, p->dead, lv->cap * sizeof *p->dead);
    lv->clob = p->clob;
}

/* acc |= current; names added since acc was saved were false there */
static void lv_join(struct lv *lv, struct lv_path *acc) {
    if (!acc->dead) return;
    for (uint32_t i = 0; i < lv->cap; i++) acc->dead[i] = acc->dead[i] || lv->dead[i];
    acc->clob = acc->clob || lv->clob;
}

static void lv_expr(struct lv *lv, struct ast *e);

/* Every name under e, as a binding or a use, with flags extra. */
static void lv_all(struct lv *lv, const struct ast *e, uint8_t extra);

static void lv_all_clauses(struct lv *lv, const struct ast_clause *cs, uint32_t n, uint8_t extra) {
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < cs[i].npatterns; j++) lv_all(lv, cs[i].patterns[j], extra);
        for (uint32_t g = 0; g < cs[i].nguards; g++)
            for (uint32_t j = 0; j < cs[i].guards[g].ntests; j++) lv_all(lv, cs[i].guards[g].tests[j], extra);
        for (uint32_t j = 0; j < cs[i].nbody; j++) lv_all(lv, cs[i].body[j], extra);
    }
}

static void lv_all(struct lv *lv, const struct ast *e, uint8_t extra) {
    if (!e) return;
    if (e->kind == AST_VAR) {
        lv_var(lv, e, extra);
        return;
    }
    lv_all(lv, e->a, extra);
    lv_all(lv, e->b, extra);
    lv_all(lv, e->c, extra);
    for (uint32_t i = 0; i < e->nitems; i++) lv_all(lv, e->items[i], extra);
    for (uint32_t i = 0; i < e->nbody; i++) lv_all(lv, e->body[i], extra);
    lv_all(lv, e->after, extra);
    for (uint32_t i = 0; i < e->nafter_body; i++) lv_all(lv, e->after_body[i], extra);
    lv_all_clauses(lv, e->clauses, e->nclauses, extra);
    lv_all_clauses(lv, e->catch_clauses, e->ncatch_clauses, extra);
}

/* one clause of a case/if, or the head and body of the function clause */
static void lv_clause(struct lv *lv, const struct ast_clause *c) {
    for (uint32_t j = 0; j < c->npatterns; j++) lv_all(lv, c->patterns[j], 0);
    for (uint32_t g = 0; g < c->nguards; g++)
        for (uint32_t j = 0; j < c->guards[g].ntests; j++) lv_all(lv, c->guards[g].tests[j], 0);
    for (uint32_t j = 0; j < c->nbody; j++) lv_expr(lv, c->body[j]);
}

static void lv_case(struct lv *lv, struct ast *e) {
    if (e->kind == AST_CASE) lv_expr(lv, e->a);
    struct lv_path start = {0}, acc = {0};
    lv_save(lv, &start);
    for (uint32_t i = 0; i < e->nclauses && !lv->oom; i++) {
        lv_restore(lv, &start);
        lv_clause(lv, &e->clauses[i]);
        if (i == 0) lv_save(lv, &acc);
        else lv_join(lv, &acc);
    }
    if (e->nclauses) lv_restore(lv, &acc);
    mem_free(start.dead);
    mem_free(acc.dead);
}

/* An operand whose value is computed into a new register when it is
   evaluated: cg_eval_list saves that value before a later operand's
   clobber, so the names it reads are read then, not at the end. An
   operand that is a name (or may be one, as a match or a block) is only
   copied by cg_eval_list too, but it costs little to assume less. */
static bool computed(const struct ast *e) {
    switch (e->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL:
    case AST_CALL: case AST_OP: case AST_UNOP: case AST_TUPLE: case AST_CONS: case AST_BIN:
    case AST_RECORD_ACCESS:
        return true;
    default: return false;
    }
}

static void lv_expr(struct lv *lv, struct ast *e) {
    if (!e || lv->oom) return;
    struct cg_fn *f = lv->f;
    switch (e->kind) {
    case AST_VAR: lv_var(lv, e, 0); return;
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: case AST_RECORD_INDEX: return;
    case AST_MATCH: /* the expression first, then the pattern binds */
        lv_expr(lv, e->b);
        lv_all(lv, e->a, 0);
        return;
    case AST_CASE: case AST_IF: lv_case(lv, e); return;
    case AST_BLOCK:
        for (uint32_t i = 0; i < e->nbody; i++) lv_expr(lv, e->body[i]);
        return;
    case AST_FUN: lv_all(lv, e, LV_NOX); return;
    case AST_RECEIVE: case AST_TRY: case AST_CATCH: case AST_LC: case AST_BC:
        lv_clobber(lv);
        lv_all(lv, e, LV_NOX);
        lv_clobber(lv);
        return;
    default: break;
    }
    /* operands in evaluation order: arguments, then the callee */
    struct ast *kids[260];
    uint32_t n = 0;
    bool too_many = e->nitems + 3 > 260;
    if (too_many) { /* keep it simple: every name stays in y */
        lv_clobber(lv);
        lv_all(lv, e, LV_NOX);
        lv_clobber(lv);
        return;
    }
    if (e->kind == AST_CALL) {
        for (uint32_t i = 0; i < e->nitems; i++) kids[n++] = e->items[i];
        kids[n++] = e->a;
    } else {
        if (e->a) kids[n++] = e->a;
        if (e->b) kids[n++] = e->b;
        if (e->c) kids[n++] = e->c;
        for (uint32_t i = 0; i < e->nitems; i++) kids[n++] = e->items[i];
    }
    bool any = false, clobbers = cg_clobbers(f, e);
    bool kid_clobbers[260];
    for (uint32_t i = 0; i < n; i++) {
        kid_clobbers[i] = kids[i] && cg_clobbers(f, kids[i]);
        any = any || kid_clobbers[i];
    }
    bool own_call = e->kind == AST_CALL || e->kind == AST_OP;
    /* a clobber inside e that is not in an operand (a record's default
       field values): it may come before any operand is read */
    if (clobbers && !any && !own_call) lv_clobber(lv);
    for (uint32_t i = 0; i < n; i++) lv_expr(lv, kids[i]);
    /* a record's fields are evaluated in definition order, not in source
       order: every operand counts as read at the end */
    bool reorders = e->kind == AST_RECORD;
    if (any || (clobbers && !own_call))
        for (uint32_t i = 0; i < n; i++)
            if (reorders || (!kid_clobbers[i] && !computed(kids[i]))) lv_all(lv, kids[i], 0);
    if (clobbers) lv_clobber(lv);
}

static uint32_t lv_count(const struct ast *e);

static uint32_t lv_count_clauses(const struct ast_clause *cs, uint32_t n) {
    uint32_t k = 0;
    for (uint32_t i = 0; i < n; i++) {
        for (uint32_t j = 0; j < cs[i].npatterns; j++) k += lv_count(cs[i].patterns[j]);
        for (uint32_t g = 0; g < cs[i].nguards; g++)
            for (uint32_t j = 0; j < cs[i].guards[g].ntests; j++) k += lv_count(cs[i].guards[g].tests[j]);
        for (uint32_t j = 0; j < cs[i].nbody; j++) k += lv_count(cs[i].body[j]);
    }
    return k;
}

/* an upper bound on the names under e */
static uint32_t lv_count(const struct ast *e) {
    if (!e) return 0;
    if (e->kind == AST_VAR) return 1;
    uint32_t k = lv_count(e->a) + lv_count(e->b) + lv_count(e->c) + lv_count(e->after);
    for (uint32_t i = 0; i < e->nitems; i++) k += lv_count(e->items[i]);
    for (uint32_t i = 0; i < e->nbody; i++) k += lv_count(e->body[i]);
    for (uint32_t i = 0; i < e->nafter_body; i++) k += lv_count(e->after_body[i]);
    k += lv_count_clauses(e->clauses, e->nclauses);
    k += lv_count_clauses(e->catch_clauses, e->ncatch_clauses);
    return k;
}

/* Fills f->xok with the names of c that may keep an x home. */
void cg_live_vars(struct cg_fn *f, struct ast_clause *c) {
    struct lv lv = {.f = f};
    const struct cg_lift *l = f->lift;
    lv.cap = lv_count_clauses(c, 1) + (l ? l->nfree : 0) + 1;
    lv.names = mem_malloc(lv.cap * sizeof *lv.names);
    lv.lens = mem_malloc(lv.cap * sizeof *lv.lens);
    lv.flags = mem_malloc(lv.cap * sizeof *lv.flags);
    lv.dead = mem_calloc(lv.cap, sizeof *lv.dead);
    f->nxok = 0;
    if (!lv.names || !lv.lens || !lv.flags || !lv.dead) goto out;
    if (l) { /* free values arrive bound, after the arguments */
        for (uint32_t k = 0; k < l->nfree; k++) {
            struct ast v = {.kind = AST_VAR, .name = l->free[k], .len = l->free_len[k]};
            lv_var(&lv, &v, 0);
        }
        if (l->self) {
            struct ast v = {.kind = AST_VAR, .name = l->self, .len = l->self_len};
            lv_var(&lv, &v, LV_NOX);
        }
    }
    lv_clause(&lv, c);
    if (lv.oom) goto out;
    f->xok_names = mem_malloc((lv.n + 1) * sizeof *f->xok_names);
    f->xok_lens = mem_malloc((lv.n + 1) * sizeof *f->xok_lens);
    if (!f->xok_names || !f->xok_lens) goto out;
    for (uint32_t i = 0; i < lv.n; i++)
        if (!lv.flags[i]) {
            f->xok_names[f->nxok] = lv.names[i];
            f->xok_lens[f->nxok++] = lv.lens[i];
        }
out:
    mem_free(lv.names);
    mem_free(lv.lens);
    mem_free(lv.flags);
    mem_free(lv.dead);
}

bool cg_var_xok(const struct cg_fn *f, const struct cg_var *v) {
    for (uint32_t i = 0; i < f->nxok; i++)
        if (f->xok_lens[i] == v->len && memcmp(f->xok_names[i], v->name, v->len) == 0) return true;
    return false;
}
