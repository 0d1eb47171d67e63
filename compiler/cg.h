/*
 * cg.h — internal interface of lowering (compiler/codegen.c, cg_expr.c,
 * cg_match.c). Not used outside compiler/.
 *
 * The register model, kept simple so that every path the verifier checks
 * is easy to reason about:
 *   - A function clause runs in one of two modes, decided before its code
 *     is emitted (cg_clause_needs_frame): a clause that makes a non-tail
 *     call, sends, receives, or has try/catch/comprehensions gets a stack
 *     frame; any other clause has no frame and every variable lives in its
 *     own x register (an argument variable keeps its argument register).
 *   - In a clause with a frame, a variable gets a y slot only if a call (or
 *     anything else that clobbers x registers) may separate its binding
 *     from a use, or it is first bound after one; the others live in x
 *     registers like in a clause without a frame (cg_live.c decides).
 *   - A variable's home is fixed for the whole clause, so the paths of a
 *     case join without moves; whether it is bound is tracked per path.
 *   - Temporaries are x registers above the homes, [f->xbase, f->xtop),
 *     allocated as a stack. After a call only x0 survives: xtop drops to 1,
 *     x0 is the result, and xbase drops to 0 (every x home is dead there).
 *     A value that must survive a later sibling's call is kept in a y
 *     temporary (cg_eval_list).
 *   - f->xinit mirrors the verifier's knowledge of which x registers hold
 *     a value; before an instruction that may GC, registers below its live
 *     count that hold nothing are set to [] (cg_live).
 *   - Consecutive function clauses that begin with the same tuple or cons
 *     test on an argument share it: a failure of the first after that test
 *     jumps past the second's (cg_function, cg_match_head).
 */
#ifndef MOAT_CG_H
#define MOAT_CG_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"

typedef struct gen_operand cg_op;

#define CG_NONE ((cg_op){0xFF, 0})
#define CG_XREGS 1024
#define CG_XWORDS (CG_XREGS / 64)

struct cg_var {
    const char *name;
    uint32_t len;
    bool bound;     /* on the current path */
    bool has_home;
    cg_op home;
    uint32_t scope; /* comprehension scope depth it was declared in */
};

/* A function to compile after the current one: a fun body. */
struct cg_lift {
    uint32_t findex;
    struct ast_clause *clauses;
    uint32_t nclauses;
    uint32_t fun_arity;
    const char **free;      /* free variable names, passed after the arguments */
    uint32_t *free_len;
    uint32_t nfree;
    const char *self;       /* named fun: its name inside, or NULL */
    uint32_t self_len;
    uint32_t lambda;
    bool plain;             /* a lifted comprehension: no free values, not a fun */
};

struct cg_stub { /* an error raised out of line at the end of the function */
    uint32_t label, opc, line;
    cg_op arg;
};

struct cg {
    struct ast_module *m;
    struct diags *d;
    struct gen_module *g;
    uint32_t cap_atoms, cap_lits, cap_imports, cap_exports, cap_functions, cap_lambdas, cap_lines;
    size_t cap_code;
    bool oom;
    struct cg_lift *lifts;
    uint32_t nlifts, cap_lifts;
    const char *fn_name; /* the source function being compiled */
    uint32_t fn_arity, fun_counter;
    uint32_t gen_counter, lc_counter; /* lifted comprehensions: '-f/1-lc$^GEN/1-LC-' */
    uint32_t nsource; /* source functions: function indices [0, nsource) */
    uint32_t last_line_index;
    struct cg_stub *stubs;
    uint32_t nstubs, cap_stubs;
};

struct cg_fn {
    struct cg *cg;
    uint32_t arity;      /* of the gen function */
    uint32_t info_label;
    struct cg_var *vars;
    uint32_t nvars, cap_vars;
    uint32_t scope;
    bool frame;          /* this clause uses a frame */
    bool allocated;      /* the frame exists at this point of the code */
    uint32_t xslots;     /* no frame: next home register */
    uint32_t xbase, xtop; /* temporaries in use: [xbase, xtop) */
    bool in_head;        /* arguments are still read by the head match */
    uint64_t xinit[CG_XWORDS];
    uint32_t ny, ymax;   /* y slots used / frame size */
    uint32_t *yfree;     /* freed y temporaries */
    uint32_t nyfree, cap_yfree;
    size_t *patches;     /* code positions of frame-size operands */
    uint32_t npatches, cap_patches;
    uint32_t ntags, depth; /* catch tags: y0..y(ntags-1), the innermost lowest */
    uint32_t line;
    const struct cg_lift *lift;
    const struct ast *ref_receive; /* the receive that starts at recv_mark's mark */
    bool error;
    const char **xok_names; /* frame clauses: names that may keep an x home (cg_live.c) */
    uint32_t *xok_lens;
    uint32_t nxok;
};

/* ---- codegen.c: tables and emission ---- */
uint32_t cg_atom(struct cg *cg, const char *name, uint32_t len);
uint32_t cg_atomz(struct cg *cg, const char *name);
uint32_t cg_import(struct cg *cg, const char *mod, const char *fun, uint32_t arity);
uint32_t cg_lit(struct cg *cg, const uint8_t *bytes, uint32_t len);
uint32_t cg_label(struct cg *cg);
int64_t cg_find_function(struct cg *cg, const char *name, uint32_t arity);
uint32_t cg_add_function(struct cg *cg, const char *name, uint32_t arity);
uint32_t cg_add_lambda(struct cg *cg, uint32_t findex, uint32_t arity, uint32_t nfree);
void cg_emit(struct cg *cg, cg_op o);
void cg_op0(struct cg *cg, uint32_t opc);
void cg_emit_label(struct cg_fn *f, uint32_t l);
void cg_line(struct cg_fn *f, uint32_t line);
void cg_error(struct cg_fn *f, const struct ast *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
struct ast *cg_new_node(struct cg *cg, enum ast_kind kind, const struct ast *at);
uint32_t cg_stub(struct cg_fn *f, uint32_t opc, cg_op arg);
void cg_lift(struct cg *cg, const struct cg_lift *l);
/* A new function of `arity` compiled from `clauses` after the current
   one, named like erl's lifted comprehensions; its index. */
uint32_t cg_new_lc_function(struct cg *cg, struct ast_clause *clauses, uint32_t nclauses, uint32_t arity,
                            const char **name);
const struct ast_record_def *cg_record(struct cg *cg, const char *name);
int cg_record_field(const struct ast_record_def *r, const char *field); /* 1-based index, -1 */
/* the flags of an auto-imported BIF (lint.c), -1 if name/arity is none */
int lint_autoimport_flags(const char *name, uint32_t arity);

static inline cg_op op_x(uint32_t r) { return (cg_op){GEN_X, r}; }
static inline cg_op op_y(uint32_t r) { return (cg_op){GEN_Y, r}; }
static inline cg_op op_int(int64_t v) { return (cg_op){GEN_INT, (uint64_t)v}; }
static inline cg_op op_atom(uint32_t a) { return (cg_op){GEN_ATOM, a}; }
static inline cg_op op_nil(void) { return (cg_op){GEN_NIL, 0}; }
static inline cg_op op_lit(uint32_t i) { return (cg_op){GEN_LIT, i}; }
static inline cg_op op_label(uint32_t l) { return (cg_op){GEN_LABEL, l}; }
static inline cg_op op_u(uint64_t v) { return (cg_op){GEN_UINT, v}; }
static inline cg_op op_list(uint32_t n) { return (cg_op){GEN_LIST, n}; }
static inline cg_op op_opc(uint32_t n) { return (cg_op){GEN_OP, n}; }
static inline bool op_is_x(cg_op o) { return o.kind == GEN_X; }
static inline bool op_is_reg(cg_op o) { return o.kind == GEN_X || o.kind == GEN_Y; }
static inline bool op_none(cg_op o) { return o.kind == 0xFF; }
static inline bool op_eq(cg_op a, cg_op b) { return a.kind == b.kind && a.val == b.val; }

/* ---- codegen.c: registers and variables ---- */
cg_op cg_new_x(struct cg_fn *f);
void cg_release(struct cg_fn *f, uint32_t mark); /* free temporaries down to mark */
cg_op cg_new_y(struct cg_fn *f);
cg_op cg_tag_enter(struct cg_fn *f); /* the catch slot of the next try/catch level */
uint32_t cg_try_depth(const struct ast *e);
void cg_free_y(struct cg_fn *f, cg_op y);
void cg_clobbered(struct cg_fn *f); /* after a call: x0 holds the result */
void cg_xdead(struct cg_fn *f);     /* no x register holds a value any more */
void cg_move(struct cg_fn *f, cg_op src, cg_op dst);
void cg_written(struct cg_fn *f, cg_op dst);
uint32_t cg_live(struct cg_fn *f);  /* live count for a GC point; fills holes */
void cg_heap(struct cg_fn *f, uint32_t words);
cg_op cg_frame_size(struct cg_fn *f);
void cg_return(struct cg_fn *f);
struct cg_var *cg_var(struct cg_fn *f, const char *name, uint32_t len); /* find or add */
struct cg_var *cg_var_find(struct cg_fn *f, const char *name, uint32_t len);
cg_op cg_var_home(struct cg_fn *f, struct cg_var *v);
void cg_parallel_move(struct cg_fn *f, const cg_op *src, uint32_t n);

/* path state around branches */
struct cg_state {
    bool *bound;
    uint32_t nvars;
    uint64_t xinit[CG_XWORDS];
    uint32_t xtop, xbase;
};
void cg_state_save(struct cg_fn *f, struct cg_state *s);
void cg_state_restore(struct cg_fn *f, const struct cg_state *s);
/* join: acc = acc AND current (first call with first=true copies) */
void cg_state_join(struct cg_fn *f, struct cg_state *acc, bool first);
void cg_state_free(struct cg_state *s);

/* ---- cg_expr.c ---- */
bool cg_clobbers(struct cg_fn *f, const struct ast *e);
bool cg_body_clobbers(struct cg_fn *f, struct ast *const *body, uint32_t n, bool tail);
cg_op cg_expr(struct cg_fn *f, struct ast *e, cg_op dst);
cg_op cg_expr_to(struct cg_fn *f, struct ast *e, cg_op dst); /* value ends in dst */
cg_op cg_body(struct cg_fn *f, struct ast **body, uint32_t n, bool tail, cg_op dst);
void cg_eval_list(struct cg_fn *f, struct ast **es, uint32_t n, cg_op *out);
bool cg_is_const(const struct ast *e);
cg_op cg_const(struct cg_fn *f, const struct ast *e);
cg_op cg_to_reg(struct cg_fn *f, cg_op o);
int cg_bif_kind(struct cg_fn *f, const char *mod, const char *name, uint32_t arity);
void cg_clause_body(struct cg_fn *f, struct ast_clause *c);

/* ---- cg_live.c ---- */
void cg_live_vars(struct cg_fn *f, struct ast_clause *c);
bool cg_var_xok(const struct cg_fn *f, const struct cg_var *v);

/* ---- cg_match.c ---- */
void cg_match(struct cg_fn *f, struct ast *pat, cg_op src, uint32_t fail);
int cg_head_shape(const struct ast *p, uint32_t *arity);
void cg_match_head(struct cg_fn *f, struct ast *p, cg_op src, uint32_t fail_type, uint32_t fail_rest,
                   uint32_t here);
void cg_guards(struct cg_fn *f, const struct ast_clause *c, uint32_t fail);
void cg_guard_test(struct cg_fn *f, struct ast *g, uint32_t fail);
cg_op cg_guard_value(struct cg_fn *f, struct ast *g, uint32_t fail, cg_op dst);
/* whole: the segments must use up the bits (a pattern); else a generator */
void cg_bin_segments(struct cg_fn *f, struct ast *pat, cg_op ctx, uint32_t fail, bool whole);
cg_op cg_bin_build(struct cg_fn *f, struct ast *e, cg_op dst, uint32_t fail);
struct ast *cg_record_tuple(struct cg_fn *f, struct ast *e, bool pattern);

#endif
