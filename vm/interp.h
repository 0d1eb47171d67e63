/*
 * interp.h — the interpreter loop (vm/interp.c).
 *
 * interp_run executes a process until it finishes, dies, halts the VM or
 * must wait for a message. Code is threaded (vm/loader.c): each
 * instruction's first word is its handler — an address inside interp_run
 * (computed goto) or, when built with MOAT_NO_COMPUTED_GOTO, the internal
 * opcode number below.
 *
 * Called only by the thread that owns the process.
 */
#ifndef MOAT_INTERP_H
#define MOAT_INTERP_H

#include <stdint.h>

#include "module.h"
#include "proc.h"

/* Instructions the loader and the VM make up (no file number): name, what
   it does. The specialised and fused forms (vm/loader.c specialise, fuse)
   keep the operand words of the generic instructions they replace. */
#define INTERP_EXTRA_OPS(X)                                                        \
    X(i_normal_exit, "a process's first function returned: finish")               \
    X(i_apply, "body of erlang:apply/3: x0 M, x1 F, x2 Args")                     \
    X(i_apply_fun, "body of erlang:apply/2: x0 Fun, x1 Args")                     \
    X(i_bif_again, "call the BIF of export Arg(0) again (TERM_RETRY)")            \
    X(i_move_xx, "move x -> x")                                                   \
    X(i_move_xy, "move x -> y")                                                   \
    X(i_move_yx, "move y -> x")                                                   \
    X(i_move_cx, "move constant -> x")                                            \
    X(i_is_lt_xi, "is_lt x, small literal")                                       \
    X(i_is_ge_xi, "is_ge x, small literal")                                       \
    X(i_is_eq_exact_xc, "is_eq_exact x, immediate literal")                       \
    X(i_is_ne_exact_xc, "is_ne_exact x, immediate literal")                       \
    X(i_is_tagged_tuple_x, "is_tagged_tuple of x")                                \
    X(i_add_xix, "add x + small literal -> x")                                    \
    X(i_sub_xix, "sub x - small literal -> x")                                    \
    X(i_add_xxx, "add x + x -> x")                                                \
    X(i_add_yxx, "add y + x -> x")                                                \
    X(i_sub_yix, "sub y - small literal -> x")                                    \
    X(i_get_tuple_element_xx, "get_tuple_element of x into x")                   \
    X(i_allocate_1, "allocate a frame of 1 y register")                         \
    X(i_allocate_2, "allocate a frame of 2 y registers")                        \
    X(i_allocate_3, "allocate a frame of 3 y registers")                        \
    X(i_select_val_bin, "select_val over immediates, pairs sorted by value")      \
    X(i_put_tuple2, "put_tuple of 2 elements")                                   \
    X(i_jump_back, "jump to an earlier address: a loop's back edge counts a reduction") \
    /* fused pairs: the handler of the first runs both; the second stays in  \
       place, whole, for jumps that land on it */                              \
    X(i_deallocate_return, "deallocate N; return")                                \
    X(i_is_nonempty_list_x, "is_nonempty_list of x")                              \
    X(i_is_tuple_arity_x, "is_tuple L x; test_arity L x N")                      \
    X(i_get_tuple_element2_xx, "two get_tuple_element of one x into x")          \
    X(i_move2_xyxy, "move x -> y; move x -> y")                                   \
    X(i_move2_yxyx, "move y -> x; move y -> x")                                   \
    X(i_test_heap_put_tuple, "test_heap; put_tuple")                              \
    X(i_test_heap_put_tuple2, "test_heap; put_tuple of 2 elements")               \
    X(i_test_heap_put_list, "test_heap; put_list")                                \
    X(i_move_return, "move src -> x0; return")                                    \
    X(i_move_call, "move src -> x0; call")                                        \
    /* fused triples: the handler of the first runs all three */               \
    X(i_move_deallocate_return, "move src -> x0; deallocate N; return")          \
    X(i_is_eq_exact_xc_move_return, "is_eq_exact x, immediate; move src -> x0; return") \
    X(i_is_tagged_tuple_get_xx, "is_tagged_tuple of x; get_tuple_element x into x") \
    X(i_is_nonempty_list_get_list_x, "is_nonempty_list of x; get_list")         \
    X(i_allocate_1_move_xy, "allocate 1; move x -> y")                            \
    X(i_allocate_2_move_xy, "allocate 2; move x -> y")                            \
    X(i_allocate_3_move_xy, "allocate 3; move x -> y")

/* Internal opcodes: those of opcodes.def (same names, other numbers), then
   the extra ones. */
enum interp_op {
#define OP(name, num, ops, doc) IOP_##name,
#include "opcodes.def"
#undef OP
#define X(name, doc) IOP_##name,
    INTERP_EXTRA_OPS(X)
#undef X
    IOP__COUNT
};

/* The handler word of each internal opcode. */
const code_word *interp_handlers(void);

/* Tiny code blocks owned by the interpreter. */
const code_word *interp_exit_stub(void);      /* CP of a process's first call */
const code_word *interp_apply3_code(void);    /* .code of erlang:apply/3 */
const code_word *interp_apply2_code(void);    /* .code of erlang:apply/2 */

enum interp_result {
    INTERP_DONE, /* the first function returned; its value is in p->x[0] */
    INTERP_EXIT, /* died of an uncaught exception: p->exc_class/reason/trace */
    INTERP_HALT, /* erlang:halt/0,1,2 was called: status in p->vm */
    INTERP_WAIT, /* waiting in a receive: resume when something arrives */
    INTERP_YIELD,/* the time slice is over: resume when scheduled (PF_XSAVED) */
};

enum interp_result interp_run(struct proc *p);

/* Set p up to call ep (its code must be loaded) with arguments already in
   p->x[0..arity-1]; interp_run then runs it. */
void interp_prepare_call(struct proc *p, const code_word *entry);

/* Where a stack trace starts (vm/error.c builds it). */
struct trace_start {
    const code_word *pc;       /* the raising instruction, or NULL */
    const code_word *cp;       /* a return address not yet on the stack, or NULL */
    term module, function;     /* the raiser's own frame (a BIF, an undefined
                                  function), or TERM_NONE */
    uint32_t first_arg, nargs; /* arguments of that frame (or, with no module,
                                  of the current function: function_clause),
                                  in x[first_arg ..] */
    bool error_info;           /* add erl's error_info to the raiser's frame */
};
/* Build the trace on p's heap (may GC; p->stop must be current). */
term error_build_trace(struct proc *p, const struct trace_start *ts);

#endif
