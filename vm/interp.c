/*
 * interp.c — the interpreter loop: runs threaded code (vm/loader.c).
 *
 * Registers live in C locals while running: I (the current instruction),
 * E (the stack pointer, p->stop), cp (a return address not yet saved on
 * the stack, or NULL), x (the x register file), reds. SAVE_STATE() writes
 * them back to the process before anything that may GC, raise or look at
 * the process (BIF calls, heap checks); LOAD_STATE() re-reads E after.
 *
 * Invariants the loop keeps:
 *   - cp != NULL exactly when it holds a return address that is not on
 *     the stack (a function without a frame, or before its allocate);
 *     `return` and `allocate` clear it, `deallocate` restores it.
 *   - Every stack word is a term, a CP (primary tag 00, nonzero) or a
 *     catch marker; the GC and the unwinder rely on it.
 *   - Heap words are taken from p->htop only after a check (test_heap,
 *     allocate or a GC_POINT) reserved them.
 *
 * Exceptions: whoever raises records class/reason in p (vm/error.h), fills
 * `ts` (where the stack trace starts) and jumps to handle_error, which
 * builds the trace and unwinds to the nearest catch marker on the stack,
 * or ends the process.
 */
#include "interp.h"
#include "alloc.h"

/* Keep one indirect jump per instruction (better prediction) and stop GCC
   from merging them into one shared dispatch block. */
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC optimize("no-gcse", "no-crossjumping", "no-tree-slp-vectorize")
#endif

#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "atom.h"
#include "bif.h"
#include "bits.h"
#include "compare.h"
#include "error.h"
#include "heap.h"
#include "io.h"
#include "mailbox.h"
#include "map.h"
#include "scheduler.h"
#include "vm.h"

#define CONTEXT_REDS PROC_SLICE_REDS

static code_word handler_table[IOP__COUNT];
static code_word exit_stub[2], apply3_stub[2], apply2_stub[2];
static term op_atom[IOP__COUNT];
static _Atomic bool handlers_ready;

const code_word *interp_handlers(void) {
    if (!atomic_load(&handlers_ready)) interp_run(NULL);
    return handler_table;
}
const code_word *interp_exit_stub(void) { return interp_handlers(), exit_stub; }
const code_word *interp_apply3_code(void) { return interp_handlers(), apply3_stub; }
const code_word *interp_apply2_code(void) { return interp_handlers(), apply2_stub; }

void interp_prepare_call(struct proc *p, const code_word *entry) {
    p->pc = entry;
    p->cp = interp_exit_stub();
    if (p->reds <= 0) p->reds = CONTEXT_REDS;
}

static void init_op_atoms(void) {
    op_atom[IOP_add] = AM(plus_sign);
    op_atom[IOP_sub] = AM(minus_sign);
    op_atom[IOP_mul] = AM(times);
    op_atom[IOP_fdiv] = AM(slash);
    op_atom[IOP_idiv] = AM(div);
    op_atom[IOP_irem] = AM(rem);
    op_atom[IOP_band] = AM(band);
    op_atom[IOP_bor] = AM(bor);
    op_atom[IOP_bxor] = AM(bxor);
    op_atom[IOP_bsl] = AM(bsl);
    op_atom[IOP_bsr] = AM(bsr);
    op_atom[IOP_neg] = AM(minus_sign);
    op_atom[IOP_bnot] = AM(bnot);
}

/* Length of a proper list, or -1. */
static int64_t proper_length(term l) {
    int64_t n = 0;
    while (term_is_list(l)) {
        n++;
        l = CDR(l);
    }
    return l == TERM_NIL ? n : -1;
}

/* ---- operand access ----------------------------------------------------------- */

#define Arg(n) (I[(n) + 1])
/* A register word is a byte offset: x(n) = 8n, y(n) = 8n + 4, and y(n)
   is E[n + 1] (above the CP at E[0]), at E + 8n + 8 bytes. XW and YW
   take words known to be x or y; a register operand of either kind picks
   its base with a conditional move: one load or store, no branch. */
#define XW(w) (*(term *)((char *)x + (w)))
#define YW(w) (*(term *)((char *)E + (w) + 4))
#define REG_ADDR(w) ((term *)((((w) & 4) ? (char *)E + 4 : (char *)x) + (w)))
#define SRC(w) (__builtin_expect(((w) & 3) != 0, 0) ? (term)(w) : *REG_ADDR(w))
#define STORE(w, v)                              \
    do {                                         \
        code_word w_ = (w);                      \
        term v_ = (v);                           \
        *REG_ADDR(w_) = v_;                      \
    } while (0)
#define YREG(n) E[(n) + 1]

#ifdef MOAT_NO_COMPUTED_GOTO
#define OPCASE(name) case IOP_##name:
#define DISPATCH() goto dispatch
#else
#define OPCASE(name) L_##name:
#define DISPATCH() goto *(void *)I[0]
#endif
#define NEXT(n)          \
    do {                 \
        I += (n) + 1;    \
        DISPATCH();      \
    } while (0)
#define JUMP(addr)                           \
    do {                                     \
        I = (const code_word *)(addr);       \
        DISPATCH();                          \
    } while (0)

/* Safe points. */
#define SAVE_STATE() (p->stop = E, p->pc = I, p->cp = cp, p->reds = reds)
#define LOAD_STATE() (E = p->stop)
#ifdef MOAT_GC_STRESS
#define NEED_HEAP(n) (heap_stress_now() || (size_t)(E - p->htop) < (size_t)(n))
#else
#define NEED_HEAP(n) ((size_t)(E - p->htop) < (size_t)(n))
#endif
/* May GC: x0..live-1 and the stack are the roots. */
#define GC_POINT(need, live_)                                    \
    do {                                                         \
        SAVE_STATE();                                            \
        p->live = (uint32_t)(live_);                             \
        if (!heap_ensure_free(p, (need))) goto out_of_memory;    \
        LOAD_STATE();                                            \
    } while (0)
/* Count a call; at the end of the slice, yield before entering `target`
   with x0..nlive-1 live. */
#define REDS(target, nlive)                          \
    do {                                             \
        if (--reds <= 0) {                           \
            y_live = (uint32_t)(nlive); /* before I moves */ \
            I = (const code_word *)(target);         \
            goto yield;                              \
        }                                            \
    } while (0)

/* The message at the save pointer (or NULL); an exit signal found on the
   way ends the process. p->stop is made current: a small message is
   copied into the heap as it is taken from the inbox. */
#define PEEK_MESSAGE(m)                    \
    do {                                   \
        p->stop = E;                       \
        (m) = proc_peek(p);                \
        if ((m) == PROC_DEAD) goto killed; \
    } while (0)

/* Raise what p already records; the trace starts at this instruction. */
#define RAISE()                                                              \
    do {                                                                     \
        ts = (struct trace_start){.pc = I, .cp = cp, .module = TERM_NONE}; \
        goto handle_error;                                                   \
    } while (0)
#define RAISE_ERROR(reason)            \
    do {                               \
        raise_error(p, (reason));      \
        p->exc_args = EXC_ARGS_NO_FRAME; \
        RAISE();                       \
    } while (0)
/* error {tag, v}: v goes through x0 so that a GC keeps it */
#define RAISE_ERROR2(tag, v)                  \
    do {                                      \
        x[0] = (v);                           \
        p->live = 1;                          \
        SAVE_STATE();                         \
        raise_error2(p, (tag), &x[0]);        \
        LOAD_STATE();                         \
        p->exc_args = EXC_ARGS_NO_FRAME;      \
        RAISE();                              \
    } while (0)
/* A BIF failed: its own frame first, unless it said otherwise. */
#define RAISE_BIF(mod, name, first, n)                                                       \
    do {                                                                                     \
        if (p->exc_args == EXC_ARGS_BIF)                                                     \
            ts = (struct trace_start){I, cp, (mod), (name), (uint32_t)(first), (uint32_t)(n), true}; \
        else                                                                                 \
            ts = (struct trace_start){.pc = I, .cp = cp, .module = TERM_NONE};              \
        goto handle_error;                                                                   \
    } while (0)

/* Arithmetic slow path: operands to x[live], x[live+1], call the BIF. */
#define ARITH_SLOW(fn, a, b, nops)                                          \
    do {                                                                    \
        uint32_t live_ = (uint32_t)Arg(1);                                  \
        x[live_] = (a);                                                     \
        x[live_ + 1] = (b);                                                 \
        p->live = live_ + 2;                                                \
        SAVE_STATE();                                                       \
        term r_ = fn(p, &x[live_]);                                         \
        LOAD_STATE();                                                       \
        if (r_ == TERM_NONE) {                                              \
            if (Arg(0)) JUMP(Arg(0));                                       \
            /* as BEAM: with a literal integer operand, no operator frame \
               (but erl interprets what is typed at the shell) */           \
            if ((term_is_small((term)Arg(2)) || term_is_small((term)Arg(3))) && \
                !module_code_typed(I))                                      \
                p->exc_args = EXC_ARGS_NO_FRAME;                            \
            RAISE_BIF(AM(erlang), op_atom[opnum], live_, 2);                \
        }                                                                   \
        STORE(Arg(4), r_);                                                  \
        NEXT(nops);                                                         \
    } while (0)
#define ARITH1_SLOW(fn, a)                                                  \
    do {                                                                    \
        uint32_t live_ = (uint32_t)Arg(1);                                  \
        x[live_] = (a);                                                     \
        p->live = live_ + 1;                                                \
        SAVE_STATE();                                                       \
        term r_ = fn(p, &x[live_]);                                         \
        LOAD_STATE();                                                       \
        if (r_ == TERM_NONE) {                                              \
            if (Arg(0)) JUMP(Arg(0));                                       \
            RAISE_BIF(AM(erlang), op_atom[opnum], live_, 1);                \
        }                                                                   \
        STORE(Arg(3), r_);                                                  \
        NEXT(4);                                                            \
    } while (0)
#define BOTH_SMALL(a, b) (((a) & (b) & TAG_IMMED1_MASK) == TAG_SMALL)

/* Float arithmetic in line: a float and a float or small integer (the
   BIF converts bignums and raises badarith), a finite result, room on
   the heap; anything else goes on to the BIF. */
static inline bool float_operand(term t, double *d) {
    if (term_is_small(t)) {
        *d = (double)term_to_small(t);
        return true;
    }
    if (!term_is_float(t)) return false;
    *d = float_value(t);
    return true;
}
#define FLOAT_ARITH(a, b, op)                                                           \
    do {                                                                                \
        double fa_, fb_;                                                                \
        if ((term_is_float(a) || term_is_float(b)) && float_operand(a, &fa_) &&          \
            float_operand(b, &fb_) && !NEED_HEAP(FLOAT_WORDS)) {                        \
            double fr_ = fa_ op fb_;                                                    \
            if (isfinite(fr_)) {                                                        \
                term *hp_ = p->htop;                                                    \
                p->htop = hp_ + FLOAT_WORDS;                                            \
                STORE(Arg(4), float_store(hp_, fr_));                                   \
                NEXT(5);                                                                \
            }                                                                           \
        }                                                                               \
    } while (0)
/* Two floats compare as doubles (no NaN exists; -0.0 == 0.0 as in OTP 25). */
#define BOTH_FLOAT(a, b) (term_is_float(a) && term_is_float(b))
#define TEST(cond)                      \
    do {                                \
        if (!(cond)) JUMP(Arg(0));      \
    } while (0)

enum interp_result interp_run(struct proc *p) {
#ifndef MOAT_NO_COMPUTED_GOTO
    static const void *const labels[IOP__COUNT] = {
#define OP(name, num, ops, doc) [IOP_##name] = &&L_##name,
#include "opcodes.def"
#undef OP
#define X(name, doc) [IOP_##name] = &&L_##name,
        INTERP_EXTRA_OPS(X)
#undef X
    };
#endif
    if (!p) {
        for (int i = 0; i < IOP__COUNT; i++) {
#ifdef MOAT_NO_COMPUTED_GOTO
            handler_table[i] = (code_word)i;
#else
            handler_table[i] = (code_word)labels[i];
#endif
        }
        exit_stub[0] = handler_table[IOP_i_normal_exit];
        apply3_stub[0] = handler_table[IOP_i_apply];
        apply2_stub[0] = handler_table[IOP_i_apply_fun];
        init_op_atoms();
        atomic_store(&handlers_ready, true);
        return INTERP_DONE;
    }

    term *x = p->x;
    if (p->flags & PF_XSAVED) { /* registers saved at a yield (or by spawn) */
        term *s = p->stop;
        uint32_t n = (uint32_t)term_to_small(s[0]);
        for (uint32_t k = 0; k < n; k++) x[k] = s[1 + k];
        p->stop = s + n + 1;
        p->flags &= ~PF_XSAVED;
    }
    term *E = p->stop;
    const code_word *I = p->pc;
    const code_word *cp = p->cp;
    int32_t reds = p->reds > 0 ? p->reds : CONTEXT_REDS;
    struct trace_start ts;
    /* the shared call path (call_ext, apply, export funs) */
    struct export_entry *c_ep;
    uint32_t c_arity;
    int c_mode; /* 0: call, continue at c_next; 1: deallocate c_dealloc, tail call; 2: tail call */
    uint64_t c_dealloc = 0;
    const code_word *c_next = NULL;
    uint32_t y_live = 0; /* x registers live at a yield */
    enum interp_op opnum;
    (void)opnum;

    DISPATCH();
#ifdef MOAT_NO_COMPUTED_GOTO
dispatch:
    switch ((enum interp_op)I[0]) {
#endif

    /* ---- pseudo instructions (never emitted) ---- */
    OPCASE(label) NEXT(1);
    OPCASE(line) NEXT(1);

    /* ---- functions, frames, moves ---- */
    OPCASE(func_info) {
        const struct mod_func *mf = (const struct mod_func *)Arg(0);
        raise_error(p, AM(function_clause));
        p->exc_args = EXC_ARGS_NO_FRAME;
        ts = (struct trace_start){I, cp, TERM_NONE, TERM_NONE, 0, mf->arity, false};
        goto handle_error;
    }
    OPCASE(move) {
        STORE(Arg(1), SRC(Arg(0)));
        NEXT(2);
    }
    OPCASE(i_move_xx) {
        XW(Arg(1)) = XW(Arg(0));
        NEXT(2);
    }
    OPCASE(i_move_xy) {
        YW(Arg(1)) = XW(Arg(0));
        NEXT(2);
    }
    OPCASE(i_move_yx) {
        XW(Arg(1)) = YW(Arg(0));
        NEXT(2);
    }
    OPCASE(i_move_cx) {
        XW(Arg(1)) = (term)Arg(0);
        NEXT(2);
    }
    OPCASE(i_move2_xyxy) { /* move, move: the second's words follow at I[3] */
        YW(Arg(1)) = XW(Arg(0));
        YW(Arg(4)) = XW(Arg(3));
        NEXT(5);
    }
    OPCASE(i_move2_yxyx) {
        XW(Arg(1)) = YW(Arg(0));
        XW(Arg(4)) = YW(Arg(3));
        NEXT(5);
    }
    OPCASE(swap) {
        term a = SRC(Arg(0)), b = SRC(Arg(1));
        STORE(Arg(0), b);
        STORE(Arg(1), a);
        NEXT(2);
    }
    OPCASE(allocate) {
        uint64_t n = Arg(0);
        if (NEED_HEAP(n + 1)) GC_POINT(n + 1, Arg(1));
        E -= n + 1;
        E[0] = (term)(uintptr_t)cp;
        for (uint64_t i = 1; i <= n; i++) E[i] = TERM_NIL;
        cp = NULL;
        NEXT(2);
    }
    /* allocate with the frame size known: no loop to clear the slots;
       `then` runs after (the fused forms' move) */
#define ALLOCATE_FIXED_THEN(n, then, words, ...)            \
    do {                                                    \
        if (NEED_HEAP((n) + 1)) GC_POINT((n) + 1, Arg(1));  \
        E -= (n) + 1;                                       \
        E[0] = (term)(uintptr_t)cp;                         \
        __VA_ARGS__ = TERM_NIL;                             \
        cp = NULL;                                          \
        then;                                               \
        NEXT(words);                                        \
    } while (0)
#define ALLOCATE_FIXED(n, ...) ALLOCATE_FIXED_THEN(n, (void)0, 2, __VA_ARGS__)
    OPCASE(i_allocate_1) { ALLOCATE_FIXED(1, E[1]); }
    OPCASE(i_allocate_2) { ALLOCATE_FIXED(2, E[1] = E[2]); }
    OPCASE(i_allocate_3) { ALLOCATE_FIXED(3, E[1] = E[2] = E[3]); }
    /* the same fused with the move x -> y after it (an argument saved in
       the new frame; the move's words at I[3..5]) */
#define ALLOCATE_FIXED_MOVE_XY(n, ...) ALLOCATE_FIXED_THEN(n, YW(Arg(4)) = XW(Arg(3)), 5, __VA_ARGS__)
    OPCASE(i_allocate_1_move_xy) { ALLOCATE_FIXED_MOVE_XY(1, E[1]); }
    OPCASE(i_allocate_2_move_xy) { ALLOCATE_FIXED_MOVE_XY(2, E[1] = E[2]); }
    OPCASE(i_allocate_3_move_xy) { ALLOCATE_FIXED_MOVE_XY(3, E[1] = E[2] = E[3]); }
    OPCASE(deallocate) {
        cp = (const code_word *)(uintptr_t)E[0];
        E += Arg(0) + 1;
        NEXT(1);
    }
    OPCASE(i_deallocate_return) { /* deallocate N; return */
        const code_word *r = (const code_word *)(uintptr_t)E[0];
        E += Arg(0) + 1;
        JUMP(r);
    }
    OPCASE(return) {
        const code_word *r = cp;
        cp = NULL;
        JUMP(r);
    }
    /* move src -> x0 fused with what follows (the move's words are I[1..2]) */
    OPCASE(i_move_return) {
        x[0] = SRC(Arg(0));
        const code_word *r = cp;
        cp = NULL;
        JUMP(r);
    }
    OPCASE(i_is_eq_exact_xc_move_return) { /* a clause returning a value: the move's words at I[5..6] */
        TEST(XW(Arg(1)) == (term)Arg(2));
        x[0] = SRC(Arg(4));
        const code_word *r = cp;
        cp = NULL;
        JUMP(r);
    }
    OPCASE(i_move_deallocate_return) { /* deallocate's N at I[4] */
        x[0] = SRC(Arg(0));
        const code_word *r = (const code_word *)(uintptr_t)E[0];
        E += Arg(3) + 1;
        JUMP(r);
    }
    OPCASE(i_move_call) { /* call's live and label at I[4..5] */
        x[0] = SRC(Arg(0));
        cp = I + 6;
        REDS(Arg(4), Arg(3));
        JUMP(Arg(4));
    }
    OPCASE(test_heap) {
        if (NEED_HEAP(Arg(0))) GC_POINT(Arg(0), Arg(1));
        NEXT(2);
    }
    OPCASE(init_yregs) {
        uint64_t n = Arg(0);
        for (uint64_t k = 0; k < n; k++) YW(Arg(1 + k)) = TERM_NIL;
        NEXT(1 + n);
    }

    /* ---- calls ---- */
    OPCASE(call) {
        cp = I + 3;
        REDS(Arg(1), Arg(0));
        JUMP(Arg(1));
    }
    OPCASE(call_last) {
        cp = (const code_word *)(uintptr_t)E[0];
        E += Arg(2) + 1;
        REDS(Arg(1), Arg(0));
        JUMP(Arg(1));
    }
    OPCASE(call_only) {
        REDS(Arg(1), Arg(0));
        JUMP(Arg(1));
    }
    OPCASE(call_ext) {
        c_ep = (struct export_entry *)Arg(1);
        const code_word *code = atomic_load_explicit(&c_ep->code, memory_order_acquire);
        if (code) {
            cp = I + 3;
            REDS(code, Arg(0));
            JUMP(code);
        }
        c_arity = (uint32_t)Arg(0);
        c_mode = 0;
        c_next = I + 3;
        goto call_export;
    }
    OPCASE(call_ext_last) {
        c_ep = (struct export_entry *)Arg(1);
        const code_word *code = atomic_load_explicit(&c_ep->code, memory_order_acquire);
        if (code) {
            cp = (const code_word *)(uintptr_t)E[0];
            E += Arg(2) + 1;
            REDS(code, Arg(0));
            JUMP(code);
        }
        c_arity = (uint32_t)Arg(0);
        c_mode = 1;
        c_dealloc = Arg(2);
        goto call_export;
    }
    OPCASE(call_ext_only) {
        c_ep = (struct export_entry *)Arg(1);
        const code_word *code = atomic_load_explicit(&c_ep->code, memory_order_acquire);
        if (code) {
            REDS(code, Arg(0));
            JUMP(code);
        }
        c_arity = (uint32_t)Arg(0);
        c_mode = 2;
        goto call_export;
    }
    OPCASE(call_fun) {
        c_arity = (uint32_t)Arg(0);
        c_mode = 0;
        c_next = I + 2;
        goto call_fun;
    }
    OPCASE(call_fun_last) {
        c_arity = (uint32_t)Arg(0);
        c_mode = 1;
        c_dealloc = Arg(1);
        goto call_fun;
    }
    OPCASE(apply) {
        c_arity = (uint32_t)Arg(0);
        c_mode = 0;
        c_next = I + 2;
        goto apply_mf;
    }
    OPCASE(apply_last) {
        c_arity = (uint32_t)Arg(0);
        c_mode = 1;
        c_dealloc = Arg(1);
        goto apply_mf;
    }
    OPCASE(i_apply) {
        /* erlang:apply(M, F, Args) as a function: tail-calls M:F */
        term m = x[0], f = x[1], args = x[2];
        int64_t n = proper_length(args);
        if (n < 0 || !term_is_atom(m) || !term_is_atom(f)) {
            raise_badarg(p);
            RAISE_BIF(AM(erlang), AM(apply), 0, 3);
        }
        if (n >= X_REGS - 2) RAISE_ERROR(AM(system_limit));
        for (int64_t k = 0; k < n; k++, args = CDR(args)) x[k] = CAR(args);
        c_ep = export_get(m, f, (uint32_t)n);
        if (!c_ep) RAISE_ERROR(AM(system_limit));
        c_arity = (uint32_t)n;
        c_mode = 2;
        goto call_export;
    }
    OPCASE(i_apply_fun) {
        /* erlang:apply(Fun, Args) */
        term fun = x[0], args = x[1];
        int64_t n = proper_length(args);
        if (n < 0) {
            raise_badarg(p);
            RAISE_BIF(AM(erlang), AM(apply), 0, 2);
        }
        if (n >= X_REGS - 2) RAISE_ERROR(AM(system_limit));
        for (int64_t k = 0; k < n; k++, args = CDR(args)) x[k] = CAR(args);
        x[n] = fun;
        c_arity = (uint32_t)n;
        c_mode = 2;
        goto call_fun;
    }
    OPCASE(i_bif_again) {
        /* a BIF that asked to be called again (TERM_RETRY), arguments in x */
        c_ep = (struct export_entry *)Arg(0);
        c_arity = c_ep->arity;
        c_mode = 2;
        goto call_export;
    }
    OPCASE(i_normal_exit) {
        SAVE_STATE();
        p->reds = reds;
        return INTERP_DONE;
    }

    /* ---- BIFs ---- */
    OPCASE(bif0) {
        struct export_entry *ep = (struct export_entry *)Arg(0);
        uint32_t live = (uint32_t)Arg(1);
        p->live = live;
        SAVE_STATE();
        term r = ep->bif(p, &x[live]);
        LOAD_STATE();
        if (r == TERM_NONE) RAISE_BIF(ep->module, ep->function, live, 0);
        STORE(Arg(2), r);
        NEXT(3);
    }
    OPCASE(bif1) {
        struct export_entry *ep = (struct export_entry *)Arg(1);
        uint32_t live = (uint32_t)Arg(2);
        x[live] = SRC(Arg(3));
        p->live = live + 1;
        SAVE_STATE();
        term r = ep->bif(p, &x[live]);
        LOAD_STATE();
        if (r == TERM_NONE) {
            if (Arg(0)) JUMP(Arg(0));
            RAISE_BIF(ep->module, ep->function, live, 1);
        }
        STORE(Arg(4), r);
        NEXT(5);
    }
    OPCASE(bif2) {
        struct export_entry *ep = (struct export_entry *)Arg(1);
        uint32_t live = (uint32_t)Arg(2);
        x[live] = SRC(Arg(3));
        x[live + 1] = SRC(Arg(4));
        p->live = live + 2;
        SAVE_STATE();
        term r = ep->bif(p, &x[live]);
        LOAD_STATE();
        if (r == TERM_NONE) {
            if (Arg(0)) JUMP(Arg(0));
            RAISE_BIF(ep->module, ep->function, live, 2);
        }
        STORE(Arg(5), r);
        NEXT(6);
    }
    OPCASE(bif3) {
        struct export_entry *ep = (struct export_entry *)Arg(1);
        uint32_t live = (uint32_t)Arg(2);
        x[live] = SRC(Arg(3));
        x[live + 1] = SRC(Arg(4));
        x[live + 2] = SRC(Arg(5));
        p->live = live + 3;
        SAVE_STATE();
        term r = ep->bif(p, &x[live]);
        LOAD_STATE();
        if (r == TERM_NONE) {
            if (Arg(0)) JUMP(Arg(0));
            RAISE_BIF(ep->module, ep->function, live, 3);
        }
        STORE(Arg(6), r);
        NEXT(7);
    }

    /* ---- arithmetic ---- */
    OPCASE(i_add_xix) {
        term a = XW(Arg(2));
        sterm r;
        if (term_is_small(a) && !__builtin_add_overflow((sterm)a, (sterm)(Arg(3) - TAG_SMALL), &r)) {
            XW(Arg(4)) = (term)r;
            NEXT(5);
        }
        goto add_generic;
    }
    OPCASE(i_add_xxx) {
        term a = XW(Arg(2)), b = XW(Arg(3));
        sterm r;
        if (BOTH_SMALL(a, b) && !__builtin_add_overflow((sterm)a, (sterm)(b - TAG_SMALL), &r)) {
            XW(Arg(4)) = (term)r;
            NEXT(5);
        }
        goto add_generic;
    }
    OPCASE(i_add_yxx) {
        term a = YW(Arg(2)), b = XW(Arg(3));
        sterm r;
        if (BOTH_SMALL(a, b) && !__builtin_add_overflow((sterm)a, (sterm)(b - TAG_SMALL), &r)) {
            XW(Arg(4)) = (term)r;
            NEXT(5);
        }
        goto add_generic;
    }
    OPCASE(i_sub_yix) {
        term a = YW(Arg(2));
        sterm r;
        if (term_is_small(a) && !__builtin_sub_overflow((sterm)a, (sterm)(Arg(3) - TAG_SMALL), &r)) {
            XW(Arg(4)) = (term)r;
            NEXT(5);
        }
        goto sub_generic;
    }
    OPCASE(i_sub_xix) {
        term a = XW(Arg(2));
        sterm r;
        if (term_is_small(a) && !__builtin_sub_overflow((sterm)a, (sterm)(Arg(3) - TAG_SMALL), &r)) {
            XW(Arg(4)) = (term)r;
            NEXT(5);
        }
        goto sub_generic;
    }
    OPCASE(add)
    add_generic: {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        sterm r;
        if (BOTH_SMALL(a, b) && !__builtin_add_overflow((sterm)a, (sterm)(b - TAG_SMALL), &r)) {
            STORE(Arg(4), (term)r);
            NEXT(5);
        }
        FLOAT_ARITH(a, b, +);
        opnum = IOP_add;
        ARITH_SLOW(bif_erlang_add_2, a, b, 5);
    }
    OPCASE(sub)
    sub_generic: {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        sterm r;
        if (BOTH_SMALL(a, b) && !__builtin_sub_overflow((sterm)a, (sterm)(b - TAG_SMALL), &r)) {
            STORE(Arg(4), (term)r);
            NEXT(5);
        }
        FLOAT_ARITH(a, b, -);
        opnum = IOP_sub;
        ARITH_SLOW(bif_erlang_sub_2, a, b, 5);
    }
    OPCASE(mul) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        int64_t r;
        if (BOTH_SMALL(a, b) && !__builtin_mul_overflow(term_to_small(a), term_to_small(b), &r) && small_fits(r)) {
            STORE(Arg(4), term_from_small(r));
            NEXT(5);
        }
        FLOAT_ARITH(a, b, *);
        opnum = IOP_mul;
        ARITH_SLOW(bif_erlang_mul_2, a, b, 5);
    }
    OPCASE(fdiv) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        FLOAT_ARITH(a, b, /); /* x / 0 is not finite: the BIF raises */
        opnum = IOP_fdiv;
        ARITH_SLOW(bif_erlang_fdiv_2, a, b, 5);
    }
    OPCASE(idiv) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b) && b != term_from_small(0)) {
            int64_t r = term_to_small(a) / term_to_small(b);
            if (small_fits(r)) {
                STORE(Arg(4), term_from_small(r));
                NEXT(5);
            }
        }
        opnum = IOP_idiv;
        ARITH_SLOW(bif_erlang_div_2, a, b, 5);
    }
    OPCASE(irem) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b) && b != term_from_small(0)) {
            STORE(Arg(4), term_from_small(term_to_small(a) % term_to_small(b)));
            NEXT(5);
        }
        opnum = IOP_irem;
        ARITH_SLOW(bif_erlang_rem_2, a, b, 5);
    }
    OPCASE(band) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b)) {
            STORE(Arg(4), a & b);
            NEXT(5);
        }
        opnum = IOP_band;
        ARITH_SLOW(bif_erlang_band_2, a, b, 5);
    }
    OPCASE(bor) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b)) {
            STORE(Arg(4), a | b);
            NEXT(5);
        }
        opnum = IOP_bor;
        ARITH_SLOW(bif_erlang_bor_2, a, b, 5);
    }
    OPCASE(bxor) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b)) {
            STORE(Arg(4), (a ^ b) | TAG_SMALL);
            NEXT(5);
        }
        opnum = IOP_bxor;
        ARITH_SLOW(bif_erlang_bxor_2, a, b, 5);
    }
    OPCASE(bsl) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b)) {
            int64_t av = term_to_small(a), bv = term_to_small(b);
            if (bv >= 0 && bv < 60) {
                int64_t r = (int64_t)((uint64_t)av << bv);
                if ((r >> bv) == av && small_fits(r)) {
                    STORE(Arg(4), term_from_small(r));
                    NEXT(5);
                }
            } else if (bv < 0 && bv > -64) {
                STORE(Arg(4), term_from_small(av >> -bv));
                NEXT(5);
            }
        }
        opnum = IOP_bsl;
        ARITH_SLOW(bif_erlang_bsl_2, a, b, 5);
    }
    OPCASE(bsr) {
        term a = SRC(Arg(2)), b = SRC(Arg(3));
        if (BOTH_SMALL(a, b)) {
            int64_t av = term_to_small(a), bv = term_to_small(b);
            if (bv >= 0) {
                STORE(Arg(4), term_from_small(av >> (bv > 63 ? 63 : bv)));
                NEXT(5);
            }
        }
        opnum = IOP_bsr;
        ARITH_SLOW(bif_erlang_bsr_2, a, b, 5);
    }
    OPCASE(neg) {
        term a = SRC(Arg(2));
        if (term_is_small(a) && term_to_small(a) != SMALL_MIN) {
            STORE(Arg(3), term_from_small(-term_to_small(a)));
            NEXT(4);
        }
        opnum = IOP_neg;
        ARITH1_SLOW(bif_erlang_neg_1, a);
    }
    OPCASE(bnot) {
        term a = SRC(Arg(2));
        if (term_is_small(a)) {
            STORE(Arg(3), ~a | TAG_SMALL);
            NEXT(4);
        }
        opnum = IOP_bnot;
        ARITH1_SLOW(bif_erlang_bnot_1, a);
    }

    /* ---- control ---- */
    OPCASE(jump) JUMP(Arg(0));
    OPCASE(select_val) {
        term v = SRC(Arg(0));
        uint64_t n = Arg(2) / 2;
        const code_word *pr = I + 4;
        if (term_is_immed(v)) {
            for (uint64_t k = 0; k < n; k++)
                if (pr[2 * k] == v) JUMP(pr[2 * k + 1]);
        } else {
            for (uint64_t k = 0; k < n; k++)
                if (!term_is_immed(pr[2 * k]) && term_eq_exact(pr[2 * k], v)) JUMP(pr[2 * k + 1]);
        }
        JUMP(Arg(1));
    }
    OPCASE(i_jump_back) {
        /* a loop without a call (list comprehensions): the slice may end
           here; the verifier made sure no x register is live */
        REDS(Arg(0), 0);
        JUMP(Arg(0));
    }
    OPCASE(i_select_val_bin) {
        term v = SRC(Arg(0));
        uint64_t lo = 0, hi = Arg(2) / 2;
        const code_word *pr = I + 4;
        while (lo < hi) {
            uint64_t mid = (lo + hi) / 2;
            if (pr[2 * mid] == v) JUMP(pr[2 * mid + 1]);
            if (pr[2 * mid] < v) lo = mid + 1;
            else hi = mid;
        }
        JUMP(Arg(1));
    }
    OPCASE(select_tuple_arity) {
        term v = SRC(Arg(0));
        if (term_is_tuple(v)) {
            uint64_t n = Arg(2) / 2, a = tuple_arity(v);
            const code_word *pr = I + 4;
            for (uint64_t k = 0; k < n; k++)
                if (pr[2 * k] == a) JUMP(pr[2 * k + 1]);
        }
        JUMP(Arg(1));
    }

    /* ---- type tests ---- */
    OPCASE(is_integer) { TEST(term_is_integer(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_float) { TEST(term_is_float(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_number) { TEST(term_is_number(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_atom) { TEST(term_is_atom(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_pid) { TEST(term_is_pid(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_reference) { TEST(term_is_ref(SRC(Arg(1))) || term_is_boxed_sub(SRC(Arg(1)), SUB_EXT_REF)); NEXT(2); }
    OPCASE(is_port) { TEST(term_is_port(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_nil) { TEST(SRC(Arg(1)) == TERM_NIL); NEXT(2); }
    OPCASE(is_nonempty_list) { TEST(term_is_list(SRC(Arg(1)))); NEXT(2); }
    OPCASE(i_is_nonempty_list_x) { TEST(term_is_list(XW(Arg(1)))); NEXT(2); }
    OPCASE(i_is_nonempty_list_get_list_x) { /* the get_list's words at I[4..6] */
        TEST(term_is_list(XW(Arg(1))));
        term l = SRC(Arg(3));
        term h = CAR(l), t = CDR(l);
        STORE(Arg(4), h);
        STORE(Arg(5), t);
        NEXT(6);
    }
    OPCASE(is_list) {
        term v = SRC(Arg(1));
        TEST(term_is_list(v) || v == TERM_NIL);
        NEXT(2);
    }
    OPCASE(is_tuple) { TEST(term_is_tuple(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_binary) {
        term v = SRC(Arg(1));
        struct bin_view bv;
        TEST(term_is_bitstring(v) && bin_view(v, &bv) && bv.bit_size % 8 == 0);
        NEXT(2);
    }
    OPCASE(is_bitstring) { TEST(term_is_bitstring(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_function) { TEST(term_is_fun(SRC(Arg(1)))); NEXT(2); }
    OPCASE(is_function2) {
        term f = SRC(Arg(1)), a = SRC(Arg(2));
        TEST(term_is_fun(f) && term_is_small(a));
        uint64_t arity = boxed_sub(f) == SUB_FUN ? fun_entry_of(f)->arity : export_of(f)->arity;
        TEST((int64_t)arity == term_to_small(a));
        NEXT(3);
    }
    OPCASE(is_boolean) {
        term v = SRC(Arg(1));
        TEST(v == AM_true || v == AM_false);
        NEXT(2);
    }
    OPCASE(is_map) { TEST(term_is_map(SRC(Arg(1)))); NEXT(2); }
    OPCASE(test_arity) {
        term v = SRC(Arg(1));
        TEST(term_is_tuple(v) && tuple_arity(v) == Arg(2));
        NEXT(3);
    }
    OPCASE(i_is_tagged_tuple_x) {
        term v = XW(Arg(1));
        TEST(term_is_tuple(v) && tuple_arity(v) == Arg(2) && tuple_elems(v)[0] == (term)Arg(3));
        NEXT(4);
    }
    OPCASE(i_is_tagged_tuple_get_xx) { /* the get_tuple_element's words at I[5..8] */
        term v = XW(Arg(1));
        TEST(term_is_tuple(v) && tuple_arity(v) == Arg(2) && tuple_elems(v)[0] == (term)Arg(3));
        XW(Arg(7)) = tuple_elems(XW(Arg(5)))[Arg(6)];
        NEXT(8);
    }
    OPCASE(i_is_tuple_arity_x) { /* is_tuple L x; test_arity L x N (at I[2..6]) */
        term v = XW(Arg(1));
        TEST(term_is_tuple(v) && tuple_arity(v) == Arg(5));
        NEXT(6);
    }
    OPCASE(is_tagged_tuple) {
        term v = SRC(Arg(1));
        TEST(term_is_tuple(v) && tuple_arity(v) == Arg(2) && Arg(2) > 0 && tuple_elems(v)[0] == (term)Arg(3));
        NEXT(4);
    }

    /* ---- comparisons ---- */
    OPCASE(is_eq_exact) {
        term a = SRC(Arg(1)), b = SRC(Arg(2));
        if (a != b) TEST(!term_is_immed(a) && !term_is_immed(b) && term_eq_exact(a, b));
        NEXT(3);
    }
    OPCASE(is_ne_exact) {
        term a = SRC(Arg(1)), b = SRC(Arg(2));
        TEST(a != b && (term_is_immed(a) || term_is_immed(b) || !term_eq_exact(a, b)));
        NEXT(3);
    }
    OPCASE(is_eq) {
        term a = SRC(Arg(1)), b = SRC(Arg(2));
        if (a != b) TEST(!(term_is_immed(a) && term_is_immed(b)) && term_eq(a, b));
        NEXT(3);
    }
    OPCASE(is_ne) {
        term a = SRC(Arg(1)), b = SRC(Arg(2));
        TEST(a != b && ((term_is_immed(a) && term_is_immed(b)) || !term_eq(a, b)));
        NEXT(3);
    }
    OPCASE(is_lt) {
        term a = SRC(Arg(1)), b = SRC(Arg(2));
        if (BOTH_SMALL(a, b)) TEST((sterm)a < (sterm)b);
        else if (BOTH_FLOAT(a, b)) TEST(float_value(a) < float_value(b));
        else TEST(term_compare(a, b) < 0);
        NEXT(3);
    }
    OPCASE(i_is_lt_xi) {
        term a = XW(Arg(1)), b = (term)Arg(2);
        if (term_is_small(a)) TEST((sterm)a < (sterm)b);
        else TEST(term_compare(a, b) < 0);
        NEXT(3);
    }
    OPCASE(i_is_ge_xi) {
        term a = XW(Arg(1)), b = (term)Arg(2);
        if (term_is_small(a)) TEST((sterm)a >= (sterm)b);
        else TEST(term_compare(a, b) >= 0);
        NEXT(3);
    }
    OPCASE(i_is_eq_exact_xc) {
        TEST(XW(Arg(1)) == (term)Arg(2));
        NEXT(3);
    }
    OPCASE(i_is_ne_exact_xc) {
        TEST(XW(Arg(1)) != (term)Arg(2));
        NEXT(3);
    }
    OPCASE(is_ge) {
        term a = SRC(Arg(1)), b = SRC(Arg(2));
        if (BOTH_SMALL(a, b)) TEST((sterm)a >= (sterm)b);
        else if (BOTH_FLOAT(a, b)) TEST(float_value(a) >= float_value(b));
        else TEST(term_compare(a, b) >= 0);
        NEXT(3);
    }

    /* ---- lists and tuples ---- */
    OPCASE(get_list) {
        term l = SRC(Arg(0));
        term h = CAR(l), t = CDR(l);
        STORE(Arg(1), h);
        STORE(Arg(2), t);
        NEXT(3);
    }
    OPCASE(get_hd) {
        STORE(Arg(1), CAR(SRC(Arg(0))));
        NEXT(2);
    }
    OPCASE(get_tl) {
        STORE(Arg(1), CDR(SRC(Arg(0))));
        NEXT(2);
    }
    OPCASE(get_tuple_element) {
        STORE(Arg(2), tuple_elems(SRC(Arg(0)))[Arg(1)]);
        NEXT(3);
    }
    OPCASE(i_get_tuple_element_xx) {
        XW(Arg(2)) = tuple_elems(XW(Arg(0)))[Arg(1)];
        NEXT(3);
    }
    OPCASE(i_get_tuple_element2_xx) { /* the second's words at I[4..7] */
        const term *el = tuple_elems(XW(Arg(0)));
        XW(Arg(2)) = el[Arg(1)];
        XW(Arg(6)) = el[Arg(5)];
        NEXT(7);
    }
    /* The constructors' bodies, shared by the plain handlers and the ones
       fused with the test_heap before them (I then points at the
       constructor: test_heap's two operand words are skipped first). */
#define PUT_LIST_BODY()                                  \
    do {                                                 \
        term h_ = SRC(Arg(0)), t_ = SRC(Arg(1));         \
        term *hp_ = p->htop;                             \
        p->htop = hp_ + 2;                               \
        STORE(Arg(2), cons_store(hp_, h_, t_));          \
        NEXT(3);                                         \
    } while (0)
#define PUT_TUPLE_BODY()                                                     \
    do {                                                                     \
        uint64_t n_ = Arg(1);                                                \
        term *hp_ = p->htop;                                                 \
        p->htop = hp_ + 1 + n_;                                              \
        hp_[0] = make_header(SUB_TUPLE, n_);                                 \
        for (uint64_t k_ = 0; k_ < n_; k_++) hp_[1 + k_] = SRC(Arg(2 + k_)); \
        STORE(Arg(0), term_from_boxed_ptr(hp_));                             \
        NEXT(2 + n_);                                                        \
    } while (0)
#define PUT_TUPLE2_BODY()                                \
    do {                                                 \
        term *hp_ = p->htop;                             \
        p->htop = hp_ + 3;                               \
        hp_[0] = make_header(SUB_TUPLE, 2);              \
        hp_[1] = SRC(Arg(2));                            \
        hp_[2] = SRC(Arg(3));                            \
        STORE(Arg(0), term_from_boxed_ptr(hp_));         \
        NEXT(4);                                         \
    } while (0)
#define TEST_HEAP_THEN()                                         \
    do {                                                         \
        if (NEED_HEAP(Arg(0))) GC_POINT(Arg(0), Arg(1));         \
        I += 3;                                                  \
    } while (0)
    OPCASE(put_list) PUT_LIST_BODY();
    OPCASE(put_tuple) PUT_TUPLE_BODY();
    OPCASE(i_put_tuple2) PUT_TUPLE2_BODY();
    OPCASE(i_test_heap_put_list) {
        TEST_HEAP_THEN();
        PUT_LIST_BODY();
    }
    OPCASE(i_test_heap_put_tuple) {
        TEST_HEAP_THEN();
        PUT_TUPLE_BODY();
    }
    OPCASE(i_test_heap_put_tuple2) {
        TEST_HEAP_THEN();
        PUT_TUPLE2_BODY();
    }
    OPCASE(make_fun) {
        struct fun_entry *fe = (struct fun_entry *)Arg(0);
        uint64_t n = Arg(2);
        term *hp = p->htop;
        p->htop = hp + 2 + n;
        hp[0] = make_header(SUB_FUN, 1 + n);
        hp[1] = (term)(uintptr_t)fe;
        for (uint64_t k = 0; k < n; k++) hp[2 + k] = SRC(Arg(3 + k));
        STORE(Arg(1), term_from_boxed_ptr(hp));
        NEXT(3 + n);
    }

    /* ---- exceptions ---- */
    OPCASE(badmatch) RAISE_ERROR2(AM(badmatch), SRC(Arg(0)));
    OPCASE(case_end) RAISE_ERROR2(AM(case_clause), SRC(Arg(0)));
    OPCASE(try_case_end) RAISE_ERROR2(AM(try_clause), SRC(Arg(0)));
    OPCASE(badrecord) RAISE_ERROR2(AM(badrecord), SRC(Arg(0)));
    OPCASE(if_end) RAISE_ERROR(AM(if_clause));
    OPCASE(raise) {
        term cls = SRC(Arg(0)), reason = SRC(Arg(1)), trace = SRC(Arg(2));
        if (cls != AM(error) && cls != AM(exit) && cls != AM(throw)) RAISE_ERROR(AM(badarg));
        raise_class(p, cls, reason);
        p->exc_trace = trace;
        RAISE();
    }
    OPCASE(try)
    OPCASE(catch) {
        YREG(Arg(0)) = term_from_catch((const void *)Arg(1));
        NEXT(2);
    }
    OPCASE(try_end) {
        YREG(Arg(0)) = TERM_NIL;
        NEXT(1);
    }
    OPCASE(try_case) {
        YREG(Arg(0)) = TERM_NIL;
        x[0] = x[1];
        x[1] = x[2];
        x[2] = x[3];
        NEXT(1);
    }
    OPCASE(catch_end) {
        YREG(Arg(0)) = TERM_NIL;
        if (x[0] == TERM_NONE) {
            term cls = x[1];
            if (cls == AM(throw)) {
                x[0] = x[2];
            } else {
                x[0] = x[2];
                x[1] = x[3];
                if (NEED_HEAP(6)) GC_POINT(6, 2);
                term *hp = p->htop;
                term r = x[0];
                if (cls == AM(error)) {
                    hp[0] = make_header(SUB_TUPLE, 2);
                    hp[1] = x[0];
                    hp[2] = x[1];
                    r = term_from_boxed_ptr(hp);
                    hp += 3;
                }
                hp[0] = make_header(SUB_TUPLE, 2);
                hp[1] = AM(EXIT);
                hp[2] = r;
                x[0] = term_from_boxed_ptr(hp);
                p->htop = hp + 3;
            }
        }
        NEXT(1);
    }

    /* ---- messages ---- */
    OPCASE(send) {
        p->live = 2;
        SAVE_STATE();
        int rc = proc_send(p, x[0], x[1]);
        LOAD_STATE();
        if (rc < 0) {
            if (rc == SEND_NOMEM) raise_system_limit(p);
            else raise_badarg(p);
            RAISE_BIF(AM(erlang), atom_term("!", 1), 0, 2);
        }
        x[0] = x[1];
        NEXT(0);
    }
    OPCASE(loop_rec) {
        struct msg *m;
        PEEK_MESSAGE(m);
        if (!m) JUMP(Arg(0));
        STORE(Arg(1), m->payload);
        NEXT(2);
    }
    OPCASE(remove_message) {
        struct msg *m = mbox_remove(&p->mbox);
        if (m && (m->flags & MSG_ON_HEAP)) msg_free(m); /* the payload is on the heap */
        else if (m) heap_add_frag(p, m);
        if (p->ext && p->ext->timer_id) receive_timer_cancel(p);
        NEXT(0);
    }
    OPCASE(loop_rec_end) {
        mbox_skip(&p->mbox);
        JUMP(Arg(0));
    }
    OPCASE(wait) {
        struct msg *m;
        PEEK_MESSAGE(m);
        if (m) JUMP(Arg(0));
        goto do_wait;
    }
    OPCASE(wait_timeout) {
        struct msg *m;
        PEEK_MESSAGE(m);
        if (m) JUMP(Arg(0));
        term t = SRC(Arg(1));
        if (t == AM(infinity)) goto do_wait;
        if (!term_is_small(t) || term_to_small(t) < 0 || term_to_small(t) > 0xFFFFFFFFll)
            RAISE_ERROR(AM(timeout_value));
        if (term_to_small(t) == 0) NEXT(2);
        if (!p->ext || !p->ext->timer_id) {
            if (!receive_timer_start(p, (uint64_t)term_to_small(t))) RAISE_ERROR(AM(system_limit));
        } else if (atomic_load_explicit(&p->timeout_fired, memory_order_acquire) == p->timer_seq) {
            p->ext->timer_id = 0;
            NEXT(2);
        }
        goto do_wait;
    }
    OPCASE(timeout) {
        mbox_rewind(&p->mbox);
        if (p->ext) p->ext->timer_id = 0;
        NEXT(0);
    }
    OPCASE(recv_mark) {
        /* what the inbox holds is older than the mark: queue it first */
        p->stop = E;
        if (!mbox_inbox_empty(&p->mbox) && proc_drain(p) == PROC_KILLED) goto killed;
        mbox_set_mark(&p->mbox);
        NEXT(0);
    }
    OPCASE(recv_set) {
        mbox_use_mark(&p->mbox);
        NEXT(0);
    }

    /* ---- maps ---- */
    {
        bool exact;
    OPCASE(put_map_assoc)
        exact = false;
        goto put_map;
    OPCASE(put_map_exact)
        exact = true;
    put_map:;
        uint32_t live = (uint32_t)Arg(3);
        uint64_t n = Arg(4);
        if (live + 1 + n >= X_REGS) RAISE_ERROR(AM(system_limit));
        x[live] = SRC(Arg(1));
        for (uint64_t k = 0; k < n; k++) x[live + 1 + k] = SRC(Arg(5 + k));
        p->live = live + 1 + (uint32_t)n;
        SAVE_STATE();
        term r = map_update(p, &x[live], &x[live + 1], (uint32_t)(n / 2), exact);
        LOAD_STATE();
        if (r == TERM_NONE) {
            if (Arg(0)) JUMP(Arg(0));
            p->exc_args = EXC_ARGS_NO_FRAME;
            RAISE();
        }
        STORE(Arg(2), r);
        NEXT(5 + n);
    }
    OPCASE(has_map_fields) {
        term m = SRC(Arg(1));
        uint64_t n = Arg(2);
        TEST(term_is_map(m));
        for (uint64_t k = 0; k < n; k++) TEST(map_get(m, SRC(Arg(3 + k))) != TERM_NONE);
        NEXT(3 + n);
    }
    OPCASE(get_map_elements) {
        term m = SRC(Arg(1));
        uint64_t n = Arg(2);
        TEST(term_is_map(m));
        for (uint64_t k = 0; k < n; k += 2) TEST(map_get(m, SRC(Arg(3 + k))) != TERM_NONE);
        for (uint64_t k = 0; k < n; k += 2) STORE(Arg(4 + k), map_get(m, SRC(Arg(3 + k))));
        NEXT(3 + n);
    }

    /* ---- binaries ---- */
    OPCASE(bs_create) {
        uint32_t live = (uint32_t)Arg(1);
        uint64_t n = Arg(3), nsegs = n / 5;
        if (NEED_HEAP(BS_CREATE_RESERVE)) GC_POINT(BS_CREATE_RESERVE, live);
        struct bs_seg small_segs[16];
        struct bs_seg *segs = nsegs <= 16 ? small_segs : mem_malloc(nsegs * sizeof *segs);
        if (!segs) RAISE_ERROR(AM(system_limit));
        for (uint64_t k = 0; k < nsegs; k++) {
            const code_word *s = I + 5 + 5 * k;
            segs[k] = (struct bs_seg){(term)s[0], (uint32_t)s[1], (uint32_t)s[2], SRC(s[3]), SRC(s[4])};
        }
        p->live = live;
        SAVE_STATE();
        term r = bits_create(p, segs, (uint32_t)nsegs);
        LOAD_STATE();
        if (segs != small_segs) mem_free(segs);
        if (r == TERM_NONE) {
            if (Arg(0)) JUMP(Arg(0));
            if (p->exc_args == EXC_ARGS_BIF) p->exc_args = EXC_ARGS_NO_FRAME;
            RAISE();
        }
        STORE(Arg(2), r);
        NEXT(4 + n);
    }
    OPCASE(bs_start_match) {
        if (NEED_HEAP(MATCH_CTX_WORDS)) GC_POINT(MATCH_CTX_WORDS, Arg(1));
        term t = SRC(Arg(2));
        TEST(term_is_bitstring(t) || term_is_boxed_sub(t, SUB_MATCH_CTX));
        term *hp = p->htop;
        term r = bits_start_match(t, &hp);
        p->htop = hp;
        STORE(Arg(3), r);
        NEXT(4);
    }
    /* Three entries sharing one body. (Stacked labels would share one
       address under computed goto, so the entry sets `which` itself.) */
    {
        enum interp_op which;
    OPCASE(bs_get_integer)
        which = IOP_bs_get_integer;
        goto bs_get;
    OPCASE(bs_get_float)
        which = IOP_bs_get_float;
        goto bs_get;
    OPCASE(bs_get_binary)
        which = IOP_bs_get_binary;
    bs_get:;
        term sz = SRC(Arg(3));
        term ctx = SRC(Arg(1));
        uint64_t nbits;
        if (sz == AM(all) && which == IOP_bs_get_binary) {
            nbits = BITS_ALL;
            TEST(Arg(4) <= 1 || bits_remaining(ctx) % Arg(4) == 0);
        } else {
            TEST(term_is_small(sz) && term_to_small(sz) >= 0);
            TEST(!__builtin_mul_overflow((uint64_t)term_to_small(sz), (uint64_t)Arg(4), &nbits));
            TEST(nbits <= bits_remaining(ctx));
        }
        size_t words = which == IOP_bs_get_integer ? BIG_WORDS((nbits + 63) / 64 + 1)
                       : which == IOP_bs_get_float ? FLOAT_WORDS
                                                   : SUBBIN_WORDS;
        if (NEED_HEAP(words)) {
            GC_POINT(words, Arg(2));
            ctx = SRC(Arg(1));
        }
        term *hp = p->htop;
        term r = which == IOP_bs_get_integer ? bits_get_integer(ctx, nbits, (uint32_t)Arg(5), &hp)
                 : which == IOP_bs_get_float ? bits_get_float(ctx, nbits, (uint32_t)Arg(5), &hp)
                                             : bits_get_binary(ctx, nbits, &hp);
        p->htop = hp;
        TEST(r != TERM_NONE);
        STORE(Arg(6), r);
        NEXT(7);
    }
    OPCASE(bs_skip_bits) {
        term ctx = SRC(Arg(1)), sz = SRC(Arg(2));
        uint64_t nbits;
        if (sz == AM(all)) {
            nbits = BITS_ALL;
        } else {
            TEST(term_is_small(sz) && term_to_small(sz) >= 0);
            TEST(!__builtin_mul_overflow((uint64_t)term_to_small(sz), (uint64_t)Arg(3), &nbits));
        }
        TEST(bits_skip(ctx, nbits));
        NEXT(5);
    }
    OPCASE(bs_test_tail) {
        TEST(bits_remaining(SRC(Arg(1))) == Arg(2));
        NEXT(3);
    }
    OPCASE(bs_test_unit) {
        TEST(Arg(2) == 0 || bits_remaining(SRC(Arg(1))) % Arg(2) == 0);
        NEXT(3);
    }
    OPCASE(bs_match_string) {
        struct bin_view v;
        TEST(bin_view((term)Arg(3), &v) && v.bit_offset % 8 == 0);
        TEST(bits_match_string(SRC(Arg(1)), v.bytes + v.bit_offset / 8, Arg(2)));
        NEXT(4);
    }
    OPCASE(bs_get_utf8) {
        term r = bits_get_utf8(SRC(Arg(1)));
        TEST(r != TERM_NONE);
        STORE(Arg(2), r);
        NEXT(3);
    }
    OPCASE(bs_get_utf16) {
        term r = bits_get_utf16(SRC(Arg(1)), (uint32_t)Arg(2));
        TEST(r != TERM_NONE);
        STORE(Arg(3), r);
        NEXT(4);
    }
    OPCASE(bs_get_utf32) {
        term r = bits_get_utf32(SRC(Arg(1)), (uint32_t)Arg(2));
        TEST(r != TERM_NONE);
        STORE(Arg(3), r);
        NEXT(4);
    }
    OPCASE(bs_get_tail) {
        if (NEED_HEAP(SUBBIN_WORDS)) GC_POINT(SUBBIN_WORDS, Arg(1));
        term *hp = p->htop;
        term r = bits_get_tail(SRC(Arg(0)), &hp);
        p->htop = hp;
        STORE(Arg(2), r);
        NEXT(3);
    }
    OPCASE(bs_get_position) {
        STORE(Arg(1), bits_get_position(SRC(Arg(0))));
        NEXT(2);
    }
    OPCASE(bs_set_position) {
        bits_set_position(SRC(Arg(0)), SRC(Arg(1)));
        NEXT(2);
    }

#ifdef MOAT_NO_COMPUTED_GOTO
    default: RAISE_ERROR(AM(badarg));
    }
#endif

    /* ---- shared paths ---------------------------------------------------------- */

call_export: {
    /* c_ep with c_arity arguments in x0..; c_mode says how to continue */
    const code_word *code = atomic_load_explicit(&c_ep->code, memory_order_acquire);
    if (!code && !c_ep->bif) {
        SAVE_STATE();
        module_ensure_loaded(c_ep->module);
        LOAD_STATE();
        code = atomic_load_explicit(&c_ep->code, memory_order_acquire);
    }
    if (code) {
    enter_code:
        if (c_mode == 0) {
            cp = c_next;
        } else if (c_mode == 1) {
            cp = (const code_word *)(uintptr_t)E[0];
            E += c_dealloc + 1;
        }
        REDS(code, c_arity);
        JUMP(code);
    }
    if (c_ep->bif) {
        p->live = c_arity;
        SAVE_STATE();
        term r = c_ep->bif(p, x);
        LOAD_STATE();
        if (r == TERM_NONE) RAISE_BIF(c_ep->module, c_ep->function, 0, c_arity);
        if (r == TERM_RETRY) {
            /* a call of the BIF's retry stub, with the slice ending first */
            code = c_ep->bif_again;
            reds = 1;
            goto enter_code;
        }
        if (r == TERM_TRAP) {
            /* the BIF handed the call on to an Erlang function, its
               arguments in x0..: made in place of the BIF's (bif_trap) */
            c_ep = bif_trap_target();
            c_arity = c_ep->arity;
            goto call_export;
        }
        x[0] = r;
        if (c_mode == 0) JUMP(c_next);
        if (c_mode == 1) {
            cp = (const code_word *)(uintptr_t)E[0];
            E += c_dealloc + 1;
        }
        const code_word *ret = cp;
        cp = NULL;
        JUMP(ret);
    }
    raise_error(p, AM(undef));
    p->exc_args = EXC_ARGS_NO_FRAME;
    ts = (struct trace_start){I, cp, c_ep->module, c_ep->function, 0, c_arity, false};
    goto handle_error;
}

call_fun: {
    /* the fun in x[c_arity], arguments in x0.. */
    term f = x[c_arity];
    if (term_is_boxed(f)) {
        term *bp = term_boxed_ptr(f);
        unsigned sub = header_sub(bp[0]);
        if (sub == SUB_FUN) {
            struct fun_entry *fe = (struct fun_entry *)(uintptr_t)bp[1];
            if (fe->arity != c_arity) goto badarity;
            /* NULL once the code it ran was purged (vm/module.c) */
            const code_word *fcode = atomic_load_explicit(&fe->code, memory_order_acquire);
            if (!fcode) RAISE_ERROR2(AM(badfun), f);
            uint64_t nfree = header_arity(bp[0]) - 1;
            if (c_arity + nfree > X_REGS) RAISE_ERROR(AM(system_limit));
            for (uint64_t k = 0; k < nfree; k++) x[c_arity + k] = bp[2 + k];
            if (c_mode == 0) {
                cp = c_next;
            } else if (c_mode == 1) {
                cp = (const code_word *)(uintptr_t)E[0];
                E += c_dealloc + 1;
            }
            REDS(fcode, c_arity + nfree);
            JUMP(fcode);
        }
        if (sub == SUB_EXPORT) {
            c_ep = (struct export_entry *)(uintptr_t)bp[1];
            if (c_ep->arity != c_arity) goto badarity;
            goto call_export;
        }
    }
    RAISE_ERROR2(AM(badfun), f);
badarity: {
    /* {badarity, {Fun, Args}} */
    size_t need = 2 * (size_t)c_arity + 6;
    if (NEED_HEAP(need)) GC_POINT(need, c_arity + 1);
    term *hp = p->htop;
    term args = TERM_NIL;
    for (uint32_t k = c_arity; k-- > 0;) {
        args = cons_store(hp, x[k], args);
        hp += 2;
    }
    hp[0] = make_header(SUB_TUPLE, 2);
    hp[1] = x[c_arity];
    hp[2] = args;
    hp[3] = make_header(SUB_TUPLE, 2);
    hp[4] = AM(badarity);
    hp[5] = term_from_boxed_ptr(hp);
    p->htop = hp + 6;
    raise_error(p, term_from_boxed_ptr(hp + 3));
    p->exc_args = EXC_ARGS_NO_FRAME;
    RAISE();
}
}

apply_mf: {
    /* apply instruction: module x(c_arity), function x(c_arity+1) */
    term m = x[c_arity], f = x[c_arity + 1];
    if (!term_is_atom(m) || !term_is_atom(f)) RAISE_ERROR(AM(badarg));
    c_ep = export_get(m, f, c_arity);
    if (!c_ep) RAISE_ERROR(AM(system_limit));
    goto call_export;
}

out_of_memory:
    LOAD_STATE();
    if (p->max_heap_words) { /* over its max_heap_size: killed, no catch applies */
        proc_max_heap_killed(p);
        goto killed;
    }
    RAISE_ERROR(AM(system_limit));

yield: {
    /* the slice is over: x0..y_live-1 go on the stack (PF_XSAVED), I is
       where to go on */
    if (NEED_HEAP(y_live + 1)) GC_POINT(y_live + 1, y_live);
    E -= y_live + 1;
    for (uint32_t k = 0; k < y_live; k++) E[1 + k] = x[k];
    E[0] = term_from_small(y_live);
    p->flags |= PF_XSAVED;
    SAVE_STATE();
    p->reds = CONTEXT_REDS;
    p->reductions += CONTEXT_REDS;
    return INTERP_YIELD;
}

do_wait:
    /* nothing to take: the scheduler resumes this instruction when
       something arrives (or the receive timer fires) */
    SAVE_STATE();
    return INTERP_WAIT;

killed:
    /* an exit signal: no catch applies (exc_* set by proc_drain) */
    SAVE_STATE();
    return INTERP_EXIT;

handle_error: {
    SAVE_STATE();
    if (p->exc_class == AM(moat_halt)) return INTERP_HALT;
    if (p->exc_class == AM(moat_kill)) { /* exit(self(), R): no catch applies */
        p->exc_class = AM(exit);
        p->exc_trace = TERM_NIL;
        goto killed;
    }
    if (p->exc_trace == EXC_TRACE_UNBUILT) p->exc_trace = error_build_trace(p, &ts);
    LOAD_STATE();
    term *s = E, *end = p->heap_end;
    while (s < end && !term_is_catch(*s)) s++;
    if (s == end) {
        p->reds = reds;
        return INTERP_EXIT;
    }
    /* the catch's frame starts at the nearest CP below the marker */
    term *f = s - 1;
    while (f > E && (term_primary(*f) != TAG_HEADER || *f == 0)) f--;
    E = f;
    cp = NULL;
    x[0] = TERM_NONE;
    x[1] = p->exc_class;
    x[2] = p->exc_reason;
    x[3] = p->exc_trace;
    p->exc_args = TERM_NIL;
    JUMP(term_to_catch(*s));
}
}
