/*
 * decode.c — the shared walk over a generic module's code (decode.h): one
 * pass that finds every instruction and checks every operand's kind and
 * index, for the verifier and the loader alike.
 *
 * Its refusals are the verifier's first rules and read as the verifier's
 * messages do ("verify: at N: ..."): a module from any source passes here
 * before anything trusts an index in it.
 *
 * Pure function of its input; any thread.
 */
#include "decode.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "proc.h"

const struct dec_op decode_ops[256] = {
#define OP(name, num, ops, doc) [num] = {#name, ops},
#include "opcodes.def"
#undef OP
};

/* The operand kinds each signature letter allows, as bit masks. */
#define K(kind) (1u << (kind))
static const uint16_t letter_kinds[128] = {
    ['x'] = K(GEN_X), ['y'] = K(GEN_Y), ['d'] = K(GEN_X) | K(GEN_Y),
    ['s'] = K(GEN_X) | K(GEN_Y) | K(GEN_INT) | K(GEN_ATOM) | K(GEN_NIL) | K(GEN_LIT),
    ['l'] = K(GEN_LABEL), ['f'] = K(GEN_LABEL), ['u'] = K(GEN_UINT), ['i'] = K(GEN_UINT), ['F'] = K(GEN_UINT),
    ['a'] = K(GEN_ATOM), ['c'] = K(GEN_LIT)};
/* list items: any operand but an opcode or a list */
static const uint16_t list_item_kinds =
    K(GEN_X) | K(GEN_Y) | K(GEN_INT) | K(GEN_ATOM) | K(GEN_NIL) | K(GEN_LIT) | K(GEN_LABEL) | K(GEN_UINT);
#undef K

/* The letters operands are checked by: the signature letters, and one
   for list items. */
enum { L_x, L_y, L_d, L_s, L_l, L_f, L_u, L_i, L_F, L_a, L_c, L_item, NLETTERS };
static const char letters[NLETTERS] = {'x', 'y', 'd', 's', 'l', 'f', 'u', 'i', 'F', 'a', 'c', 'v'};
static const uint8_t letter_index[128] = {
    ['x'] = L_x, ['y'] = L_y, ['d'] = L_d, ['s'] = L_s, ['l'] = L_l, ['f'] = L_f,
    ['u'] = L_u, ['i'] = L_i, ['F'] = L_F, ['a'] = L_a, ['c'] = L_c, ['v'] = L_item};

/* The values an operand of a kind may have under a letter: lo <= val
   < lo + span, as one unsigned compare (val - lo < span). span 0: the
   kind is not allowed; ANY_VALUE: no bound (one value, lo - 1, takes the
   slow path and passes there). */
struct range {
    uint64_t lo, span;
};
#define ANY_VALUE UINT64_MAX

struct decoding {
    const struct gen_module *g;
    struct decoded *d;
    char **err;
    struct range ok[NLETTERS][16]; /* by letter index and kind (func_info's
                                      and line's numbers: by opcode) */
};

static bool refuse(struct decoding *st, uint32_t at, const char *fmt, ...) __attribute__((cold, format(printf, 3, 4)));
static bool refuse(struct decoding *st, uint32_t at, const char *fmt, ...) {
    char msg[200], buf[260];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(buf, sizeof buf, "verify: at %u: %s", at, msg);
    if (st->err) *st->err = mem_strdup(buf);
    return false;
}

/* The table of ranges for this module, from letter_kinds and its sizes. */
static void set_ranges(struct decoding *st) {
    const struct gen_module *g = st->g;
    for (int li = 0; li < NLETTERS; li++) {
        char letter = letters[li];
        uint16_t kinds = letter == 'v' ? list_item_kinds : letter_kinds[(unsigned char)letter];
        for (int k = 0; k < 16; k++) {
            struct range r = {0, 0};
            if (kinds & (1u << k)) {
                switch (k) {
                case GEN_X: case GEN_Y: r.span = X_REGS; break;
                case GEN_ATOM: r.span = g->natoms; break;
                case GEN_LIT: r.span = g->nlits; break;
                case GEN_LABEL: /* a jump target is 1..nlabels; a fail label may be 0 */
                    r = letter == 'l' ? (struct range){1, g->nlabels} : (struct range){0, (uint64_t)g->nlabels + 1};
                    break;
                case GEN_INT: /* fits 60 bits, signed */
                    r = (struct range){(uint64_t)-(INT64_C(1) << 59), UINT64_C(1) << 60};
                    break;
                case GEN_UINT:
                    r.span = letter == 'i' ? g->nimports : letter == 'F' ? g->nlambdas : ANY_VALUE;
                    break;
                default: r.span = ANY_VALUE; break; /* nil */
                }
            }
            st->ok[li][k] = r;
        }
    }
}

/* Why an operand outside its range is refused, if it is: the kind, then
   the index. */
static bool operand_refused(struct decoding *st, uint32_t at, unsigned op, int li, unsigned pos,
                            const struct gen_operand *o) __attribute__((cold));
static bool operand_refused(struct decoding *st, uint32_t at, unsigned op, int li, unsigned pos,
                            const struct gen_operand *o) {
    unsigned long long v = (unsigned long long)o->val;
    uint16_t kinds = li == L_item ? list_item_kinds : letter_kinds[(unsigned char)letters[li]];
    if (o->kind > 15 || !(kinds & (1u << o->kind)) || (li == L_l && v == 0)) {
        if (li == L_item) return refuse(st, at, "%s: bad list item %u", decode_ops[op].name, pos);
        return refuse(st, at, "%s: operand %u has the wrong kind", decode_ops[op].name, pos + 1);
    }
    if (st->ok[li][o->kind].span == ANY_VALUE) return true;
    switch (o->kind) {
    case GEN_X: return refuse(st, at, "x register %llu out of range", v);
    case GEN_Y: return refuse(st, at, "y register %llu out of range", v);
    case GEN_ATOM: return refuse(st, at, "atom index %llu out of range", v);
    case GEN_LIT: return refuse(st, at, "literal index %llu out of range", v);
    case GEN_LABEL: return refuse(st, at, "label %llu out of range", v);
    case GEN_INT: return refuse(st, at, "integer operand too large");
    default:
        if (li == L_i) return refuse(st, at, "import index %llu out of range", v);
        return refuse(st, at, "fun index %llu out of range", v);
    }
}

/* An operand's kind and index under letter index li (one compare when it
   fits); widens *nx, *ny to the registers it names. */
static inline bool operand_ok(struct decoding *st, uint32_t at, unsigned op, int li, unsigned pos,
                              const struct gen_operand *o, uint32_t *nx, uint32_t *ny) {
    unsigned kind = o->kind;
    const struct range *r = &st->ok[li][kind & 15];
    if ((kind > 15 || o->val - r->lo >= r->span) && !operand_refused(st, at, op, li, pos, o)) return false;
    /* registers are below X_REGS now; no branch on the kind */
    uint32_t x = kind == GEN_X ? (uint32_t)o->val + 1 : 0, y = kind == GEN_Y ? (uint32_t)o->val + 1 : 0;
    *nx = x > *nx ? x : *nx;
    *ny = y > *ny ? y : *ny;
    return true;
}

/* Registers an instruction touches beyond its operands: those its counts
   imply (call arities, live counts, frame sizes). Its operands are
   decoded; the counts are unchecked numbers. */
static void implied_registers(const struct gen_module *g, const struct dec_insn *in, uint64_t *nx, uint64_t *ny) {
    const struct gen_operand *o = &g->code[in->first];
    uint64_t need_x = 0;
    switch (in->op) {
    case OPC_call: case OPC_call_last: case OPC_call_only:
    case OPC_call_ext: case OPC_call_ext_last: case OPC_call_ext_only:
        need_x = o[0].val;
        break;
    case OPC_call_fun: case OPC_call_fun_last:
        need_x = o[0].val + 1;
        break;
    case OPC_apply: case OPC_apply_last:
        need_x = o[0].val + 2;
        break;
    case OPC_allocate:
        if (o[0].val > *ny) *ny = o[0].val;
        need_x = o[1].val;
        break;
    case OPC_test_heap:
        need_x = o[1].val;
        break;
    default:
        return;
    }
    if (need_x > *nx) *nx = need_x;
}

static bool define_label(struct decoding *st, uint32_t at, uint64_t l) {
    if (l == 0) return refuse(st, at, "label 0 defined");
    if (l > st->g->nlabels) return refuse(st, at, "label %llu defined beyond the label count", (unsigned long long)l);
    if (st->d->label_insn[l] != UINT32_MAX) return refuse(st, at, "label %llu defined twice", (unsigned long long)l);
    st->d->label_insn[l] = at;
    return true;
}

/* One instruction at code[pc] into *in; *next is where the next one starts. */
static bool decode_insn(struct decoding *st, uint32_t at, size_t pc, struct dec_insn *in, size_t *next) {
    const struct gen_module *g = st->g;
    const struct gen_operand *code = g->code;
    size_t ncode = g->ncode;
    unsigned op = (unsigned)code[pc].val;
    const char *sig = decode_ops[op].sig;
    *in = (struct dec_insn){.op = (uint8_t)op, .list_at = DEC_NO_LIST, .first = (uint32_t)(pc + 1)};
    uint32_t nx = 0, ny = 0;
    pc++;
    unsigned k = 0;
    for (; sig[k]; k++, pc++) {
        if (pc >= ncode) return refuse(st, at, "%s: operands run past the end of the code", decode_ops[op].name);
        const struct gen_operand *a = &code[pc];
        if (sig[k] == 'v') {
            if (a->kind != GEN_LIST || a->val > ncode - pc - 1)
                return refuse(st, at, "%s: bad operand list", decode_ops[op].name);
            in->list_at = (uint8_t)k;
            in->nlist = (uint32_t)a->val;
            for (uint32_t j = 0; j < in->nlist; j++)
                if (!operand_ok(st, at, op, L_item, j, &code[pc + 1 + j], &nx, &ny)) return false;
            pc += in->nlist;
            continue;
        }
        if (!operand_ok(st, at, op, letter_index[(unsigned char)sig[k] & 127], k, a, &nx, &ny)) return false;
    }
    in->nops = (uint8_t)k;
    /* the numbers a few opcodes index tables with */
    switch (op) {
    case OPC_label:
        if (!define_label(st, at, code[in->first].val)) return false;
        in->num = (uint32_t)code[in->first].val;
        break;
    case OPC_line:
        if (code[in->first].val >= g->nlines) return refuse(st, at, "line index out of range");
        in->num = (uint32_t)code[in->first].val;
        break;
    case OPC_func_info:
        if (code[in->first].val >= g->nfunctions) return refuse(st, at, "function index out of range");
        break;
    default: {
        uint64_t wide_x = nx, wide_y = ny;
        implied_registers(g, in, &wide_x, &wide_y);
        in->nx = (uint16_t)(wide_x > X_REGS ? X_REGS + 1 : wide_x);
        in->ny = (uint16_t)(wide_y > X_REGS ? X_REGS + 1 : wide_y);
    }
    }
    *next = pc;
    return true;
}

bool decode_module(const struct gen_module *g, struct decoded *d, char **err) {
    struct decoding st = {.g = g, .d = d, .err = err};
    set_ranges(&st);
    *d = (struct decoded){0};
    /* an instruction takes a word and, but for a few, operands: half the
       code is enough but for odd modules (the array then grows) */
    size_t cap = g->ncode / 2 + 16;
    d->insns = mem_malloc(cap * sizeof *d->insns);
    d->label_insn = mem_malloc(((size_t)g->nlabels + 1) * sizeof *d->label_insn);
    bool ok = d->insns && d->label_insn;
    if (!ok) refuse(&st, 0, "out of memory");
    else memset(d->label_insn, 0xFF, ((size_t)g->nlabels + 1) * sizeof *d->label_insn);
    uint32_t n = 0;
    for (size_t pc = 0; ok && pc < g->ncode;) {
        const struct gen_operand *o = &g->code[pc];
        if (o->kind != GEN_OP || o->val >= 256 || !decode_ops[o->val].sig) {
            ok = refuse(&st, n, "word %zu is not a known instruction", pc);
            break;
        }
        if (n == cap) {
            cap *= 2;
            struct dec_insn *bigger = mem_realloc(d->insns, cap * sizeof *bigger);
            if (!bigger) {
                ok = refuse(&st, n, "out of memory");
                break;
            }
            d->insns = bigger;
        }
        ok = decode_insn(&st, n, pc, &d->insns[n], &pc);
        n++;
    }
    d->ninsns = n;
    if (!ok) decode_free(d);
    return ok;
}

void decode_free(struct decoded *d) {
    mem_free(d->insns);
    mem_free(d->label_insn);
    *d = (struct decoded){0};
}
