/*
 * verify.c — the bytecode verifier: every module passes here before any of
 * its code runs, whether it came from the compiler, a .mbc file or a host.
 *
 * After verification the interpreter trusts the code, so this file is
 * where memory safety of bytecode is decided. It checks, driven by the
 * operand signatures of vm/opcodes.def:
 *   - every instruction and operand is well-formed and every table index
 *     (atom, literal, import, lambda, function, line, label) is in range:
 *     that is the walk vm/decode.c makes, which the loader shares, so a
 *     module is decoded once (verify_decoded) and these rules hold before
 *     anything here runs;
 *   - functions are laid out as label, func_info, label and every jump
 *     target is a label of the same function; calls go to function entries
 *     of the right arity; exports and lambdas name real functions;
 *   - by data flow over each function (states merged at labels): x and y
 *     registers are written before they are read on every path; y
 *     registers exist only inside a frame, frames are balanced at returns
 *     and tail calls, and non-tail calls happen inside a frame; heap words
 *     used by put_list/put_tuple/make_fun were reserved by test_heap;
 *     instructions that need a tuple, a cons or a match context get one
 *     (a type lattice refined by the type tests), and no path falls off the
 *     end of a function;
 *   - no loop that never ends a time slice: a branch goes forward, except
 *     a jump (the interpreter counts a reduction at a backward jump, with
 *     no x register live), a branch to the function's func_info, and a
 *     receive loop's branch back to its loop_rec.
 * Literal bytes are checked by the loader's ETF decoder.
 *
 * Pure function of its input; any thread.
 */
#include "verify.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "decode.h"
#include "proc.h"

/* Register types, a small lattice. Tuples carry a minimum arity. */
enum {
    T_NONE = 0, /* not written on some path */
    T_ANY = 1,
    T_CONS = 2,
    T_CTX = 3,   /* binary match context */
    T_CATCH = 4, /* y slot holding a catch marker */
    T_TUPLE = 16 /* T_TUPLE + n: a tuple of at least n elements */
};
#define TUPLE_MAX 60000u

struct state {
    int32_t frame;  /* y slots, or -1 for no frame */
    uint32_t heap;  /* words reserved by the last test_heap/allocate */
    uint16_t *x;    /* nx entries */
    uint16_t *y;    /* ny entries, right after x's: y == x + nx (one copy, one merge loop) */
};

/* What layout learns of each function, in one pass over the code. */
struct fn_info {
    uint32_t start, end;           /* its instructions: from its info label to the next function's */
    uint32_t label_first, nlabels; /* its labels: labels_by_fn[label_first..] */
    uint16_t nx, ny;               /* registers its instructions touch (X_REGS + 1 if more) */
};

/* The state merged at the entry of a label; its types are apart
   (verifier.label_types), all in one array. */
struct label_state {
    int32_t frame;
    uint32_t heap;
    bool reached, queued;
};

struct verifier {
    const struct gen_module *m;
    const struct dec_insn *insns; /* decoded (decode.h): operands checked */
    uint32_t ninsns;
    const uint32_t *label_insn; /* label -> index of the label pseudo instruction */
    uint32_t *func_of_label; /* label -> function index (UINT32_MAX outside) */
    char *err;
    /* current function */
    uint32_t fn;
    uint32_t nx, ny;
    /* labels by function: each function's labels have local numbers
       0..fns[f].nlabels-1, so the data flow of one function allocates and
       clears only its own labels (a module has thousands) */
    uint32_t *local_of_label; /* label -> its number within its function */
    struct fn_info *fns;      /* by function index, from layout */
    uint32_t *labels_by_fn;
    struct label_state *at_label; /* per label of the function (local numbers) */
    uint16_t *label_types;        /* label with local number n: nx + ny types from n * (nx + ny) */
    uint32_t *worklist;
    uint32_t nwork;
    bool back_edge; /* flow_to is following a backward jump */
    /* buffers behind at_label, label_types and worklist */
    void *labels_buf, *types_buf, *work_buf;
    size_t labels_cap, types_cap, work_cap;
};

/* Make *buf hold at least n items of size bytes (contents not kept). */
static bool grow(void *buf, size_t *cap, size_t n, size_t size) {
    void **b = buf;
    if (n <= *cap && *b) return true;
    size_t want = n > 2 * *cap ? n : 2 * *cap;
    mem_free(*b);
    *b = mem_malloc(want * size);
    *cap = *b ? want : 0;
    return *b != NULL;
}

static bool fail(struct verifier *v, uint32_t insn, const char *fmt, ...) __attribute__((cold, format(printf, 3, 4)));
static bool fail(struct verifier *v, uint32_t insn, const char *fmt, ...) {
    if (v->err) return false;
    char msg[200];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char buf[400];
    if (v->fn != UINT32_MAX && v->fn < v->m->nfunctions) {
        const struct gen_function *f = &v->m->functions[v->fn];
        const struct gen_str *name = f->name < v->m->natoms ? &v->m->atoms[f->name] : NULL;
        /* the code offset of the instruction, as `moat --disasm` shows it */
        uint32_t off = v->insns && insn < v->ninsns ? v->insns[insn].first - 1 : insn;
        snprintf(buf, sizeof buf, "verify: %.*s/%u at %u: %s", name ? (int)name->len : 1,
                 name ? name->text : "?", f->arity, off, msg);
    } else {
        snprintf(buf, sizeof buf, "verify: at %u: %s", insn, msg);
    }
    v->err = mem_strdup(buf);
    return false;
}

static inline const struct gen_operand *opnd(const struct verifier *v, const struct dec_insn *in, uint32_t i) {
    return decode_operand(v->m, in, i);
}

/* ---- pass 2: labels and function layout ------------------------------------ */

static bool layout(struct verifier *v) {
    const struct gen_module *m = v->m;
    v->func_of_label = mem_malloc((m->nlabels + 1) * sizeof(uint32_t));
    if (!v->func_of_label) return fail(v, 0, "out of memory");
    memset(v->func_of_label, 0xFF, (m->nlabels + 1) * sizeof(uint32_t));
    v->fns = mem_calloc(m->nfunctions + 1, sizeof *v->fns);
    if (!v->fns) return fail(v, 0, "out of memory");
    v->local_of_label = mem_malloc((m->nlabels + 1) * sizeof(uint32_t));
    v->labels_by_fn = mem_malloc((m->nlabels + 1) * sizeof(uint32_t));
    if (!v->local_of_label || !v->labels_by_fn) return fail(v, 0, "out of memory");
    /* One pass in code order: each function's range, register bounds and
       labels, numbered as they come (a function's labels are its range's). */
    uint32_t fn = UINT32_MAX, nlabels = 0;
    struct fn_info *cur = NULL;
    uint16_t nx = 0, ny = 0; /* the current function's register bounds so far */
    const struct dec_insn *insns = v->insns; /* not reloaded after each store */
    uint32_t ninsns = v->ninsns;
    for (uint32_t i = 0; i < ninsns; i++) {
        const struct dec_insn *in = &insns[i];
        nx = in->nx > nx ? in->nx : nx;
        ny = in->ny > ny ? in->ny : ny;
        if (in->op != OPC_label && in->op != OPC_func_info) { /* most */
            if (fn == UINT32_MAX && in->op != OPC_line) return fail(v, i, "code outside any function");
            continue;
        }
        if (in->op == OPC_func_info) {
            uint32_t f = (uint32_t)opnd(v, in, 0)->val;
            const struct gen_function *gf = &m->functions[f];
            if (i == 0 || insns[i - 1].op != OPC_label || insns[i - 1].num != gf->info_label)
                return fail(v, i, "func_info not preceded by the function's info label");
            if (i + 1 >= ninsns || insns[i + 1].op != OPC_label ||
                insns[i + 1].num != gf->entry_label)
                return fail(v, i, "func_info not followed by the function's entry label");
            /* a function ends where the next one's info label is */
            if (cur) *cur = (struct fn_info){cur->start, i - 1, cur->label_first, cur->nlabels, nx, ny};
            nx = ny = 0; /* the info label and func_info touch none */
            fn = f;
            cur = &v->fns[f];
            *cur = (struct fn_info){.start = i - 1, .label_first = nlabels, .nlabels = 1};
            v->func_of_label[gf->info_label] = f;
            v->local_of_label[gf->info_label] = 0;
            v->labels_by_fn[nlabels++] = gf->info_label;
        } else if (in->op == OPC_label) {
            uint32_t l = in->num; /* defined once, in range (decode) */
            /* the info label belongs to the function that follows it */
            if (i + 1 < ninsns && insns[i + 1].op == OPC_func_info) continue;
            if (fn == UINT32_MAX) return fail(v, i, "code outside any function");
            v->func_of_label[l] = fn;
            v->local_of_label[l] = cur->nlabels++;
            v->labels_by_fn[nlabels++] = l;
        }
    }
    if (cur) *cur = (struct fn_info){cur->start, v->ninsns, cur->label_first, cur->nlabels, nx, ny};
    for (uint32_t f = 0; f < m->nfunctions; f++) {
        const struct gen_function *gf = &m->functions[f];
        v->fn = f;
        if (gf->name >= m->natoms) return fail(v, 0, "function name out of range");
        if (gf->arity > 255) return fail(v, 0, "arity %u over 255", gf->arity);
        if (gf->info_label == 0 || gf->info_label > m->nlabels || v->label_insn[gf->info_label] == UINT32_MAX ||
            gf->entry_label == 0 || gf->entry_label > m->nlabels || v->func_of_label[gf->entry_label] != f)
            return fail(v, 0, "function labels are not laid out as label, func_info, label");
    }
    v->fn = UINT32_MAX;
    for (uint32_t i = 0; i < m->nexports; i++) {
        /* the one function whose entry it can be: labels belong to one
           function each, and each function's entry label to it (above) */
        const struct gen_export *e = &m->exports[i];
        uint32_t f = e->label >= 1 && e->label <= m->nlabels ? v->func_of_label[e->label] : UINT32_MAX;
        if (f == UINT32_MAX || m->functions[f].entry_label != e->label || m->functions[f].name != e->function ||
            m->functions[f].arity != e->arity)
            return fail(v, 0, "export %u does not name a function of this module", i);
    }
    for (uint32_t i = 0; i < m->nlambdas; i++) {
        const struct gen_lambda *l = &m->lambdas[i];
        if (l->function >= m->nfunctions || m->functions[l->function].arity != (uint64_t)l->arity + l->nfree)
            return fail(v, 0, "fun %u does not match its function's arity", i);
    }
    for (uint32_t i = 0; i < m->nimports; i++) {
        const struct gen_import *im = &m->imports[i];
        if (im->module >= m->natoms || im->function >= m->natoms || im->arity > 255)
            return fail(v, 0, "import %u is malformed", i);
    }
    for (uint32_t i = 0; i < m->nlines; i++)
        if (m->lines[i].file >= m->nfiles) return fail(v, 0, "line entry %u names no file", i);
    return true;
}

/* ---- pass 3: data flow over each function --------------------------------- */

static uint16_t merge_type(uint16_t a, uint16_t b) {
    if (a == b) return a;
    if (a == T_NONE || b == T_NONE) return T_NONE;
    if (a >= T_TUPLE && b >= T_TUPLE) return a < b ? a : b;
    return T_ANY;
}

/* A branch back to label l: a jump (it counts a reduction), to the
   function's func_info (it raises function_clause), or from a receive
   loop to its loop_rec. */
static bool backward_ok(const struct verifier *v, uint32_t at, uint64_t l) {
    if (v->back_edge) return true;
    uint32_t i = v->label_insn[l];
    while (i < v->ninsns && (v->insns[i].op == OPC_label || v->insns[i].op == OPC_line)) i++;
    if (i >= v->ninsns) return false;
    if (v->insns[i].op == OPC_func_info) return true;
    uint32_t op = v->insns[at].op;
    return (op == OPC_loop_rec_end || op == OPC_wait || op == OPC_wait_timeout) && v->insns[i].op == OPC_loop_rec;
}

/* Merge s into the entry state of label l; queue it if it changed. */
static bool flow_to(struct verifier *v, uint32_t at, uint64_t l, const struct state *s) {
    if (l == 0) return true; /* fail label 0: raise instead */
    if (l > v->m->nlabels || v->func_of_label[l] != v->fn)
        return fail(v, at, "jump to label %llu outside the function", (unsigned long long)l);
    /* Calls and backward jumps count reductions, other branches do not:
       a loop must go through one of them. */
    if (v->label_insn[l] < at && !backward_ok(v, at, l))
        return fail(v, at, "backward jump to label %llu", (unsigned long long)l);
    uint32_t local = v->local_of_label[l];
    struct label_state *t = &v->at_label[local];
    uint32_t n = v->nx + v->ny;
    uint16_t *tt = v->label_types + (size_t)local * n; /* x then y types */
    bool changed = false;
    if (!t->reached) {
        *t = (struct label_state){.frame = s->frame, .heap = s->heap, .reached = true, .queued = t->queued};
        memcpy(tt, s->x, n * sizeof *tt);
        changed = true;
    } else {
        if (t->frame != s->frame) return fail(v, at, "frames differ where paths join at label %llu", (unsigned long long)l);
        if (s->heap < t->heap) t->heap = s->heap, changed = true;
        const uint16_t *st = s->x;
        for (uint32_t i = 0; i < n; i++) {
            if (tt[i] == st[i]) continue;
            uint16_t mt = merge_type(tt[i], st[i]);
            if (mt != tt[i]) tt[i] = mt, changed = true;
        }
    }
    if (changed && !t->queued) {
        t->queued = true;
        v->worklist[v->nwork++] = local;
    }
    return true;
}

/* Type of a source operand; fails if it reads an unwritten register. */
static bool read_src(struct verifier *v, uint32_t at, const struct state *s, const struct gen_operand *o, uint16_t *type) {
    if (o->kind == GEN_X) {
        if (o->val >= v->nx || s->x[o->val] == T_NONE) return fail(v, at, "x%llu read before it is written", (unsigned long long)o->val);
        *type = s->x[o->val];
    } else if (o->kind == GEN_Y) {
        if ((int64_t)o->val >= s->frame) return fail(v, at, "y%llu outside the frame", (unsigned long long)o->val);
        if (s->y[o->val] == T_NONE) return fail(v, at, "y%llu read before it is written", (unsigned long long)o->val);
        if (s->y[o->val] == T_CATCH) return fail(v, at, "y%llu holds a catch marker", (unsigned long long)o->val);
        *type = s->y[o->val];
    } else if (o->kind == GEN_LABEL || o->kind == GEN_UINT) { /* a list item: decode let it by */
        return fail(v, at, "a %s where a value is read", o->kind == GEN_LABEL ? "label" : "number");
    } else {
        *type = T_ANY;
    }
    return true;
}

static bool check_src(struct verifier *v, uint32_t at, const struct state *s, const struct gen_operand *o) {
    uint16_t t;
    return read_src(v, at, s, o, &t);
}

static bool write_dst(struct verifier *v, uint32_t at, struct state *s, const struct gen_operand *o, uint16_t type) {
    if (o->kind == GEN_X) {
        if (o->val >= v->nx) return fail(v, at, "x%llu out of range", (unsigned long long)o->val);
        s->x[o->val] = type;
    } else {
        if ((int64_t)o->val >= s->frame) return fail(v, at, "y%llu outside the frame", (unsigned long long)o->val);
        s->y[o->val] = type;
    }
    return true;
}

static bool need_type(struct verifier *v, uint32_t at, const struct state *s, const struct gen_operand *o,
                      uint16_t want, const char *what) {
    uint16_t t;
    if (!read_src(v, at, s, o, &t)) return false;
    bool ok = want >= T_TUPLE ? t >= want : t == want;
    return ok ? true : fail(v, at, "%s is not known to be %s", o->kind == GEN_Y ? "y register" : "operand", what);
}

/* x registers from n up are dead (after a GC point, a call). */
static void kill_x_from(struct verifier *v, struct state *s, uint64_t n) {
    for (uint64_t i = n; i < v->nx; i++) s->x[i] = T_NONE;
}

static bool live_ok(struct verifier *v, uint32_t at, const struct state *s, uint64_t live) {
    if (live > v->nx) return fail(v, at, "live count %llu beyond the registers in use", (unsigned long long)live);
    for (uint64_t i = 0; i < live; i++)
        if (s->x[i] == T_NONE) return fail(v, at, "x%llu counted live but never written", (unsigned long long)i);
    return true;
}

static bool args_ok(struct verifier *v, uint32_t at, const struct state *s, uint64_t arity) {
    if (arity > v->nx) return fail(v, at, "call with %llu arguments beyond the registers", (unsigned long long)arity);
    for (uint64_t i = 0; i < arity; i++)
        if (s->x[i] == T_NONE) return fail(v, at, "argument x%llu not written", (unsigned long long)i);
    return true;
}

static bool call_target_ok(struct verifier *v, uint32_t at, uint64_t arity, uint64_t label) {
    const struct gen_module *m = v->m;
    if (label == 0 || label > m->nlabels) return fail(v, at, "call to a bad label");
    uint32_t f = v->func_of_label[label];
    if (f == UINT32_MAX || m->functions[f].entry_label != label)
        return fail(v, at, "call to label %llu, which is not a function entry", (unsigned long long)label);
    if (m->functions[f].arity != arity)
        return fail(v, at, "call with %llu arguments to a function of arity %u", (unsigned long long)arity, m->functions[f].arity);
    return true;
}

/* After a non-tail call: a frame is required; only x0 survives. */
static bool after_call(struct verifier *v, uint32_t at, struct state *s) {
    if (s->frame < 0) return fail(v, at, "call outside a frame (the return address would be lost)");
    kill_x_from(v, s, 0);
    s->x[0] = T_ANY;
    s->heap = 0;
    return true;
}

static bool tail_frame_ok(struct verifier *v, uint32_t at, const struct state *s, int64_t dealloc) {
    if (s->frame != dealloc)
        return fail(v, at, "tail call deallocates %lld slots in a frame of %d", (long long)dealloc, s->frame);
    return true;
}

static bool import_arity_ok(struct verifier *v, uint32_t at, uint64_t imp, uint64_t arity) {
    if (v->m->imports[imp].arity != arity) return fail(v, at, "import called with the wrong number of arguments");
    return true;
}

/* Checks common to sources listed in a 'v' operand. */
static bool list_srcs_ok(struct verifier *v, uint32_t at, const struct state *s, const struct dec_insn *in,
                         uint32_t stride, uint32_t which) {
    for (uint32_t k = which; k < in->nlist; k += stride)
        if (!check_src(v, at, s, &decode_list(v->m, in)[k])) return false;
    return true;
}

static bool heap_take_ok(struct verifier *v, uint32_t at, struct state *s, uint64_t words) {
    if (s->heap < words) return fail(v, at, "builds %llu words on the heap with only %u reserved", (unsigned long long)words, s->heap);
    s->heap -= (uint32_t)words;
    return true;
}

/* The effect of one instruction. Returns false on an error; sets *ends
   when control does not fall through. */
static bool step(struct verifier *v, uint32_t at, struct state *s, bool *ends);

static bool verify_function(struct verifier *v, uint32_t f) {
    const struct gen_module *m = v->m;
    v->fn = f;
    const struct gen_function *gf = &m->functions[f];
    const struct fn_info *fi = &v->fns[f];
    uint32_t start = fi->start, end = fi->end; /* start is label_insn[gf->info_label] */
    /* register bounds for this function */
    uint32_t nx = gf->arity + 1, ny = 1;
    if (fi->nx > nx) nx = fi->nx;
    if (fi->ny > ny) ny = fi->ny;
    if (nx > X_REGS) nx = X_REGS;
    if (ny > X_REGS) return fail(v, start, "frame larger than %u slots", X_REGS);
    v->nx = nx;
    v->ny = ny;
    size_t per = (size_t)(nx + ny);
    uint32_t nl = fi->nlabels;
    const uint32_t *labels = v->labels_by_fn + fi->label_first;
    /* the buffers serve every function of the module: grown, never
       cleared whole (a label's types are written when it is first reached) */
    bool ok = grow(&v->labels_buf, &v->labels_cap, nl + 1, sizeof *v->at_label) &&
              grow(&v->types_buf, &v->types_cap, (size_t)(nl + 1) * per, sizeof(uint16_t)) &&
              grow(&v->work_buf, &v->work_cap, nl + 1, sizeof(uint32_t));
    if (!ok) {
        fail(v, start, "out of memory");
    } else {
        v->at_label = v->labels_buf;
        v->label_types = v->types_buf;
        v->worklist = v->work_buf;
        memset(v->at_label, 0, nl * sizeof *v->at_label);
        /* the current state's types after the labels' */
        struct state cur = {.x = v->label_types + (size_t)nl * per};
        cur.y = cur.x + nx;
        /* entry: arguments written, no frame */
        struct state entry = cur;
        entry.frame = -1;
        entry.heap = 0;
        for (uint32_t i = 0; i < nx; i++) entry.x[i] = i < gf->arity ? T_ANY : T_NONE;
        for (uint32_t i = 0; i < ny; i++) entry.y[i] = T_NONE;
        ok = flow_to(v, start + 2, gf->entry_label, &entry);
        while (ok && v->nwork) {
            uint32_t local = v->worklist[--v->nwork];
            struct label_state *t = &v->at_label[local];
            t->queued = false;
            cur.frame = t->frame;
            cur.heap = t->heap;
            memcpy(cur.x, v->label_types + (size_t)local * per, per * sizeof *cur.x);
            uint32_t l = labels[local];
            uint32_t i = v->label_insn[l] + 1;
            bool ends = false;
            for (; ok && !ends; i++) {
                if (i >= end) {
                    ok = fail(v, i, "control falls off the end of the function");
                    break;
                }
                if (v->insns[i].op == OPC_label) {
                    ok = flow_to(v, i, v->insns[i].num, &cur);
                    break;
                }
                ok = step(v, i, &cur, &ends);
            }
        }
    }
    v->at_label = NULL;
    v->label_types = NULL;
    v->worklist = NULL;
    return ok;
}

#define O(i) opnd(v, in, (i))
#define SRC(i) do { if (!check_src(v, at, s, O(i))) return false; } while (0)
#define DST(i, t) do { if (!write_dst(v, at, s, O(i), (t))) return false; } while (0)
#define BRANCH(i) do { if (!flow_to(v, at, O(i)->val, s)) return false; } while (0)

/* A test instruction: branch on failure with the state before it. */
static bool test_refines(struct verifier *v, uint32_t at, struct state *s, const struct dec_insn *in, uint16_t type) {
    if (!check_src(v, at, s, O(1)) || !flow_to(v, at, O(0)->val, s)) return false;
    const struct gen_operand *r = O(1);
    if (type != T_ANY && (r->kind == GEN_X || r->kind == GEN_Y)) { /* tests that teach nothing leave the type */
        uint16_t *slot = r->kind == GEN_X ? &s->x[r->val] : &s->y[r->val];
        if (!(type >= T_TUPLE && *slot >= type)) *slot = type;
    }
    return true;
}

/* BIF-like instructions: fail label, live count, sources, destination. */
static bool bif_like(struct verifier *v, uint32_t at, struct state *s, const struct dec_insn *in,
                     uint32_t fail_i, uint32_t live_i, uint32_t first_src, uint32_t nsrc, uint32_t dst_i) {
    for (uint32_t k = 0; k < nsrc; k++) SRC(first_src + k);
    uint64_t live = O(live_i)->val;
    if (!live_ok(v, at, s, live)) return false;
    if (fail_i != UINT32_MAX) BRANCH(fail_i);
    kill_x_from(v, s, live);
    s->heap = 0;
    DST(dst_i, T_ANY);
    return true;
}

static bool step(struct verifier *v, uint32_t at, struct state *s, bool *ends) {
    const struct dec_insn *in = &v->insns[at];
    switch (in->op) {
    case OPC_line:
        return true;
    case OPC_func_info:
        *ends = true; /* raises function_clause with the arguments */
        return args_ok(v, at, s, v->m->functions[v->fn].arity);
    case OPC_move: {
        uint16_t t;
        if (!read_src(v, at, s, O(0), &t)) return false;
        if (t == T_CATCH) return fail(v, at, "moves a catch marker");
        DST(1, t);
        return true;
    }
    case OPC_swap: {
        uint16_t a, b;
        if (!read_src(v, at, s, O(0), &a) || !read_src(v, at, s, O(1), &b)) return false;
        DST(0, b);
        DST(1, a);
        return true;
    }
    case OPC_allocate:
        if (s->frame >= 0) return fail(v, at, "allocate inside a frame");
        if (!live_ok(v, at, s, O(1)->val)) return false;
        s->frame = (int32_t)O(0)->val;
        for (int32_t i = 0; i < s->frame; i++) s->y[i] = T_ANY; /* allocate sets them to [] */
        kill_x_from(v, s, O(1)->val);
        s->heap = 0;
        return true;
    case OPC_deallocate:
        if (s->frame != (int64_t)O(0)->val) return fail(v, at, "deallocate %llu in a frame of %d", (unsigned long long)O(0)->val, s->frame);
        s->frame = -1;
        return true;
    case OPC_return:
        *ends = true;
        if (s->frame >= 0) return fail(v, at, "return inside a frame");
        return args_ok(v, at, s, 1);
    case OPC_test_heap:
        if (!live_ok(v, at, s, O(1)->val)) return false;
        kill_x_from(v, s, O(1)->val);
        s->heap = O(0)->val > UINT32_MAX ? UINT32_MAX : (uint32_t)O(0)->val;
        return true;
    case OPC_init_yregs:
        for (uint32_t k = 0; k < in->nlist; k++) {
            const struct gen_operand *o = &decode_list(v->m, in)[k];
            if (o->kind != GEN_Y || !write_dst(v, at, s, o, T_ANY)) return fail(v, at, "init_yregs of a non-y operand");
        }
        return true;
    case OPC_call:
        return args_ok(v, at, s, O(0)->val) && call_target_ok(v, at, O(0)->val, O(1)->val) && after_call(v, at, s);
    case OPC_call_last:
        *ends = true;
        return args_ok(v, at, s, O(0)->val) && call_target_ok(v, at, O(0)->val, O(1)->val) &&
               tail_frame_ok(v, at, s, (int64_t)O(2)->val);
    case OPC_call_only:
        *ends = true;
        return args_ok(v, at, s, O(0)->val) && call_target_ok(v, at, O(0)->val, O(1)->val) && tail_frame_ok(v, at, s, -1);
    case OPC_call_ext:
        return args_ok(v, at, s, O(0)->val) && import_arity_ok(v, at, O(1)->val, O(0)->val) && after_call(v, at, s);
    case OPC_call_ext_last:
        *ends = true;
        return args_ok(v, at, s, O(0)->val) && import_arity_ok(v, at, O(1)->val, O(0)->val) &&
               tail_frame_ok(v, at, s, (int64_t)O(2)->val);
    case OPC_call_ext_only:
        *ends = true;
        return args_ok(v, at, s, O(0)->val) && import_arity_ok(v, at, O(1)->val, O(0)->val) && tail_frame_ok(v, at, s, -1);
    case OPC_call_fun:
        return args_ok(v, at, s, O(0)->val + 1) && after_call(v, at, s);
    case OPC_call_fun_last:
        *ends = true;
        return args_ok(v, at, s, O(0)->val + 1) && tail_frame_ok(v, at, s, (int64_t)O(1)->val);
    case OPC_apply:
        return args_ok(v, at, s, O(0)->val + 2) && after_call(v, at, s);
    case OPC_apply_last:
        *ends = true;
        return args_ok(v, at, s, O(0)->val + 2) && tail_frame_ok(v, at, s, (int64_t)O(1)->val);
    case OPC_bif0:
        return import_arity_ok(v, at, O(0)->val, 0) && bif_like(v, at, s, in, UINT32_MAX, 1, 0, 0, 2);
    case OPC_bif1:
        return import_arity_ok(v, at, O(1)->val, 1) && bif_like(v, at, s, in, 0, 2, 3, 1, 4);
    case OPC_bif2:
        return import_arity_ok(v, at, O(1)->val, 2) && bif_like(v, at, s, in, 0, 2, 3, 2, 5);
    case OPC_bif3:
        return import_arity_ok(v, at, O(1)->val, 3) && bif_like(v, at, s, in, 0, 2, 3, 3, 6);
    case OPC_add: case OPC_sub: case OPC_mul: case OPC_fdiv: case OPC_idiv: case OPC_irem:
    case OPC_band: case OPC_bor: case OPC_bxor: case OPC_bsl: case OPC_bsr:
        return bif_like(v, at, s, in, 0, 1, 2, 2, 4);
    case OPC_neg: case OPC_bnot:
        return bif_like(v, at, s, in, 0, 1, 2, 1, 3);
    case OPC_jump:
        *ends = true;
        if (v->label_insn[O(0)->val] < at) { /* labels are in range (decode) */
            /* a loop's back edge: the interpreter counts a reduction there
               and may end the time slice, keeping no x register */
            kill_x_from(v, s, 0);
            s->heap = 0;
            v->back_edge = true;
        }
        BRANCH(0);
        v->back_edge = false;
        return true;
    case OPC_select_val:
    case OPC_select_tuple_arity:
        *ends = true;
        if (in->op == OPC_select_tuple_arity) {
            if (!need_type(v, at, s, O(0), T_TUPLE, "a tuple")) return false;
        } else {
            SRC(0);
        }
        if (in->nlist % 2) return fail(v, at, "odd select list");
        BRANCH(1);
        for (uint32_t k = 0; k < in->nlist; k += 2) {
            const struct gen_operand *val = &decode_list(v->m, in)[k];
            const struct gen_operand *lab = &decode_list(v->m, in)[k + 1];
            if (lab->kind != GEN_LABEL || lab->val == 0) return fail(v, at, "select list item %u is not a label", k + 1);
            if (in->op == OPC_select_val && val->kind != GEN_INT && val->kind != GEN_ATOM && val->kind != GEN_NIL &&
                val->kind != GEN_LIT)
                return fail(v, at, "select_val compares with a register");
            if (in->op == OPC_select_tuple_arity && val->kind != GEN_UINT)
                return fail(v, at, "select_tuple_arity with a non-arity");
            struct state tmp = *s;
            const struct gen_operand *r = O(0);
            uint16_t saved = 0, *slot = NULL;
            if (in->op == OPC_select_tuple_arity && (r->kind == GEN_X || r->kind == GEN_Y)) {
                slot = r->kind == GEN_X ? &s->x[r->val] : &s->y[r->val];
                saved = *slot;
                *slot = (uint16_t)(T_TUPLE + (val->val > TUPLE_MAX ? TUPLE_MAX : val->val));
            }
            bool ok = flow_to(v, at, lab->val, &tmp);
            if (slot) *slot = saved;
            if (!ok) return false;
        }
        return true;
    case OPC_is_nonempty_list:
        return test_refines(v, at, s, in, T_CONS);
    case OPC_is_tuple:
        return test_refines(v, at, s, in, T_TUPLE);
    case OPC_is_integer: case OPC_is_float: case OPC_is_number: case OPC_is_atom: case OPC_is_pid:
    case OPC_is_reference: case OPC_is_port: case OPC_is_nil: case OPC_is_list: case OPC_is_binary:
    case OPC_is_bitstring: case OPC_is_function: case OPC_is_boolean: case OPC_is_map:
        return test_refines(v, at, s, in, T_ANY);
    case OPC_is_function2:
        SRC(2);
        return test_refines(v, at, s, in, T_ANY);
    case OPC_test_arity:
        if (!need_type(v, at, s, O(1), T_TUPLE, "a tuple")) return false;
        return test_refines(v, at, s, in, (uint16_t)(T_TUPLE + (O(2)->val > TUPLE_MAX ? TUPLE_MAX : O(2)->val)));
    case OPC_is_tagged_tuple:
        return test_refines(v, at, s, in, (uint16_t)(T_TUPLE + (O(2)->val > TUPLE_MAX ? TUPLE_MAX : O(2)->val)));
    case OPC_is_eq_exact: case OPC_is_ne_exact: case OPC_is_eq: case OPC_is_ne: case OPC_is_lt: case OPC_is_ge:
        SRC(2);
        return test_refines(v, at, s, in, T_ANY);
    case OPC_get_list:
        if (!need_type(v, at, s, O(0), T_CONS, "a cons")) return false;
        DST(1, T_ANY);
        DST(2, T_ANY);
        return true;
    case OPC_get_hd: case OPC_get_tl:
        if (!need_type(v, at, s, O(0), T_CONS, "a cons")) return false;
        DST(1, T_ANY);
        return true;
    case OPC_get_tuple_element: {
        uint64_t idx = O(1)->val;
        if (idx >= TUPLE_MAX || !need_type(v, at, s, O(0), (uint16_t)(T_TUPLE + idx + 1), "a tuple that large"))
            return fail(v, at, "get_tuple_element %llu of a tuple not known to be that large", (unsigned long long)idx);
        DST(2, T_ANY);
        return true;
    }
    case OPC_put_list:
        SRC(0);
        SRC(1);
        if (!heap_take_ok(v, at, s, CONS_WORDS)) return false;
        DST(2, T_CONS);
        return true;
    case OPC_put_tuple:
        if (!list_srcs_ok(v, at, s, in, 1, 0) || !heap_take_ok(v, at, s, 1 + (uint64_t)in->nlist)) return false;
        DST(0, (uint16_t)(T_TUPLE + (in->nlist > TUPLE_MAX ? TUPLE_MAX : in->nlist)));
        return true;
    case OPC_make_fun:
        if (v->m->lambdas[O(0)->val].nfree != in->nlist) return fail(v, at, "make_fun with the wrong number of free values");
        if (!list_srcs_ok(v, at, s, in, 1, 0) || !heap_take_ok(v, at, s, 2 + (uint64_t)in->nlist)) return false;
        DST(1, T_ANY);
        return true;
    case OPC_badmatch: case OPC_case_end: case OPC_try_case_end: case OPC_badrecord:
        *ends = true;
        SRC(0);
        return true;
    case OPC_if_end:
        *ends = true;
        return true;
    case OPC_raise:
        *ends = true;
        SRC(0);
        SRC(1);
        SRC(2);
        return true;
    case OPC_try:
    case OPC_catch: {
        const struct gen_operand *y = O(0);
        if ((int64_t)y->val >= s->frame) return fail(v, at, "catch slot outside the frame");
        s->y[y->val] = T_CATCH;
        /* the handler starts with no x registers and the frame as it is now */
        struct state h = *s;
        uint16_t *xs = mem_malloc(v->nx * sizeof *xs);
        if (!xs) return fail(v, at, "out of memory");
        memcpy(xs, s->x, v->nx * sizeof *xs);
        kill_x_from(v, s, 0);
        h.heap = 0;
        bool ok = flow_to(v, at, O(1)->val, &h);
        memcpy(s->x, xs, v->nx * sizeof *xs);
        mem_free(xs);
        return ok;
    }
    case OPC_try_end:
    case OPC_try_case:
    case OPC_catch_end: {
        const struct gen_operand *y = O(0);
        if ((int64_t)y->val >= s->frame || s->y[y->val] != T_CATCH)
            return fail(v, at, "%s of a slot that holds no catch", decode_ops[in->op].name);
        s->y[y->val] = T_ANY;
        if (in->op == OPC_try_case) {
            kill_x_from(v, s, 0);
            s->x[0] = s->x[1] = s->x[2] = T_ANY;
        } else if (in->op == OPC_catch_end) {
            if (s->x[0] == T_NONE) s->x[0] = T_ANY;
            kill_x_from(v, s, 1);
        }
        s->heap = 0;
        return true;
    }
    case OPC_send:
        if (!args_ok(v, at, s, 2)) return false;
        kill_x_from(v, s, 0);
        s->x[0] = T_ANY;
        s->heap = 0;
        return true;
    case OPC_loop_rec:
        kill_x_from(v, s, 0);
        s->heap = 0;
        BRANCH(0);
        DST(1, T_ANY);
        return true;
    case OPC_remove_message: case OPC_timeout: case OPC_recv_mark: case OPC_recv_set:
        s->heap = 0;
        return true;
    case OPC_loop_rec_end:
    case OPC_wait:
        *ends = true;
        kill_x_from(v, s, 0);
        BRANCH(0);
        return true;
    case OPC_wait_timeout:
        SRC(1);
        kill_x_from(v, s, 0);
        s->heap = 0;
        BRANCH(0);
        return true;
    case OPC_put_map_assoc:
    case OPC_put_map_exact:
        if (in->nlist % 2) return fail(v, at, "odd map update list");
        SRC(1);
        if (!list_srcs_ok(v, at, s, in, 1, 0)) return false;
        return bif_like(v, at, s, in, 0, 3, 1, 1, 2);
    case OPC_has_map_fields:
        SRC(1);
        if (!list_srcs_ok(v, at, s, in, 1, 0)) return false;
        BRANCH(0);
        return true;
    case OPC_get_map_elements:
        if (in->nlist % 2) return fail(v, at, "odd get_map_elements list");
        SRC(1);
        if (!list_srcs_ok(v, at, s, in, 2, 0)) return false;
        BRANCH(0);
        for (uint32_t k = 1; k < in->nlist; k += 2) {
            const struct gen_operand *d = &decode_list(v->m, in)[k];
            if ((d->kind != GEN_X && d->kind != GEN_Y) || !write_dst(v, at, s, d, T_ANY))
                return fail(v, at, "get_map_elements destination %u is not a register", k);
        }
        return true;
    case OPC_bs_create:
        if (in->nlist % 5) return fail(v, at, "bs_create segments are not in fives");
        for (uint32_t k = 0; k < in->nlist; k += 5) {
            const struct gen_operand *seg = &decode_list(v->m, in)[k];
            if (seg[0].kind != GEN_ATOM || seg[1].kind != GEN_UINT || seg[2].kind != GEN_UINT)
                return fail(v, at, "bs_create segment %u is malformed", k / 5);
            if (!check_src(v, at, s, &seg[3]) || !check_src(v, at, s, &seg[4])) return false;
        }
        return bif_like(v, at, s, in, 0, 1, 1, 0, 2);
    case OPC_bs_start_match:
        SRC(2);
        if (!live_ok(v, at, s, O(1)->val)) return false;
        BRANCH(0);
        kill_x_from(v, s, O(1)->val);
        s->heap = 0;
        DST(3, T_CTX);
        return true;
    case OPC_bs_get_integer: case OPC_bs_get_float: case OPC_bs_get_binary:
        if (!need_type(v, at, s, O(1), T_CTX, "a match context")) return false;
        SRC(3);
        if (!live_ok(v, at, s, O(2)->val)) return false;
        BRANCH(0);
        kill_x_from(v, s, O(2)->val);
        s->heap = 0;
        DST(6, T_ANY);
        return true;
    case OPC_bs_skip_bits:
        if (!need_type(v, at, s, O(1), T_CTX, "a match context")) return false;
        SRC(2);
        BRANCH(0);
        return true;
    case OPC_bs_test_tail: case OPC_bs_test_unit: case OPC_bs_match_string:
        if (!need_type(v, at, s, O(1), T_CTX, "a match context")) return false;
        BRANCH(0);
        return true;
    case OPC_bs_get_utf8:
        if (!need_type(v, at, s, O(1), T_CTX, "a match context")) return false;
        BRANCH(0);
        DST(2, T_ANY);
        return true;
    case OPC_bs_get_utf16: case OPC_bs_get_utf32:
        if (!need_type(v, at, s, O(1), T_CTX, "a match context")) return false;
        BRANCH(0);
        DST(3, T_ANY);
        return true;
    case OPC_bs_get_tail:
        if (!need_type(v, at, s, O(0), T_CTX, "a match context")) return false;
        if (!live_ok(v, at, s, O(1)->val)) return false;
        kill_x_from(v, s, O(1)->val);
        s->heap = 0;
        DST(2, T_ANY);
        return true;
    case OPC_bs_get_position:
        if (!need_type(v, at, s, O(0), T_CTX, "a match context")) return false;
        DST(1, T_ANY);
        return true;
    case OPC_bs_set_position:
        if (!need_type(v, at, s, O(0), T_CTX, "a match context")) return false;
        SRC(1);
        return true;
    default:
        return fail(v, at, "instruction %s is not allowed here", decode_ops[in->op].name);
    }
}

#undef O
#undef SRC
#undef DST
#undef BRANCH

bool verify_decoded(const struct gen_module *m, const struct decoded *d, char **err) {
    struct verifier v = {.m = m, .fn = UINT32_MAX, .insns = d->insns, .ninsns = d->ninsns, .label_insn = d->label_insn};
    bool ok = m->natoms > 0 && layout(&v);
    if (m->natoms == 0) fail(&v, 0, "module has no name");
    for (uint32_t f = 0; ok && f < m->nfunctions; f++) ok = verify_function(&v, f);
    mem_free(v.func_of_label);
    mem_free(v.local_of_label);
    mem_free(v.labels_buf);
    mem_free(v.types_buf);
    mem_free(v.work_buf);
    mem_free(v.fns);
    mem_free(v.labels_by_fn);
    if (ok) return true;
    if (!err) mem_free(v.err);
    else *err = v.err ? v.err : mem_strdup("verify: refused");
    return false;
}

bool verify_module(const struct gen_module *m, char **err) {
    struct decoded d;
    if (!decode_module(m, &d, err)) return false;
    bool ok = verify_decoded(m, &d, err);
    decode_free(&d);
    return ok;
}
