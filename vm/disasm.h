/*
 * disasm.h — readable assembly of a gen_module (`moat --disasm`).
 */
#ifndef MOAT_DISASM_H
#define MOAT_DISASM_H

#include <stdio.h>

#include "gen.h"

/* One line per instruction: offset, name, decoded operands; functions,
   labels and line numbers shown as they come. */
void disasm_module(const struct gen_module *g, FILE *out);

#endif
