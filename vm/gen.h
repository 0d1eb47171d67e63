/*
 * gen.h — a module in generic form: what the compiler emits, what a .mbc
 * file holds, and what the verifier checks before the loader turns it into
 * threaded code.
 *
 * Nothing here points into a VM: atoms are strings, literals are External
 * Term Format bytes, functions are referred to by label number. A
 * gen_module is plain data owned by whoever built it (gen_module_free).
 *
 * Code is a flat array of operands. An instruction is one GEN_OP operand
 * holding the opcode number (vm/opcodes.def), followed by its operands in
 * the order of its signature; a 'v' operand is one GEN_LIST operand
 * holding the count n, followed by n operands.
 */
#ifndef MOAT_GEN_H
#define MOAT_GEN_H

#include <stddef.h>
#include <stdint.h>

enum gen_kind {
    GEN_OP = 0,    /* val = opcode number                              */
    GEN_X = 1,     /* val = x register number                          */
    GEN_Y = 2,     /* val = y register number                          */
    GEN_INT = 3,   /* val = (int64) small integer constant (fits 60 bits) */
    GEN_ATOM = 4,  /* val = index into atoms[]                         */
    GEN_NIL = 5,   /* []                                               */
    GEN_LIT = 6,   /* val = index into lits[]                          */
    GEN_LABEL = 7, /* val = label number (0 only in an 'f' operand)    */
    GEN_UINT = 8,  /* val = unsigned number (counts, indices)          */
    GEN_LIST = 9,  /* val = n: the next n operands are the list        */
};

struct gen_operand {
    uint8_t kind; /* enum gen_kind */
    uint64_t val;
};

struct gen_str {
    char *text; /* UTF-8, not NUL-terminated necessarily; len counts bytes */
    uint32_t len;
};

struct gen_bytes {
    uint8_t *data; /* one term in External Term Format, starting with 131 */
    uint32_t len;
};

struct gen_import {
    uint32_t module, function, arity; /* atom, atom, number */
};

struct gen_export {
    uint32_t function, arity, label; /* atom, number, entry label */
};

struct gen_function {
    uint32_t name, arity; /* atom index, number of arguments */
    uint32_t info_label;  /* label of the func_info (function_clause) */
    uint32_t entry_label; /* label right after func_info */
};

struct gen_lambda {
    uint32_t function; /* index into functions[]: the lifted code, whose
                          arity is arity + nfree (free values come after
                          the arguments, in x(arity)..) */
    uint32_t arity;    /* arity seen by callers */
    uint32_t nfree;
    uint32_t uniq;     /* a hash of the fun's code, for printing/ETF */
};

struct gen_line {
    uint32_t file; /* index into files[] */
    uint32_t line;
};

struct gen_module {
    uint32_t natoms;
    struct gen_str *atoms; /* atoms[0] is the module name */
    uint32_t nlits;
    struct gen_bytes *lits;
    uint32_t nimports;
    struct gen_import *imports;
    uint32_t nexports;
    struct gen_export *exports;
    uint32_t nfunctions;
    struct gen_function *functions;
    uint32_t nlambdas;
    struct gen_lambda *lambdas;
    uint32_t nfiles;
    struct gen_str *files;
    uint32_t nlines;
    struct gen_line *lines; /* the 'line u' instruction's u indexes this */
    uint32_t nlabels;       /* labels are 1..nlabels */
    size_t ncode;
    struct gen_operand *code;
    struct gen_bytes attributes; /* ETF list of {Key, Value} (module_info(attributes)); len 0 if none */
};

void gen_module_free(struct gen_module *m);

/* Opcode numbers, from the one table. */
enum gen_opcode {
#define OP(name, num, ops, doc) OPC_##name = num,
#include "opcodes.def"
#undef OP
};

#endif
