/*
 * cg.h — internal interface of the lowering pass (compiler/codegen.c,
 * cg_expr.c, cg_match.c, cg_lift.c, cg_etf.c). Not used outside compiler/.
 *
 * Model (see codegen.c's header for the why):
 *   - One struct cg per module: the gen_module being built (tables grow as
 *     dynamic arrays), the queue of lifted functions (funs, comprehensions).
 *   - One struct cg_fn per function clause: its variables, x-register stack
 *     (xtop), y slots. A variable has one home: a y slot (fixed for the
 *     clause: decided by a pre-pass when the variable is live across a
 *     point that clobbers x registers), or an x register / constant
 *     (adopted when bound, pinned until the next clobbering point).
 *   - Registers below xtop are in use (live for GC). After a clobbering
 *     point (a call) only x0 survives: xtop is reset and the epoch bumped,
 *     so a stale x home is detected instead of read.
 */
#ifndef MOAT_CG_H
#define MOAT_CG_H

#include <stdbool.h>
#include <stdint.h>

#include "compiler.h"

struct strbuf;

typedef struct gen_operand cg_op;

/* one variable of a function clause */
struct cg_var {
    const char *name;
    uint32_t len;
    /* pre-pass */
    uint32_t first_def, last_use; /* walk positions; 0 = none */
    uint32_t branch_end;          /* end of the outermost branching construct of the first def */
    bool needs_y;
    uint32_t yslot;
    /* code generation */
    bool bound;
    bool home_pending_y; /* bound in the head before the frame exists */
    cg_op home;
    uint32_t epoch; /* for x homes: the clobber epoch it was bound in */
};

/* a function to lift: a fun, or a comprehension helper */
struct cg_lifted {
    uint32_t findex;          /* index in the gen functions table */
    struct ast_clause *clauses;
    uint32_t nclauses;
    uint32_t arity;           /* total, free values included */
    /* named fun: calls to self_name go to this function with the free values */
    const char *self_name;
    uint32_t self_lambda;
    const char **free_names;
    uint32_t nfree, fun_arity;
};

struct cg {
    struct ast_module *m;
    struct diags *d;
    struct gen_module *g;
    uint32_t cap_atoms, cap_lits, cap_imports, cap_exports, cap_functions, cap_lambdas, cap_lines;
    size_t cap_code;
    bool oom; /* allocation failed: reported once at the end */
    /* lifted functions waiting for their code */
    struct cg_lifted *lifted;
    uint32_t nlifted, cap_lifted, lifted_done;
    uint32_t nsource_functions;
    /* the source function being lowered (for lifted names and counters) */
    const char *cur_name;
    uint32_t cur_arity;
    uint32_t fun_counter, lc_counter;
    uint32_t cur_line;
    uint32_t gensym;
    uint32_t file_index;
};

struct cg_patch {
    size_t *at; /* code indices whose val is the frame size */
    uint32_t n, cap;
};

struct cg_fn {
    struct cg *cg;
    struct cg_var *vars;
    uint32_t nvars, cap_vars;
    uint32_t arity;        /* of the gen function */
    uint32_t info_label;   /* function_clause */
    uint32_t findex;
    struct cg_lifted *lift; /* NULL for a source function */
    /* registers */
    uint32_t xtop;
    uint8_t *xpinned; /* X_REGS flags: a variable's home */
    uint32_t epoch;
    bool has_frame, frame_allocated;
    uint32_t ny_vars, ytemp, ymax;
    bool *ytemp_used;
    struct cg_patch patches;
    /* pre-pass */
    uint32_t pos;
    uint32_t *clobbers;
    uint32_t nclobbers, cap_clobbers;
    uint32_t branch_depth;
    bool nontail_clobber;
    bool error; /* a diagnostic was reported */
};

#define CG_XREGS 1024

/* ---- codegen.c: tables, emission ---- */
uint32_t cg_atom(struct cg *cg, const char *name, uint32_t len);
uint32_t cg_import(struct cg *cg, const char *mod, const char *fun, uint32_t arity);
uint32_t cg_lit_bytes(struct cg *cg, const uint8_t *data, uint32_t len);
uint32_t cg_new_label(struct cg *cg);
uint32_t cg_add_function(struct cg *cg, const char *name, uint32_t arity);
int64_t cg_find_function(struct cg *cg, const char *name, uint32_t arity);
uint32_t cg_add_lambda(struct cg *cg, uint32_t findex, uint32_t arity, uint32_t nfree);
void cg_emit_op(struct cg *cg, uint32_t opc);
void cg_emit(struct cg *cg, cg_op o);
size_t cg_here(struct cg *cg);
void cg_line(struct cg *cg, uint32_t line);
void cg_lower_clauses(struct cg *cg, uint32_t findex, struct ast_clause *clauses, uint32_t n,
                      uint32_t arity, struct cg_lifted *lift);
void cg_error(struct cg_fn *f, const struct ast *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
const char *cg_gensym(struct cg *cg, const char *prefix);
void *cg_alloc(struct cg *cg, size_t n);

static inline cg_op op_x(uint32_t r) { return (cg_op){GEN_X, r}; }
static inline cg_op op_y(uint32_t r) { return (cg_op){GEN_Y, r}; }
static inline cg_op op_int(int64_t v) { return (cg_op){GEN_INT, (uint64_t)v}; }
static inline cg_op op_atom(uint32_t a) { return (cg_op){GEN_ATOM, a}; }
static inline cg_op op_nil(void) { return (cg_op){GEN_NIL, 0}; }
static inline cg_op op_lit(uint32_t i) { return (cg_op){GEN_LIT, i}; }
static inline cg_op op_label(uint32_t l) { return (cg_op){GEN_LABEL, l}; }
static inline cg_op op_u(uint64_t v) { return (cg_op){GEN_UINT, v}; }
static inline cg_op op_list(uint32_t n) { return (cg_op){GEN_LIST, n}; }
static inline bool op_is_reg(cg_op o) { return o.kind == GEN_X || o.kind == GEN_Y; }
static inline bool op_eq(cg_op a, cg_op b) { return a.kind == b.kind && a.val == b.val; }

/* ---- cg_etf.c: constants ---- */
/* true if e (an expression or pattern) is a constant term the ETF encoder takes */
bool cg_is_const(const struct ast *e);
/* the operand for constant e: small int, atom, nil, or a new literal */
cg_op cg_const(struct cg *cg, const struct ast *e);
/* the literal for a string of bytes as a binary */
uint32_t cg_lit_binary(struct cg *cg, const uint8_t *bytes, uint32_t len);
bool cg_etf_encode(struct strbuf *out, const struct ast *e);
bool cg_int_value(const struct ast *e, int64_t *v); /* small constant integer (folding unary -) */

/* ---- cg_fn state (codegen.c) ---- */
struct cg_var *cg_var_find(struct cg_fn *f, const char *name, uint32_t len);
struct cg_var *cg_var_get(struct cg_fn *f, const char *name, uint32_t len);
cg_op cg_new_x(struct cg_fn *f);
void cg_free_op(struct cg_fn *f, cg_op o);
cg_op cg_new_ytemp(struct cg_fn *f);
void cg_free_ytemp(struct cg_fn *f, cg_op o);
void cg_clobbered(struct cg_fn *f); /* after a call: only x0 survives */
void cg_move(struct cg_fn *f, cg_op src, cg_op dst);
cg_op cg_frame_size_op(struct cg_fn *f); /* emits a patched frame-size operand */
void cg_emit_return(struct cg_fn *f);
bool cg_var_is_bound(struct cg_fn *f, const struct ast *v);
cg_op cg_var_read(struct cg_fn *f, const struct ast *v);
void cg_bind(struct cg_fn *f, struct cg_var *v, cg_op src);

/* snapshots of binding state around branches */
struct cg_snap {
    bool *bound;
    uint32_t nvars, xtop, epoch;
    uint8_t *pinned;
};
void cg_snap_take(struct cg_fn *f, struct cg_snap *s);
void cg_snap_restore(struct cg_fn *f, const struct cg_snap *s);
void cg_snap_union(struct cg_fn *f, bool *acc); /* acc |= bound */
void cg_snap_free(struct cg_snap *s);

/* ---- cg_prepass.c ---- */
void cg_prepass_clause(struct cg_fn *f, const struct ast_clause *c);
bool cg_has_clobber(struct cg_fn *f, const struct ast *e);
bool cg_body_has_clobber(struct cg_fn *f, struct ast *const *body, uint32_t n);

/* call classification, shared by the pre-pass and code generation */
enum cg_call_kind { CALL_LOCAL, CALL_REMOTE, CALL_BIF, CALL_FUN, CALL_APPLY, CALL_SELF };
struct cg_call_info {
    enum cg_call_kind kind;
    const char *mod, *fun;
    uint32_t arity;
};
void cg_classify_call(struct cg_fn *f, const struct ast *call, struct cg_call_info *ci);
bool cg_is_guard_bif(const char *name, uint32_t arity);
const char *cg_atom_name(const struct ast *a); /* NUL-terminated name of an atom node or NULL */

/* ---- cg_expr.c ---- */
cg_op cg_expr(struct cg_fn *f, struct ast *e);
void cg_tail(struct cg_fn *f, struct ast *e);
cg_op cg_body(struct cg_fn *f, struct ast **body, uint32_t n, bool tail);
cg_op cg_to_reg(struct cg_fn *f, cg_op o); /* a constant into a new x register */

/* ---- cg_match.c ---- */
void cg_match(struct cg_fn *f, struct ast *pat, cg_op src, uint32_t fail);
void cg_guards(struct cg_fn *f, const struct ast_clause *c, uint32_t fail);
void cg_guard_test(struct cg_fn *f, struct ast *g, uint32_t fail);
cg_op cg_guard_value(struct cg_fn *f, struct ast *g, uint32_t fail);
struct ast_record_def *cg_record(struct cg *cg, const char *name);
int cg_record_field(const struct ast_record_def *r, const char *field); /* 1-based tuple index or -1 */

/* ---- cg_lift.c ---- */
cg_op cg_fun(struct cg_fn *f, struct ast *e);
cg_op cg_comprehension(struct cg_fn *f, struct ast *e, bool tail);
cg_op cg_bin_construct(struct cg_fn *f, struct ast *e);
void cg_bin_match(struct cg_fn *f, struct ast *pat, cg_op src, uint32_t fail);

#endif
