/*
 * codegen.c — lowering a checked module (ast.h) to a gen_module (gen.h):
 * the module's tables, instruction emission, the register model of cg.h,
 * and the function/clause skeleton. Expressions are in cg_expr.c, patterns
 * and guards in cg_match.c.
 *
 * Function layout (as opcodes.def requires): line, label L1, func_info,
 * label L2, then the clauses tried in order: a clause's failed match jumps
 * to the next clause, the last one's to L1 (function_clause, arguments
 * still in x0..). Errors raised out of line (badmatch, case_clause, ...)
 * are stubs placed after the last clause.
 *
 * Funs are lifted: each becomes a function of the module named like erl's
 * ('-main/1-fun-0-'), whose free values follow the arguments. They are
 * compiled after the function that creates them.
 *
 * Nothing here aborts on user input: what lint let through but lowering
 * cannot handle is reported as a diagnostic.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "../vm/strbuf.h"
#include "alloc.h"
#include "arena.h"
#include "cg.h"

/* ---- tables ---- */

#define GROW(cg, arr, n, cap)                                                                \
    do {                                                                                     \
        if ((n) == (cap)) {                                                                  \
            size_t nc_ = (cap) ? (size_t)(cap) * 2 : 16;                                     \
            void *np_ = mem_realloc((arr), nc_ * sizeof *(arr));                              \
            if (!np_) {                                                                      \
                (cg)->oom = true;                                                            \
                break;                                                                       \
            }                                                                                \
            (arr) = np_;                                                                     \
            (cap) = nc_;                                                                     \
        }                                                                                    \
    } while (0)

static char *cg_strndup(struct cg *cg, const char *s, uint32_t len) {
    char *p = mem_malloc(len + 1);
    if (!p) {
        cg->oom = true;
        return NULL;
    }
    memcpy(p, s, len);
    p[len] = 0;
    return p;
}

uint32_t cg_atom(struct cg *cg, const char *name, uint32_t len) {
    struct gen_module *g = cg->g;
    for (uint32_t i = 0; i < g->natoms; i++)
        if (g->atoms[i].len == len && memcmp(g->atoms[i].text, name, len) == 0) return i;
    GROW(cg, g->atoms, g->natoms, cg->cap_atoms);
    char *text = cg->oom ? NULL : cg_strndup(cg, name, len);
    if (!text) return 0;
    g->atoms[g->natoms] = (struct gen_str){text, len};
    return g->natoms++;
}

uint32_t cg_atomz(struct cg *cg, const char *name) { return cg_atom(cg, name, (uint32_t)strlen(name)); }

uint32_t cg_import(struct cg *cg, const char *mod, const char *fun, uint32_t arity) {
    struct gen_module *g = cg->g;
    uint32_t ma = cg_atomz(cg, mod), fa = cg_atomz(cg, fun);
    for (uint32_t i = 0; i < g->nimports; i++)
        if (g->imports[i].module == ma && g->imports[i].function == fa && g->imports[i].arity == arity)
            return i;
    GROW(cg, g->imports, g->nimports, cg->cap_imports);
    if (cg->oom) return 0;
    g->imports[g->nimports] = (struct gen_import){ma, fa, arity};
    return g->nimports++;
}

uint32_t cg_lit(struct cg *cg, const uint8_t *bytes, uint32_t len) {
    struct gen_module *g = cg->g;
    for (uint32_t i = 0; i < g->nlits; i++)
        if (g->lits[i].len == len && memcmp(g->lits[i].data, bytes, len) == 0) return i;
    GROW(cg, g->lits, g->nlits, cg->cap_lits);
    if (cg->oom) return 0;
    uint8_t *copy = mem_malloc(len ? len : 1);
    if (!copy) {
        cg->oom = true;
        return 0;
    }
    memcpy(copy, bytes, len);
    g->lits[g->nlits] = (struct gen_bytes){copy, len};
    return g->nlits++;
}

uint32_t cg_label(struct cg *cg) { return ++cg->g->nlabels; }

int64_t cg_find_function(struct cg *cg, const char *name, uint32_t arity) {
    struct gen_module *g = cg->g;
    uint32_t len = (uint32_t)strlen(name);
    for (uint32_t i = 0; i < g->nfunctions; i++) {
        const struct gen_str *s = &g->atoms[g->functions[i].name];
        if (g->functions[i].arity == arity && s->len == len && memcmp(s->text, name, len) == 0) return i;
    }
    return -1;
}

uint32_t cg_add_function(struct cg *cg, const char *name, uint32_t arity) {
    struct gen_module *g = cg->g;
    uint32_t a = cg_atomz(cg, name);
    GROW(cg, g->functions, g->nfunctions, cg->cap_functions);
    if (cg->oom) return 0;
    uint32_t info = cg_label(cg), entry = cg_label(cg);
    g->functions[g->nfunctions] = (struct gen_function){a, arity, info, entry};
    return g->nfunctions++;
}

uint32_t cg_add_lambda(struct cg *cg, uint32_t findex, uint32_t arity, uint32_t nfree) {
    struct gen_module *g = cg->g;
    GROW(cg, g->lambdas, g->nlambdas, cg->cap_lambdas);
    if (cg->oom) return 0;
    /* uniq: a hash of the module and function names, stable across builds */
    uint32_t h = 2166136261u;
    const struct gen_str *ms = &g->atoms[0], *fs = &g->atoms[g->functions[findex].name];
    for (uint32_t i = 0; i < ms->len; i++) h = (h ^ (uint8_t)ms->text[i]) * 16777619u;
    for (uint32_t i = 0; i < fs->len; i++) h = (h ^ (uint8_t)fs->text[i]) * 16777619u;
    g->lambdas[g->nlambdas] = (struct gen_lambda){findex, arity, nfree, h & 0x7FFFFFF};
    return g->nlambdas++;
}

void cg_emit(struct cg *cg, cg_op o) {
    struct gen_module *g = cg->g;
    GROW(cg, g->code, g->ncode, cg->cap_code);
    if (cg->oom) return;
    g->code[g->ncode++] = o;
}

void cg_op0(struct cg *cg, uint32_t opc) { cg_emit(cg, op_opc(opc)); }

void cg_emit_label(struct cg_fn *f, uint32_t l) {
    cg_op0(f->cg, OPC_label);
    cg_emit(f->cg, op_u(l));
}

void cg_line(struct cg_fn *f, uint32_t line) {
    struct cg *cg = f->cg;
    struct gen_module *g = cg->g;
    if (!line) line = f->line;
    if (!line) return;
    if (g->nlines && g->lines[cg->last_line_index].line == line && g->ncode >= 2 &&
        g->code[g->ncode - 2].kind == GEN_OP && g->code[g->ncode - 2].val == OPC_line)
        return;
    uint32_t idx = UINT32_MAX;
    for (uint32_t i = g->nlines; i-- > 0 && i + 8 >= g->nlines;)
        if (g->lines[i].line == line) idx = i;
    if (idx == UINT32_MAX) {
        GROW(cg, g->lines, g->nlines, cg->cap_lines);
        if (cg->oom) return;
        g->lines[g->nlines] = (struct gen_line){0, line};
        idx = g->nlines++;
    }
    cg->last_line_index = idx;
    cg_op0(cg, OPC_line);
    cg_emit(cg, op_u(idx));
}

void cg_error(struct cg_fn *f, const struct ast *at, const char *fmt, ...) {
    char buf[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    diags_add(f->cg->d, f->cg->m->file, at ? at->line : 0, at ? at->col : 0, false, "%s", buf);
    f->error = true;
}

struct ast *cg_new_node(struct cg *cg, enum ast_kind kind, const struct ast *at) {
    struct ast *n = arena_alloc(cg->m->arena, sizeof *n);
    if (!n) {
        cg->oom = true;
        static struct ast dummy;
        dummy = (struct ast){.kind = AST_NIL};
        return &dummy;
    }
    n->kind = kind;
    if (at) n->line = at->line, n->col = at->col;
    return n;
}

uint32_t cg_stub(struct cg_fn *f, uint32_t opc, cg_op arg) {
    struct cg *cg = f->cg;
    GROW(cg, cg->stubs, cg->nstubs, cg->cap_stubs);
    if (cg->oom) return cg_label(cg);
    uint32_t l = cg_label(cg);
    cg->stubs[cg->nstubs++] = (struct cg_stub){l, opc, f->line, arg};
    return l;
}

void cg_lift(struct cg *cg, const struct cg_lift *l) {
    GROW(cg, cg->lifts, cg->nlifts, cg->cap_lifts);
    if (cg->oom) return;
    cg->lifts[cg->nlifts++] = *l;
}

const struct ast_record_def *cg_record(struct cg *cg, const char *name) {
    for (uint32_t i = 0; i < cg->m->nrecords; i++)
        if (strcmp(cg->m->records[i].name, name) == 0) return &cg->m->records[i];
    return NULL;
}

int cg_record_field(const struct ast_record_def *r, const char *field) {
    for (uint32_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, field) == 0) return (int)i + 2;
    return -1;
}

/* ---- registers ---- */

static bool xinit_has(const struct cg_fn *f, uint32_t r) { return f->xinit[r / 64] >> (r % 64) & 1; }
static void xinit_set(struct cg_fn *f, uint32_t r) { f->xinit[r / 64] |= 1ull << (r % 64); }
static void xinit_clear(struct cg_fn *f, uint32_t r) { f->xinit[r / 64] &= ~(1ull << (r % 64)); }

cg_op cg_new_x(struct cg_fn *f) {
    if (f->xtop < f->xbase) f->xtop = f->xbase;
    if (f->xtop >= CG_XREGS - 8) {
        if (!f->error) cg_error(f, NULL, "expression too complex (out of registers)");
        return op_x(CG_XREGS - 8);
    }
    uint32_t r = f->xtop++;
    xinit_clear(f, r);
    return op_x(r);
}

void cg_release(struct cg_fn *f, uint32_t mark) {
    if (f->xtop > mark) f->xtop = mark;
}

cg_op cg_new_y(struct cg_fn *f) {
    uint32_t y = f->nyfree ? f->yfree[--f->nyfree] : f->ny++;
    if (f->ny > f->ymax) f->ymax = f->ny;
    return op_y(y);
}

/* The unwinder takes the first catch marker from the top of the stack, y0
   first: a try nested in another in the same frame must have the lower slot. */
cg_op cg_tag_enter(struct cg_fn *f) {
    uint32_t d = f->depth++;
    if (d >= f->ntags) { /* cannot happen: cg_try_depth counted them */
        cg_error(f, NULL, "internal: try nesting miscounted");
        return op_y(0);
    }
    return op_y(f->ntags - 1 - d);
}

static uint32_t depth_clauses(const struct ast_clause *cs, uint32_t n) {
    uint32_t m = 0;
    for (uint32_t i = 0; i < n; i++)
        for (uint32_t j = 0; j < cs[i].nbody; j++) {
            uint32_t d = cg_try_depth(cs[i].body[j]);
            if (d > m) m = d;
        }
    return m;
}

uint32_t cg_try_depth(const struct ast *e) {
    if (!e || e->kind == AST_FUN) return 0;
    uint32_t m = 0, d;
#define MAXD(x) ((d = (x)) > m ? (m = d) : 0)
    MAXD(cg_try_depth(e->a));
    MAXD(cg_try_depth(e->b));
    MAXD(cg_try_depth(e->c));
    MAXD(cg_try_depth(e->after));
    for (uint32_t i = 0; i < e->nitems; i++) MAXD(cg_try_depth(e->items[i]));
    for (uint32_t i = 0; i < e->nbody; i++) MAXD(cg_try_depth(e->body[i]));
    for (uint32_t i = 0; i < e->nafter_body; i++) MAXD(cg_try_depth(e->after_body[i]));
    MAXD(depth_clauses(e->clauses, e->nclauses));
    MAXD(depth_clauses(e->catch_clauses, e->ncatch_clauses));
#undef MAXD
    if (e->kind == AST_CATCH) m += 1;
    if (e->kind == AST_TRY) m += 1 + (e->nafter_body && (e->nclauses || e->ncatch_clauses));
    return m;
}

void cg_free_y(struct cg_fn *f, cg_op y) {
    if (y.kind != GEN_Y) return;
    GROW(f->cg, f->yfree, f->nyfree, f->cap_yfree);
    if (f->cg->oom) return;
    f->yfree[f->nyfree++] = (uint32_t)y.val;
}

/* After a clobber no x home is live (cg_live.c made sure), so temporaries
   may start at x0 again; no variable gets an x home after this point of
   the path (cg_var_home). */
void cg_xdead(struct cg_fn *f) {
    memset(f->xinit, 0, sizeof f->xinit);
    if (f->allocated) f->xbase = 0;
}

void cg_clobbered(struct cg_fn *f) {
    cg_xdead(f);
    xinit_set(f, 0);
    f->xtop = 1;
}

void cg_written(struct cg_fn *f, cg_op dst) {
    if (dst.kind == GEN_X && dst.val < CG_XREGS) xinit_set(f, (uint32_t)dst.val);
}

void cg_move(struct cg_fn *f, cg_op src, cg_op dst) {
    if (op_eq(src, dst)) return;
    cg_op0(f->cg, OPC_move);
    cg_emit(f->cg, src);
    cg_emit(f->cg, dst);
    cg_written(f, dst);
}

uint32_t cg_live(struct cg_fn *f) {
    uint32_t live = f->xtop > f->xbase ? f->xtop : 0;
    if (f->in_head && live < f->arity) live = f->arity;
    for (uint32_t i = 0; i < f->nvars; i++) {
        const struct cg_var *v = &f->vars[i];
        /* an x home not initialized here was killed by a clobber: dead */
        if (v->bound && v->has_home && v->home.kind == GEN_X && v->home.val + 1 > live &&
            v->home.val < CG_XREGS && xinit_has(f, (uint32_t)v->home.val))
            live = (uint32_t)v->home.val + 1;
    }
    for (uint32_t r = 0; r < live; r++)
        if (!xinit_has(f, r)) cg_move(f, op_nil(), op_x(r));
    for (uint32_t r = live; r < CG_XREGS; r++) {
        if (!f->xinit[r / 64] && r % 64 == 0) {
            r += 63;
            continue;
        }
        xinit_clear(f, r);
    }
    return live;
}

void cg_heap(struct cg_fn *f, uint32_t words) {
    if (!words) return;
    uint32_t live = cg_live(f);
    cg_op0(f->cg, OPC_test_heap);
    cg_emit(f->cg, op_u(words));
    cg_emit(f->cg, op_u(live));
}

cg_op cg_frame_size(struct cg_fn *f) {
    GROW(f->cg, f->patches, f->npatches, f->cap_patches);
    if (!f->cg->oom) f->patches[f->npatches++] = f->cg->g->ncode;
    return op_u(0);
}

void cg_return(struct cg_fn *f) {
    if (f->allocated) {
        cg_op0(f->cg, OPC_deallocate);
        cg_emit(f->cg, cg_frame_size(f));
    }
    cg_op0(f->cg, OPC_return);
}

/* Move src[i] into x(i) for every i, whatever overlaps. */
void cg_parallel_move(struct cg_fn *f, const cg_op *src, uint32_t n) {
    cg_op cur[256];
    bool done[256];
    if (n > 256) {
        cg_error(f, NULL, "too many arguments");
        return;
    }
    for (uint32_t i = 0; i < n; i++) cur[i] = src[i], done[i] = op_eq(src[i], op_x(i));
    for (;;) {
        bool progress = false, pending = false;
        for (uint32_t i = 0; i < n; i++) {
            if (done[i]) continue;
            pending = true;
            bool blocked = false; /* x(i) still needed as a source */
            for (uint32_t j = 0; j < n; j++)
                if (!done[j] && j != i && op_eq(cur[j], op_x(i))) blocked = true;
            if (blocked) continue;
            cg_move(f, cur[i], op_x(i));
            done[i] = true;
            progress = true;
        }
        if (!pending) return;
        if (!progress) { /* a cycle: park one source in a scratch register */
            for (uint32_t i = 0; i < n; i++) {
                if (done[i]) continue;
                cg_op t = op_x(n > f->xtop ? n : f->xtop);
                if (t.val < n) t = op_x(n);
                for (uint32_t j = 0; j < n; j++)
                    if (!done[j] && op_eq(cur[j], op_x(i))) {
                        cg_move(f, cur[j], t);
                        cur[j] = t;
                    }
                break;
            }
        }
    }
}

/* ---- variables ---- */

struct cg_var *cg_var_find(struct cg_fn *f, const char *name, uint32_t len) {
    for (uint32_t i = f->nvars; i-- > 0;)
        if (f->vars[i].len == len && memcmp(f->vars[i].name, name, len) == 0) return &f->vars[i];
    return NULL;
}

struct cg_var *cg_var(struct cg_fn *f, const char *name, uint32_t len) {
    struct cg_var *v = cg_var_find(f, name, len);
    if (v) return v;
    GROW(f->cg, f->vars, f->nvars, f->cap_vars);
    if (f->cg->oom) {
        static struct cg_var dummy;
        return &dummy;
    }
    v = &f->vars[f->nvars++];
    *v = (struct cg_var){.name = name, .len = len, .scope = f->scope};
    return v;
}

cg_op cg_var_home(struct cg_fn *f, struct cg_var *v) {
    if (!v->has_home) {
        v->has_home = true;
        /* in a frame, an x home only where no clobber happened yet on this
           path and the analysis allows it */
        if (f->allocated && !(f->xbase && f->xslots + 1 < f->xbase && cg_var_xok(f, v))) v->home = cg_new_y(f);
        else v->home = op_x(f->xslots++);
    }
    return v->home;
}

/* ---- path state ---- */

void cg_state_save(struct cg_fn *f, struct cg_state *s) {
    s->nvars = f->nvars;
    s->bound = mem_malloc((f->nvars + 1) * sizeof *s->bound);
    if (!s->bound) f->cg->oom = true;
    for (uint32_t i = 0; s->bound && i < f->nvars; i++) s->bound[i] = f->vars[i].bound;
    memcpy(s->xinit, f->xinit, sizeof s->xinit);
    s->xtop = f->xtop;
    s->xbase = f->xbase;
}

void cg_state_restore(struct cg_fn *f, const struct cg_state *s) {
    for (uint32_t i = 0; i < f->nvars; i++) f->vars[i].bound = s->bound && i < s->nvars && s->bound[i];
    memcpy(f->xinit, s->xinit, sizeof f->xinit);
    f->xtop = s->xtop;
    f->xbase = s->xbase;
}

void cg_state_join(struct cg_fn *f, struct cg_state *acc, bool first) {
    if (first) {
        cg_state_free(acc);
        cg_state_save(f, acc);
        return;
    }
    bool *b = mem_realloc(acc->bound, (f->nvars + 1) * sizeof *b);
    if (!b) {
        f->cg->oom = true;
        return;
    }
    for (uint32_t i = acc->nvars; i < f->nvars; i++) b[i] = false;
    for (uint32_t i = 0; i < f->nvars; i++) b[i] = b[i] && f->vars[i].bound;
    acc->bound = b;
    acc->nvars = f->nvars;
    for (uint32_t w = 0; w < CG_XWORDS; w++) acc->xinit[w] &= f->xinit[w];
    if (f->xtop < acc->xtop) acc->xtop = f->xtop;
    if (f->xbase < acc->xbase) acc->xbase = f->xbase;
}

void cg_state_free(struct cg_state *s) {
    mem_free(s->bound);
    s->bound = NULL;
}

/* ---- clauses and functions ---- */

/* Count the variable names a clause may bind (outside funs): an upper
   bound on the x homes it needs. */
static uint32_t count_vars(const struct ast *e) {
    if (!e) return 0;
    uint32_t n = 0;
    switch (e->kind) {
    case AST_VAR: return 1;
    case AST_FUN: return 0;
    default: break;
    }
    n += count_vars(e->a) + count_vars(e->b) + count_vars(e->c) + count_vars(e->after);
    for (uint32_t i = 0; i < e->nitems; i++) n += count_vars(e->items[i]);
    for (uint32_t i = 0; i < e->nbody; i++) n += count_vars(e->body[i]);
    for (uint32_t i = 0; i < e->nafter_body; i++) n += count_vars(e->after_body[i]);
    for (int k = 0; k < 2; k++) {
        const struct ast_clause *cs = k ? e->catch_clauses : e->clauses;
        uint32_t nc = k ? e->ncatch_clauses : e->nclauses;
        for (uint32_t i = 0; i < nc; i++) {
            for (uint32_t j = 0; j < cs[i].npatterns; j++) n += count_vars(cs[i].patterns[j]);
            for (uint32_t j = 0; j < cs[i].nbody; j++) n += count_vars(cs[i].body[j]);
        }
    }
    return n;
}

struct names {
    const struct ast **v;
    uint32_t n, cap;
};

/* the distinct names of e (outside funs) into ns, up to its capacity */
static void collect_names(const struct ast *e, struct names *ns) {
    if (!e || e->kind == AST_FUN) return;
    if (e->kind == AST_VAR) {
        for (uint32_t i = 0; i < ns->n; i++)
            if (ns->v[i]->len == e->len && memcmp(ns->v[i]->name, e->name, e->len) == 0) return;
        if (ns->n < ns->cap) ns->v[ns->n++] = e;
        return;
    }
    collect_names(e->a, ns), collect_names(e->b, ns), collect_names(e->c, ns), collect_names(e->after, ns);
    for (uint32_t i = 0; i < e->nitems; i++) collect_names(e->items[i], ns);
    for (uint32_t i = 0; i < e->nbody; i++) collect_names(e->body[i], ns);
    for (uint32_t i = 0; i < e->nafter_body; i++) collect_names(e->after_body[i], ns);
    for (int k = 0; k < 2; k++) {
        const struct ast_clause *cs = k ? e->catch_clauses : e->clauses;
        uint32_t nc = k ? e->ncatch_clauses : e->nclauses;
        for (uint32_t i = 0; i < nc; i++) {
            for (uint32_t j = 0; j < cs[i].npatterns; j++) collect_names(cs[i].patterns[j], ns);
            for (uint32_t j = 0; j < cs[i].nbody; j++) collect_names(cs[i].body[j], ns);
        }
    }
}

/* How many x homes a clause may need: its distinct names (count_vars
   counts occurrences; a reservation that large leaves holes below the
   temporaries that every GC point's live count must fill). */
static uint32_t clause_names(struct cg *cg, const struct ast_clause *c, uint32_t occurrences) {
    if (occurrences > 2000) return occurrences;
    struct names ns = {.cap = occurrences};
    ns.v = mem_malloc((occurrences + 1) * sizeof *ns.v);
    if (!ns.v) {
        cg->oom = true;
        return occurrences;
    }
    for (uint32_t i = 0; i < c->npatterns; i++) collect_names(c->patterns[i], &ns);
    uint32_t args = 0; /* a name that is a whole argument keeps its argument register */
    for (uint32_t i = 0; i < ns.n; i++)
        for (uint32_t k = 0; k < c->npatterns; k++)
            if (c->patterns[k] == ns.v[i]) {
                args++;
                break;
            }
    for (uint32_t i = 0; i < c->nbody; i++) collect_names(c->body[i], &ns);
    for (uint32_t g = 0; g < c->nguards; g++)
        for (uint32_t j = 0; j < c->guards[g].ntests; j++) collect_names(c->guards[g].tests[j], &ns);
    mem_free(ns.v);
    return ns.n - args;
}

static bool is_var(const struct ast *e) { return e->kind == AST_VAR && !(e->len == 1 && e->name[0] == '_'); }

static bool pattern_binds(const struct ast *p, const char *name, uint32_t len) {
    if (!p) return false;
    if (p->kind == AST_VAR) return p->len == len && memcmp(p->name, name, len) == 0;
    if (pattern_binds(p->a, name, len) || pattern_binds(p->b, name, len)) return true;
    for (uint32_t i = 0; i < p->nitems; i++)
        if (pattern_binds(p->items[i], name, len)) return true;
    return false;
}

static bool uses_var(const struct ast *e, const char *name, uint32_t len) {
    if (!e) return false;
    if (e->kind == AST_VAR) return e->len == len && memcmp(e->name, name, len) == 0;
    if (uses_var(e->a, name, len) || uses_var(e->b, name, len) || uses_var(e->c, name, len) ||
        uses_var(e->after, name, len))
        return true;
    for (uint32_t i = 0; i < e->nitems; i++)
        if (uses_var(e->items[i], name, len)) return true;
    for (uint32_t i = 0; i < e->nbody; i++)
        if (uses_var(e->body[i], name, len)) return true;
    for (uint32_t i = 0; i < e->nafter_body; i++)
        if (uses_var(e->after_body[i], name, len)) return true;
    for (int k = 0; k < 2; k++) {
        const struct ast_clause *cs = k ? e->catch_clauses : e->clauses;
        uint32_t nc = k ? e->ncatch_clauses : e->nclauses;
        for (uint32_t i = 0; i < nc; i++) {
            for (uint32_t j = 0; j < cs[i].npatterns; j++)
                if (uses_var(cs[i].patterns[j], name, len)) return true;
            for (uint32_t g = 0; g < cs[i].nguards; g++)
                for (uint32_t j = 0; j < cs[i].guards[g].ntests; j++)
                    if (uses_var(cs[i].guards[g].tests[j], name, len)) return true;
            for (uint32_t j = 0; j < cs[i].nbody; j++)
                if (uses_var(cs[i].body[j], name, len)) return true;
        }
    }
    return false;
}

/* After allocate: temporaries start just above the x homes still in use
   and the slots for the x homes still to come (cg_var_home), not above a
   reservation for every name of the clause, so that a GC point's live
   count covers no hole to fill. */
static void compact_xhomes(struct cg_fn *f, uint32_t min_top) {
    uint32_t top = min_top, future = 0;
    for (uint32_t i = 0; i < f->nvars; i++) {
        const struct cg_var *v = &f->vars[i];
        if (v->has_home && v->home.kind == GEN_X && v->home.val + 1 > top) top = (uint32_t)v->home.val + 1;
    }
    for (uint32_t i = 0; i < f->nxok; i++) {
        const struct cg_var *v = cg_var_find(f, f->xok_names[i], f->xok_lens[i]);
        if (!v || !v->has_home) future++;
    }
    if (top + future + 1 < f->xbase) {
        f->xslots = top;
        f->xbase = future ? top + future + 1 : top;
    }
    f->xtop = f->xbase;
}

/* Shared head tests: clause c (in_k, in_label) starts its code at the
   label in_label, placed after its type test of argument in_k, when the
   clause before failed after passing the same test; out_k, out_label are
   the same for the clause after. -1: none. */
struct head_share {
    int64_t in_k, out_k;
    uint32_t in_label, out_label;
};

/* The variable an argument pattern binds as a whole (X, or X in X = P or
   P = X; *rest is P then, else NULL), or NULL. */
static struct ast *arg_var(struct ast *p, struct ast **rest) {
    *rest = NULL;
    if (is_var(p)) return p;
    if (p->kind != AST_MATCH) return NULL;
    if (is_var(p->a)) return *rest = p->b, p->a;
    if (is_var(p->b)) return *rest = p->a, p->b;
    return NULL;
}

static bool is_tagged(const struct ast *p) {
    return p->kind == AST_TUPLE && p->nitems > 0 && p->items[0]->kind == AST_ATOM;
}

/* The argument whose type test both clauses begin with, or -1: all the
   arguments before it in `next` are new variables (no code), and neither
   tuple has an atom first (that is one fused test, is_tagged_tuple). */
static int64_t shared_head_arg(const struct ast_clause *prev, const struct ast_clause *next, uint32_t arity) {
    for (uint32_t k = 0; k < arity && k < next->npatterns && k < prev->npatterns; k++) {
        const struct ast *p = next->patterns[k];
        if (p->kind == AST_VAR) {
            if (!is_var(p)) continue; /* _ */
            for (uint32_t j = 0; j < k; j++)
                if (pattern_binds(next->patterns[j], p->name, p->len)) return -1;
            continue;
        }
        /* Var = P: P is matched (cg_clause), unless Var is an earlier
           argument's: then the whole pattern is, and it has no label */
        struct ast *rn, *rp, *pp = prev->patterns[k];
        const struct ast *vn = arg_var((struct ast *)p, &rn), *vp = arg_var(pp, &rp);
        for (uint32_t j = 0; j < k; j++)
            if ((vn && pattern_binds(next->patterns[j], vn->name, vn->len)) ||
                (vp && pattern_binds(prev->patterns[j], vp->name, vp->len)))
                return -1;
        if (rn) p = rn;
        if (rp) pp = rp;
        uint32_t na = 0, pa = 0;
        int sn = cg_head_shape(p, &na), sp = cg_head_shape(pp, &pa);
        if (!sn || sn != sp || na != pa || is_tagged(p) || is_tagged(pp)) return -1;
        return k;
    }
    return -1;
}

/* The frame: its size is patched at the end (cg_frame_size); variables
   that must live across a call move to their y slots. */
static void clause_allocate(struct cg_fn *f, const struct ast_clause *c, uint32_t min_top) {
    struct cg *cg = f->cg;
    for (uint32_t i = 0; i < c->nbody; i++) {
        uint32_t d = cg_try_depth(c->body[i]);
        if (d > f->ntags) f->ntags = d;
    }
    f->ny = f->ymax = f->ntags;
    uint32_t live = cg_live(f);
    cg_op0(cg, OPC_allocate);
    cg_emit(cg, cg_frame_size(f));
    cg_emit(cg, op_u(live));
    f->allocated = true;
    for (uint32_t i = 0; i < f->nvars; i++) {
        struct cg_var *v = &f->vars[i];
        if (!v->has_home) continue;
        if (v->home.kind == GEN_X && v->home.val < f->xbase && cg_var_xok(f, v)) continue;
        cg_op y = cg_new_y(f);
        if (v->bound) cg_move(f, v->home, y);
        v->home = y;
    }
    /* only the x homes hold values now: a register the compiler thought
       written but that a later GC point leaves out (a guard BIF's live
       count) must not look initialized at the next clause */
    memset(f->xinit, 0, sizeof f->xinit);
    for (uint32_t i = 0; i < f->nvars; i++) {
        const struct cg_var *v = &f->vars[i];
        if (v->bound && v->has_home && v->home.kind == GEN_X) xinit_set(f, (uint32_t)v->home.val);
    }
    compact_xhomes(f, min_top);
}

/* A cons or tuple pattern of variables (a tuple may start with an atom):
   once its type test passed, matching it cannot fail. */
static bool simple_arg(const struct ast *p) {
    if (p->kind == AST_CONS) return p->a->kind == AST_VAR && p->b->kind == AST_VAR;
    if (p->kind != AST_TUPLE || p->nitems > 64) return false;
    for (uint32_t i = 0; i < p->nitems; i++)
        if (p->items[i]->kind != AST_VAR && !(i == 0 && p->items[i]->kind == AST_ATOM)) return false;
    return true;
}

/* A head whose only tests are the type tests of its arguments: no guard,
   every argument a variable or a simple_arg, no name twice. */
static bool simple_head(const struct ast_clause *c, uint32_t arity) {
    if (c->nguards || c->npatterns < arity) return false;
    const struct ast *names[64];
    uint32_t n = 0;
    bool any = false;
    for (uint32_t i = 0; i < arity; i++) {
        const struct ast *p = c->patterns[i];
        if (p->kind != AST_VAR) {
            if (!simple_arg(p)) return false;
            any = true;
        }
        const struct ast *vs[256];
        uint32_t nv = 0;
        if (p->kind == AST_VAR) vs[nv++] = p;
        else if (p->kind == AST_CONS) vs[nv++] = p->a, vs[nv++] = p->b;
        else
            for (uint32_t j = 0; j < p->nitems && nv < 256; j++) vs[nv++] = p->items[j];
        for (uint32_t j = 0; j < nv; j++) {
            if (!is_var(vs[j])) continue;
            for (uint32_t k = 0; k < n; k++)
                if (names[k]->len == vs[j]->len && !memcmp(names[k]->name, vs[j]->name, vs[j]->len)) return false;
            if (n == 64) return false;
            names[n++] = vs[j];
        }
    }
    return any;
}

static void bind_elem(struct cg_fn *f, struct ast *p, uint32_t opc, cg_op src, uint32_t index) {
    struct cg_var *v = cg_var(f, p->name, p->len);
    cg_op home = cg_var_home(f, v);
    cg_op0(f->cg, opc);
    cg_emit(f->cg, src);
    if (opc == OPC_get_tuple_element) cg_emit(f->cg, op_u(index));
    cg_emit(f->cg, home);
    cg_written(f, home);
    v->bound = true;
}

/* A simple_head: the type tests first, then the frame, then the parts go
   straight to their homes (a y slot, or the argument register itself for
   the tail of a list: nothing reads it after). */
static void simple_head_match(struct cg_fn *f, struct ast_clause *c, uint32_t fail, const struct head_share *hs) {
    struct cg *cg = f->cg;
    for (uint32_t i = 0; i < f->arity; i++) {
        struct ast *p = c->patterns[i];
        if (p->kind == AST_VAR) continue;
        bool here = (int64_t)i == hs->in_k;
        if (p->kind == AST_CONS) {
            cg_op0(cg, OPC_is_nonempty_list);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, op_x(i));
        } else if (!here && is_tagged(p)) {
            cg_op0(cg, OPC_is_tagged_tuple);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, op_x(i));
            cg_emit(cg, op_u(p->nitems));
            cg_emit(cg, cg_const(f, p->items[0]));
        } else {
            cg_op0(cg, OPC_is_tuple);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, op_x(i));
            cg_op0(cg, OPC_test_arity);
            cg_emit(cg, op_label(fail));
            cg_emit(cg, op_x(i));
            cg_emit(cg, op_u(p->nitems));
        }
        if (here) cg_emit_label(f, hs->in_label);
    }
    if (f->frame) clause_allocate(f, c, f->arity);
    for (uint32_t i = 0; i < f->arity; i++) {
        struct ast *p = c->patterns[i];
        if (p->kind == AST_VAR) continue;
        if (p->kind == AST_TUPLE) {
            /* one element may take over the argument register: read last */
            int64_t last = -1;
            for (uint32_t j = 0; j < p->nitems && last < 0; j++) {
                struct ast *el = p->items[j];
                if (!is_var(el)) continue;
                struct cg_var *v = cg_var(f, el->name, el->len);
                if (!v->has_home && (!f->frame || cg_var_xok(f, v))) {
                    v->has_home = true;
                    v->home = op_x(i);
                    last = j;
                }
            }
            for (uint32_t j = 0; j < p->nitems; j++) {
                struct ast *el = p->items[j];
                if (!is_var(el) || (int64_t)j == last) continue; /* _ or the tag (tested) */
                bind_elem(f, el, OPC_get_tuple_element, op_x(i), j);
            }
            if (last >= 0) bind_elem(f, p->items[last], OPC_get_tuple_element, op_x(i), (uint32_t)last);
            continue;
        }
        bool h = is_var(p->a), t = is_var(p->b);
        if (t) { /* the tail may take over the argument register */
            struct cg_var *v = cg_var(f, p->b->name, p->b->len);
            if (!v->has_home && (!f->frame || cg_var_xok(f, v))) {
                v->has_home = true;
                v->home = op_x(i);
            }
        }
        if (h && t) {
            struct cg_var *hv = cg_var(f, p->a->name, p->a->len);
            cg_op hh = cg_var_home(f, hv);
            struct cg_var *tv = cg_var(f, p->b->name, p->b->len);
            cg_op th = cg_var_home(f, tv);
            hv = cg_var_find(f, p->a->name, p->a->len);
            cg_op0(cg, OPC_get_list);
            cg_emit(cg, op_x(i));
            cg_emit(cg, hh);
            cg_emit(cg, th);
            cg_written(f, hh);
            cg_written(f, th);
            hv->bound = true;
            tv->bound = true;
        } else if (h) {
            bind_elem(f, p->a, OPC_get_hd, op_x(i), 0);
        } else if (t) {
            bind_elem(f, p->b, OPC_get_tl, op_x(i), 0);
        }
    }
}

static void cg_clause(struct cg_fn *f, struct ast_clause *c, uint32_t fail, const struct head_share *hs) {
    struct cg *cg = f->cg;
    const struct cg_lift *l = f->lift;
    uint32_t fun_arity = l ? l->fun_arity : f->arity;
    f->line = c->line;
    f->frame = cg_body_clobbers(f, c->body, c->nbody, true);
    if (f->frame) cg_live_vars(f, c);
    for (uint32_t i = 0; i < f->arity; i++) xinit_set(f, i);
    f->in_head = true;
    /* homes: an argument that is a plain variable keeps its register */
    uint32_t nv = 1;
    for (uint32_t i = 0; i < c->npatterns; i++) nv += count_vars(c->patterns[i]);
    for (uint32_t i = 0; i < c->nbody; i++) nv += count_vars(c->body[i]);
    for (uint32_t g = 0; g < c->nguards; g++)
        for (uint32_t j = 0; j < c->guards[g].ntests; j++) nv += count_vars(c->guards[g].tests[j]);
    nv = clause_names(cg, c, nv) + (l && l->self);
    f->xslots = f->arity;
    f->xbase = f->xtop = f->arity + nv;
    if (f->xbase >= CG_XREGS - 64) f->xbase = f->xtop = f->arity; /* huge clause: no reservation */
    for (uint32_t i = 0; i < c->npatterns && i < fun_arity; i++) {
        struct ast *rest, *p = arg_var(c->patterns[i], &rest);
        if (!p || cg_var_find(f, p->name, p->len)) continue;
        struct cg_var *v = cg_var(f, p->name, p->len);
        v->has_home = true;
        v->home = op_x(i);
        v->bound = true;
    }
    if (l) {
        for (uint32_t k = 0; k < l->nfree; k++) {
            bool shadowed = false;
            for (uint32_t i = 0; i < c->npatterns; i++)
                if (pattern_binds(c->patterns[i], l->free[k], l->free_len[k])) shadowed = true;
            if (shadowed) continue;
            struct cg_var *v = cg_var(f, l->free[k], l->free_len[k]);
            v->has_home = true;
            v->home = op_x(fun_arity + k);
            v->bound = true;
        }
    }
    bool simple = !l && simple_head(c, f->arity) && !(hs->in_k >= 0 && is_tagged(c->patterns[hs->in_k]));
    if (simple) simple_head_match(f, c, fail, hs);
    for (uint32_t i = 0; i < c->npatterns && i < fun_arity && !simple; i++) {
        struct ast *rest, *p = c->patterns[i], *pv = arg_var(p, &rest);
        struct cg_var *v = pv ? cg_var_find(f, pv->name, pv->len) : NULL;
        if (v && v->has_home && op_eq(v->home, op_x(i))) {
            if (!rest) continue;
            p = rest; /* Var = Pattern: Var is the argument register */
        }
        if ((int64_t)i == hs->out_k || (int64_t)i == hs->in_k) {
            uint32_t rest = (int64_t)i == hs->out_k ? hs->out_label : fail;
            cg_match_head(f, p, op_x(i), fail, rest, (int64_t)i == hs->in_k ? hs->in_label : 0);
            fail = rest;
        } else {
            cg_match(f, p, op_x(i), fail);
        }
    }
    cg_guards(f, c, fail);
    f->in_head = false;
    cg_release(f, f->xbase);
    if (l && l->self) { /* a named fun refers to itself by rebuilding itself */
        bool used = false;
        for (uint32_t i = 0; i < c->nbody; i++) used = used || uses_var(c->body[i], l->self, l->self_len);
        struct cg_var *sv = cg_var_find(f, l->self, l->self_len);
        if (used && !(sv && sv->bound)) {
            cg_op free[256];
            uint32_t nf = l->nfree < 256 ? l->nfree : 256;
            for (uint32_t k = 0; k < nf; k++) free[k] = op_x(fun_arity + k);
            struct cg_var *v = cg_var(f, l->self, l->self_len);
            cg_op home = cg_var_home(f, v);
            cg_heap(f, 2 + nf);
            cg_op0(cg, OPC_make_fun);
            cg_emit(cg, op_u(l->lambda));
            cg_emit(cg, home);
            cg_emit(cg, op_list(nf));
            for (uint32_t k = 0; k < nf; k++) cg_emit(cg, free[k]);
            cg_written(f, home);
            v->bound = true;
        }
    }
    if (f->frame && !f->allocated) clause_allocate(f, c, 0);
    cg_clause_body(f, c);
    for (uint32_t i = 0; i < f->npatches; i++) cg->g->code[f->patches[i]].val = f->ymax;
}

static void cg_fn_free(struct cg_fn *f) {
    mem_free(f->xok_names);
    mem_free(f->xok_lens);
    mem_free(f->vars);
    mem_free(f->yfree);
    mem_free(f->patches);
}

static void cg_emit_stubs(struct cg *cg, struct cg_fn *f) {
    /* stubs may add stubs (none do today); walk by index */
    for (uint32_t i = 0; i < cg->nstubs; i++) {
        struct cg_stub s = cg->stubs[i];
        cg_emit_label(f, s.label);
        f->line = s.line;
        cg_line(f, s.line);
        cg_op0(cg, s.opc);
        if (s.opc != OPC_if_end) cg_emit(cg, s.arg);
    }
    cg->nstubs = 0;
}

/* The argument of c that is a constant (an atom, a small integer, []) and
   its first test: the arguments before it are new variables. Else -1. */
static int64_t constant_arg(const struct ast_clause *c, uint32_t arity) {
    for (uint32_t k = 0; k < arity && k < c->npatterns; k++) {
        const struct ast *p = c->patterns[k];
        if (p->kind == AST_VAR) {
            if (!is_var(p)) continue;
            for (uint32_t j = 0; j < k; j++)
                if (pattern_binds(c->patterns[j], p->name, p->len)) return -1;
            continue;
        }
        if (p->kind == AST_ATOM || (p->kind == AST_INT && !p->big) || p->kind == AST_NIL) return k;
        return -1;
    }
    return -1;
}

static bool same_constant(const struct ast *a, const struct ast *b) {
    if (a->kind != b->kind) return false;
    if (a->kind == AST_ATOM) return a->len == b->len && !memcmp(a->name, b->name, a->len);
    if (a->kind == AST_INT) return a->ival == b->ival;
    return true; /* [] */
}

/* Clauses i.. that each begin by testing argument k against a constant:
   one select_val jumps to the first clause with the argument's value,
   just past its test (sel[m]), or past the run (start[*end]). Returns k,
   or -1 (then *end is i + 1). */
static int64_t select_run(struct cg_fn *f, struct ast_clause *cl, uint32_t n, uint32_t i, const uint32_t *start,
                          uint32_t *sel, uint32_t *end) {
    struct cg *cg = f->cg;
    int64_t k = constant_arg(&cl[i], f->arity);
    uint32_t j = i + 1, distinct = 1;
    *end = i + 1;
    if (k < 0) return -1;
    for (; j < n && constant_arg(&cl[j], f->arity) == k; j++) {
        bool seen = false;
        for (uint32_t m = i; m < j && !seen; m++) seen = same_constant(cl[m].patterns[k], cl[j].patterns[k]);
        distinct += !seen;
    }
    if (distinct < 2) return -1;
    *end = j;
    cg_op0(cg, OPC_select_val);
    cg_emit(cg, op_x((uint32_t)k));
    cg_emit(cg, op_label(start[j]));
    cg_emit(cg, op_list(2 * distinct));
    for (uint32_t m = i; m < j; m++) {
        bool seen = false;
        for (uint32_t q = i; q < m && !seen; q++) seen = same_constant(cl[q].patterns[k], cl[m].patterns[k]);
        sel[m] = 0;
        if (seen) continue;
        sel[m] = cg_label(cg);
        cg_emit(cg, cg_const(f, cl[m].patterns[k]));
        cg_emit(cg, op_label(sel[m]));
    }
    return k;
}

static void cg_function(struct cg *cg, uint32_t findex, struct ast_clause *cl, uint32_t n,
                        const struct cg_lift *lift, uint32_t line) {
    struct gen_function gf = cg->g->functions[findex];
    struct cg_fn hdr = {.cg = cg, .arity = gf.arity, .line = line};
    cg_line(&hdr, line);
    cg_emit_label(&hdr, gf.info_label);
    cg_op0(cg, OPC_func_info);
    cg_emit(cg, op_u(findex));
    cg_emit_label(&hdr, gf.entry_label);
    cg->nstubs = 0;
    struct head_share share = {.in_k = -1, .out_k = -1};
    uint32_t *start = mem_calloc(n + 1, sizeof *start), *sel = mem_calloc(n + 1, sizeof *sel);
    if (!start || !sel) cg->oom = true;
    for (uint32_t i = 1; start && i < n; i++) start[i] = cg_label(cg);
    if (start) start[n] = gf.info_label;
    int64_t sel_k = -1;
    uint32_t sel_end = 0;
    for (uint32_t i = 0; i < n && !cg->oom; i++) {
        struct cg_fn f = {.cg = cg, .arity = gf.arity, .info_label = gf.info_label, .lift = lift};
        uint32_t next = start[i + 1];
        bool plain = !lift || lift->plain; /* clauses shaped as a source function's */
        if (i >= sel_end && plain) sel_k = select_run(&f, cl, n, i, start, sel, &sel_end);
        struct head_share hs = {.in_k = share.out_k, .in_label = share.out_label, .out_k = -1};
        if (i < sel_end && sel[i]) hs.in_k = sel_k, hs.in_label = sel[i];
        if (i + 1 < n && plain) hs.out_k = shared_head_arg(&cl[i], &cl[i + 1], gf.arity);
        if (hs.out_k >= 0) hs.out_label = cg_label(cg);
        cg_clause(&f, &cl[i], next, &hs);
        share = hs;
        if (i + 1 < n) cg_emit_label(&f, next);
        cg_fn_free(&f);
    }
    mem_free(start);
    mem_free(sel);
    if (n == 0) { /* cannot happen from the parser; keep the layout valid */
        cg_op0(cg, OPC_jump);
        cg_emit(cg, op_label(gf.info_label));
    }
    cg_emit_stubs(cg, &hdr);
}

/* module_info/0,1 as erl adds them */
static void cg_module_info(struct cg *cg) {
    for (uint32_t arity = 0; arity < 2 && !cg->oom; arity++) {
        uint32_t fi = cg_add_function(cg, "module_info", arity);
        if (cg->oom) return;
        struct gen_function gf = cg->g->functions[fi];
        struct cg_fn f = {.cg = cg, .arity = arity};
        cg_emit_label(&f, gf.info_label);
        cg_op0(cg, OPC_func_info);
        cg_emit(cg, op_u(fi));
        cg_emit_label(&f, gf.entry_label);
        if (arity) cg_move(&f, op_x(0), op_x(1));
        cg_move(&f, op_atom(0), op_x(0));
        cg_op0(cg, OPC_call_ext_only);
        cg_emit(cg, op_u(arity + 1));
        cg_emit(cg, op_u(cg_import(cg, "erlang", "get_module_info", arity + 1)));
        struct gen_module *g = cg->g;
        GROW(cg, g->exports, g->nexports, cg->cap_exports);
        if (!cg->oom) g->exports[g->nexports++] = (struct gen_export){gf.name, arity, gf.entry_label};
    }
}

static void cg_exports(struct cg *cg) {
    struct ast_module *m = cg->m;
    struct gen_module *g = cg->g;
    for (uint32_t i = 0; i < m->nfunctions; i++) {
        const struct ast_function *fn = &m->functions[i];
        bool exported = m->export_all;
        for (uint32_t k = 0; !exported && k < m->nexports; k++)
            exported = m->exports[k].arity == fn->arity && strcmp(m->exports[k].name, fn->name) == 0;
        if (!exported) continue;
        int64_t fi = cg_find_function(cg, fn->name, fn->arity);
        if (fi < 0) continue;
        GROW(cg, g->exports, g->nexports, cg->cap_exports);
        if (cg->oom) return;
        g->exports[g->nexports++] =
            (struct gen_export){g->functions[fi].name, fn->arity, g->functions[fi].entry_label};
    }
}

static char *lift_name(struct cg *cg) {
    struct strbuf sb = STRBUF_INIT;
    cg->gen_counter++;
    sb_printf(&sb, "-%s/%u-fun-%u-", cg->fn_name, cg->fn_arity, cg->fun_counter++);
    sb_cstr(&sb);
    return sb.data;
}

uint32_t cg_new_lc_function(struct cg *cg, struct ast_clause *clauses, uint32_t nclauses, uint32_t arity,
                            const char **name) {
    struct strbuf sb = STRBUF_INIT;
    sb_printf(&sb, "-%s/%u-lc$^%u/1-%u-", cg->fn_name, cg->fn_arity, cg->gen_counter++, cg->lc_counter++);
    sb_cstr(&sb);
    *name = sb.failed ? NULL : arena_strdup(cg->m->arena, sb.data);
    sb_free(&sb);
    if (!*name) {
        cg->oom = true;
        *name = "";
        return 0;
    }
    struct cg_lift l = {.clauses = clauses, .nclauses = nclauses, .fun_arity = arity, .plain = true};
    l.findex = cg_add_function(cg, *name, arity);
    cg_lift(cg, &l);
    return l.findex;
}

/* Lifted functions are compiled after the source functions, in the order
   they were made (a fun inside a fun is made while draining). */
static void cg_drain_lifts(struct cg *cg, uint32_t from) {
    for (uint32_t i = from; i < cg->nlifts && !cg->oom; i++) {
        struct cg_lift l = cg->lifts[i];
        cg_function(cg, l.findex, l.clauses, l.nclauses, &l, l.clauses ? l.clauses[0].line : 0);
    }
}

/* Used by cg_expr.c: register a fun to lift; returns its lambda index. */
uint32_t cg_new_fun(struct cg *cg, struct cg_lift *l);
uint32_t cg_new_fun(struct cg *cg, struct cg_lift *l) {
    char *name = lift_name(cg);
    if (!name) {
        cg->oom = true;
        return 0;
    }
    l->findex = cg_add_function(cg, name, l->fun_arity + l->nfree);
    mem_free(name);
    l->lambda = cg_add_lambda(cg, l->findex, l->fun_arity, l->nfree);
    cg_lift(cg, l);
    return l->lambda;
}

struct gen_module *compile_lower(struct ast_module *m, struct diags *d) {
    struct gen_module *g = mem_zalloc(sizeof *g);
    if (!g) return NULL;
    struct cg cg = {.m = m, .d = d, .g = g};
    uint32_t errors_before = d->errors;
    cg_atomz(&cg, m->name ? m->name : "");
    g->files = mem_malloc(sizeof *g->files);
    if (g->files) {
        const char *file = m->file ? m->file : "";
        g->files[0] = (struct gen_str){cg_strndup(&cg, file, (uint32_t)strlen(file)), (uint32_t)strlen(file)};
        g->nfiles = 1;
    }
    for (uint32_t i = 0; i < m->nfunctions; i++)
        if (cg_find_function(&cg, m->functions[i].name, m->functions[i].arity) < 0)
            cg_add_function(&cg, m->functions[i].name, m->functions[i].arity);
    cg.nsource = g->nfunctions;
    for (uint32_t i = 0; i < m->nfunctions && !cg.oom; i++) {
        const struct ast_function *fn = &m->functions[i];
        int64_t fi = cg_find_function(&cg, fn->name, fn->arity);
        cg.fn_name = fn->name;
        cg.fn_arity = fn->arity;
        cg.fun_counter = cg.gen_counter = cg.lc_counter = 0;
        cg_function(&cg, (uint32_t)fi, fn->clauses, fn->nclauses, NULL, fn->line);
    }
    /* funs after all source functions: the function table is in code order */
    if (!cg.oom) cg_drain_lifts(&cg, 0);
    if (!cg.oom) cg_module_info(&cg);
    if (!cg.oom) cg_exports(&cg);
    /* a lift owns the free-variable arrays cg_fun collected (they leaked:
       found by the fuzzer's LeakSanitizer run) */
    for (uint32_t i = 0; i < cg.nlifts; i++) {
        mem_free(cg.lifts[i].free);
        mem_free(cg.lifts[i].free_len);
    }
    mem_free(cg.lifts);
    mem_free(cg.stubs);
    if (cg.oom) diags_add(d, m->file, 0, 0, false, "out of memory while compiling");
    if (cg.oom || d->errors > errors_before) {
        gen_module_free(g);
        return NULL;
    }
    return g;
}

static struct gen_module *compile_source_all(const char *file, const char *src, size_t len,
                                             const struct compile_opts *opts, struct diags *d);

/* opts->no_warnings: drop the warnings added since `from` */
static void drop_warnings(struct diags *d, uint32_t from) {
    uint32_t k = from;
    for (uint32_t i = from; i < d->count; i++) {
        if (d->items[i].warning) {
            mem_free(d->items[i].file);
            mem_free(d->items[i].message);
        } else {
            d->items[k++] = d->items[i];
        }
    }
    d->count = k;
}

/* Every pass recurses on the tree, as deep as the longest list literal or
   operator chain of the source (the parser bounds nesting, not length):
   compiling runs on a thread whose large stack is reserved, not used,
   until needed. */
#define COMPILE_STACK ((size_t)1 << 30)

struct compile_job {
    const char *file, *src;
    size_t len;
    const struct compile_opts *opts;
    struct diags *d;
    struct gen_module *g;
};

static _Thread_local bool on_compile_stack;

static void *compile_thread(void *arg) {
    struct compile_job *j = arg;
    on_compile_stack = true;
    j->g = compile_source_all(j->file, j->src, j->len, j->opts, j->d);
    return NULL;
}

struct gen_module *compile_source(const char *file, const char *src, size_t len,
                                  const struct compile_opts *opts, struct diags *d) {
    uint32_t from = d->count;
    struct compile_job j = {file, src, len, opts, d, NULL};
    pthread_attr_t attr;
    pthread_t t;
    bool started = !on_compile_stack && pthread_attr_init(&attr) == 0;
    if (started) {
        started = pthread_attr_setstacksize(&attr, COMPILE_STACK) == 0 && pthread_create(&t, &attr, compile_thread, &j) == 0;
        pthread_attr_destroy(&attr);
    }
    if (started) pthread_join(t, NULL);
    else j.g = compile_source_all(file, src, len, opts, d); /* no thread: on this stack */
    if (opts && opts->no_warnings) drop_warnings(d, from);
    return j.g;
}

static struct gen_module *compile_source_all(const char *file, const char *src, size_t len,
                                             const struct compile_opts *opts, struct diags *d) {
    struct ast_module *m = compile_parse(file, src, len, opts, d);
    if (!m) return NULL;
    struct gen_module *g = NULL;
    if (compile_lint(m, d)) g = compile_lower(m, d);
    ast_module_free(m);
    return g;
}
