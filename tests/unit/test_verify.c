/*
 * Unit tests of the bytecode verifier: a hand-written module that is
 * correct, then one broken thing at a time, each refused with its rule.
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <string.h>

#include "gen.h"
#include "verify.h"

#define OPc(n) {GEN_OP, OPC_##n}
#define X(n) {GEN_X, n}
#define Y(n) {GEN_Y, n}
#define INT(n) {GEN_INT, (uint64_t)(n)}
#define LBL(n) {GEN_LABEL, n}
#define U(n) {GEN_UINT, n}
#define LIST(n) {GEN_LIST, n}

static struct gen_str atoms[] = {{"m", 1}, {"fib", 3}, {"pair", 4}};
static struct gen_import imports[] = {{0, 1, 1}};
static struct gen_export exports[] = {{1, 1, 2}, {2, 1, 4}};
static struct gen_function functions[] = {{1, 1, 1, 2}, {2, 1, 3, 4}};
static struct gen_str files[] = {{"m.erl", 5}};
static struct gen_line lines[] = {{0, 1}};

/* fib(N) when N < 2 -> N; fib(N) -> fib(N-1) + fib(N-2).
   pair(T) -> {element 0 of T, 1} when T is a 2-tuple. */
static const struct gen_operand good[] = {
    OPc(label), U(1), OPc(func_info), U(0), OPc(label), U(2),
    OPc(is_lt), LBL(5), X(0), INT(2),
    OPc(return),
    OPc(label), U(5),
    OPc(allocate), U(1), U(1),
    OPc(move), X(0), Y(0),
    OPc(sub), LBL(0), U(1), X(0), INT(1), X(0),
    OPc(call), U(1), LBL(2),
    OPc(sub), LBL(0), U(1), Y(0), INT(2), X(1),
    OPc(move), X(0), Y(0),
    OPc(move), X(1), X(0),
    OPc(call), U(1), LBL(2),
    OPc(add), LBL(0), U(1), Y(0), X(0), X(0),
    OPc(deallocate), U(1),
    OPc(return),
    OPc(label), U(3), OPc(func_info), U(1), OPc(label), U(4),
    OPc(is_tuple), LBL(3), X(0),
    OPc(test_arity), LBL(3), X(0), U(2),
    OPc(get_tuple_element), X(0), U(0), X(1),
    OPc(test_heap), U(3), U(2),
    OPc(put_tuple), X(0), LIST(2), X(1), INT(1),
    OPc(return),
};

static struct gen_module make(const struct gen_operand *code, size_t n) {
    struct gen_module m = {0};
    m.natoms = 3;
    m.atoms = atoms;
    m.nimports = 1;
    m.imports = imports;
    m.nexports = 2;
    m.exports = exports;
    m.nfunctions = 2;
    m.functions = functions;
    m.nfiles = 1;
    m.files = files;
    m.nlines = 1;
    m.lines = lines;
    m.nlabels = 5;
    m.ncode = n;
    m.code = (struct gen_operand *)code;
    return m;
}

/* A copy of the good code with operand `at` replaced. */
static struct gen_module patched(size_t at, struct gen_operand with) {
    size_t n = sizeof good / sizeof good[0];
    struct gen_operand *c = mi_malloc(sizeof good);
    memcpy(c, good, sizeof good);
    c[at] = with;
    return make(c, n);
}

static size_t find(const struct gen_operand *code, size_t n, enum gen_opcode op, int nth) {
    for (size_t i = 0; i < n; i++)
        if (code[i].kind == GEN_OP && code[i].val == (uint64_t)op && nth-- == 0) return i;
    cr_assert_fail("opcode not found");
    return 0;
}

static void refused(struct gen_module m, const char *rule) {
    char *err = NULL;
    cr_assert_not(verify_module(&m, &err), "expected refusal: %s", rule);
    cr_assert(err && strstr(err, rule), "message '%s' does not say '%s'", err ? err : "", rule);
    mi_free(err);
}

#define NGOOD (sizeof good / sizeof good[0])

Test(verify, accepts_good_module) {
    struct gen_module m = make(good, NGOOD);
    char *err = NULL;
    bool ok = verify_module(&m, &err);
    cr_assert(ok, "refused: %s", err ? err : "");
}

Test(verify, jump_outside_function) {
    size_t at = find(good, NGOOD, OPC_is_lt, 0);
    refused(patched(at + 1, (struct gen_operand)LBL(4)), "outside the function");
}

Test(verify, read_before_write) {
    size_t at = find(good, NGOOD, OPC_is_lt, 0);
    refused(patched(at + 2, (struct gen_operand)X(3)), "read before it is written");
}

Test(verify, call_arity_mismatch) {
    size_t at = find(good, NGOOD, OPC_call, 1); /* x0 and x1 are both written there */
    refused(patched(at + 1, (struct gen_operand)U(2)), "arity");
}

Test(verify, unbalanced_frame) {
    size_t at = find(good, NGOOD, OPC_deallocate, 0);
    refused(patched(at + 1, (struct gen_operand)U(2)), "deallocate");
}

Test(verify, return_inside_frame) {
    size_t at = find(good, NGOOD, OPC_deallocate, 0);
    struct gen_module m = patched(at, (struct gen_operand)OPc(line)); /* deallocate 1 -> line 1... */
    m.code[at + 1] = (struct gen_operand)U(0);
    refused(m, "return inside a frame");
}

Test(verify, y_register_outside_frame) {
    size_t at = find(good, NGOOD, OPC_move, 0);
    refused(patched(at + 2, (struct gen_operand)Y(5)), "outside the frame");
}

Test(verify, tuple_element_needs_tuple_test) {
    size_t at = find(good, NGOOD, OPC_test_arity, 0);
    refused(patched(at + 3, (struct gen_operand)U(0)), "tuple that large");
}

Test(verify, heap_must_be_reserved) {
    size_t at = find(good, NGOOD, OPC_test_heap, 0);
    refused(patched(at + 1, (struct gen_operand)U(2)), "reserved");
}

Test(verify, label_out_of_range) {
    size_t at = find(good, NGOOD, OPC_call, 0);
    refused(patched(at + 2, (struct gen_operand)LBL(99)), "out of range");
}

Test(verify, not_an_instruction) {
    refused(patched(find(good, NGOOD, OPC_return, 0), (struct gen_operand){GEN_OP, 250}), "not a known instruction");
}

Test(verify, falls_off_the_end) {
    struct gen_module m = make(good, NGOOD - 1); /* drop the last return */
    refused(m, "falls off the end");
}

Test(verify, live_register_not_written) {
    size_t at = find(good, NGOOD, OPC_test_heap, 0);
    refused(patched(at + 2, (struct gen_operand)U(3)), "never written");
}

Test(verify, wrong_operand_kind) {
    size_t at = find(good, NGOOD, OPC_get_tuple_element, 0);
    refused(patched(at + 2, (struct gen_operand)INT(0)), "wrong kind");
}

/* found by the fuzzer: a label instruction's number was used as an index
   before it was compared with the label count (heap overflow) */
Test(verify, label_defined_beyond_count) {
    size_t at = find(good, NGOOD, OPC_label, 2); /* label 5 */
    refused(patched(at + 1, (struct gen_operand)U(99)), "beyond the label count");
}

/* found by the fuzzer: a test branching back made a loop that never
   counted a reduction, so the process never gave up its scheduler */
Test(verify, backward_test_branch) {
    size_t at = find(good, NGOOD, OPC_is_lt, 0);
    refused(patched(at + 1, (struct gen_operand)LBL(2)), "backward jump");
}

/* a branch back to the function's own func_info raises function_clause */
Test(verify, branch_back_to_func_info) {
    size_t at = find(good, NGOOD, OPC_is_tuple, 0); /* already branches to its label 3 */
    struct gen_module m = patched(at + 1, (struct gen_operand)LBL(3));
    char *err = NULL;
    cr_assert(verify_module(&m, &err), "refused: %s", err ? err : "");
}

/* a list item that is read as a value must be one: the loader would
   turn a label or a number into a word the interpreter takes for a
   register or a term */
Test(verify, list_item_label_read_as_value) {
    size_t at = find(good, NGOOD, OPC_put_tuple, 0);
    refused(patched(at + 3, (struct gen_operand)LBL(2)), "a label where a value is read");
    refused(patched(at + 4, (struct gen_operand)U(4)), "a number where a value is read");
}
