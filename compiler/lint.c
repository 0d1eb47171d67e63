/*
 * lint.c — erl_lint's checks on a parsed module (compile_lint).
 *
 * Owns: variable scoping (bound / unsafe after case, if, receive, try and
 * catch; fun heads and generators shadow; siblings such as call arguments
 * are checked in parallel, as erl_lint does), legal patterns and guards,
 * functions (undefined, already defined, unused by reachability from the
 * exports, auto-imported BIFs and -compile(no_auto_import)), records and
 * their fields. Messages use erlc's exact wording; errors are reported
 * before warnings, each sorted by position, as erlc prints them.
 * Lint only checks: it never changes the AST (codegen relies on that and
 * re-derives binding itself). Scratch memory is one arena freed at the end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "arena.h"
#include "compiler.h"

/* ---- auto-imported BIFs (erl_internal:bif/2 of OTP 25) ---- */

#define BIF_OLD 1   /* erl_internal:old_bif: overriding it locally is an error */
#define BIF_GUARD 2 /* allowed in guards (guard_bif or type_test) */

struct lint_bif {
    const char *name;
    uint8_t arity, flags;
};

static const struct lint_bif lint_bifs[] = {
    {"abs", 1, BIF_OLD|BIF_GUARD},
    {"alias", 0, 0},
    {"alias", 1, 0},
    {"apply", 2, BIF_OLD},
    {"apply", 3, BIF_OLD},
    {"atom_to_binary", 1, 0},
    {"atom_to_binary", 2, BIF_OLD},
    {"atom_to_list", 1, BIF_OLD},
    {"binary_part", 2, BIF_GUARD},
    {"binary_part", 3, BIF_GUARD},
    {"binary_to_atom", 1, 0},
    {"binary_to_atom", 2, BIF_OLD},
    {"binary_to_existing_atom", 1, 0},
    {"binary_to_existing_atom", 2, BIF_OLD},
    {"binary_to_float", 1, 0},
    {"binary_to_integer", 1, 0},
    {"binary_to_integer", 2, 0},
    {"binary_to_list", 1, BIF_OLD},
    {"binary_to_list", 3, BIF_OLD},
    {"binary_to_term", 1, BIF_OLD},
    {"binary_to_term", 2, 0},
    {"bit_size", 1, BIF_OLD|BIF_GUARD},
    {"bitstring_to_list", 1, BIF_OLD},
    {"byte_size", 1, BIF_OLD|BIF_GUARD},
    {"ceil", 1, BIF_GUARD},
    {"check_old_code", 1, 0},
    {"check_process_code", 2, BIF_OLD},
    {"check_process_code", 3, 0},
    {"date", 0, BIF_OLD},
    {"delete_module", 1, BIF_OLD},
    {"demonitor", 1, 0},
    {"demonitor", 2, 0},
    {"disconnect_node", 1, BIF_OLD},
    {"element", 2, BIF_OLD|BIF_GUARD},
    {"erase", 0, BIF_OLD},
    {"erase", 1, BIF_OLD},
    {"error", 1, 0},
    {"error", 2, 0},
    {"error", 3, 0},
    {"exit", 1, BIF_OLD},
    {"exit", 2, BIF_OLD},
    {"float", 1, BIF_OLD|BIF_GUARD},
    {"float_to_binary", 1, 0},
    {"float_to_binary", 2, 0},
    {"float_to_list", 1, BIF_OLD},
    {"float_to_list", 2, 0},
    {"floor", 1, BIF_GUARD},
    {"garbage_collect", 0, BIF_OLD},
    {"garbage_collect", 1, BIF_OLD},
    {"garbage_collect", 2, 0},
    {"get", 0, BIF_OLD},
    {"get", 1, BIF_OLD},
    {"get_keys", 0, 0},
    {"get_keys", 1, BIF_OLD},
    {"group_leader", 0, BIF_OLD},
    {"group_leader", 2, BIF_OLD},
    {"halt", 0, BIF_OLD},
    {"halt", 1, BIF_OLD},
    {"halt", 2, 0},
    {"hd", 1, BIF_OLD|BIF_GUARD},
    {"integer_to_binary", 1, 0},
    {"integer_to_binary", 2, 0},
    {"integer_to_list", 1, BIF_OLD},
    {"integer_to_list", 2, 0},
    {"iolist_size", 1, BIF_OLD},
    {"iolist_to_binary", 1, BIF_OLD},
    {"is_alive", 0, BIF_OLD},
    {"is_atom", 1, BIF_OLD|BIF_GUARD},
    {"is_binary", 1, BIF_OLD|BIF_GUARD},
    {"is_bitstring", 1, BIF_OLD|BIF_GUARD},
    {"is_boolean", 1, BIF_OLD|BIF_GUARD},
    {"is_float", 1, BIF_OLD|BIF_GUARD},
    {"is_function", 1, BIF_OLD|BIF_GUARD},
    {"is_function", 2, BIF_OLD|BIF_GUARD},
    {"is_integer", 1, BIF_OLD|BIF_GUARD},
    {"is_list", 1, BIF_OLD|BIF_GUARD},
    {"is_map", 1, BIF_GUARD},
    {"is_map_key", 2, BIF_GUARD},
    {"is_number", 1, BIF_OLD|BIF_GUARD},
    {"is_pid", 1, BIF_OLD|BIF_GUARD},
    {"is_port", 1, BIF_OLD|BIF_GUARD},
    {"is_process_alive", 1, BIF_OLD},
    {"is_record", 2, BIF_OLD|BIF_GUARD},
    {"is_record", 3, BIF_OLD|BIF_GUARD},
    {"is_reference", 1, BIF_OLD|BIF_GUARD},
    {"is_tuple", 1, BIF_OLD|BIF_GUARD},
    {"length", 1, BIF_OLD|BIF_GUARD},
    {"link", 1, BIF_OLD},
    {"list_to_atom", 1, BIF_OLD},
    {"list_to_binary", 1, BIF_OLD},
    {"list_to_bitstring", 1, BIF_OLD},
    {"list_to_existing_atom", 1, BIF_OLD},
    {"list_to_float", 1, BIF_OLD},
    {"list_to_integer", 1, BIF_OLD},
    {"list_to_integer", 2, 0},
    {"list_to_pid", 1, BIF_OLD},
    {"list_to_port", 1, 0},
    {"list_to_ref", 1, 0},
    {"list_to_tuple", 1, BIF_OLD},
    {"load_module", 2, BIF_OLD},
    {"make_ref", 0, BIF_OLD},
    {"map_get", 2, BIF_GUARD},
    {"map_size", 1, BIF_GUARD},
    {"max", 2, 0},
    {"min", 2, 0},
    {"module_loaded", 1, BIF_OLD},
    {"monitor", 2, 0},
    {"monitor", 3, 0},
    {"monitor_node", 2, BIF_OLD},
    {"node", 0, BIF_OLD|BIF_GUARD},
    {"node", 1, BIF_OLD|BIF_GUARD},
    {"nodes", 0, BIF_OLD},
    {"nodes", 1, BIF_OLD},
    {"nodes", 2, 0},
    {"now", 0, BIF_OLD},
    {"open_port", 2, BIF_OLD},
    {"pid_to_list", 1, BIF_OLD},
    {"port_close", 1, BIF_OLD},
    {"port_command", 2, BIF_OLD},
    {"port_command", 3, 0},
    {"port_connect", 2, BIF_OLD},
    {"port_control", 3, BIF_OLD},
    {"port_to_list", 1, 0},
    {"pre_loaded", 0, BIF_OLD},
    {"process_flag", 2, BIF_OLD},
    {"process_flag", 3, BIF_OLD},
    {"process_info", 1, BIF_OLD},
    {"process_info", 2, BIF_OLD},
    {"processes", 0, BIF_OLD},
    {"purge_module", 1, BIF_OLD},
    {"put", 2, BIF_OLD},
    {"ref_to_list", 1, 0},
    {"register", 2, BIF_OLD},
    {"registered", 0, BIF_OLD},
    {"round", 1, BIF_OLD|BIF_GUARD},
    {"self", 0, BIF_OLD|BIF_GUARD},
    {"setelement", 3, BIF_OLD},
    {"size", 1, BIF_OLD|BIF_GUARD},
    {"spawn", 1, BIF_OLD},
    {"spawn", 2, BIF_OLD},
    {"spawn", 3, BIF_OLD},
    {"spawn", 4, BIF_OLD},
    {"spawn_link", 1, BIF_OLD},
    {"spawn_link", 2, BIF_OLD},
    {"spawn_link", 3, BIF_OLD},
    {"spawn_link", 4, BIF_OLD},
    {"spawn_monitor", 1, BIF_OLD},
    {"spawn_monitor", 2, 0},
    {"spawn_monitor", 3, BIF_OLD},
    {"spawn_monitor", 4, 0},
    {"spawn_opt", 2, BIF_OLD},
    {"spawn_opt", 3, BIF_OLD},
    {"spawn_opt", 4, BIF_OLD},
    {"spawn_opt", 5, BIF_OLD},
    {"spawn_request", 1, 0},
    {"spawn_request", 2, 0},
    {"spawn_request", 3, 0},
    {"spawn_request", 4, 0},
    {"spawn_request", 5, 0},
    {"spawn_request_abandon", 1, 0},
    {"split_binary", 2, BIF_OLD},
    {"statistics", 1, BIF_OLD},
    {"term_to_binary", 1, BIF_OLD},
    {"term_to_binary", 2, BIF_OLD},
    {"term_to_iovec", 1, 0},
    {"term_to_iovec", 2, 0},
    {"throw", 1, BIF_OLD},
    {"time", 0, BIF_OLD},
    {"tl", 1, BIF_OLD|BIF_GUARD},
    {"trunc", 1, BIF_OLD|BIF_GUARD},
    {"tuple_size", 1, BIF_OLD|BIF_GUARD},
    {"tuple_to_list", 1, BIF_OLD},
    {"unalias", 1, 0},
    {"unlink", 1, BIF_OLD},
    {"unregister", 1, BIF_OLD},
    {"whereis", 1, BIF_OLD},
};

/* flags of the auto-imported BIF name/arity, or -1 when it is none */
static int lint_bif_flags(const char *name, uint32_t arity) {
    size_t lo = 0, hi = sizeof lint_bifs / sizeof *lint_bifs;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(lint_bifs[mid].name, name);
        if (c == 0) c = (int)lint_bifs[mid].arity - (int)arity;
        if (c == 0) return lint_bifs[mid].flags;
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return -1;
}

/* ---- state ---- */

#define LINT_ROOT INT32_MAX /* edge source for calls made outside any function */

enum { VAR_BOUND, VAR_UNSAFE };

struct lint_pos {
    uint32_t line, col;
};

struct lint_var {
    const char *name;
    uint32_t len;
    uint32_t line, col; /* where first bound */
    uint8_t state;
    bool used;
    /* bound by branches (case clauses ...): used means used after them;
       unused_at are the bindings not used in their own branch, each
       reported (as erl_lint does) if the variable is not used after */
    bool merged;
    const struct lint_pos *unused_at;
    uint32_t nunused;
    bool hidden;        /* bound by an earlier sibling: not visible yet */
    const char *unsafe_in;
    uint32_t uline, ucol;
};

struct lint_msg {
    uint32_t line, col, seq;
    char *text;
};

struct lint_msgs {
    struct lint_msg *items;
    uint32_t n, cap;
};

struct lint_fn {
    const char *name;
    uint32_t arity;
    int32_t first; /* index of the first definition in m->functions */
};

enum lint_ck { CK_UNKNOWN, CK_INT, CK_BIGINT, CK_FLOAT, CK_BOOL, CK_ATOM, CK_LIST, CK_OTHER };

struct lint_const {
    enum lint_ck kind;
    int64_t i;
    double f;
    bool val; /* i / f known */
};

struct lint {
    struct ast_module *m;
    struct arena *scratch;
    struct lint_msgs errors, warnings;
    struct lint_msgs core; /* erlc's optimizer warnings: shown only without errors */
    uint32_t seq;
    /* variables: a stack; scopes are ranges */
    struct lint_var *vars;
    uint32_t nvars, capvars;
    /* functions: open hash of name/arity -> first definition */
    struct lint_fn *fns;
    uint32_t fn_cap;
    /* call graph: edges caller -> callee (indices into m->functions) */
    uint32_t *edge_from, *edge_to;
    uint32_t nedges, capedges;
    int32_t current_fn;
    bool in_guard;
    const struct ast *stacktrace_var; /* of the catch clause whose guard is linted */
    bool stacktrace_in_guard;         /* ... and that guard used it */
    bool in_bin_size;                 /* a segment size in a pattern, not a guard */
    bool *record_used; /* per m->records */
    const struct ast **unbound; /* reported unbound in this function clause */
    uint32_t nunbound, capunbound;
    /* the operator lint_op_check looked at last and its value: its parent
       is checked next, so a chain of n operators costs n, not n^2 */
    const struct ast *op_node;
    struct lint_const op_value;
};

static void lint_vmsg(struct lint *l, struct lint_msgs *to, uint32_t line, uint32_t col,
                      const char *fmt, va_list ap) {
    char buf[512];
    vsnprintf(buf, sizeof buf, fmt, ap);
    if (to->n == to->cap) {
        uint32_t cap = to->cap ? to->cap * 2 : 32;
        struct lint_msg *items =
            arena_realloc(l->scratch, to->items, to->n * sizeof *items, cap * sizeof *items);
        if (!items) return;
        to->items = items;
        to->cap = cap;
    }
    char *text = arena_strdup(l->scratch, buf);
    if (!text) return;
    to->items[to->n++] = (struct lint_msg){.line = line, .col = col, .seq = l->seq++,
                                           .text = text};
}

__attribute__((format(printf, 4, 5))) static void lint_error(struct lint *l, uint32_t line,
                                                             uint32_t col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    lint_vmsg(l, &l->errors, line, col, fmt, ap);
    va_end(ap);
}

__attribute__((format(printf, 4, 5))) static void lint_warn(struct lint *l, uint32_t line,
                                                            uint32_t col, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    lint_vmsg(l, &l->warnings, line, col, fmt, ap);
    va_end(ap);
}

/* A warning of erlc's later passes (sys_core_fold), given only when the
   module has no errors. */
__attribute__((format(printf, 4, 5))) static void lint_core_warn(struct lint *l, uint32_t line,
                                                                 uint32_t col, const char *fmt,
                                                                 ...) {
    va_list ap;
    va_start(ap, fmt);
    lint_vmsg(l, &l->core, line, col, fmt, ap);
    va_end(ap);
}

static int lint_msg_cmp(const void *a, const void *b) {
    const struct lint_msg *x = a, *y = b;
    if (x->line != y->line) return x->line < y->line ? -1 : 1;
    if (x->col != y->col) return x->col < y->col ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* ---- functions ---- */

static uint32_t lint_fn_hash(const char *name, uint32_t arity) {
    uint32_t h = 2166136261u ^ arity;
    while (*name) h = (h ^ (unsigned char)*name++) * 16777619u;
    return h;
}

static struct lint_fn *lint_fn_slot(struct lint *l, const char *name, uint32_t arity) {
    uint32_t mask = l->fn_cap - 1;
    for (uint32_t i = lint_fn_hash(name, arity) & mask;; i = (i + 1) & mask) {
        struct lint_fn *f = &l->fns[i];
        if (!f->name || (f->arity == arity && strcmp(f->name, name) == 0)) return f;
    }
}

/* index of the local function name/arity, or -1 */
static int32_t lint_fn_find(struct lint *l, const char *name, uint32_t arity) {
    struct lint_fn *f = lint_fn_slot(l, name, arity);
    return f->name ? f->first : -1;
}

static void lint_edge(struct lint *l, int32_t to) {
    if (to < 0) return;
    /* outside functions (record defaults): callees count as used */
    uint32_t from = l->current_fn < 0 ? (uint32_t)LINT_ROOT : (uint32_t)l->current_fn;
    if (l->nedges == l->capedges) {
        uint32_t cap = l->capedges ? l->capedges * 2 : 64;
        uint32_t *f = arena_realloc(l->scratch, l->edge_from, l->nedges * 4, cap * 4);
        uint32_t *t = arena_realloc(l->scratch, l->edge_to, l->nedges * 4, cap * 4);
        if (!f || !t) return;
        l->edge_from = f;
        l->edge_to = t;
        l->capedges = cap;
    }
    l->edge_from[l->nedges] = from;
    l->edge_to[l->nedges++] = (uint32_t)to;
}

static bool lint_fa_listed(const struct ast_fa *fas, uint32_t n, const char *name,
                           uint32_t arity) {
    for (uint32_t i = 0; i < n; i++)
        if (fas[i].arity == arity && strcmp(fas[i].name, name) == 0) return true;
    return false;
}

static bool lint_no_auto(struct lint *l, const char *name, uint32_t arity) {
    return l->m->no_auto_import_all ||
           lint_fa_listed(l->m->no_auto_import, l->m->nno_auto_import, name, arity);
}

static bool lint_imported(struct lint *l, const char *name, uint32_t arity) {
    for (uint32_t i = 0; i < l->m->nimports; i++)
        if (l->m->imports[i].fa.arity == arity && strcmp(l->m->imports[i].fa.name, name) == 0)
            return true;
    return false;
}

/* Deprecated or removed functions erl_lint warns about (otp_internal). */
static const struct {
    const char *module, *name;
    int arity; /* -1: any */
    const char *advice;
    bool removed;
} lint_deprecated[] = {
    {"erlang", "now", 0,
     "see the \"Time and Time Correction in Erlang\" chapter of the ERTS User's Guide for "
     "more information", false},
    {"erlang", "phash", 2, "use erlang:phash2/2 instead", false},
    {"erlang", "get_stacktrace", 0,
     "use the new try/catch syntax for retrieving the stack backtrace", true},
    {"random", NULL, -1, "use the 'rand' module instead", false},
    {"queue", "lait", 1, "use queue:liat/1 instead", false},
};

static void lint_check_deprecated(struct lint *l, const char *mod, const char *name,
                                  uint32_t arity, uint32_t line, uint32_t col) {
    for (size_t i = 0; i < sizeof lint_deprecated / sizeof *lint_deprecated; i++) {
        if (strcmp(lint_deprecated[i].module, mod) != 0) continue;
        if (lint_deprecated[i].name && (strcmp(lint_deprecated[i].name, name) != 0 ||
                                        (uint32_t)lint_deprecated[i].arity != arity))
            continue;
        lint_warn(l, line, col, "%s:%s/%u is %s; %s", mod, name, arity,
                  lint_deprecated[i].removed ? "removed" : "deprecated", lint_deprecated[i].advice);
        return;
    }
}

/* A local call name(...)/arity or fun name/arity at line:col. */
static void lint_local_call(struct lint *l, const char *name, uint32_t arity, uint32_t line,
                            uint32_t col, bool is_fun_ref) {
    int32_t local = lint_fn_find(l, name, arity);
    int bif = lint_bif_flags(name, arity);
    if (local >= 0) {
        lint_edge(l, local);
        if (bif >= 0 && !is_fun_ref && !lint_no_auto(l, name, arity)) {
            const char *pre = (bif & BIF_OLD) ? "pre R14 " : "";
            char msg[400];
            snprintf(msg, sizeof msg,
                     "ambiguous call of overridden %sauto-imported BIF %s/%u\n"
                     " - use erlang:%s/%u or \"-compile({no_auto_import,[%s/%u]}).\" to "
                     "resolve name clash",
                     pre, name, arity, name, arity, name, arity);
            if (bif & BIF_OLD) lint_error(l, line, col, "%s", msg);
            else lint_warn(l, line, col, "%s", msg);
        }
        return;
    }
    if (lint_imported(l, name, arity)) return;
    if (bif >= 0 && !lint_no_auto(l, name, arity)) {
        lint_check_deprecated(l, "erlang", name, arity, line, col);
        return;
    }
    if (!is_fun_ref && arity == 2 && strcmp(name, "record_info") == 0) return;
    lint_error(l, line, col, "function %s/%u undefined", name, arity);
}

/* ---- records ---- */

static const struct ast_record_def *lint_record(struct lint *l, const char *name,
                                                uint32_t line, uint32_t col) {
    for (uint32_t i = 0; i < l->m->nrecords; i++)
        if (strcmp(l->m->records[i].name, name) == 0) {
            if (l->record_used) l->record_used[i] = true;
            return &l->m->records[i];
        }
    lint_error(l, line, col, "record %s undefined", name);
    return NULL;
}

static bool lint_field(struct lint *l, const struct ast_record_def *r, const char *field,
                       uint32_t line, uint32_t col) {
    for (uint32_t i = 0; i < r->nfields; i++)
        if (strcmp(r->fields[i].name, field) == 0) return true;
    lint_error(l, line, col, "field %s undefined in record %s", field, r->name);
    return false;
}

/* ---- variables ---- */

static struct lint_var *lint_var_find(struct lint *l, const struct ast *v, uint32_t from) {
    for (uint32_t i = l->nvars; i-- > from;) {
        struct lint_var *x = &l->vars[i];
        if (!x->hidden && x->len == v->len && memcmp(x->name, v->name, v->len) == 0) return x;
    }
    return NULL;
}

static struct lint_var *lint_var_push(struct lint *l, const struct ast *v) {
    if (l->nvars == l->capvars) {
        uint32_t cap = l->capvars ? l->capvars * 2 : 64;
        struct lint_var *vars = mem_realloc(l->vars, cap * sizeof *vars);
        if (!vars) return NULL;
        l->vars = vars;
        l->capvars = cap;
    }
    struct lint_var *x = &l->vars[l->nvars++];
    *x = (struct lint_var){.name = v->name, .len = v->len, .line = v->line, .col = v->col};
    return x;
}

static bool lint_is_anon(const struct ast *v) { return v->len == 1 && v->name[0] == '_'; }

/* Names reported unbound in the current function clause. */
static void lint_unbound_note(struct lint *l, const struct ast *v) {
    if (l->nunbound == l->capunbound) {
        uint32_t cap = l->capunbound ? l->capunbound * 2 : 16;
        const struct ast **u = arena_realloc(l->scratch, l->unbound, l->nunbound * sizeof *u,
                                             cap * sizeof *u);
        if (!u) return;
        l->unbound = u;
        l->capunbound = cap;
    }
    l->unbound[l->nunbound++] = v;
}

static bool lint_was_unbound(struct lint *l, const struct ast *v) {
    for (uint32_t i = 0; i < l->nunbound; i++)
        if (l->unbound[i]->len == v->len && memcmp(l->unbound[i]->name, v->name, v->len) == 0)
            return true;
    return false;
}

static void lint_unsafe_error(struct lint *l, const struct ast *v, const struct lint_var *x) {
    lint_error(l, v->line, v->col, "variable '%.*s' unsafe in '%s' (line %u, column %u)",
               (int)v->len, v->name, x->unsafe_in, x->uline, x->ucol);
}

/* A variable used in an expression. */
static void lint_var_use(struct lint *l, const struct ast *v) {
    if (lint_is_anon(v)) {
        lint_error(l, v->line, v->col, "variable '_' is unbound");
        return;
    }
    struct lint_var *x = lint_var_find(l, v, 0);
    if (!x) {
        lint_error(l, v->line, v->col, "variable '%.*s' is unbound", (int)v->len, v->name);
        /* erl_lint counts the use anyway: a sibling's or a later binding of
           the same name is not also reported unused */
        for (uint32_t i = 0; i < l->nvars; i++)
            if (l->vars[i].len == v->len && memcmp(l->vars[i].name, v->name, v->len) == 0)
                l->vars[i].used = true;
        lint_unbound_note(l, v);
        return;
    }
    x->used = true;
    if (x->state == VAR_UNSAFE) lint_unsafe_error(l, v, x);
}

/* Warn for unused variables bound in vars[from..] and drop them. */
static void lint_scope_end(struct lint *l, uint32_t from) {
    for (uint32_t i = from; i < l->nvars; i++) {
        struct lint_var *x = &l->vars[i];
        if (x->used || x->name[0] == '_' || l->m->nowarn_unused_vars) continue;
        if (!x->merged) lint_warn(l, x->line, x->col, "variable '%.*s' is unused", (int)x->len, x->name);
        for (uint32_t k = 0; x->merged && k < x->nunused; k++)
            lint_warn(l, x->unused_at[k].line, x->unused_at[k].col, "variable '%.*s' is unused",
                      (int)x->len, x->name);
    }
    l->nvars = from;
}

/* Siblings (arguments, operands, elements) see only what was bound before
   them: hide what each binds until all are done, then merge duplicates. */
static void lint_hide_from(struct lint *l, uint32_t from) {
    for (uint32_t i = from; i < l->nvars; i++) l->vars[i].hidden = true;
}

static void lint_unhide_from(struct lint *l, uint32_t from) {
    uint32_t out = from;
    for (uint32_t i = from; i < l->nvars; i++) {
        struct lint_var x = l->vars[i];
        x.hidden = false;
        bool dup = false;
        for (uint32_t k = from; k < out; k++)
            if (l->vars[k].len == x.len && memcmp(l->vars[k].name, x.name, x.len) == 0) {
                l->vars[k].used |= x.used;
                dup = true;
                break;
            }
        if (!dup) l->vars[out++] = x;
    }
    l->nvars = out;
}

/* ---- patterns ---- */

static void lint_gexpr(struct lint *l, struct ast *e);
static void lint_expr(struct lint *l, struct ast *e);
static void lint_op_check(struct lint *l, const struct ast *e);
static void lint_body(struct lint *l, struct ast **body, uint32_t n);

/* A compile-time constant number expression (allowed in patterns). */
static bool lint_pat_number(const struct ast *e) {
    switch (e->kind) {
    case AST_INT:
    case AST_FLOAT: return true;
    case AST_UNOP: return strcmp(e->op, "not") != 0 && lint_pat_number(e->a);
    case AST_OP: {
        static const char *const arith[] = {"+", "-", "*", "/", "div", "rem", "band", "bor",
                                            "bxor", "bsl", "bsr"};
        for (size_t i = 0; i < sizeof arith / sizeof *arith; i++)
            if (strcmp(e->op, arith[i]) == 0) return lint_pat_number(e->a) && lint_pat_number(e->b);
        return false;
    }
    default: return false;
    }
}

/* The left operand of ++ in a pattern: a string or a proper list of
   literals. */
static bool lint_pat_prefix(const struct ast *e) {
    while (e->kind == AST_CONS) {
        if (e->a->kind != AST_INT && e->a->kind != AST_FLOAT && e->a->kind != AST_ATOM &&
            e->a->kind != AST_STRING)
            return false;
        e = e->b;
    }
    return e->kind == AST_NIL || e->kind == AST_STRING;
}

struct lint_pat_ctx {
    uint32_t shadow_from;    /* variables below are outside the fun/generator */
    const char *shadow_what; /* NULL: an ordinary match; else "'fun'", "generate" */
};

static void lint_pat(struct lint *l, struct ast *p, const struct lint_pat_ctx *cx);

static void lint_pat_var(struct lint *l, struct ast *v, const struct lint_pat_ctx *cx) {
    if (lint_is_anon(v)) return;
    struct lint_var *x = lint_var_find(l, v, 0);
    if (x && cx->shadow_what && (uint32_t)(x - l->vars) < cx->shadow_from) {
        lint_warn(l, v->line, v->col, "variable '%.*s' shadowed in %s", (int)v->len, v->name,
                  cx->shadow_what);
        x = NULL;
    }
    if (!x) {
        struct lint_var *nv = lint_var_push(l, v);
        if (nv && lint_was_unbound(l, v)) nv->used = true;
        return;
    }
    x->used = true;
    if (x->state == VAR_UNSAFE) lint_unsafe_error(l, v, x);
}

static void lint_pat_record(struct lint *l, struct ast *p, const struct lint_pat_ctx *cx) {
    const struct ast_record_def *r = lint_record(l, p->name, p->line, p->col);
    if (!r) return; /* erl_lint looks no further into an undefined record */
    bool ok = true;
    for (uint32_t i = 0; i < p->nitems; i++) {
        struct ast *f = p->items[i];
        if (strcmp(f->field, "_") != 0 && !lint_field(l, r, f->field, f->line, f->col)) ok = false;
    }
    if (!ok) return; /* and binds nothing from a record pattern with a bad field */
    for (uint32_t i = 0; i < p->nitems; i++) lint_pat(l, p->items[i]->a, cx);
}

/* Bit type names; false (reported) for an unknown one. */
static bool lint_bit_types(struct lint *l, const struct ast *el) {
    static const char *const known[] = {"integer", "float", "binary", "bytes", "bitstring",
                                        "bits", "utf8", "utf16", "utf32", "signed", "unsigned",
                                        "big", "little", "native", "unit"};
    for (uint32_t t = 0; t < el->ntypes; t++) {
        bool ok = false;
        for (size_t k = 0; k < sizeof known / sizeof *known; k++)
            if (strcmp(el->types[t].name, known[k]) == 0) ok = true;
        if (!ok) {
            lint_error(l, el->line, el->col, "bit type %s undefined", el->types[t].name);
            return false;
        }
    }
    /* a float of a literal size: 16, 32 or 64 bits only */
    bool is_float = false;
    uint64_t unit = 1;
    for (uint32_t t = 0; t < el->ntypes; t++) {
        if (strcmp(el->types[t].name, "float") == 0) is_float = true;
        if (strcmp(el->types[t].name, "unit") == 0) unit = el->types[t].unit;
    }
    if (is_float && el->b && el->b->kind == AST_INT && !el->b->big) {
        uint64_t bits = (uint64_t)el->b->ival * unit;
        if (el->b->ival < 0 || (bits != 16 && bits != 32 && bits != 64))
            lint_warn(l, el->line, el->col, "bad float bit size");
    }
    return true;
}

static bool lint_bin_has_type(const struct ast *el, const char *a, const char *b) {
    for (uint32_t t = 0; t < el->ntypes; t++)
        if (strcmp(el->types[t].name, a) == 0 || strcmp(el->types[t].name, b) == 0) return true;
    return false;
}

static void lint_pat_bin(struct lint *l, struct ast *p, const struct lint_pat_ctx *cx) {
    for (uint32_t i = 0; i < p->nitems; i++) {
        struct ast *el = p->items[i];
        if (!lint_bit_types(l, el)) continue;
        if (!el->b && i + 1 < p->nitems &&
            (lint_bin_has_type(el, "binary", "bytes") || lint_bin_has_type(el, "bitstring", "bits")))
            lint_error(l, el->line, el->col,
                       "a binary field without size is only allowed at the end of a binary pattern");
        struct ast *v = el->a;
        if (v->kind == AST_VAR) lint_pat_var(l, v, cx);
        else if (v->kind != AST_INT && v->kind != AST_FLOAT && v->kind != AST_STRING &&
                 !lint_pat_number(v))
            lint_error(l, v->line, v->col, "illegal pattern");
        if (el->b) {
            bool outer = l->in_bin_size;
            l->in_bin_size = true;
            lint_gexpr(l, el->b);
            l->in_bin_size = outer;
        }
    }
}

static void lint_pat(struct lint *l, struct ast *p, const struct lint_pat_ctx *cx) {
    switch (p->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return;
    case AST_VAR: lint_pat_var(l, p, cx); return;
    case AST_CONS:
        lint_pat(l, p->a, cx);
        lint_pat(l, p->b, cx);
        return;
    case AST_TUPLE:
        for (uint32_t i = 0; i < p->nitems; i++) lint_pat(l, p->items[i], cx);
        return;
    case AST_MAP:
        for (uint32_t i = 0; i < p->nitems; i++) {
            struct ast *f = p->items[i];
            if (f->kind != AST_MAP_EXACT) {
                lint_error(l, f->line, f->col, "illegal pattern");
                continue;
            }
            lint_gexpr(l, f->a);
            lint_pat(l, f->b, cx);
        }
        return;
    case AST_BIN: lint_pat_bin(l, p, cx); return;
    case AST_RECORD: lint_pat_record(l, p, cx); return;
    case AST_RECORD_INDEX: {
        const struct ast_record_def *r = lint_record(l, p->name, p->line, p->col);
        if (r)
            lint_field(l, r, p->field, p->fline ? p->fline : p->line,
                       p->fline ? p->fcol : p->col);
        return;
    }
    case AST_MATCH:
        lint_pat(l, p->a, cx);
        lint_pat(l, p->b, cx);
        return;
    case AST_OP:
        if (strcmp(p->op, "++") == 0 && lint_pat_prefix(p->a)) {
            lint_pat(l, p->b, cx);
            return;
        }
        /* fallthrough */
    case AST_UNOP:
        if (lint_pat_number(p)) return;
        /* fallthrough */
    default: lint_error(l, p->line, p->col, "illegal pattern"); return;
    }
}

/* ---- guards ---- */

static void lint_gcall(struct lint *l, struct ast *e) {
    struct ast *f = e->a;
    uint32_t arity = e->nitems;
    bool ok = false;
    if (f->kind == AST_ATOM) {
        int flags = lint_bif_flags(f->name, arity);
        bool local = lint_fn_find(l, f->name, arity) >= 0 || lint_imported(l, f->name, arity);
        if (flags >= 0 && (flags & BIF_GUARD) && !(local && lint_no_auto(l, f->name, arity))) {
            ok = true;
        } else if (local || (flags >= 0 && lint_no_auto(l, f->name, arity))) {
            lint_error(l, e->line, e->col, "call to local/imported function %s/%u is illegal in %s",
                       f->name, arity,
                       l->in_bin_size ? "a size expression for a binary segment" : "guard");
            for (uint32_t i = 0; i < e->nitems; i++) lint_gexpr(l, e->items[i]);
            return;
        }
    } else if (f->kind == AST_REMOTE && f->a->kind == AST_ATOM && f->b->kind == AST_ATOM &&
               strcmp(f->a->name, "erlang") == 0) {
        int flags = lint_bif_flags(f->b->name, arity);
        ok = flags >= 0 && (flags & BIF_GUARD);
        if (!ok) {
            /* operators and other guard-safe erlang functions */
            static const char *const extra[] = {"+", "-", "*", "/", "div", "rem", "band", "bor",
                                                "bxor", "bsl", "bsr", "and", "or", "xor", "not",
                                                "==", "/=", "=<", "<", ">=", ">", "=:=", "=/=",
                                                "bnot", "is_record", "tuple_size"};
            for (size_t i = 0; i < sizeof extra / sizeof *extra; i++)
                if (strcmp(f->b->name, extra[i]) == 0) ok = true;
        }
    }
    if (!ok) {
        /* erl_lint looks no further: the arguments' variables stay unused */
        lint_error(l, e->line, e->col, l->in_bin_size ? "illegal bit size" : "illegal guard expression");
        return;
    }
    for (uint32_t i = 0; i < e->nitems; i++) lint_gexpr(l, e->items[i]);
}

static void lint_gexpr(struct lint *l, struct ast *e) {
    const struct ast *st = l->stacktrace_var;
    switch (e->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return;
    case AST_VAR:
        if (st && st->len == e->len && memcmp(st->name, e->name, e->len) == 0) {
            /* erl_lint reports the first use only, and counts it as a use */
            if (!l->stacktrace_in_guard)
                lint_error(l, e->line, e->col,
                           "stacktrace variable '%.*s' must not be used in a guard", (int)e->len,
                           e->name);
            l->stacktrace_in_guard = true;
        } else
            lint_var_use(l, e);
        return;
    case AST_CONS:
        lint_gexpr(l, e->a);
        lint_gexpr(l, e->b);
        return;
    case AST_TUPLE:
        for (uint32_t i = 0; i < e->nitems; i++) lint_gexpr(l, e->items[i]);
        return;
    case AST_MAP_UPDATE: lint_gexpr(l, e->a); /* fallthrough */
    case AST_MAP:
        for (uint32_t i = 0; i < e->nitems; i++) {
            lint_gexpr(l, e->items[i]->a);
            lint_gexpr(l, e->items[i]->b);
        }
        return;
    case AST_BIN:
        for (uint32_t i = 0; i < e->nitems; i++) {
            lint_gexpr(l, e->items[i]->a);
            if (e->items[i]->b) lint_gexpr(l, e->items[i]->b);
        }
        return;
    case AST_RECORD_UPDATE: lint_gexpr(l, e->a); /* fallthrough */
    case AST_RECORD: {
        const struct ast_record_def *r = lint_record(l, e->name, e->line, e->col);
        if (!r) return;
        for (uint32_t i = 0; i < e->nitems; i++) {
            struct ast *f = e->items[i];
            if (r && strcmp(f->field, "_") != 0) lint_field(l, r, f->field, f->line, f->col);
            lint_gexpr(l, f->a);
        }
        return;
    }
    case AST_RECORD_ACCESS: lint_gexpr(l, e->a); /* fallthrough */
    case AST_RECORD_INDEX: {
        const struct ast_record_def *r = lint_record(l, e->name, e->line, e->col);
        if (r)
            lint_field(l, r, e->field, e->fline ? e->fline : e->line,
                       e->fline ? e->fcol : e->col);
        return;
    }
    case AST_OP:
        lint_gexpr(l, e->a);
        lint_gexpr(l, e->b);
        if (strcmp(e->op, "!") == 0) break;
        lint_op_check(l, e);
        return;
    case AST_UNOP:
        lint_gexpr(l, e->a);
        lint_op_check(l, e);
        return;
    case AST_CALL: lint_gcall(l, e); return;
    default: break;
    }
    lint_error(l, e->line, e->col, l->in_bin_size ? "illegal bit size" : "illegal guard expression");
}

static void lint_guards(struct lint *l, const struct ast_clause *c) {
    for (uint32_t g = 0; g < c->nguards; g++)
        for (uint32_t t = 0; t < c->guards[g].ntests; t++) lint_gexpr(l, c->guards[g].tests[t]);
}

/* ---- branches: case, if, receive, try ---- */

struct lint_branch_var {
    struct lint_var v;
    uint32_t branch;
};

struct lint_branches {
    struct lint_branch_var *items;
    uint32_t n, cap;
    uint32_t from;     /* vars[from..] are what the current branch bound */
    uint32_t count;    /* branches seen */
};

/* Move what the branch just linted bound into the collection. */
static void lint_branch_done(struct lint *l, struct lint_branches *b) {
    for (uint32_t i = b->from; i < l->nvars; i++) {
        if (b->n == b->cap) {
            uint32_t cap = b->cap ? b->cap * 2 : 16;
            struct lint_branch_var *items =
                arena_realloc(l->scratch, b->items, b->n * sizeof *items, cap * sizeof *items);
            if (!items) break;
            b->items = items;
            b->cap = cap;
        }
        b->items[b->n++] = (struct lint_branch_var){.v = l->vars[i], .branch = b->count};
    }
    l->nvars = b->from;
    b->count++;
}

/* Bind after the construct: safe when every branch bound it, else unsafe. */
static void lint_branches_merge(struct lint *l, struct lint_branches *b, const char *what,
                                uint32_t line, uint32_t col) {
    for (uint32_t i = 0; i < b->n; i++) {
        struct lint_branch_var *x = &b->items[i];
        if (!x->v.name) continue; /* merged already */
        struct lint_var merged = x->v;
        uint32_t branches = 1, last = x->branch;
        /* the bindings unused in their branch: at most all of them */
        uint32_t cap = 0;
        for (uint32_t k = i; k < b->n; k++)
            if (b->items[k].v.name && b->items[k].v.len == merged.len &&
                !memcmp(b->items[k].v.name, merged.name, merged.len))
                cap += b->items[k].v.merged ? b->items[k].v.nunused : 1;
        struct lint_pos *unused = cap ? arena_alloc(l->scratch, cap * sizeof *unused) : NULL;
        uint32_t nunused = 0;
#define LINT_NOTE_UNUSED(var)                                                                  \
    do {                                                                                       \
        if ((var).used || !unused) break;                                                      \
        if ((var).merged)                                                                      \
            for (uint32_t q = 0; q < (var).nunused; q++) unused[nunused++] = (var).unused_at[q]; \
        else                                                                                   \
            unused[nunused++] = (struct lint_pos){(var).line, (var).col};                      \
    } while (0)
        LINT_NOTE_UNUSED(x->v);
        for (uint32_t k = i + 1; k < b->n; k++) {
            struct lint_branch_var *y = &b->items[k];
            if (!y->v.name || y->v.len != merged.len || memcmp(y->v.name, merged.name, merged.len))
                continue;
            LINT_NOTE_UNUSED(y->v);
            if (y->v.state == VAR_UNSAFE && merged.state != VAR_UNSAFE) {
                merged.state = VAR_UNSAFE;
                merged.unsafe_in = y->v.unsafe_in;
                merged.uline = y->v.uline;
                merged.ucol = y->v.ucol;
            }
            if (y->branch != last) branches++, last = y->branch;
            y->v.name = NULL;
        }
#undef LINT_NOTE_UNUSED
        if (branches < b->count && merged.state != VAR_UNSAFE) {
            merged.state = VAR_UNSAFE;
            merged.unsafe_in = what;
            merged.uline = line;
            merged.ucol = col;
        }
        merged.used = false;
        merged.merged = true;
        merged.unused_at = unused;
        merged.nunused = unused ? nunused : 0;
        struct lint_var *slot = lint_var_push(l, &(struct ast){.name = merged.name});
        if (slot) *slot = merged;
    }
}

/* ---- clauses that cannot match (erlc's sys_core_fold warning) ----
   A clause is reported when an earlier clause without a guard matches
   everything it matches: each earlier pattern is '_' or a variable that is
   new and used once in its clause, or the same pattern of literals. An if
   clause guarded by `true` shadows the ones after it. (erlc also folds
   constants and knows the types of values, so it finds more.) */
static uint32_t lint_var_count(const struct ast *p, const struct ast *v) {
    if (!p) return 0;
    switch (p->kind) {
    case AST_VAR: return p->len == v->len && memcmp(p->name, v->name, v->len) == 0;
    case AST_CONS: return lint_var_count(p->a, v) + lint_var_count(p->b, v);
    case AST_TUPLE: {
        uint32_t n = 0;
        for (uint32_t i = 0; i < p->nitems; i++) n += lint_var_count(p->items[i], v);
        return n;
    }
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return 0;
    default: return 2; /* somewhere we do not look: not "used once" */
    }
}

/* The same literal pattern (binaries and maps too, with no variables) */
static bool lint_pat_same(const struct ast *a, const struct ast *b) {
    if (!a || !b) return a == b;
    if (a->kind != b->kind) return false;
    switch (a->kind) {
    case AST_ATOM: return strcmp(a->name, b->name) == 0;
    case AST_INT: return a->big == b->big && (a->big ? strcmp(a->text, b->text) == 0 : a->ival == b->ival);
    case AST_FLOAT: return a->fval == b->fval;
    case AST_NIL: return true;
    case AST_STRING:
        return a->nchars == b->nchars && memcmp(a->chars, b->chars, a->nchars * sizeof *a->chars) == 0;
    case AST_CONS: case AST_MAP_EXACT: return lint_pat_same(a->a, b->a) && lint_pat_same(a->b, b->b);
    case AST_BIN_ELEMENT:
        if (!lint_pat_same(a->a, b->a) || !lint_pat_same(a->b, b->b) || a->ntypes != b->ntypes) return false;
        for (uint32_t i = 0; i < a->ntypes; i++)
            if (strcmp(a->types[i].name, b->types[i].name) != 0 || a->types[i].unit != b->types[i].unit)
                return false;
        return true;
    case AST_TUPLE: case AST_BIN: case AST_MAP:
        if (a->nitems != b->nitems) return false;
        for (uint32_t i = 0; i < a->nitems; i++)
            if (!lint_pat_same(a->items[i], b->items[i])) return false;
        return true;
    default: return false;
    }
}

/* Does pattern g (of clause cg) match everything pattern p matches?
   A variable counts only as a whole argument; below that, only the same
   literal matches: whether erlc reports {_, X} before {a, 1} depends on
   how it compiles the match (it does for f({a, X}) then f({a, 1}), not
   for [_, _ | _] then "str" after other kinds of clauses), so Moat stays
   silent rather than report too much. */
static bool lint_pat_covers(struct lint *l, const struct ast_clause *cg, const struct ast *g,
                            const struct ast *p, bool top) {
    if (g->kind == AST_VAR) {
        if (!top) return lint_is_anon(g) && p->kind == AST_VAR && lint_is_anon(p);
        if (lint_is_anon(g)) return true;
        if (lint_var_find(l, g, 0)) return false; /* bound: compared */
        uint32_t uses = 0;
        for (uint32_t k = 0; k < cg->npatterns; k++) uses += lint_var_count(cg->patterns[k], g);
        return uses == 1;
    }
    /* a string is a list: "ab" is [$a | "b"], "" is [] */
    if ((g->kind == AST_STRING && (p->kind == AST_CONS || p->kind == AST_NIL)) ||
        (p->kind == AST_STRING && (g->kind == AST_CONS || g->kind == AST_NIL))) {
        const struct ast *str = g->kind == AST_STRING ? g : p, *other = g->kind == AST_STRING ? p : g;
        if (str->nchars == 0) return other->kind == AST_NIL;
        if (other->kind == AST_NIL) return false;
        struct ast head = {.kind = AST_INT, .ival = str->chars[0]};
        struct ast tail = {.kind = AST_STRING, .chars = str->chars + 1, .nchars = str->nchars - 1};
        if (tail.nchars == 0) tail.kind = AST_NIL;
        return g == str ? lint_pat_covers(l, cg, &head, p->a, false) && lint_pat_covers(l, cg, &tail, p->b, false)
                        : lint_pat_covers(l, cg, g->a, &head, false) && lint_pat_covers(l, cg, g->b, &tail, false);
    }
    if (g->kind != p->kind) return false;
    switch (g->kind) {
    case AST_BIN: case AST_MAP: return lint_pat_same(g, p);
    case AST_ATOM: return strcmp(g->name, p->name) == 0;
    case AST_INT:
        return g->big == p->big && (g->big ? strcmp(g->text, p->text) == 0 : g->ival == p->ival);
    case AST_FLOAT: return g->fval == p->fval;
    case AST_NIL: return true;
    case AST_STRING:
        return g->nchars == p->nchars && memcmp(g->chars, p->chars, g->nchars * sizeof *g->chars) == 0;
    case AST_CONS: return lint_pat_covers(l, cg, g->a, p->a, false) && lint_pat_covers(l, cg, g->b, p->b, false);
    case AST_TUPLE:
        if (g->nitems != p->nitems) return false;
        for (uint32_t i = 0; i < g->nitems; i++)
            if (!lint_pat_covers(l, cg, g->items[i], p->items[i], false)) return false;
        return true;
    default: return false;
    }
}

static bool lint_clause_covers(struct lint *l, const struct ast_clause *g, const struct ast_clause *c) {
    if (g->npatterns == 0) /* if */
        return g->nguards == 1 && g->guards[0].ntests == 1 && g->guards[0].tests[0]->kind == AST_ATOM &&
               strcmp(g->guards[0].tests[0]->name, "true") == 0;
    if (g->nguards || g->npatterns != c->npatterns) return false;
    for (uint32_t k = 0; k < g->npatterns; k++)
        if (!lint_pat_covers(l, g, g->patterns[k], c->patterns[k], true)) return false;
    return true;
}

/* Before linting clause cl[i]: report it if an earlier clause covers it.
   fn: the function's name (its clauses are named in the message);
   at_clause: erlc points at the clause (function, fun, if), not at its
   pattern (case). */
static void lint_clause_shadow(struct lint *l, const struct ast_clause *cl, uint32_t i,
                               const char *fn, uint32_t arity, bool at_clause) {
    const struct ast_clause *c = &cl[i];
    for (uint32_t j = 0; j < i; j++) {
        if (!lint_clause_covers(l, &cl[j], c)) continue;
        bool at_pattern = c->npatterns && !at_clause;
        uint32_t line = at_pattern ? c->patterns[0]->line : c->line;
        uint32_t col = at_pattern ? c->patterns[0]->col : c->col;
        uint32_t gline = cl[j].npatterns && !fn && !at_clause ? cl[j].patterns[0]->line : cl[j].line;
        /* erlc names the function when the earlier clause is all variables */
        bool all_vars = true;
        for (uint32_t k = 0; k < cl[j].npatterns; k++)
            if (cl[j].patterns[k]->kind != AST_VAR) all_vars = false;
        if (fn && all_vars)
            lint_core_warn(l, line, col,
                           "this clause for %s/%u cannot match because a previous clause at line "
                           "%u always matches",
                           fn, arity, gline);
        else
            lint_core_warn(l, line, col,
                           "this clause cannot match because a previous clause at line %u always "
                           "matches",
                           gline);
        return;
    }
}

/* Clauses with one pattern (case, receive, of) or none (if). */
static void lint_cr_clauses(struct lint *l, struct lint_branches *b, struct ast_clause *cl,
                            uint32_t n) {
    struct lint_pat_ctx cx = {0};
    for (uint32_t i = 0; i < n; i++) {
        lint_clause_shadow(l, cl, i, NULL, 0, false);
        for (uint32_t k = 0; k < cl[i].npatterns; k++) lint_pat(l, cl[i].patterns[k], &cx);
        lint_guards(l, &cl[i]);
        lint_body(l, cl[i].body, cl[i].nbody);
        lint_branch_done(l, b);
    }
}

/* Class:Reason:Stacktrace clauses: the stacktrace variable must be new,
   and is bound only for the body (a guard may not use it). */
static void lint_catch_clauses(struct lint *l, struct lint_branches *b, struct ast_clause *cl,
                               uint32_t n) {
    struct lint_pat_ctx cx = {0};
    for (uint32_t i = 0; i < n; i++) {
        struct ast *st = cl[i].npatterns == 3 ? cl[i].patterns[2] : NULL;
        if (st && (st->kind != AST_VAR || lint_is_anon(st))) st = NULL;
        if (st && lint_var_find(l, st, 0))
            lint_error(l, st->line, st->col, "stacktrace variable '%.*s' must not be previously bound",
                       (int)st->len, st->name);
        for (uint32_t k = 0; k < cl[i].npatterns; k++)
            if (cl[i].patterns[k] != st) lint_pat(l, cl[i].patterns[k], &cx);
        l->stacktrace_var = st;
        l->stacktrace_in_guard = false;
        lint_guards(l, &cl[i]);
        l->stacktrace_var = NULL;
        if (st) {
            lint_pat(l, st, &cx);
            struct lint_var *x = l->stacktrace_in_guard ? lint_var_find(l, st, 0) : NULL;
            if (x) x->used = true;
        }
        lint_body(l, cl[i].body, cl[i].nbody);
        lint_branch_done(l, b);
    }
}

static void lint_mark_unsafe(struct lint *l, uint32_t from, const char *what, uint32_t line,
                             uint32_t col) {
    for (uint32_t i = from; i < l->nvars; i++) {
        struct lint_var *x = &l->vars[i];
        if (x->state == VAR_UNSAFE) continue;
        x->state = VAR_UNSAFE;
        x->unsafe_in = what;
        x->uline = line;
        x->ucol = col;
    }
}

static void lint_case_like(struct lint *l, struct ast *e, const char *what) {
    struct lint_branches b = {.from = l->nvars};
    lint_cr_clauses(l, &b, e->clauses, e->nclauses);
    if (e->kind == AST_RECEIVE && e->after) {
        lint_body(l, e->after_body, e->nafter_body);
        lint_branch_done(l, &b);
    }
    lint_branches_merge(l, &b, what, e->line, e->col);
}

static void lint_try(struct lint *l, struct ast *e) {
    uint32_t from = l->nvars;
    lint_body(l, e->body, e->nbody);
    if (e->nclauses) {
        struct lint_branches b = {.from = l->nvars};
        lint_cr_clauses(l, &b, e->clauses, e->nclauses);
        lint_branches_merge(l, &b, "try", e->line, e->col);
    }
    lint_mark_unsafe(l, from, "try", e->line, e->col);
    if (e->ncatch_clauses) {
        struct lint_branches b = {.from = l->nvars};
        lint_catch_clauses(l, &b, e->catch_clauses, e->ncatch_clauses);
        lint_branches_merge(l, &b, "try", e->line, e->col);
    }
    lint_mark_unsafe(l, from, "try", e->line, e->col);
    lint_body(l, e->after_body, e->nafter_body);
    lint_mark_unsafe(l, from, "try", e->line, e->col);
}

/* ---- funs and comprehensions ---- */

static void lint_fun(struct lint *l, struct ast *e) {
    uint32_t outer = l->nvars;
    struct ast v = {.kind = AST_VAR, .name = e->name, .len = e->len, .line = e->line,
                    .col = e->col};
    bool shadowed = false;
    if (e->name) {
        shadowed = lint_var_find(l, &v, 0) != NULL;
        lint_var_push(l, &v);
    }
    uint32_t inner = l->nvars;
    struct lint_pat_ctx cx = {.shadow_from = outer, .shadow_what = "'fun'"};
    for (uint32_t i = 0; i < e->nclauses; i++) {
        struct ast_clause *c = &e->clauses[i];
        /* a fun's head variables are new even when they shadow */
        uint32_t seen = l->nvars;
        l->nvars = inner;
        lint_clause_shadow(l, e->clauses, i, NULL, 0, true);
        l->nvars = seen;
        for (uint32_t k = 0; k < c->npatterns; k++) lint_pat(l, c->patterns[k], &cx);
        lint_guards(l, c);
        lint_body(l, c->body, c->nbody);
        lint_scope_end(l, inner);
    }
    lint_scope_end(l, outer);
    /* erl_lint reports this after the name's unused warning */
    if (shadowed)
        lint_warn(l, v.line, v.col, "variable '%.*s' shadowed in 'named fun'", (int)v.len, v.name);
}

static void lint_comprehension(struct lint *l, struct ast *e) {
    uint32_t outer = l->nvars;
    struct lint_pat_ctx cx = {.shadow_from = outer, .shadow_what = "generate"};
    for (uint32_t i = 0; i < e->nitems; i++) {
        struct ast *q = e->items[i];
        if (q->kind == AST_GENERATE || q->kind == AST_BGENERATE) {
            lint_expr(l, q->b);
            lint_pat(l, q->a, &cx);
        } else {
            lint_expr(l, q);
        }
    }
    lint_expr(l, e->a);
    lint_scope_end(l, outer);
}

/* ---- expressions ---- */

static void lint_parallel(struct lint *l, struct ast **items, uint32_t n) {
    uint32_t from = l->nvars;
    for (uint32_t i = 0; i < n; i++) {
        lint_expr(l, items[i]);
        lint_hide_from(l, from);
    }
    lint_unhide_from(l, from);
}

/* ---- format strings of io:format and io_lib:format (erl_lint's check) ---- */

/* The arguments a format string needs, or -1 with *err set (the text of
   erl_lint's "format string invalid (...)"). A directive is: field width
   (-digits, digits or *), .precision (digits or *), .pad (a character or
   *), the modifiers t and l, and the control. */
static int lint_format_need(const uint32_t *f, uint32_t n, char err[32]) {
    int need = 0;
    uint32_t i = 0;
#define AT(k) (i + (k) < n ? f[i + (k)] : 0)
#define DIGIT(c) ((c) >= '0' && (c) <= '9')
    while (i < n) {
        if (f[i++] != '~') continue;
        /* field width */
        if (AT(0) == '-' && DIGIT(AT(1))) i++;
        if (AT(0) == '-' && AT(1) == '*') i += 2, need++;
        else if (AT(0) == '*') i++, need++;
        else while (DIGIT(AT(0))) i++;
        /* precision */
        if (AT(0) == '.') {
            i++;
            if (AT(0) == '*') i++, need++;
            else while (DIGIT(AT(0))) i++;
            /* pad character */
            if (AT(0) == '.' && i + 1 < n) {
                if (AT(1) == '*') need++;
                i += 2;
            }
        }
        /* modifiers: t and l in either order; t goes with c s p P w W, l with p P */
        uint32_t c = AT(0);
        char mods[3] = {0};
        if (c == 't' && AT(1) == 'l') mods[0] = 'l', mods[1] = 't', i += 2;
        else if (c == 'l' && AT(1) == 't') mods[0] = 'l', mods[1] = 't', i += 2;
        else if ((c == 't' || c == 'l') && i + 1 < n) mods[0] = (char)c, i++;
        c = AT(0);
        if (i >= n) {
            if (mods[0] == 'l' && mods[1] == 't') { /* "~tl" at the end */
                snprintf(err, 32, "invalid control ~l%c", 't');
                return -1;
            }
            snprintf(err, 32, "truncated");
            return -1;
        }
        i++;
        bool ok_t = strchr("cspPwW", (int)c) != NULL, ok_l = c == 'p' || c == 'P';
        if ((strchr(mods, 't') && !ok_t) || (strchr(mods, 'l') && !ok_l) ||
            !strchr("pwsceifgbB#+PWxXn~", (int)c) || c == 0) {
            if (c < 128) snprintf(err, 32, "invalid control ~%s%c", mods, (char)c);
            else snprintf(err, 32, "invalid control ~%s\\x{%X}", mods, c);
            return -1;
        }
        if (strchr("PWxX", (int)c)) need += 2;
        else if (c != 'n' && c != '~') need++;
    }
#undef AT
#undef DIGIT
    return need;
}

/* The length of a literal list ([a, b], "ab", [a | "b"]), or -1. */
static int lint_literal_length(const struct ast *e) {
    int len = 0;
    for (; e->kind == AST_CONS; e = e->b) len++;
    if (e->kind == AST_STRING) return len + (int)e->nchars;
    return e->kind == AST_NIL ? len : -1;
}

static void lint_format_call(struct lint *l, const char *mod, const char *name, struct ast **args,
                             uint32_t n) {
    bool io = strcmp(mod, "io") == 0, io_lib = strcmp(mod, "io_lib") == 0;
    if (!(io || io_lib) || (strcmp(name, "format") != 0 && strcmp(name, "fwrite") != 0) ||
        n < 1 || n > (io ? 3u : 2u) || l->m->nowarn_format)
        return;
    const struct ast *fmt = args[n == 3 ? 1 : 0], *list = n == 1 ? NULL : args[n - 1];
    uint32_t *chars = NULL, nchars = 0;
    if (fmt->kind == AST_STRING) {
        chars = fmt->chars;
        nchars = fmt->nchars;
    } else if (fmt->kind == AST_ATOM) {
        size_t len = strlen(fmt->name);
        chars = arena_alloc(l->scratch, (len + 1) * sizeof *chars);
        if (!chars) return;
        const unsigned char *t = (const unsigned char *)fmt->name;
        for (size_t k = 0; k < len;) { /* the name is valid UTF-8 */
            uint32_t c = t[k++];
            int more = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
            if (more) c &= 0x3Fu >> more;
            while (more-- > 0 && k < len) c = c << 6 | (t[k++] & 0x3Fu);
            chars[nchars++] = c;
        }
    } else {
        return;
    }
    char err[32];
    int need = lint_format_need(chars, nchars, err);
    if (need < 0) {
        lint_warn(l, fmt->line, fmt->col, "format string invalid (%s)", err);
        return;
    }
    const char *s_need = need == 1 ? "" : "s";
    if (!list) {
        if (need > 0)
            lint_warn(l, fmt->line, fmt->col,
                      "the format string requires an argument list with %d argument%s, but no "
                      "argument list is given",
                      need, s_need);
        return;
    }
    int have = lint_literal_length(list);
    if (have < 0 || have == need) return;
    const char *s_have = have == 1 ? "" : "s";
    if (need == 0)
        lint_warn(l, list->line, list->col,
                  "the format string requires an empty argument list, but the argument list "
                  "contains %d argument%s",
                  have, s_have);
    else if (have == 0)
        lint_warn(l, list->line, list->col,
                  "the format string requires an argument list with %d argument%s, but the "
                  "argument list is empty",
                  need, s_need);
    else
        lint_warn(l, list->line, list->col,
                  "the format string requires an argument list with %d argument%s, but the "
                  "argument list contains %s%d argument%s",
                  need, s_need, have < need ? "only " : "", have, s_have);
}

static void lint_call(struct lint *l, struct ast *e) {
    struct ast *f = e->a;
    if (f->kind == AST_ATOM) {
        if (e->nitems == 2 && strcmp(f->name, "record_info") == 0 &&
            lint_fn_find(l, f->name, 2) < 0 && e->items[1]->kind == AST_ATOM) {
            /* record_info(fields | size, r): the record must exist */
            struct ast *r = e->items[1];
            lint_record(l, r->name, r->line, r->col);
            return;
        }
        lint_local_call(l, f->name, e->nitems, e->line, e->col, false);
    } else if (f->kind == AST_REMOTE) {
        if (f->a->kind == AST_ATOM && f->b->kind == AST_ATOM) {
            lint_check_deprecated(l, f->a->name, f->b->name, e->nitems, e->line, e->col);
            lint_format_call(l, f->a->name, f->b->name, e->items, e->nitems);
        }
        struct ast *mf[2] = {f->a, f->b};
        lint_parallel(l, mf, 2);
    } else {
        lint_expr(l, f);
    }
    lint_parallel(l, e->items, e->nitems);
}

static void lint_record_expr(struct lint *l, struct ast *e) {
    if (e->kind == AST_RECORD_UPDATE || e->kind == AST_RECORD_ACCESS) lint_expr(l, e->a);
    const struct ast_record_def *r = lint_record(l, e->name, e->line, e->col);
    if (!r) return;
    if (e->kind == AST_RECORD_ACCESS || e->kind == AST_RECORD_INDEX) {
        lint_field(l, r, e->field, e->fline ? e->fline : e->line, e->fline ? e->fcol : e->col);
        return;
    }
    uint32_t from = l->nvars;
    for (uint32_t i = 0; i < e->nitems; i++) {
        struct ast *f = e->items[i];
        if (r && strcmp(f->field, "_") != 0) lint_field(l, r, f->field, f->line, f->col);
        lint_expr(l, f->a);
        lint_hide_from(l, from);
    }
    lint_unhide_from(l, from);
}

/* ---- operators that must fail (erlc's sys_core_fold warning) ----
   An operator whose operands are literals is evaluated as erlc does at
   compile time; when it would raise, erlc warns "evaluation of operator
   '+'/2 will fail with a 'badarith' exception". Values are followed
   through nested operators only as far as a small integer or a float. */

static bool lint_literal(const struct ast *e) {
    switch (e->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return true;
    case AST_CONS: return lint_literal(e->a) && lint_literal(e->b);
    case AST_TUPLE:
        for (uint32_t i = 0; i < e->nitems; i++)
            if (!lint_literal(e->items[i])) return false;
        return true;
    default: return false;
    }
}

static bool lint_proper_list(const struct ast *e) {
    for (; e->kind == AST_CONS; e = e->b) {}
    return e->kind == AST_NIL || e->kind == AST_STRING;
}

static const char *lint_op_fails(const char *op, int arity, struct lint_const *a, struct lint_const *b,
                                 struct lint_const *out);

static struct lint_const lint_const_of(struct lint *l, const struct ast *e) {
    struct lint_const c = {CK_UNKNOWN, 0, 0, false};
    if (e == l->op_node) return l->op_value;
    switch (e->kind) {
    case AST_INT:
        if (e->big) c.kind = CK_BIGINT;
        else c.kind = CK_INT, c.i = e->ival, c.val = true;
        return c;
    case AST_FLOAT: c.kind = CK_FLOAT, c.f = e->fval, c.val = true; return c;
    case AST_ATOM:
        c.kind = strcmp(e->name, "true") == 0 || strcmp(e->name, "false") == 0 ? CK_BOOL : CK_ATOM;
        c.i = strcmp(e->name, "true") == 0;
        return c;
    case AST_STRING: case AST_NIL: c.kind = CK_LIST; return c;
    case AST_CONS: c.kind = lint_literal(e) ? (lint_proper_list(e) ? CK_LIST : CK_OTHER) : CK_UNKNOWN; return c;
    case AST_TUPLE: c.kind = lint_literal(e) ? CK_OTHER : CK_UNKNOWN; return c;
    case AST_OP: case AST_UNOP: {
        struct lint_const a = lint_const_of(l, e->a), b = {CK_UNKNOWN, 0, 0, false}, out;
        if (e->kind == AST_OP) b = lint_const_of(l, e->b);
        if (lint_op_fails(e->op, e->kind == AST_OP ? 2 : 1, &a, &b, &out)) return c;
        return out;
    }
    default: return c;
    }
}

static bool ck_number(const struct lint_const *c) {
    return c->kind == CK_INT || c->kind == CK_BIGINT || c->kind == CK_FLOAT;
}
static bool ck_integer(const struct lint_const *c) { return c->kind == CK_INT || c->kind == CK_BIGINT; }

/* The exception the operator raises on these operands ("badarith",
   "badarg"), or NULL: then *out is its result, as far as known. */
static const char *lint_op_fails(const char *op, int arity, struct lint_const *a, struct lint_const *b,
                                 struct lint_const *out) {
    *out = (struct lint_const){CK_UNKNOWN, 0, 0, false};
    bool unknown = a->kind == CK_UNKNOWN || (arity == 2 && b->kind == CK_UNKNOWN);
    if (arity == 1) {
        if (unknown) return NULL;
        if (!strcmp(op, "-") || !strcmp(op, "+")) {
            if (!ck_number(a)) return "badarith";
            *out = *a;
            if (!strcmp(op, "-")) {
                if (a->kind == CK_INT) out->i = -a->i;
                else out->f = -a->f;
            }
            return NULL;
        }
        if (!strcmp(op, "bnot")) {
            if (!ck_integer(a)) return "badarith";
            out->kind = a->kind;
            out->i = ~a->i;
            out->val = a->val;
            return NULL;
        }
        if (!strcmp(op, "not")) {
            if (a->kind != CK_BOOL) return "badarg";
            out->kind = CK_BOOL;
            out->i = !a->i;
            return NULL;
        }
        return NULL;
    }
    bool arith = !strcmp(op, "+") || !strcmp(op, "-") || !strcmp(op, "*") || !strcmp(op, "/");
    bool intop = !strcmp(op, "div") || !strcmp(op, "rem") || !strcmp(op, "band") || !strcmp(op, "bor") ||
                 !strcmp(op, "bxor") || !strcmp(op, "bsl") || !strcmp(op, "bsr");
    if (arith || intop) {
        /* erlc evaluates only when both are literals; a known non-number is enough */
        if (unknown) return NULL;
        if (arith ? !ck_number(a) || !ck_number(b) : !ck_integer(a) || !ck_integer(b)) return "badarith";
        bool zero = b->val && (b->kind == CK_INT ? b->i == 0 : b->f == 0.0);
        if ((!strcmp(op, "/") || !strcmp(op, "div") || !strcmp(op, "rem")) && zero) return "badarith";
        if (!strcmp(op, "/")) {
            out->kind = CK_FLOAT;
            return NULL;
        }
        bool flt = a->kind == CK_FLOAT || b->kind == CK_FLOAT;
        out->kind = flt ? CK_FLOAT : CK_BIGINT; /* the value is not followed */
        if (flt || !a->val || !b->val) return NULL;
        int64_t r;
        bool ok = true;
        if (!strcmp(op, "+")) ok = !__builtin_add_overflow(a->i, b->i, &r);
        else if (!strcmp(op, "-")) ok = !__builtin_sub_overflow(a->i, b->i, &r);
        else if (!strcmp(op, "*")) ok = !__builtin_mul_overflow(a->i, b->i, &r);
        else if (!strcmp(op, "div")) ok = !(a->i == INT64_MIN && b->i == -1), r = ok ? a->i / b->i : 0;
        else if (!strcmp(op, "rem")) ok = b->i != -1, r = ok ? a->i % b->i : 0;
        else if (!strcmp(op, "band")) r = a->i & b->i;
        else if (!strcmp(op, "bor")) r = a->i | b->i;
        else if (!strcmp(op, "bxor")) r = a->i ^ b->i;
        else ok = false; /* shifts: not followed */
        if (ok && r > -((int64_t)1 << 59) && r < ((int64_t)1 << 59)) {
            out->kind = CK_INT;
            out->i = r;
            out->val = true;
        }
        return NULL;
    }
    if (!strcmp(op, "and") || !strcmp(op, "or") || !strcmp(op, "xor")) {
        if (unknown) return NULL;
        if (a->kind != CK_BOOL || b->kind != CK_BOOL) return "badarg";
        out->kind = CK_BOOL;
        out->i = !strcmp(op, "and") ? a->i && b->i : !strcmp(op, "or") ? a->i || b->i : a->i != b->i;
        return NULL;
    }
    if (!strcmp(op, "++")) {
        if (a->kind != CK_UNKNOWN && a->kind != CK_LIST) return "badarg";
        return NULL;
    }
    if (!strcmp(op, "--")) {
        if (unknown) return NULL;
        if (a->kind != CK_LIST || b->kind != CK_LIST) return "badarg";
        out->kind = CK_LIST;
        return NULL;
    }
    return NULL;
}

static void lint_op_check(struct lint *l, const struct ast *e) {
    static const struct lint_const unknown = {CK_UNKNOWN, 0, 0, false};
    struct lint_const a = lint_const_of(l, e->a), b = unknown, out;
    int arity = e->kind == AST_OP ? 2 : 1;
    if (arity == 2) b = lint_const_of(l, e->b);
    const char *why = lint_op_fails(e->op, arity, &a, &b, &out);
    if (why)
        lint_core_warn(l, e->line, e->col, "evaluation of operator '%s'/%d will fail with a '%s' exception",
                       e->op, arity, why);
    l->op_node = e;
    l->op_value = why ? unknown : out;
}

static void lint_expr(struct lint *l, struct ast *e) {
    switch (e->kind) {
    case AST_INT: case AST_FLOAT: case AST_ATOM: case AST_STRING: case AST_NIL: return;
    case AST_VAR: lint_var_use(l, e); return;
    case AST_CONS: {
        struct ast *two[2] = {e->a, e->b};
        lint_parallel(l, two, 2);
        return;
    }
    case AST_TUPLE: lint_parallel(l, e->items, e->nitems); return;
    case AST_MAP_UPDATE: lint_expr(l, e->a); /* fallthrough */
    case AST_MAP: {
        uint32_t from = l->nvars;
        for (uint32_t i = 0; i < e->nitems; i++) {
            struct ast *f = e->items[i];
            if (e->kind == AST_MAP && f->kind == AST_MAP_EXACT)
                lint_error(l, f->line, f->col,
                           "only association operators '=>' are allowed in map construction");
            lint_expr(l, f->a);
            lint_hide_from(l, from);
            lint_expr(l, f->b);
            lint_hide_from(l, from);
        }
        lint_unhide_from(l, from);
        return;
    }
    case AST_BIN: {
        uint32_t from = l->nvars;
        for (uint32_t i = 0; i < e->nitems; i++) {
            if (!lint_bit_types(l, e->items[i])) continue;
            lint_expr(l, e->items[i]->a);
            if (e->items[i]->b) lint_expr(l, e->items[i]->b);
            lint_hide_from(l, from);
        }
        lint_unhide_from(l, from);
        return;
    }
    case AST_RECORD: case AST_RECORD_UPDATE: case AST_RECORD_ACCESS: case AST_RECORD_INDEX:
        lint_record_expr(l, e);
        return;
    case AST_MATCH: {
        lint_expr(l, e->b);
        struct lint_pat_ctx cx = {0};
        lint_pat(l, e->a, &cx);
        return;
    }
    case AST_OP: {
        struct ast *two[2] = {e->a, e->b};
        lint_parallel(l, two, 2);
        lint_op_check(l, e);
        return;
    }
    case AST_UNOP:
        lint_expr(l, e->a);
        lint_op_check(l, e);
        return;
    case AST_CALL: lint_call(l, e); return;
    case AST_REMOTE: lint_error(l, e->line, e->col, "illegal expression"); return;
    case AST_FUN_REF:
        if (!e->a) {
            lint_local_call(l, e->name, e->arity, e->line, e->col, true);
        } else {
            struct ast *mfa[3] = {e->a, e->b, e->c};
            lint_parallel(l, mfa, 3);
        }
        return;
    case AST_FUN: lint_fun(l, e); return;
    case AST_CASE:
        lint_expr(l, e->a);
        lint_case_like(l, e, "case");
        return;
    case AST_IF: lint_case_like(l, e, "if"); return;
    case AST_RECEIVE:
        if (e->after) lint_expr(l, e->after);
        lint_case_like(l, e, "receive");
        return;
    case AST_TRY: lint_try(l, e); return;
    case AST_CATCH: {
        uint32_t from = l->nvars;
        lint_expr(l, e->a);
        lint_mark_unsafe(l, from, "catch", e->line, e->col);
        return;
    }
    case AST_BLOCK: lint_body(l, e->body, e->nbody); return;
    case AST_LC: case AST_BC: lint_comprehension(l, e); return;
    default: lint_error(l, e->line, e->col, "illegal expression"); return;
    }
}

static void lint_body(struct lint *l, struct ast **body, uint32_t n) {
    for (uint32_t i = 0; i < n; i++) lint_expr(l, body[i]);
}

/* ---- module ---- */

static void lint_function(struct lint *l, const struct ast_function *f) {
    struct lint_pat_ctx cx = {0};
    for (uint32_t i = 0; i < f->nclauses; i++) {
        const struct ast_clause *c = &f->clauses[i];
        l->nvars = 0;
        l->nunbound = 0;
        lint_clause_shadow(l, f->clauses, i, f->name, f->arity, true);
        for (uint32_t k = 0; k < c->npatterns; k++) lint_pat(l, c->patterns[k], &cx);
        lint_guards(l, c);
        lint_body(l, c->body, c->nbody);
        lint_scope_end(l, 0);
    }
}

static void lint_records(struct lint *l) {
    struct ast_module *m = l->m;
    for (uint32_t i = 0; i < m->nrecords; i++) {
        const struct ast_record_def *r = &m->records[i];
        for (uint32_t k = 0; k < i; k++)
            if (strcmp(m->records[k].name, r->name) == 0) {
                lint_error(l, r->line, r->col, "record %s already defined", r->name);
                break;
            }
        for (uint32_t f = 0; f < r->nfields; f++) {
            for (uint32_t k = 0; k < f; k++)
                if (strcmp(r->fields[k].name, r->fields[f].name) == 0) {
                    lint_error(l, r->fields[f].line, r->fields[f].col,
                               "field %s already defined in record %s", r->fields[f].name,
                               r->name);
                    break;
                }
            if (r->fields[f].init) {
                l->nvars = 0;
                lint_expr(l, r->fields[f].init);
                l->nvars = 0;
            }
        }
    }
}

/* Functions not reachable from the exports (and -on_load) are unused. */
static void lint_unused_functions(struct lint *l) {
    struct ast_module *m = l->m;
    if (m->export_all || m->nowarn_unused_all || m->nfunctions == 0) return;
    uint32_t n = m->nfunctions;
    bool *reached = arena_alloc(l->scratch, n);
    uint32_t *stack = arena_alloc(l->scratch, (n + l->nedges + 1) * sizeof(uint32_t));
    if (!reached || !stack) return;
    uint32_t sp = 0;
    for (uint32_t i = 0; i < m->nexports; i++) {
        int32_t f = lint_fn_find(l, m->exports[i].name, m->exports[i].arity);
        if (f >= 0) stack[sp++] = (uint32_t)f;
    }
    for (uint32_t i = 0; i < m->nattributes; i++) {
        struct ast *v = m->attributes[i].value;
        if (strcmp(m->attributes[i].name, "on_load") == 0 && v && v->kind == AST_TUPLE &&
            v->nitems == 2 && v->items[0]->kind == AST_ATOM && v->items[1]->kind == AST_INT) {
            int32_t f = lint_fn_find(l, v->items[0]->name, (uint32_t)v->items[1]->ival);
            if (f >= 0) stack[sp++] = (uint32_t)f;
        }
    }
    for (uint32_t e = 0; e < l->nedges; e++)
        if (l->edge_from[e] == (uint32_t)LINT_ROOT) stack[sp++] = l->edge_to[e];
    /* edges sorted by caller would be faster; the graph is small */
    while (sp > 0) {
        uint32_t f = stack[--sp];
        if (reached[f]) continue;
        reached[f] = true;
        for (uint32_t e = 0; e < l->nedges; e++)
            if (l->edge_from[e] == f && !reached[l->edge_to[e]]) stack[sp++] = l->edge_to[e];
    }
    for (uint32_t i = 0; i < n; i++) {
        const struct ast_function *f = &m->functions[i];
        if (reached[i] || lint_fn_find(l, f->name, f->arity) != (int32_t)i) continue;
        if (lint_fa_listed(m->nowarn_unused, m->nnowarn_unused, f->name, f->arity)) continue;
        lint_warn(l, f->line, f->col, "function %s/%u is unused", f->name, f->arity);
    }
}

static const struct {
    const char *name;
    uint32_t arity;
} lint_builtin_types[] = {
    {"any", 0}, {"arity", 0}, {"atom", 0}, {"binary", 0}, {"binary", 2}, {"bitstring", 0},
    {"bool", 0}, {"boolean", 0}, {"byte", 0}, {"char", 0}, {"float", 0}, {"function", 0},
    {"identifier", 0}, {"integer", 0}, {"iodata", 0}, {"iolist", 0}, {"list", 0}, {"list", 1},
    {"map", 0}, {"maybe_improper_list", 0}, {"maybe_improper_list", 2}, {"mfa", 0},
    {"module", 0}, {"neg_integer", 0}, {"nil", 0}, {"no_return", 0}, {"node", 0},
    {"non_neg_integer", 0}, {"none", 0}, {"nonempty_binary", 0}, {"nonempty_bitstring", 0},
    {"nonempty_improper_list", 2}, {"nonempty_list", 0}, {"nonempty_list", 1},
    {"nonempty_maybe_improper_list", 0}, {"nonempty_maybe_improper_list", 2},
    {"nonempty_string", 0}, {"number", 0}, {"pid", 0}, {"port", 0}, {"pos_integer", 0},
    {"reference", 0}, {"string", 0}, {"term", 0}, {"timeout", 0}, {"tuple", 0},
    {"record", 1}, {"range", 2}, {"dynamic", 0},
};

static void lint_type_name(char *buf, size_t size, const char *name, uint32_t arity) {
    int n = snprintf(buf, size, "%s(", name);
    for (uint32_t i = 0; i < arity && n > 0 && (size_t)n < size - 4; i++)
        n += snprintf(buf + n, size - (size_t)n, i ? ",_" : "_");
    if (n > 0 && (size_t)n < size - 1) snprintf(buf + n, size - (size_t)n, ")");
}

static void lint_types(struct lint *l) {
    struct ast_module *m = l->m;
    bool *used = arena_alloc(l->scratch, m->ntype_defs + 1);
    if (!used) return;
    for (uint32_t i = 0; i < m->ntype_refs; i++) {
        const struct ast_type_ref *r = &m->type_refs[i];
        if (r->record) {
            lint_record(l, r->name, r->line, r->col);
            continue;
        }
        bool found = false;
        for (uint32_t k = 0; k < m->ntype_defs; k++)
            if (m->type_defs[k].arity == r->arity && strcmp(m->type_defs[k].name, r->name) == 0)
                used[k] = found = true;
        for (size_t k = 0; !found && k < sizeof lint_builtin_types / sizeof *lint_builtin_types; k++)
            if (lint_builtin_types[k].arity == r->arity &&
                strcmp(lint_builtin_types[k].name, r->name) == 0)
                found = true;
        if (!found) {
            char buf[300];
            lint_type_name(buf, sizeof buf, r->name, r->arity);
            lint_error(l, r->line, r->col, "type %s undefined", buf);
        }
    }
    struct ast_fa *exported = NULL;
    uint32_t nexported = 0;
    for (uint32_t i = 0; i < m->nattributes; i++) {
        if (strcmp(m->attributes[i].name, "export_type") != 0) continue;
        for (struct ast *c = m->attributes[i].value; c && c->kind == AST_CONS; c = c->b) {
            struct ast *t = c->a;
            if (t->kind != AST_TUPLE || t->nitems != 2 || t->items[0]->kind != AST_ATOM ||
                t->items[1]->kind != AST_INT)
                continue;
            struct ast_fa *grown =
                arena_realloc(l->scratch, exported, nexported * sizeof *exported,
                              (nexported + 1) * sizeof *exported);
            if (!grown) return;
            exported = grown;
            exported[nexported++] =
                (struct ast_fa){.name = t->items[0]->name, .arity = (uint32_t)t->items[1]->ival};
        }
    }
    for (uint32_t k = 0; k < m->ntype_defs; k++) {
        const struct ast_type_def *d = &m->type_defs[k];
        bool exp = lint_fa_listed(exported, nexported, d->name, d->arity);
        char buf[300];
        lint_type_name(buf, sizeof buf, d->name, d->arity);
        if (d->opaque && !exp) lint_warn(l, d->line, d->col, "opaque type %s is not exported", buf);
        if (!used[k] && !exp) lint_warn(l, d->line, d->col, "type %s is unused", buf);
    }
    for (uint32_t i = 0; i < m->nspecs; i++)
        if (lint_fn_find(l, m->specs[i].name, m->specs[i].arity) < 0)
            lint_error(l, m->specs[i].line, m->specs[i].col, "spec for undefined function %s/%u",
                       m->specs[i].name, m->specs[i].arity);
    for (uint32_t i = 0; i < m->nlate_attributes; i++)
        lint_error(l, m->late_attributes[i].line, m->late_attributes[i].col,
                   "attribute %s after function definitions", m->late_attributes[i].name);
}

static void lint_unused_records(struct lint *l) {
    for (uint32_t i = 0; i < l->m->nrecords; i++) {
        const struct ast_record_def *r = &l->m->records[i];
        bool first = true;
        for (uint32_t k = 0; k < i; k++)
            if (strcmp(l->m->records[k].name, r->name) == 0) first = false;
        if (first && !l->record_used[i] && !r->included)
            lint_warn(l, r->line, r->col, "record %s is unused", r->name);
    }
}

static void lint_flush(struct lint *l, struct diags *d) {
    if (l->errors.n == 0) /* erlc sorts them in with lint's warnings */
        for (uint32_t i = 0; i < l->core.n; i++) {
            struct lint_msg *m = &l->core.items[i];
            lint_warn(l, m->line, m->col, "%s", m->text);
        }
    struct lint_msgs *lists[2] = {&l->errors, &l->warnings};
    for (int w = 0; w < 2; w++) {
        struct lint_msgs *ms = lists[w];
        if (ms->n) qsort(ms->items, ms->n, sizeof *ms->items, lint_msg_cmp);
        for (uint32_t i = 0; i < ms->n; i++)
            diags_add(d, l->m->file, ms->items[i].line, ms->items[i].col, w == 1, "%s",
                      ms->items[i].text);
    }
}

/* ---- behaviours (OTP behaviours area) -------------------------------------
   erlc asks each behaviour module for its callbacks; Moat knows the
   required callbacks of OTP's own behaviours, in their declaration order.
   A behaviour not in the table (a user's module with -callback) is not
   checked. */
struct behaviour_cbs {
    const char *name;
    struct { const char *name; uint32_t arity; } cbs[4];
};

static const struct behaviour_cbs behaviour_table[] = {
    {"gen_server", {{"init", 1}, {"handle_call", 3}, {"handle_cast", 2}}},
    {"gen_statem", {{"init", 1}, {"callback_mode", 0}}},
    {"supervisor", {{"init", 1}}},
    {"gen_event", {{"init", 1}, {"handle_event", 2}, {"handle_call", 2}}},
    {"application", {{"start", 2}, {"stop", 1}}},
    {"supervisor_bridge", {{"init", 1}, {"terminate", 2}}},
};

static const struct behaviour_cbs *behaviour_find(const char *name) {
    for (size_t i = 0; i < sizeof behaviour_table / sizeof behaviour_table[0]; i++)
        if (strcmp(behaviour_table[i].name, name) == 0) return &behaviour_table[i];
    return NULL;
}

static bool lint_is_exported(struct lint *l, const char *name, uint32_t arity) {
    const struct ast_module *m = l->m;
    if (m->export_all) return lint_fn_find(l, name, arity) >= 0;
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].arity == arity && strcmp(m->exports[i].name, name) == 0) return true;
    return false;
}

static bool is_behaviour_attr(const struct ast_attribute *a) {
    return (strcmp(a->name, "behaviour") == 0 || strcmp(a->name, "behavior") == 0) && a->value &&
           a->value->kind == AST_ATOM;
}

static void lint_behaviours(struct lint *l) {
    const struct ast_module *m = l->m;
    for (uint32_t i = 0; i < m->nattributes; i++) {
        const struct ast_attribute *a = &m->attributes[i];
        if (!is_behaviour_attr(a)) continue;
        const struct behaviour_cbs *b = behaviour_find(a->value->name);
        if (!b) continue;
        /* a callback that an earlier behaviour also requires */
        for (int k = 0; k < 4 && b->cbs[k].name; k++)
            for (uint32_t j = 0; j < i; j++) {
                const struct ast_attribute *e = &m->attributes[j];
                const struct behaviour_cbs *eb = is_behaviour_attr(e) ? behaviour_find(e->value->name) : NULL;
                if (!eb || eb == b) continue;
                for (int q = 0; q < 4 && eb->cbs[q].name; q++)
                    if (eb->cbs[q].arity == b->cbs[k].arity && strcmp(eb->cbs[q].name, b->cbs[k].name) == 0)
                        lint_warn(l, a->line, a->col,
                                  "conflicting behaviours - callback %s/%u required by both '%s' and '%s' "
                                  "(line %u, column %u)",
                                  b->cbs[k].name, b->cbs[k].arity, b->name, eb->name, e->line, e->col);
            }
        for (int k = 0; k < 4 && b->cbs[k].name; k++)
            if (!lint_is_exported(l, b->cbs[k].name, b->cbs[k].arity))
                lint_warn(l, a->line, a->col, "undefined callback function %s/%u (behaviour '%s')",
                          b->cbs[k].name, b->cbs[k].arity, b->name);
    }
}

bool compile_lint(struct ast_module *m, struct diags *d) {
    struct lint l = {.m = m, .current_fn = -1};
    l.scratch = arena_new();
    uint32_t cap = 16;
    while (cap < m->nfunctions * 2 + 16) cap *= 2;
    l.fns = l.scratch ? arena_alloc(l.scratch, cap * sizeof *l.fns) : NULL;
    if (!l.fns) {
        arena_free(l.scratch);
        diags_add(d, m->file, 0, 0, false, "out of memory");
        return false;
    }
    l.fn_cap = cap;
    for (uint32_t i = 0; i < m->nfunctions; i++) {
        const struct ast_function *f = &m->functions[i];
        struct lint_fn *slot = lint_fn_slot(&l, f->name, f->arity);
        if (slot->name) {
            lint_error(&l, f->line, f->col, "function %s/%u already defined", f->name, f->arity);
            continue;
        }
        *slot = (struct lint_fn){.name = f->name, .arity = f->arity, .first = (int32_t)i};
    }
    for (uint32_t i = 0; i < m->nexports; i++)
        if (lint_fn_find(&l, m->exports[i].name, m->exports[i].arity) < 0)
            lint_error(&l, m->exports[i].line, m->exports[i].col, "function %s/%u undefined",
                       m->exports[i].name, m->exports[i].arity);
    l.record_used = arena_alloc(l.scratch, m->nrecords + 1);
    lint_records(&l);
    for (uint32_t i = 0; i < m->nfunctions; i++) {
        l.current_fn = (int32_t)i;
        lint_function(&l, &m->functions[i]);
    }
    l.current_fn = -1;
    lint_types(&l);
    lint_unused_functions(&l);
    lint_behaviours(&l);
    if (l.record_used) lint_unused_records(&l);
    if (m->export_all)
        for (uint32_t i = 0; i < m->nattributes; i++)
            if (strcmp(m->attributes[i].name, "compile") == 0) {
                lint_warn(&l, m->attributes[i].line, m->attributes[i].col,
                          "export_all flag enabled - all functions will be exported");
                break;
            }
    uint32_t errors = l.errors.n;
    lint_flush(&l, d);
    mem_free(l.vars);
    arena_free(l.scratch);
    return errors == 0;
}

/* For lowering (cg.h): is name/arity an auto-imported BIF, and its flags
   (bit 0: allowed in guards). */
int lint_autoimport_flags(const char *name, uint32_t arity) { return lint_bif_flags(name, arity); }
