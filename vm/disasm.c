/*
 * disasm.c — prints a gen_module as assembly, driven by the operand
 * signatures of vm/opcodes.def (the same table the verifier reads), so
 * every opcode prints without a case of its own. Reads untrusted modules
 * only after the verifier; still bounds-checks every index it prints.
 */
#include "disasm.h"

#include <inttypes.h>

static const struct {
    const char *name, *sig;
} ops[256] = {
#define OP(name, num, sig, doc) [num] = {#name, sig},
#include "opcodes.def"
#undef OP
};

static void str(FILE *out, const struct gen_str *s) { fprintf(out, "%.*s", (int)s->len, s->text); }

static void operand(const struct gen_module *g, const struct gen_operand *o, FILE *out) {
    switch (o->kind) {
    case GEN_X: fprintf(out, "x%" PRIu64, o->val); break;
    case GEN_Y: fprintf(out, "y%" PRIu64, o->val); break;
    case GEN_INT: fprintf(out, "%" PRId64, (int64_t)o->val); break;
    case GEN_ATOM:
        if (o->val < g->natoms) {
            fputc('\'', out);
            str(out, &g->atoms[o->val]);
            fputc('\'', out);
        } else {
            fprintf(out, "atom#%" PRIu64 "?", o->val);
        }
        break;
    case GEN_NIL: fputs("[]", out); break;
    case GEN_LIT: fprintf(out, "lit#%" PRIu64, o->val); break;
    case GEN_LABEL: fprintf(out, "L%" PRIu64, o->val); break;
    case GEN_UINT: fprintf(out, "%" PRIu64, o->val); break;
    default: fprintf(out, "?%u:%" PRIu64, o->kind, o->val); break;
    }
}

void disasm_module(const struct gen_module *g, FILE *out) {
    fputs("module ", out);
    if (g->natoms) str(out, &g->atoms[0]);
    fputc('\n', out);
    for (size_t pc = 0; pc < g->ncode;) {
        const struct gen_operand *o = &g->code[pc];
        if (o->kind != GEN_OP || o->val > 255 || !ops[o->val].name) {
            fprintf(out, "%6zu  ?? bad operand\n", pc);
            return;
        }
        const char *sig = ops[o->val].sig;
        if (o->val == OPC_func_info && pc + 1 < g->ncode && g->code[pc + 1].val < g->nfunctions) {
            const struct gen_function *f = &g->functions[g->code[pc + 1].val];
            fputs("\n        ; function ", out);
            str(out, &g->atoms[f->name]);
            fprintf(out, "/%u\n", f->arity);
        }
        fprintf(out, "%6zu  %-18s", pc, ops[o->val].name);
        pc++;
        for (const char *s = sig; *s && pc < g->ncode; s++) {
            if (*s == 'v') {
                uint64_t n = g->code[pc++].val;
                fputs(" [", out);
                for (uint64_t k = 0; k < n && pc < g->ncode; k++) {
                    if (k) fputc(' ', out);
                    operand(g, &g->code[pc++], out);
                }
                fputc(']', out);
                continue;
            }
            fputc(' ', out);
            if (o->val == OPC_line && g->code[pc].val < g->nlines) {
                fprintf(out, "%u", g->lines[g->code[pc].val].line);
                pc++;
                continue;
            }
            operand(g, &g->code[pc++], out);
        }
        fputc('\n', out);
    }
}
