/*
 * loader.c — from a generic module to threaded code.
 *
 * Steps: decode (vm/decode.c: every instruction found, every operand's
 * kind and index checked, once) and verify the decoded code (vm/verify.c);
 * intern atoms; decode literals into the module's literal area (never
 * touched by any process GC); resolve imports to export entries; lay out
 * the threaded code from the decoded instructions and resolve labels;
 * build the function, line and fun tables; install the module. Operand
 * words are emitted without checking again what the decode checked.
 *
 * Threaded code: one word per instruction holding its handler
 * (interp_handlers), then one word per operand, decoded once here:
 *   x, y      the register number
 *   d         x(n) = n << 3, y(n) = (n << 3) | 4   (primary tag 00)
 *   s         a constant term as is (nonzero primary tag), or a register
 *             word as for d
 *   l, f      the code address (f: 0 = raise)
 *   u         the number; func_info's u is a struct mod_func *
 *   a, c      the term
 *   i         struct export_entry *     F   struct fun_entry *
 *   v         the count n, then n items: registers as for d, constants as
 *             terms, labels as addresses, numbers as numbers
 * `label` and `line` take no space; a line records (pc, line) in the
 * module's line table.
 *
 * Specialised internal instructions (interp.h) replace a few hot generic
 * ones with cheaper forms.
 */
#include "loader.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "atom.h"
#include "decode.h"
#include "etf.h"
#include "interp.h"
#include "strbuf.h"
#include "verify.h"

static const int16_t op_internal[256] = {
#define OP(name, num, ops, doc) [num] = IOP_##name + 1,
#include "opcodes.def"
#undef OP
};

struct loading {
    const struct gen_module *g;
    const struct decoded *d; /* g's code decoded: kinds and indices checked */
    struct module *m;
    term *atoms;
    struct export_entry **imports;
    size_t *label_off; /* label -> word offset in code, SIZE_MAX if undefined */
    char **err;
};

static bool refuse(struct loading *ld, const char *fmt, const char *detail) {
    if (ld->err && !*ld->err) {
        struct strbuf sb = STRBUF_INIT;
        sb_printf(&sb, fmt, detail ? detail : "");
        sb_cstr(&sb);
        *ld->err = sb.data;
    }
    return false;
}

/* The code and the tables a purge frees (a purged version keeps its
   literals and fun table: module.h); the fields left empty. */
static void free_code(struct module *m) {
    mem_free(m->code);
    mem_free(m->lits);
    mem_free(m->funcs);
    mem_free(m->lines);
    if (m->file_cnames)
        for (uint32_t i = 0; i < m->nfiles; i++) mem_free(m->file_cnames[i]);
    mem_free(m->file_cnames);
    mem_free(m->file_names);
    mem_free(m->exports);
    mem_free(m->path);
    m->code = NULL;
    m->ncode = 0;
    m->lits = NULL;
    m->nlits = 0;
    m->funcs = NULL;
    m->nfuncs = 0;
    m->lines = NULL;
    m->nlines = 0;
    m->file_cnames = NULL;
    m->file_names = NULL;
    m->nfiles = 0;
    m->exports = NULL;
    m->nexports = 0;
    m->path = NULL;
}

void loader_free_module(struct module *m) {
    if (!m) return;
    free_code(m);
    mem_free(m->lit_area);
    mem_free(m->funs);
    mem_free(m);
}

/* ---- atoms, literals, imports ------------------------------------------ */

static bool load_atoms(struct loading *ld) {
    const struct gen_module *g = ld->g;
    if (g->natoms == 0) return refuse(ld, "module has no name%s", NULL);
    ld->atoms = mem_malloc(g->natoms * sizeof(term));
    if (!ld->atoms) return refuse(ld, "out of memory%s", NULL);
    for (uint32_t i = 0; i < g->natoms; i++) {
        uint32_t a = atom_intern(g->atoms[i].text, g->atoms[i].len);
        if (a == ATOM_NOT_FOUND) return refuse(ld, "bad atom in the atom table%s", NULL);
        ld->atoms[i] = term_from_atom(a);
    }
    ld->m->name = ld->atoms[0];
    return true;
}

/* Literals, file names and attributes all go into one literal area. */
static bool load_literals(struct loading *ld) {
    const struct gen_module *g = ld->g;
    struct module *m = ld->m;
    size_t words = 0, attr_words = 0, used;
    for (uint32_t i = 0; i < g->nlits; i++) {
        size_t w;
        if (!etf_decode_size(g->lits[i].data, g->lits[i].len, &w, &used) || used != g->lits[i].len)
            return refuse(ld, "malformed literal%s", NULL);
        words += w;
    }
    if (g->attributes.len) {
        if (!etf_decode_size(g->attributes.data, g->attributes.len, &attr_words, &used))
            return refuse(ld, "malformed attributes%s", NULL);
        words += attr_words;
    }
    for (uint32_t i = 0; i < g->nfiles; i++) words += 2 * (size_t)g->files[i].len;
    m->lit_area = mem_malloc((words ? words : 1) * sizeof(term));
    m->lits = mem_malloc((g->nlits ? g->nlits : 1) * sizeof(term));
    m->file_names = mem_malloc((g->nfiles ? g->nfiles : 1) * sizeof(term));
    m->file_cnames = mem_zalloc((g->nfiles ? g->nfiles : 1) * sizeof(char *));
    if (!m->lit_area || !m->lits || !m->file_names || !m->file_cnames) return refuse(ld, "out of memory%s", NULL);
    m->lit_words = words;
    m->nlits = g->nlits;
    term *hp = m->lit_area;
    for (uint32_t i = 0; i < g->nlits; i++) {
        m->lits[i] = etf_decode(g->lits[i].data, g->lits[i].len, &hp, &m->lit_offheap);
        if (m->lits[i] == TERM_NONE) return refuse(ld, "malformed literal%s", NULL);
    }
    m->attributes = TERM_NIL;
    if (g->attributes.len) {
        m->attributes = etf_decode(g->attributes.data, g->attributes.len, &hp, &m->lit_offheap);
        if (m->attributes == TERM_NONE) return refuse(ld, "malformed attributes%s", NULL);
    }
    /* file names as Erlang strings (bytes; names are expected to be ASCII) */
    m->nfiles = g->nfiles;
    for (uint32_t i = 0; i < g->nfiles; i++) {
        const struct gen_str *f = &g->files[i];
        term s = TERM_NIL;
        for (uint32_t k = f->len; k-- > 0;) {
            s = cons_store(hp, term_from_small((uint8_t)f->text[k]), s);
            hp += 2;
        }
        m->file_names[i] = s;
        m->file_cnames[i] = mem_malloc(f->len + 1);
        if (!m->file_cnames[i]) return refuse(ld, "out of memory%s", NULL);
        memcpy(m->file_cnames[i], f->text, f->len);
        m->file_cnames[i][f->len] = 0;
    }
    return true;
}

static bool load_imports(struct loading *ld) {
    const struct gen_module *g = ld->g;
    ld->imports = mem_malloc((g->nimports ? g->nimports : 1) * sizeof *ld->imports);
    if (!ld->imports) return refuse(ld, "out of memory%s", NULL);
    for (uint32_t i = 0; i < g->nimports; i++) {
        const struct gen_import *im = &g->imports[i];
        if (im->module >= g->natoms || im->function >= g->natoms) return refuse(ld, "bad import%s", NULL);
        ld->imports[i] = export_get(ld->atoms[im->module], ld->atoms[im->function], im->arity);
        if (!ld->imports[i]) return refuse(ld, "out of memory%s", NULL);
    }
    return true;
}

/* ---- code layout ----------------------------------------------------------- */

/* Pass 1: word offsets of labels and the code size. */
static bool layout(struct loading *ld, size_t *size) {
    const struct gen_module *g = ld->g;
    ld->label_off = mem_malloc((g->nlabels + 1) * sizeof(size_t));
    if (!ld->label_off) return refuse(ld, "out of memory%s", NULL);
    for (uint32_t i = 0; i <= g->nlabels; i++) ld->label_off[i] = SIZE_MAX;
    size_t off = 0;
    for (uint32_t i = 0; i < ld->d->ninsns; i++) {
        const struct dec_insn *in = &ld->d->insns[i];
        if (in->op == OPC_label) ld->label_off[in->num] = off; /* in range (decode) */
        else if (in->op != OPC_line) off += 1 + (size_t)in->nops + in->nlist;
    }
    *size = off + 1; /* a final word so a label at the very end points inside */
    return true;
}

static bool label_addr(struct loading *ld, uint64_t l, code_word *out) {
    if (l == 0 || l > ld->g->nlabels || ld->label_off[l] == SIZE_MAX) return refuse(ld, "undefined label%s", NULL);
    *out = (code_word)(ld->m->code + ld->label_off[l]);
    return true;
}

static code_word reg_word(const struct gen_operand *o) {
    return o->kind == GEN_Y ? (code_word)((o->val << 3) | 4) : (code_word)(o->val << 3);
}

/* A constant or register operand (s, list items); kinds and indices were
   checked by decode_module. */
static bool value_word(struct loading *ld, const struct gen_operand *o, code_word *out) {
    switch (o->kind) {
    case GEN_X:
    case GEN_Y: *out = reg_word(o); return true;
    case GEN_INT: *out = term_from_small((int64_t)o->val); return true;
    case GEN_ATOM: *out = ld->atoms[o->val]; return true;
    case GEN_NIL: *out = TERM_NIL; return true;
    case GEN_LIT: *out = ld->m->lits[o->val]; return true;
    case GEN_LABEL: return label_addr(ld, o->val, out);
    case GEN_UINT: *out = (code_word)o->val; return true;
    default: return refuse(ld, "bad operand%s", NULL);
    }
}

static bool operand_word(struct loading *ld, unsigned op, char letter, const struct gen_operand *o, code_word *out) {
    switch (letter) {
    case 'x':
    case 'y': *out = (code_word)o->val; return true;
    case 'l': return label_addr(ld, o->val, out);
    case 'f':
        if (o->val == 0) {
            *out = 0;
            return true;
        }
        return label_addr(ld, o->val, out);
    case 'u':
        *out = op == OPC_func_info ? (code_word)&ld->m->funcs[o->val] : (code_word)o->val;
        return true;
    case 'i': *out = (code_word)ld->imports[o->val]; return true;
    case 'F': *out = (code_word)&ld->m->funs[o->val]; return true;
    default: return value_word(ld, o, out); /* d s a c */
    }
}

static bool add_line(struct loading *ld, size_t *cap, code_word *at, uint64_t idx) {
    struct module *m = ld->m;
    if (m->nlines == *cap) {
        *cap = *cap ? *cap * 2 : 64;
        struct mod_line *nl = mem_realloc(m->lines, *cap * sizeof *nl);
        if (!nl) return refuse(ld, "out of memory%s", NULL);
        m->lines = nl;
    }
    /* a later line at the same pc wins */
    if (m->nlines && m->lines[m->nlines - 1].pc == at) m->nlines--;
    m->lines[m->nlines++] = (struct mod_line){at, ld->g->lines[idx].line, ld->g->lines[idx].file};
    return true;
}

/* Replace a generic instruction by a specialised form where one exists.
   Operand words stay as they are; only the handler changes. */
#define IS_X(w) (((w) & 7) == 0)
#define IS_Y(w) (((w) & 7) == 4)
#define IS_SMALL(w) term_is_small((term)(w))
#define IS_IMMED(w) term_is_immed((term)(w))
static void specialise(code_word *at, unsigned op, const code_word *handlers) {
    int to = -1;
    switch (op) {
    case OPC_move:
        if (IS_X(at[1]) && IS_X(at[2])) to = IOP_i_move_xx;
        else if (IS_X(at[1]) && IS_Y(at[2])) to = IOP_i_move_xy;
        else if (IS_Y(at[1]) && IS_X(at[2])) to = IOP_i_move_yx;
        else if (!IS_X(at[1]) && !IS_Y(at[1]) && IS_X(at[2])) to = IOP_i_move_cx;
        break;
    case OPC_allocate:
        if (at[1] >= 1 && at[1] <= 3) to = IOP_i_allocate_1 + (int)at[1] - 1;
        break;
    case OPC_put_tuple:
        if (at[2] == 2) to = IOP_i_put_tuple2;
        break;
    case OPC_is_nonempty_list:
        if (IS_X(at[2])) to = IOP_i_is_nonempty_list_x;
        break;
    case OPC_is_tagged_tuple:
        if (IS_X(at[2]) && at[3] > 0) to = IOP_i_is_tagged_tuple_x;
        break;
    case OPC_get_tuple_element:
        if (IS_X(at[1]) && IS_X(at[3])) to = IOP_i_get_tuple_element_xx;
        break;
    case OPC_is_lt:
        if (IS_X(at[2]) && IS_SMALL(at[3])) to = IOP_i_is_lt_xi;
        break;
    case OPC_is_ge:
        if (IS_X(at[2]) && IS_SMALL(at[3])) to = IOP_i_is_ge_xi;
        break;
    case OPC_is_eq_exact:
        if (IS_X(at[2]) && IS_IMMED(at[3])) to = IOP_i_is_eq_exact_xc;
        break;
    case OPC_is_ne_exact:
        if (IS_X(at[2]) && IS_IMMED(at[3])) to = IOP_i_is_ne_exact_xc;
        break;
    case OPC_add:
        if (IS_X(at[3]) && IS_SMALL(at[4]) && IS_X(at[5])) to = IOP_i_add_xix;
        else if (IS_X(at[3]) && IS_X(at[4]) && IS_X(at[5])) to = IOP_i_add_xxx;
        else if (IS_Y(at[3]) && IS_X(at[4]) && IS_X(at[5])) to = IOP_i_add_yxx;
        break;
    case OPC_sub:
        if (IS_X(at[3]) && IS_SMALL(at[4]) && IS_X(at[5])) to = IOP_i_sub_xix;
        else if (IS_Y(at[3]) && IS_SMALL(at[4]) && IS_X(at[5])) to = IOP_i_sub_yix;
        break;
    case OPC_jump:
        if ((const code_word *)at[1] <= at) to = IOP_i_jump_back;
        break;
    case OPC_select_val: {
        /* many immediate values: sort the pairs for a binary search */
        uint64_t n = at[3] / 2;
        code_word *pairs = at + 4;
        if (n < 8) break;
        for (uint64_t k = 0; k < n; k++)
            if (!IS_IMMED(pairs[2 * k])) return;
        for (uint64_t k = 1; k < n; k++) { /* insertion sort: load time, once */
            code_word v = pairs[2 * k], l = pairs[2 * k + 1];
            uint64_t j = k;
            for (; j > 0 && pairs[2 * (j - 1)] > v; j--) {
                pairs[2 * j] = pairs[2 * (j - 1)];
                pairs[2 * j + 1] = pairs[2 * (j - 1) + 1];
            }
            pairs[2 * j] = v;
            pairs[2 * j + 1] = l;
        }
        to = IOP_i_select_val_bin;
        break;
    }
    default: break;
    }
    if (to >= 0) at[0] = handlers[to];
}

/* Fuse a pair of adjacent instructions (prev falls through into at): the
   first's handler is replaced by one that runs both and continues after
   the second. The second stays whole, so a jump to it still works. A few
   triples too: prev2 (falling through into prev) gets a handler that runs
   all three. */
#define IS_X0(w) ((w) == 0)
static void fuse(code_word *prev2, unsigned prev2_op, code_word *prev, unsigned prev_op, const code_word *at,
                 unsigned op, const code_word *handlers) {
    int to = -1;
    if (prev_op == OPC_deallocate && op == OPC_return) {
        to = IOP_i_deallocate_return;
        if (prev2 && prev2_op == OPC_move && IS_X0(prev2[2])) prev2[0] = handlers[IOP_i_move_deallocate_return];
    } else if (prev_op == OPC_test_heap && op == OPC_put_tuple) {
        to = at[2] == 2 ? IOP_i_test_heap_put_tuple2 : IOP_i_test_heap_put_tuple;
    } else if (prev_op == OPC_test_heap && op == OPC_put_list) {
        to = IOP_i_test_heap_put_list;
    } else if (prev_op == OPC_move && op == OPC_return) {
        if (IS_X0(prev[2])) to = IOP_i_move_return;
        if (to >= 0 && prev2 && prev2_op == OPC_is_eq_exact && prev2[0] == handlers[IOP_i_is_eq_exact_xc])
            prev2[0] = handlers[IOP_i_is_eq_exact_xc_move_return];
    } else if (prev_op == OPC_move && op == OPC_call) {
        if (IS_X0(prev[2])) to = IOP_i_move_call;
    } else if (prev_op == OPC_is_tuple && op == OPC_test_arity) {
        if (prev[1] == at[1] && prev[2] == at[2] && IS_X(at[2])) to = IOP_i_is_tuple_arity_x;
    } else if (prev_op == OPC_is_nonempty_list && op == OPC_get_list) {
        if (prev[0] == handlers[IOP_i_is_nonempty_list_x]) to = IOP_i_is_nonempty_list_get_list_x;
    } else if (prev_op == OPC_is_tagged_tuple && op == OPC_get_tuple_element) {
        if (prev[0] == handlers[IOP_i_is_tagged_tuple_x] && at[0] == handlers[IOP_i_get_tuple_element_xx])
            to = IOP_i_is_tagged_tuple_get_xx;
    } else if (prev_op == OPC_get_tuple_element && op == OPC_get_tuple_element) {
        /* the first must not overwrite the tuple the second reads */
        if (prev[0] == handlers[IOP_i_get_tuple_element_xx] && at[0] == handlers[IOP_i_get_tuple_element_xx] &&
            prev[1] == at[1] && prev[3] != at[1])
            to = IOP_i_get_tuple_element2_xx;
    } else if (prev_op == OPC_allocate && op == OPC_move) {
        if (prev[1] >= 1 && prev[1] <= 3 && at[0] == handlers[IOP_i_move_xy])
            to = IOP_i_allocate_1_move_xy + (int)prev[1] - 1;
    } else if (prev_op == OPC_move && op == OPC_move) {
        if (prev[0] == handlers[IOP_i_move_xy] && at[0] == handlers[IOP_i_move_xy]) to = IOP_i_move2_xyxy;
        else if (prev[0] == handlers[IOP_i_move_yx] && at[0] == handlers[IOP_i_move_yx]) to = IOP_i_move2_yxyx;
    }
    if (to >= 0) prev[0] = handlers[to];
}

/* Pass 2: emit threaded code. */
static bool emit(struct loading *ld) {
    const struct gen_module *g = ld->g;
    struct module *m = ld->m;
    const code_word *handlers = interp_handlers();
    size_t off = 0, line_cap = 0;
    code_word *prev = NULL, *prev2 = NULL; /* the instructions before, if they fall through here */
    unsigned prev_op = 0, prev2_op = 0;
    for (uint32_t i = 0; i < ld->d->ninsns; i++) {
        const struct dec_insn *in = &ld->d->insns[i];
        unsigned op = in->op;
        size_t pc = in->first;
        if (op == OPC_label) continue;
        if (op == OPC_line) {
            if (!add_line(ld, &line_cap, m->code + off, in->num)) return false;
            continue;
        }
        const char *sig = decode_ops[op].sig;
        code_word *at = m->code + off;
        m->code[off++] = handlers[op_internal[op] - 1];
        for (const char *c = sig; *c; c++) {
            const struct gen_operand *o = &g->code[pc];
            if (*c == 'v') {
                m->code[off++] = (code_word)o->val;
                for (uint64_t k = 0; k < o->val; k++)
                    if (!value_word(ld, &g->code[pc + 1 + k], &m->code[off++])) return false;
                pc += 1 + o->val;
            } else {
                if (!operand_word(ld, op, *c, o, &m->code[off++])) return false;
                pc++;
            }
        }
        /* a bif instruction calls the C function directly: it must be one */
        if ((op == OPC_bif0 && !((struct export_entry *)at[1])->bif) ||
            ((op == OPC_bif1 || op == OPC_bif2 || op == OPC_bif3) && !((struct export_entry *)at[2])->bif))
            return refuse(ld, "bif instruction names a function that is not a BIF%s", NULL);
        specialise(at, op, handlers);
        if (prev) fuse(prev2, prev2_op, prev, prev_op, at, op, handlers);
        prev2 = prev;
        prev2_op = prev_op;
        prev = at;
        prev_op = op;
    }
    return true;
}

/* ---- tables ---------------------------------------------------------------- */

static bool load_tables(struct loading *ld) {
    const struct gen_module *g = ld->g;
    struct module *m = ld->m;
    m->nfuncs = g->nfunctions;
    m->funcs = mem_zalloc((g->nfunctions ? g->nfunctions : 1) * sizeof *m->funcs);
    m->nfuns = g->nlambdas;
    m->funs = mem_zalloc((g->nlambdas ? g->nlambdas : 1) * sizeof *m->funs);
    m->nexports = g->nexports;
    m->exports = mem_zalloc((g->nexports ? g->nexports : 1) * sizeof *m->exports);
    if (!m->funcs || !m->funs || !m->exports) return refuse(ld, "out of memory%s", NULL);
    return true;
}

/* After code is emitted: function addresses, exports, lambdas. */
static bool fill_tables(struct loading *ld) {
    const struct gen_module *g = ld->g;
    struct module *m = ld->m;
    for (uint32_t i = 0; i < g->nfunctions; i++) {
        const struct gen_function *f = &g->functions[i];
        code_word start, entry;
        if (f->name >= g->natoms) return refuse(ld, "bad function name%s", NULL);
        if (!label_addr(ld, f->info_label, &start) || !label_addr(ld, f->entry_label, &entry)) return false;
        m->funcs[i] = (struct mod_func){ld->atoms[f->name], f->arity, (const code_word *)start,
                                        (const code_word *)entry, m};
        if (i > 0 && m->funcs[i].start < m->funcs[i - 1].start) return refuse(ld, "functions out of code order%s", NULL);
    }
    for (uint32_t i = 0; i < g->nexports; i++) {
        const struct gen_export *e = &g->exports[i];
        if (e->function >= g->natoms) return refuse(ld, "bad export%s", NULL);
        m->exports[i] = (struct mod_export){ld->atoms[e->function], e->arity};
    }
    for (uint32_t i = 0; i < g->nlambdas; i++) {
        const struct gen_lambda *l = &g->lambdas[i];
        if (l->function >= g->nfunctions) return refuse(ld, "bad lambda%s", NULL);
        struct fun_entry *fe = &m->funs[i];
        fe->module = m;
        fe->module_name = m->name;
        fe->name = m->funcs[l->function].name;
        fe->index = i;
        fe->fn_index = l->function;
        fe->arity = l->arity;
        fe->nfree = l->nfree;
        fe->uniq = l->uniq;
        atomic_store_explicit(&fe->code, (const void *)m->funcs[l->function].entry, memory_order_relaxed);
    }
    return true;
}

/* Not a real MD5 (erl's is of the BEAM file, which we cannot reproduce):
   a 128-bit FNV-style digest of the generic code, stable per source. */
static void digest(const struct gen_module *g, uint8_t out[16]) {
    uint64_t h1 = 0xcbf29ce484222325ull, h2 = 0x84222325cbf29ce4ull;
#define MIX(v)                                                  \
    do {                                                        \
        h1 = (h1 ^ (v)) * 0x100000001b3ull;                     \
        h2 = (h2 ^ h1 ^ (h1 >> 31)) * 0x9E3779B97F4A7C15ull;    \
    } while (0)
    for (size_t i = 0; i < g->ncode; i++) MIX(g->code[i].val * 31 + g->code[i].kind);
    /* the tables the code refers to: hot loading compares digests */
    for (uint32_t i = 0; i < g->natoms; i++)
        for (uint32_t k = 0; k < g->atoms[i].len; k++) MIX((uint8_t)g->atoms[i].text[k] + 256u * k);
    for (uint32_t i = 0; i < g->nlits; i++)
        for (uint32_t k = 0; k < g->lits[i].len; k++) MIX(g->lits[i].data[k] + 256u * i);
    for (uint32_t i = 0; i < g->nimports; i++) MIX(g->imports[i].module * 7919u + g->imports[i].function * 31u + g->imports[i].arity);
#undef MIX
    memcpy(out, &h1, 8);
    memcpy(out + 8, &h2, 8);
}

static struct module *load(const struct gen_module *g, const char *path, char **err, bool verify) {
    if (err) *err = NULL;
    struct decoded d;
    if (!decode_module(g, &d, err)) return NULL;
    if (verify && !verify_decoded(g, &d, err)) {
        decode_free(&d);
        return NULL;
    }
    struct loading ld = {.g = g, .d = &d, .err = err};
    ld.m = mem_zalloc(sizeof *ld.m);
    size_t size = 0;
    bool ok = ld.m && load_atoms(&ld) && load_literals(&ld) && load_imports(&ld) && load_tables(&ld) &&
              layout(&ld, &size);
    if (ok) {
        ld.m->code = mem_zalloc(size * sizeof(code_word));
        ld.m->ncode = size;
        module_code_bytes_add((ptrdiff_t)(size * sizeof(code_word)));
        ok = ld.m->code && fill_tables(&ld) && emit(&ld);
        if (!ld.m->code) refuse(&ld, "out of memory%s", NULL);
    }
    mem_free(ld.atoms);
    mem_free(ld.imports);
    mem_free(ld.label_off);
    decode_free(&d);
    if (!ok) {
        if (!ld.m) refuse(&ld, "out of memory%s", NULL);
        loader_free_module(ld.m);
        return NULL;
    }
    digest(g, ld.m->md5);
    if (path && !(ld.m->path = mem_strdup(path))) ok = refuse(&ld, "out of memory%s", NULL);
    if (ok && !module_install(ld.m)) ok = refuse(&ld, "not_purged%s", NULL);
    if (!ok) {
        module_code_bytes_add(-(ptrdiff_t)(ld.m->ncode * sizeof(code_word)));
        loader_free_module(ld.m);
        return NULL;
    }
    return ld.m;
}

struct module *loader_load(const struct gen_module *g, char **err) { return load(g, NULL, err, true); }
struct module *loader_load_from(const struct gen_module *g, const char *path, char **err) {
    return load(g, path, err, true);
}
struct module *loader_load_unverified(const struct gen_module *g, char **err) { return load(g, NULL, err, false); }

void loader_free_purged(struct module *m) {
    module_code_bytes_add(-(ptrdiff_t)(m->ncode * sizeof(code_word)));
    free_code(m);
}
