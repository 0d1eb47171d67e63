/*
 * decode.h — the one walk over a generic module's code (vm/gen.h) that
 * the verifier and the loader share: where each instruction and each of
 * its operands are, checked once against the operand signatures of
 * vm/opcodes.def. The verifier's data flow and the loader's emission then
 * index operands directly instead of walking signatures again.
 *
 * After decode_module succeeds, for every instruction:
 *   - its opcode is in the table and its operands have the kinds its
 *     signature letters allow (an 'l' label is not 0, list items are
 *     neither opcodes nor lists);
 *   - every index is in range: x and y registers (below X_REGS), atoms,
 *     literals, labels (at most nlabels), imports ('i'), funs ('F'),
 *     func_info's function, line's line entry; integers fit 60 bits;
 *   - each label instruction defines a label in 1..nlabels, at most once.
 * Nothing about control flow or register use: that is the verifier's.
 *
 * Plain data owned by the caller (decode_free). Pure; any thread.
 */
#ifndef MOAT_DECODE_H
#define MOAT_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#include "gen.h"

#define DEC_NO_LIST 0xFF

struct dec_insn {
    uint8_t op;      /* opcode number */
    uint8_t nops;    /* operands by signature (a list counts as one) */
    uint8_t list_at; /* signature position of the 'v' operand, or DEC_NO_LIST */
    uint16_t nx, ny; /* x and y registers it touches, those its counts imply
                        included (call arities, live counts, frame sizes);
                        X_REGS + 1 if more */
    uint32_t first;  /* index in code of its first operand */
    union {
        uint32_t nlist; /* items in its list */
        uint32_t num;   /* label and line (pseudo instructions, without a
                           list, that take no code space): their number */
    };
};

struct decoded {
    struct dec_insn *insns;
    uint32_t ninsns;
    uint32_t *label_insn; /* label -> index of the instruction defining it,
                             UINT32_MAX if none (0..nlabels) */
};

struct dec_op {
    const char *name, *sig; /* NULL for an unused number */
};

/* The opcode table (vm/opcodes.def), by number. */
extern const struct dec_op decode_ops[256];

/* true with *d filled; otherwise false with *err set to a message
   "verify: at N: rule" (N: the instruction's index; mem_free it) and *d
   empty. */
bool decode_module(const struct gen_module *g, struct decoded *d, char **err);
void decode_free(struct decoded *d);

/* Operand i of in, by signature position (a list counts as one: its count
   word; operands after it follow its items). DEC_NO_LIST is above any
   position, so without a list nothing is skipped. */
static inline const struct gen_operand *decode_operand(const struct gen_module *g, const struct dec_insn *in,
                                                       unsigned i) {
    return &g->code[in->first + i + (i > in->list_at ? in->nlist : 0)];
}

/* The first item of in's list (there are in->nlist). */
static inline const struct gen_operand *decode_list(const struct gen_module *g, const struct dec_insn *in) {
    return &g->code[in->first + in->list_at + 1];
}

#endif
