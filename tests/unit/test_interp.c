/*
 * Unit tests of the loader, the interpreter, exceptions and their
 * formatting, on hand-built generic modules (no compiler needed).
 *
 * TEMPORARY: the weak definitions at the end stand in for functions other
 * engineers are writing now (heap, BIF table, compare, print ...). A real
 * definition in libmoat wins over a weak one; delete them once all exist.
 */
#include <criterion/criterion.h>
#include <mimalloc.h>
#include <string.h>

#include "atom.h"
#include "bits.h"
#include "bif.h"
#include "error.h"
#include "gen.h"
#include "heap.h"
#include "interp.h"
#include "loader.h"
#include "module.h"
#include "node.h"
#include "strbuf.h"
#include "vm.h"

#define OPc(n) {GEN_OP, OPC_##n}
#define X(n) {GEN_X, n}
#define Y(n) {GEN_Y, n}
#define INT(n) {GEN_INT, (uint64_t)(n)}
#define A(n) {GEN_ATOM, n}
#define NIL {GEN_NIL, 0}
#define LBL(n) {GEN_LABEL, n}
#define U(n) {GEN_UINT, n}
#define LIST(n) {GEN_LIST, n}

enum { A_m, A_fib, A_add_catch, A_erlang, A_a, A_fc, A_throw, A_try_throw, A_caught, A_mkfun, A_lambda,
       A_put, A_get, A_k, A_dict, A_self, A_hello, A_send_recv, A_apply, A_nofun, A_apply_undef, A_deep,
       A_add_uncaught, A_badfun, NATOMS };
static struct gen_str atoms[NATOMS] = {
    {"m", 1}, {"fib", 3}, {"add_catch", 9}, {"erlang", 6}, {"a", 1}, {"fc", 2}, {"throw", 5},
    {"try_throw", 9}, {"caught", 6}, {"mkfun", 5}, {"-mkfun/1-fun-0-", 15}, {"put", 3}, {"get", 3},
    {"k", 1}, {"dict", 4}, {"self", 4}, {"hello", 5}, {"send_recv", 9}, {"apply", 5}, {"nofun", 5},
    {"apply_undef", 11}, {"deep", 4}, {"add_uncaught", 12}, {"badfun", 6}};
enum { I_throw, I_put, I_get, I_self, I_apply };
static struct gen_import imports[] = {
    {A_erlang, A_throw, 1}, {A_erlang, A_put, 2}, {A_erlang, A_get, 1}, {A_erlang, A_self, 0}, {A_erlang, A_apply, 3}};
/* functions: name, arity, info label, entry label */
static struct gen_function functions[] = {
    {A_fib, 1, 1, 2},         {A_add_catch, 1, 4, 5},   {A_fc, 1, 7, 8},       {A_try_throw, 1, 9, 10},
    {A_mkfun, 1, 12, 13},     {A_lambda, 2, 14, 15},    {A_dict, 0, 16, 17},   {A_send_recv, 0, 18, 19},
    {A_apply_undef, 0, 22, 23}, {A_deep, 1, 24, 25},    {A_add_uncaught, 1, 27, 28}, {A_badfun, 0, 29, 30}};
static struct gen_export exports[] = {
    {A_fib, 1, 2},  {A_add_catch, 1, 5}, {A_fc, 1, 8},        {A_try_throw, 1, 10},      {A_mkfun, 1, 13},
    {A_dict, 0, 17}, {A_send_recv, 0, 19}, {A_apply_undef, 0, 23}, {A_deep, 1, 25}, {A_add_uncaught, 1, 28},
    {A_badfun, 0, 30}};
static struct gen_lambda lambdas[] = {{5, 1, 1, 12345}};
static struct gen_str files[] = {{"m.erl", 5}};
static struct gen_line lines[] = {{0, 3}, {0, 7}, {0, 11}};

static const struct gen_operand code[] = {
    /* fib(N) when N < 2 -> N; fib(N) -> fib(N-1) + fib(N-2). */
    OPc(label), U(1), OPc(func_info), U(0), OPc(label), U(2),
    OPc(is_lt), LBL(3), X(0), INT(2),
    OPc(return),
    OPc(label), U(3),
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
    /* add_catch(X) -> catch X + a. */
    OPc(label), U(4), OPc(func_info), U(1), OPc(label), U(5),
    OPc(allocate), U(1), U(1),
    OPc(catch), Y(0), LBL(6),
    OPc(line), U(0),
    OPc(add), LBL(0), U(1), X(0), A(A_a), X(0),
    OPc(label), U(6),
    OPc(catch_end), Y(0),
    OPc(deallocate), U(1),
    OPc(return),
    /* fc(0) -> a. */
    OPc(line), U(1),
    OPc(label), U(7), OPc(func_info), U(2), OPc(label), U(8),
    OPc(is_eq_exact), LBL(7), X(0), INT(0),
    OPc(move), A(A_a), X(0),
    OPc(return),
    /* try_throw(X) -> try throw(X) catch throw:V -> {caught, V} end. */
    OPc(label), U(9), OPc(func_info), U(3), OPc(label), U(10),
    OPc(allocate), U(1), U(1),
    OPc(try), Y(0), LBL(11),
    OPc(call_ext), U(1), U(I_throw),
    OPc(try_end), Y(0),
    OPc(deallocate), U(1),
    OPc(return),
    OPc(label), U(11),
    OPc(try_case), Y(0),
    OPc(test_heap), U(3), U(2),
    OPc(put_tuple), X(0), LIST(2), A(A_caught), X(1),
    OPc(deallocate), U(1),
    OPc(return),
    /* mkfun(X) -> F = fun(Y) -> Y + X end, F(10). */
    OPc(label), U(12), OPc(func_info), U(4), OPc(label), U(13),
    OPc(allocate), U(0), U(1),
    OPc(test_heap), U(3), U(1),
    OPc(make_fun), U(0), X(1), LIST(1), X(0),
    OPc(move), INT(10), X(0),
    OPc(call_fun_last), U(1), U(0),
    OPc(label), U(14), OPc(func_info), U(5), OPc(label), U(15),
    OPc(add), LBL(0), U(2), X(0), X(1), X(0),
    OPc(return),
    /* dict() -> put(k, 42), get(k). */
    OPc(label), U(16), OPc(func_info), U(6), OPc(label), U(17),
    OPc(allocate), U(0), U(0),
    OPc(move), A(A_k), X(0),
    OPc(move), INT(42), X(1),
    OPc(call_ext), U(2), U(I_put),
    OPc(move), A(A_k), X(0),
    OPc(call_ext_last), U(1), U(I_get), U(0),
    /* send_recv() -> self() ! hello, receive M -> M end. */
    OPc(label), U(18), OPc(func_info), U(7), OPc(label), U(19),
    OPc(allocate), U(0), U(0),
    OPc(call_ext), U(0), U(I_self),
    OPc(move), A(A_hello), X(1),
    OPc(send),
    OPc(label), U(20),
    OPc(loop_rec), LBL(21), X(0),
    OPc(remove_message),
    OPc(deallocate), U(0),
    OPc(return),
    OPc(label), U(21),
    OPc(wait), LBL(20),
    /* apply_undef() -> apply(m, nofun, [1]). */
    OPc(label), U(22), OPc(func_info), U(8), OPc(label), U(23),
    OPc(test_heap), U(2), U(0),
    OPc(put_list), INT(1), NIL, X(2),
    OPc(move), A(A_m), X(0),
    OPc(move), A(A_nofun), X(1),
    OPc(call_ext_only), U(3), U(I_apply),
    /* deep(0) -> 0; deep(N) -> 1 + deep(N - 1). */
    OPc(label), U(24), OPc(func_info), U(9), OPc(label), U(25),
    OPc(is_eq_exact), LBL(26), X(0), INT(0),
    OPc(return),
    OPc(label), U(26),
    OPc(allocate), U(0), U(1),
    OPc(sub), LBL(0), U(1), X(0), INT(1), X(0),
    OPc(call), U(1), LBL(25),
    OPc(add), LBL(0), U(1), X(0), INT(1), X(0),
    OPc(deallocate), U(0),
    OPc(return),
    /* add_uncaught(X) -> X + a (line 11), no catch. */
    OPc(label), U(27), OPc(func_info), U(10), OPc(label), U(28),
    OPc(allocate), U(0), U(1),
    OPc(line), U(2),
    OPc(add), LBL(0), U(1), X(0), A(A_a), X(0),
    OPc(deallocate), U(0),
    OPc(return),
    /* badfun() -> (a)(). */
    OPc(label), U(29), OPc(func_info), U(11), OPc(label), U(30),
    OPc(allocate), U(0), U(0),
    OPc(move), A(A_a), X(0),
    OPc(call_fun), U(0),
    OPc(deallocate), U(0),
    OPc(return),
};

static struct gen_module make_module(void) {
    struct gen_module g = {0};
    g.natoms = NATOMS;
    g.atoms = atoms;
    g.nimports = sizeof imports / sizeof imports[0];
    g.imports = imports;
    g.nexports = sizeof exports / sizeof exports[0];
    g.exports = exports;
    g.nfunctions = sizeof functions / sizeof functions[0];
    g.functions = functions;
    g.nlambdas = 1;
    g.lambdas = lambdas;
    g.nfiles = 1;
    g.files = files;
    g.nlines = 3;
    g.lines = lines;
    g.nlabels = 30;
    g.ncode = sizeof code / sizeof code[0];
    g.code = (struct gen_operand *)code;
    return g;
}

static struct vm *vm;
static struct proc *proc;
static term A_(int i) { return atom_term(atoms[i].text, atoms[i].len); }

static void setup(void) {
    vm = vm_new();
    cr_assert_not_null(vm);
    struct gen_module g = make_module();
    char *err = NULL;
    struct module *m = loader_load(&g, &err);
    cr_assert_not_null(m, "load failed: %s", err ? err : "?");
    proc = vm_proc_new(vm);
    cr_assert_not_null(proc);
}

static void teardown(void) {
    vm_proc_free(proc);
    vm_free(vm);
}

/* m:F(Arg...) with the arguments as a list built in the test's heap-free way */
static int call1(int fn, term arg) {
    term cell[2] = {arg, TERM_NIL};
    return vm_run_call(proc, A_(A_m), A_(fn), term_from_list_ptr(cell));
}

TestSuite(interp, .init = setup, .fini = teardown);

Test(interp, fib) {
    cr_assert_eq(call1(A_fib, term_from_small(20)), INTERP_DONE);
    cr_assert_eq(proc->x[0], term_from_small(6765));
}

Test(interp, catch_badarith_gives_exit_tuple_with_bif_frame) {
    cr_assert_eq(call1(A_add_catch, term_from_small(1)), INTERP_DONE);
    term r = proc->x[0];
    cr_assert(term_is_tuple(r) && tuple_arity(r) == 2);
    cr_assert_eq(tuple_elems(r)[0], AM(EXIT));
    term inner = tuple_elems(r)[1];
    cr_assert(term_is_tuple(inner) && tuple_arity(inner) == 2);
    cr_assert_eq(tuple_elems(inner)[0], AM(badarith));
    term trace = tuple_elems(inner)[1];
    cr_assert(term_is_list(trace));
    term f0 = CAR(trace); /* {erlang, '+', [1, a], [{error_info, ...}]} */
    cr_assert_eq(tuple_elems(f0)[0], AM(erlang));
    cr_assert_eq(tuple_elems(f0)[1], AM(plus_sign));
    term args = tuple_elems(f0)[2];
    cr_assert_eq(CAR(args), term_from_small(1));
    cr_assert_eq(CAR(CDR(args)), A_(A_a));
    term f1 = CAR(CDR(trace)); /* {m, add_catch, 1, [{file,"m.erl"},{line,3}]} */
    cr_assert_eq(tuple_elems(f1)[0], A_(A_m));
    cr_assert_eq(tuple_elems(f1)[1], A_(A_add_catch));
    cr_assert_eq(tuple_elems(f1)[2], term_from_small(1));
    term loc = tuple_elems(f1)[3];
    term line = CAR(CDR(loc));
    cr_assert_eq(tuple_elems(line)[1], term_from_small(3));
}

Test(interp, function_clause_is_uncaught_with_args) {
    cr_assert_eq(call1(A_fc, term_from_small(5)), INTERP_EXIT);
    cr_assert_eq(proc->exc_class, AM(error));
    cr_assert_eq(proc->exc_reason, AM(function_clause));
    term f0 = CAR(proc->exc_trace);
    cr_assert_eq(tuple_elems(f0)[1], A_(A_fc));
    cr_assert(term_is_list(tuple_elems(f0)[2]));
    cr_assert_eq(CAR(tuple_elems(f0)[2]), term_from_small(5));
}

Test(interp, fc_matching_clause_returns) {
    cr_assert_eq(call1(A_fc, term_from_small(0)), INTERP_DONE);
    cr_assert_eq(proc->x[0], A_(A_a));
}

Test(interp, try_catches_throw) {
    cr_assert_eq(call1(A_try_throw, term_from_small(7)), INTERP_DONE);
    term r = proc->x[0];
    cr_assert(term_is_tuple(r));
    cr_assert_eq(tuple_elems(r)[0], A_(A_caught));
    cr_assert_eq(tuple_elems(r)[1], term_from_small(7));
}

Test(interp, closure_call) {
    cr_assert_eq(call1(A_mkfun, term_from_small(5)), INTERP_DONE);
    cr_assert_eq(proc->x[0], term_from_small(15));
}

Test(interp, process_dictionary) {
    cr_assert_eq(vm_run_call(proc, A_(A_m), A_(A_dict), TERM_NIL), INTERP_DONE);
    cr_assert_eq(proc->x[0], term_from_small(42));
}

Test(interp, send_to_self_and_receive) {
    cr_assert_eq(vm_run_call(proc, A_(A_m), A_(A_send_recv), TERM_NIL), INTERP_DONE);
    cr_assert_eq(proc->x[0], A_(A_hello));
}

Test(interp, apply_of_missing_function_is_undef) {
    cr_assert_eq(vm_run_call(proc, A_(A_m), A_(A_apply_undef), TERM_NIL), INTERP_EXIT);
    cr_assert_eq(proc->exc_reason, AM(undef));
    term f0 = CAR(proc->exc_trace);
    cr_assert_eq(tuple_elems(f0)[0], A_(A_m));
    cr_assert_eq(tuple_elems(f0)[1], A_(A_nofun));
    cr_assert_eq(CAR(tuple_elems(f0)[2]), term_from_small(1));
}

Test(interp, unknown_module_is_undef) {
    term nomod = atom_term("no_such_module_xyz", 18);
    cr_assert_eq(vm_run_call(proc, nomod, A_(A_fib), TERM_NIL), INTERP_EXIT);
    cr_assert_eq(proc->exc_reason, AM(undef));
}

Test(interp, deep_body_recursion) {
#ifdef MOAT_GC_STRESS
    int64_t depth = 3000; /* a collection per frame: quadratic */
#else
    int64_t depth = 1000000;
#endif
    cr_assert_eq(call1(A_deep, term_from_small(depth)), INTERP_DONE);
    cr_assert_eq(proc->x[0], term_from_small(depth));
}

Test(interp, badfun) {
    cr_assert_eq(vm_run_call(proc, A_(A_m), A_(A_badfun), TERM_NIL), INTERP_EXIT);
    term r = proc->exc_reason;
    cr_assert(term_is_tuple(r));
    cr_assert_eq(tuple_elems(r)[0], AM(badfun));
    cr_assert_eq(tuple_elems(r)[1], A_(A_a));
}

Test(interp, uncaught_format_like_escript) {
    cr_assert_eq(call1(A_add_uncaught, term_from_small(1)), INTERP_EXIT);
    struct strbuf sb = STRBUF_INIT;
    error_format_uncaught(&sb, "moat", proc->exc_class, proc->exc_reason, proc->exc_trace);
    cr_assert_str_eq(sb_cstr(&sb), "moat: exception error: an error occurred when evaluating an arithmetic expression\n"
                                   "  in operator  +/2\n"
                                   "     called as 1 + a\n"
                                   "  in call from m:add_uncaught/1 (m.erl, line 11)\n");
    sb_free(&sb);
}

Test(interp, module_info_lists_exports_in_order) {
    term key = AM(exports);
    proc->x[0] = A_(A_m);
    proc->x[1] = key;
    proc->live = 2;
    term l = bif_erlang_get_module_info_2(proc, proc->x);
    cr_assert(term_is_list(l));
    cr_assert_eq(tuple_elems(CAR(l))[0], A_(A_fib));
    cr_assert_eq(tuple_elems(CAR(CDR(l)))[0], A_(A_add_catch));
}

Test(interp, loader_refuses_bad_label) {
    struct gen_module g = make_module();
    struct gen_operand *c = mi_malloc(sizeof code);
    memcpy(c, code, sizeof code);
    c[7] = (struct gen_operand)LBL(99); /* is_lt's fail label */
    g.code = c;
    char *err = NULL;
    cr_assert_null(loader_load_unverified(&g, &err));
    cr_assert_not_null(err);
    mi_free(err);
    mi_free(c);
}

Test(interp, verifier_refusal_is_reported) {
    struct gen_module g = make_module();
    struct gen_operand *c = mi_malloc(sizeof code);
    memcpy(c, code, sizeof code);
    c[9] = (struct gen_operand)X(7); /* is_lt reads x7, never written */
    g.code = c;
    char *err = NULL;
    cr_assert_null(loader_load(&g, &err));
    cr_assert(err && strncmp(err, "verify:", 7) == 0, "got %s", err ? err : "(null)");
    mi_free(err);
    mi_free(c);
}

/* v() -> N, for reloading */
static struct gen_str v_atoms[] = {{"mv", 2}, {"v", 1}, {"sel", 3}, {"one", 3}, {"two", 3}, {"other", 5}};
static struct gen_function v_functions[] = {{1, 0, 1, 2}, {2, 1, 3, 4}};
static struct gen_export v_exports[] = {{1, 0, 2}, {2, 1, 4}};

static struct module *load_v(int64_t n) {
    struct gen_operand vcode[] = {
        OPc(label), U(1), OPc(func_info), U(0), OPc(label), U(2),
        OPc(move), INT(n), X(0),
        OPc(return),
        /* sel(1) -> one; sel(2) -> two; sel(_) -> other */
        OPc(label), U(3), OPc(func_info), U(1), OPc(label), U(4),
        OPc(select_val), X(0), LBL(7), LIST(4), INT(1), LBL(5), INT(2), LBL(6),
        OPc(label), U(5), OPc(move), A(3), X(0), OPc(return),
        OPc(label), U(6), OPc(move), A(4), X(0), OPc(return),
        OPc(label), U(7), OPc(move), A(5), X(0), OPc(return),
    };
    struct gen_module g = {0};
    g.natoms = 6;
    g.atoms = v_atoms;
    g.nexports = 2;
    g.exports = v_exports;
    g.nfunctions = 2;
    g.functions = v_functions;
    g.nlabels = 7;
    g.ncode = sizeof vcode / sizeof vcode[0];
    g.code = vcode;
    char *err = NULL;
    struct module *m = loader_load(&g, &err);
    cr_assert_not_null(m, "%s", err ? err : "?");
    return m;
}

Test(interp, reloading_replaces_code) {
    struct module *m1 = load_v(1);
    term mv = atom_term("mv", 2), v = atom_term("v", 1);
    cr_assert_eq(vm_run_call(proc, mv, v, TERM_NIL), INTERP_DONE);
    cr_assert_eq(proc->x[0], term_from_small(1));
    struct module *m2 = load_v(2);
    cr_assert_eq(module_find_old(mv), m1);
    cr_assert_eq(module_find(mv), m2);
    cr_assert_eq(vm_run_call(proc, mv, v, TERM_NIL), INTERP_DONE);
    cr_assert_eq(proc->x[0], term_from_small(2));
}

/* erl's two-version rule: a third version waits for the old one's purge */
Test(interp, third_version_not_purged) {
    load_v(1);
    struct module *m2 = load_v(2);
    term mv = atom_term("mv", 2);
    cr_assert_not(module_delete(mv), "delete with old code present");
    cr_assert_eq(module_find(mv), m2);
    cr_assert(module_proc_uses(proc, module_find_old(mv)) == false);
}

Test(interp, select_val) {
    load_v(1);
    term mv = atom_term("mv", 2), sel = atom_term("sel", 3);
    const char *want[] = {"other", "one", "two", "other"};
    for (int i = 0; i < 4; i++) {
        term cell[2] = {term_from_small(i), TERM_NIL};
        cr_assert_eq(vm_run_call(proc, mv, sel, term_from_list_ptr(cell)), INTERP_DONE);
        cr_assert_eq(proc->x[0], atom_term(want[i], strlen(want[i])));
    }
}

Test(interp, code_addresses_map_back_to_functions) {
    struct module *m = module_find(A_(A_m));
    cr_assert_not_null(m);
    const struct mod_func *f = module_func_of(m, m->funcs[3].entry + 1);
    cr_assert_eq(f, &m->funcs[3]);
    cr_assert_eq(module_of_code(m->funcs[3].entry), m);
    cr_assert_null(module_of_code(&m));
}

Test(interp, uncaught_function_clause_format) {
    cr_assert_eq(call1(A_fc, term_from_small(5)), INTERP_EXIT);
    struct strbuf sb = STRBUF_INIT;
    error_format_uncaught(&sb, "moat", proc->exc_class, proc->exc_reason, proc->exc_trace);
    cr_assert_str_eq(sb_cstr(&sb), "moat: exception error: no function clause matching m:fc(5) (m.erl, line 7)\n");
    sb_free(&sb);
}

Test(interp, uncaught_undef_format) {
    cr_assert_eq(vm_run_call(proc, A_(A_m), A_(A_apply_undef), TERM_NIL), INTERP_EXIT);
    struct strbuf sb = STRBUF_INIT;
    error_format_uncaught(&sb, "moat", proc->exc_class, proc->exc_reason, proc->exc_trace);
    cr_assert_str_eq(sb_cstr(&sb), "moat: exception error: undefined function m:nofun/1\n");
    sb_free(&sb);
}

Test(interp, uncaught_throw_and_exit_format) {
    struct strbuf sb = STRBUF_INIT;
    error_format_uncaught(&sb, "moat", AM(throw), A_(A_a), TERM_NIL);
    cr_assert_str_eq(sb_cstr(&sb), "moat: exception throw: a\n");
    sb.len = 0;
    error_format_uncaught(&sb, "moat", AM(exit), AM(normal), TERM_NIL);
    cr_assert_str_eq(sb_cstr(&sb), "moat: exception exit: normal\n");
    sb_free(&sb);
}

Test(interp, bif_instruction_must_name_a_bif) {
    static struct gen_str b_atoms[] = {{"mb", 2}, {"f", 1}, {"erlang", 6}, {"no_such_bif", 11}};
    static struct gen_import b_imports[] = {{2, 3, 1}};
    static struct gen_function b_functions[] = {{1, 1, 1, 2}};
    struct gen_operand bcode[] = {
        OPc(label), U(1), OPc(func_info), U(0), OPc(label), U(2),
        OPc(bif1), LBL(0), U(0), U(1), X(0), X(0),
        OPc(return),
    };
    struct gen_module g = {0};
    g.natoms = 4;
    g.atoms = b_atoms;
    g.nimports = 1;
    g.imports = b_imports;
    g.nfunctions = 1;
    g.functions = b_functions;
    g.nlabels = 2;
    g.ncode = sizeof bcode / sizeof bcode[0];
    g.code = bcode;
    char *err = NULL;
    cr_assert_null(loader_load_unverified(&g, &err));
    cr_assert(err && strstr(err, "not a BIF"), "got %s", err ? err : "(null)");
    mi_free(err);
}

Test(interp, dictionary_bifs) {
    term *x = proc->x;
    proc->live = 2;
    term a = A_(A_a), k = A_(A_k);
    x[0] = a, x[1] = term_from_small(1);
    cr_assert_eq(bif_erlang_put_2(proc, x), AM(undefined));
    x[0] = k, x[1] = term_from_small(2);
    cr_assert_eq(bif_erlang_put_2(proc, x), AM(undefined));
    x[0] = a, x[1] = term_from_small(3);
    cr_assert_eq(bif_erlang_put_2(proc, x), term_from_small(1));
    /* get() lists in insertion order: [{a,3},{k,2}] */
    term all = bif_erlang_get_0(proc, x);
    cr_assert_eq(tuple_elems(CAR(all))[0], a);
    cr_assert_eq(tuple_elems(CAR(all))[1], term_from_small(3));
    cr_assert_eq(tuple_elems(CAR(CDR(all)))[0], k);
    x[0] = term_from_small(2);
    term keys = bif_erlang_get_keys_1(proc, x);
    cr_assert_eq(CAR(keys), k);
    cr_assert_eq(CDR(keys), TERM_NIL);
    x[0] = a;
    cr_assert_eq(bif_erlang_erase_1(proc, x), term_from_small(3));
    cr_assert_eq(bif_erlang_get_1(proc, x), AM(undefined));
    x[0] = k;
    cr_assert_eq(bif_erlang_get_1(proc, x), term_from_small(2));
}

Test(interp, raise_3_checks_class) {
    term *x = proc->x;
    x[0] = A_(A_a), x[1] = A_(A_a), x[2] = TERM_NIL;
    cr_assert_eq(bif_erlang_raise_3(proc, x), AM(badarg)); /* returned, as erl does */
    x[0] = AM(throw);
    cr_assert_eq(bif_erlang_raise_3(proc, x), TERM_NONE);
    cr_assert_eq(proc->exc_class, AM(throw));
    cr_assert_eq(proc->exc_reason, A_(A_a));
    cr_assert_eq(proc->exc_trace, TERM_NIL);
}

/* ---- one-function modules: mt:t(X) with the given body ---- */
static struct gen_str t_atoms[] = {{"mt", 2}, {"t", 1}, {"erlang", 6}, {"apply", 5}, {"exit", 4}, {"a", 1},
                                   {"b", 1}, {"make_fun", 8}, {"self", 4}, {"timeout", 7}};
static struct gen_import t_imports[] = {{2, 3, 2}, {2, 4, 1}, {2, 7, 3}, {2, 8, 0}};
enum { TI_apply2, TI_exit, TI_make_fun, TI_self };

static int run_t(const struct gen_operand *body, size_t n, uint32_t nlabels, term arg) {
    static const struct gen_operand head[] = {OPc(label), U(1), OPc(func_info), U(0), OPc(label), U(2)};
    size_t total = 6 + n;
    struct gen_operand *c = mi_malloc(total * sizeof *c);
    memcpy(c, head, sizeof head);
    memcpy(c + 6, body, n * sizeof *c);
    static struct gen_function f[] = {{1, 1, 1, 2}};
    static struct gen_export e[] = {{1, 1, 2}};
    struct gen_module g = {0};
    g.natoms = sizeof t_atoms / sizeof t_atoms[0];
    g.atoms = t_atoms;
    g.nimports = sizeof t_imports / sizeof t_imports[0];
    g.imports = t_imports;
    g.nexports = 1;
    g.exports = e;
    g.nfunctions = 1;
    g.functions = f;
    g.nlabels = nlabels;
    g.ncode = total;
    g.code = c;
    char *err = NULL;
    /* a test may load mt several times: the version before the last goes */
    bool killed;
    for (int i = 0; i < 1000 && module_purge_step(proc, atom_term("mt", 2), false, &killed) == MODULE_PURGE_AGAIN; i++) {
    }
    struct module *m = loader_load(&g, &err);
    mi_free(c);
    cr_assert_not_null(m, "%s", err ? err : "?");
    term cell[2] = {arg, TERM_NIL};
    return vm_run_call(proc, atom_term("mt", 2), atom_term("t", 1), term_from_list_ptr(cell));
}
#define RUN_T(body, nlabels, arg) run_t(body, sizeof body / sizeof body[0], nlabels, arg)

Test(interp, small_arithmetic_fast_paths) {
    static const struct gen_operand body[] = {
        OPc(mul), LBL(0), U(1), X(0), INT(6), X(1),     /* x1 = 6X */
        OPc(idiv), LBL(0), U(2), X(1), INT(4), X(2),    /* x2 = 6X div 4 */
        OPc(irem), LBL(0), U(3), X(1), INT(4), X(3),    /* x3 = 6X rem 4 */
        OPc(bsl), LBL(0), U(4), X(0), INT(3), X(4),     /* x4 = X bsl 3 */
        OPc(bsr), LBL(0), U(5), X(4), INT(1), X(5),     /* x5 = x4 bsr 1 */
        OPc(band), LBL(0), U(6), X(5), INT(12), X(6),   /* x6 = x5 band 12 */
        OPc(bxor), LBL(0), U(7), X(6), INT(5), X(7),    /* x7 = x6 bxor 5 */
        OPc(bnot), LBL(0), U(8), X(7), X(8),            /* x8 = bnot x7 */
        OPc(neg), LBL(0), U(9), X(8), X(9),             /* x9 = -x8 */
        OPc(test_heap), U(11), U(10),
        OPc(put_tuple), X(0), LIST(10), X(0), X(1), X(2), X(3), X(4), X(5), X(6), X(7), X(8), X(9),
        OPc(return),
    };
    cr_assert_eq(RUN_T(body, 2, term_from_small(-7)), INTERP_DONE);
    term r = proc->x[0];
    int64_t want[] = {-7, -42, -10, -2, -56, -28, 4, 1, -2, 2};
    for (int i = 0; i < 10; i++)
        cr_assert_eq(term_to_small(tuple_elems(r)[i]), want[i], "element %d: %lld", i,
                     (long long)term_to_small(tuple_elems(r)[i]));
}

Test(interp, guard_arith_failure_jumps_to_fail_label) {
    static const struct gen_operand body[] = {
        OPc(mul), LBL(3), U(1), X(0), A(5), X(0),
        OPc(return),
        OPc(label), U(3),
        OPc(move), A(6), X(0),
        OPc(return),
    };
    cr_assert_eq(RUN_T(body, 3, term_from_small(1)), INTERP_DONE);
    cr_assert_eq(proc->x[0], atom_term("b", 1));
}

Test(interp, lists_and_tests) {
    /* t(X) -> [H | T] = [X, a], {H, T, is_list, is_atom(a), tl} */
    static const struct gen_operand body[] = {
        OPc(test_heap), U(4), U(1),
        OPc(put_list), A(5), NIL, X(1),
        OPc(put_list), X(0), X(1), X(1),
        OPc(is_nonempty_list), LBL(3), X(1),
        OPc(get_list), X(1), X(2), X(3),
        OPc(is_nonempty_list), LBL(3), X(3),
        OPc(get_hd), X(3), X(4),
        OPc(get_tl), X(3), X(5),
        OPc(is_nil), LBL(3), X(5),
        OPc(is_atom), LBL(3), X(4),
        OPc(is_integer), LBL(3), X(2),
        OPc(is_list), LBL(3), X(5),
        OPc(swap), X(2), X(4),
        OPc(test_heap), U(3), U(5),
        OPc(put_tuple), X(0), LIST(2), X(2), X(4),
        OPc(return),
        OPc(label), U(3),
        OPc(move), A(6), X(0),
        OPc(return),
    };
    cr_assert_eq(RUN_T(body, 3, term_from_small(9)), INTERP_DONE);
    term r = proc->x[0];
    cr_assert(term_is_tuple(r));
    cr_assert_eq(tuple_elems(r)[0], atom_term("a", 1));
    cr_assert_eq(tuple_elems(r)[1], term_from_small(9));
}

Test(interp, catch_of_exit_gives_exit_tuple) {
    static const struct gen_operand body[] = {
        OPc(allocate), U(1), U(1),
        OPc(catch), Y(0), LBL(3),
        OPc(call_ext), U(1), U(TI_exit),
        OPc(label), U(3),
        OPc(catch_end), Y(0),
        OPc(deallocate), U(1),
        OPc(return),
    };
    cr_assert_eq(RUN_T(body, 3, atom_term("a", 1)), INTERP_DONE);
    term r = proc->x[0]; /* {'EXIT', a} */
    cr_assert(term_is_tuple(r));
    cr_assert_eq(tuple_elems(r)[0], AM(EXIT));
    cr_assert_eq(tuple_elems(r)[1], atom_term("a", 1));
}

Test(interp, apply_2_of_export_fun) {
    /* t(X) -> apply(erlang:make_fun(mt, t, 1) ... ) would loop; use self/0:
       apply(fun erlang:self/0, []) */
    static const struct gen_operand body[] = {
        OPc(allocate), U(0), U(0),
        OPc(move), A(2), X(0),
        OPc(move), A(8), X(1),
        OPc(move), INT(0), X(2),
        OPc(call_ext), U(3), U(TI_make_fun),
        OPc(move), NIL, X(1),
        OPc(call_ext_last), U(2), U(TI_apply2), U(0),
    };
    cr_assert_eq(RUN_T(body, 2, TERM_NIL), INTERP_DONE);
    cr_assert(term_is_local_pid(proc->x[0]));
    cr_assert_eq(term_to_pid(proc->x[0]), proc->id);
}

Test(interp, badarity_reason) {
    static const struct gen_operand body[] = {
        OPc(allocate), U(0), U(0),
        OPc(move), A(2), X(0),
        OPc(move), A(8), X(1),
        OPc(move), INT(0), X(2),
        OPc(call_ext), U(3), U(TI_make_fun),
        OPc(move), X(0), X(1),
        OPc(move), INT(5), X(0),
        OPc(call_fun), U(1),
        OPc(deallocate), U(0),
        OPc(return),
    };
    cr_assert_eq(RUN_T(body, 2, TERM_NIL), INTERP_EXIT);
    term r = proc->exc_reason; /* {badarity, {Fun, [5]}} */
    cr_assert(term_is_tuple(r));
    cr_assert_eq(tuple_elems(r)[0], AM(badarity));
    term inner = tuple_elems(r)[1];
    cr_assert(term_is_fun(tuple_elems(inner)[0]));
    cr_assert_eq(CAR(tuple_elems(inner)[1]), term_from_small(5));
}

Test(interp, receive_timeout_falls_through) {
    static const struct gen_operand body[] = {
        OPc(allocate), U(0), U(0),
        OPc(label), U(3),
        OPc(loop_rec), LBL(4), X(0),
        OPc(remove_message),
        OPc(deallocate), U(0),
        OPc(return),
        OPc(label), U(4),
        OPc(wait_timeout), LBL(3), INT(0),
        OPc(timeout),
        OPc(move), A(9), X(0),
        OPc(deallocate), U(0),
        OPc(return),
    };
    cr_assert_eq(RUN_T(body, 4, TERM_NIL), INTERP_DONE);
    cr_assert_eq(proc->x[0], atom_term("timeout", 7));
}

Test(interp, select_val_with_many_values_uses_sorted_search) {
    /* t(X) -> case X of 9 -> 9*10; 3 -> 30; ... (12 values, shuffled) end */
    static const int64_t vals[12] = {9, 3, -4, 17, 0, 100, 5, 8, 1, -50, 42, 7};
    struct gen_operand body[4 + 24 + 12 * 6 + 6];
    size_t n = 0;
    body[n++] = (struct gen_operand)OPc(select_val);
    body[n++] = (struct gen_operand)X(0);
    body[n++] = (struct gen_operand)LBL(3);
    body[n++] = (struct gen_operand)LIST(24);
    for (int i = 0; i < 12; i++) {
        body[n++] = (struct gen_operand)INT(vals[i]);
        body[n++] = (struct gen_operand)LBL(4 + i);
    }
    for (int i = 0; i < 12; i++) {
        body[n++] = (struct gen_operand)OPc(label);
        body[n++] = (struct gen_operand)U(4 + i);
        body[n++] = (struct gen_operand)OPc(move);
        body[n++] = (struct gen_operand)INT(vals[i] * 10);
        body[n++] = (struct gen_operand)X(0);
        body[n++] = (struct gen_operand)OPc(return);
    }
    body[n++] = (struct gen_operand)OPc(label);
    body[n++] = (struct gen_operand)U(3);
    body[n++] = (struct gen_operand)OPc(move);
    body[n++] = (struct gen_operand)A(5);
    body[n++] = (struct gen_operand)X(0);
    body[n++] = (struct gen_operand)OPc(return);
    for (int i = 0; i < 12; i++) {
        cr_assert_eq(run_t(body, n, 15, term_from_small(vals[i])), INTERP_DONE);
        cr_assert_eq(proc->x[0], term_from_small(vals[i] * 10));
    }
    cr_assert_eq(run_t(body, n, 15, term_from_small(2)), INTERP_DONE);
    cr_assert_eq(proc->x[0], atom_term("a", 1));
    cr_assert_eq(run_t(body, n, 15, atom_term("b", 1)), INTERP_DONE);
    cr_assert_eq(proc->x[0], atom_term("a", 1));
}

Test(interp, make_fun_and_fun_info) {
    term *x = proc->x;
    x[0] = AM(lists), x[1] = atom_term("map", 3), x[2] = term_from_small(2);
    proc->live = 3; /* as the interpreter sets it for a BIF call */
    x[3] = bif_erlang_make_fun_3(proc, x);
    cr_assert(term_is_boxed_sub(x[3], SUB_EXPORT));
    x[0] = x[3];
    proc->live = 1;
    term info = bif_erlang_fun_info_1(proc, x); /* module, name, arity, env, type */
    term items[5];
    int n = 0;
    for (term l = info; term_is_list(l) && n < 5; l = CDR(l)) items[n++] = CAR(l);
    cr_assert_eq(n, 5);
    cr_assert_eq(tuple_elems(items[0])[1], AM(lists));
    cr_assert_eq(tuple_elems(items[2])[1], term_from_small(2));
    cr_assert_eq(tuple_elems(items[4])[1], AM(external));
    x[1] = AM(pid);
    proc->live = 2;
    term pid = bif_erlang_fun_info_2(proc, x);
    cr_assert_eq(tuple_elems(pid)[1], AM(undefined));
    x[1] = A_(A_a);
    cr_assert_eq(bif_erlang_fun_info_2(proc, x), TERM_NONE);
    cr_assert_eq(proc->exc_reason, AM(badarg));
}

Test(interp, halt_status) {
    term *x = proc->x;
    x[0] = term_from_small(3);
    cr_assert_eq(bif_erlang_halt_1(proc, x), TERM_NONE);
    cr_assert_eq(node_cur()->halt_status, 3);
    x[0] = A_(A_a);
    cr_assert_eq(bif_erlang_halt_1(proc, x), TERM_NONE);
    cr_assert_eq(proc->exc_reason, AM(badarg));
}

Test(interp, function_exported) {
    term *x = proc->x;
    x[0] = A_(A_m), x[1] = A_(A_fib), x[2] = term_from_small(1);
    cr_assert_eq(bif_erlang_function_exported_3(proc, x), AM_true);
    x[2] = term_from_small(2);
    cr_assert_eq(bif_erlang_function_exported_3(proc, x), AM_false);
    x[0] = AM(erlang), x[1] = A_(A_self), x[2] = term_from_small(0);
    cr_assert_eq(bif_erlang_function_exported_3(proc, x), AM_true);
}

Test(interp, bif_frames_print_like_erl) {
    /* {erlang, element, [5, a], []} then {m, fib, 1, []} */
    term args[4] = {term_from_small(5), 0, A_(A_a), TERM_NIL};
    args[1] = term_from_list_ptr(&args[2]);
    term l0 = term_from_list_ptr(args);
    term f0[5] = {make_header(SUB_TUPLE, 4), AM(erlang), atom_term("element", 7), l0, TERM_NIL};
    term f1[5] = {make_header(SUB_TUPLE, 4), AM(erlang), atom_term("system_time", 11), term_from_small(1), TERM_NIL};
    term c1[2] = {term_from_boxed_ptr(f1), TERM_NIL};
    term c0[2] = {term_from_boxed_ptr(f0), term_from_list_ptr(c1)};
    struct strbuf sb = STRBUF_INIT;
    error_format_uncaught(&sb, "moat", AM(error), AM(badarg), term_from_list_ptr(c0));
    cr_assert_str_eq(sb_cstr(&sb), "moat: exception error: bad argument\n"
                                   "  in function  element/2\n"
                                   "     called as element(5,a)\n"
                                   "  in call from erlang:system_time/1 \n");
    sb_free(&sb);
}

/* ---- TEMPORARY stand-ins for functions other engineers are writing ---- */
#define WEAK __attribute__((weak))
#define STUB_HEAP_WORDS 256

WEAK bool heap_init(struct proc *p, size_t words) {
    if (words < STUB_HEAP_WORDS) words = STUB_HEAP_WORDS;
    p->heap_start = mi_malloc(words * sizeof(term));
    if (!p->heap_start) return false;
    p->htop = p->high_water = p->heap_start;
    p->heap_end = p->stop = p->heap_start + words;
    return true;
}
WEAK void heap_destroy(struct proc *p) { mi_free(p->heap_start); }

/* A small copying collector (Cheney), so that these tests move objects
   and a term the interpreter forgot to root shows up as garbage. Knows
   tuples, conses, floats, funs and export funs: what the tests build. */
static term *gc_from_lo, *gc_from_hi, *gc_top;

static term gc_copy(term t) {
    if (term_is_list(t)) {
        term *c = term_list_ptr(t);
        if (c < gc_from_lo || c >= gc_from_hi) return t;
        if (c[0] == TERM_NONE) return c[1]; /* forwarded */
        term *n = gc_top;
        gc_top += 2;
        n[0] = c[0];
        n[1] = c[1];
        c[0] = TERM_NONE;
        c[1] = term_from_list_ptr(n);
        return c[1];
    }
    if (term_is_boxed(t)) {
        term *b = term_boxed_ptr(t);
        if (b < gc_from_lo || b >= gc_from_hi) return t;
        if (b[0] == TERM_NONE) return b[1];
        size_t words = boxed_words(b[0]);
        term *n = gc_top;
        gc_top += words;
        memcpy(n, b, words * sizeof(term));
        if (words >= 2) {
            b[0] = TERM_NONE;
            b[1] = term_from_boxed_ptr(n);
        }
        return term_from_boxed_ptr(n);
    }
    return t;
}

WEAK bool heap_gc(struct proc *p, size_t need) {
    size_t used = (size_t)(p->htop - p->heap_start), stack = (size_t)(p->heap_end - p->stop);
    size_t size = 2 * (used + stack + need) + STUB_HEAP_WORDS;
    term *nb = mi_malloc(size * sizeof(term));
    if (!nb) return false;
    term *nstop = nb + size - stack;
    memcpy(nstop, p->stop, stack * sizeof(term));
    gc_from_lo = p->heap_start;
    gc_from_hi = p->htop;
    gc_top = nb;
    for (uint32_t i = 0; i < p->live; i++) p->x[i] = gc_copy(p->x[i]);
    for (term *s = nstop; s < nb + size; s++)
        if (term_primary(*s) != TAG_HEADER) *s = gc_copy(*s);
    p->dict = gc_copy(p->dict);
    p->exc_class = gc_copy(p->exc_class);
    p->exc_reason = gc_copy(p->exc_reason);
    p->exc_trace = gc_copy(p->exc_trace);
    p->exc_args = gc_copy(p->exc_args);
    for (term *scan = nb; scan < gc_top;) {
        term w = *scan;
        if (term_primary(w) != TAG_HEADER) { /* a cons */
            scan[0] = gc_copy(scan[0]);
            scan[1] = gc_copy(scan[1]);
            scan += 2;
            continue;
        }
        size_t words = boxed_words(w);
        unsigned sub = header_sub(w);
        if (sub == SUB_TUPLE || sub == SUB_MAP)
            for (size_t i = 1; i < words; i++) scan[i] = gc_copy(scan[i]);
        else if (sub == SUB_FUN)
            for (size_t i = 2; i < words; i++) scan[i] = gc_copy(scan[i]);
        scan += words;
    }
    /* poison the old block: a stale pointer into it now reads garbage */
    memset(p->heap_start, 0xAB, (size_t)(p->heap_end - p->heap_start) * sizeof(term));
    mi_free(p->heap_start);
    p->heap_start = nb;
    p->htop = p->high_water = gc_top;
    p->heap_end = nb + size;
    p->stop = nstop;
    return (size_t)(p->stop - p->htop) >= need;
}
WEAK size_t heap_used_words(const struct proc *p) { return (size_t)(p->htop - p->heap_start); }
WEAK size_t heap_total_words(const struct proc *p) { return (size_t)(p->heap_end - p->heap_start); }
WEAK size_t term_size(term t) { return 0; }
WEAK term term_copy(term t, term **hp, term **offheap) { return t; }
WEAK void offheap_bin_release(struct offheap_bin *b) {}

WEAK term bif_erlang_add_2(struct proc *p, term *args) {
    if (term_is_small(args[0]) && term_is_small(args[1]))
        return term_from_small(term_to_small(args[0]) + term_to_small(args[1]));
    return raise_badarith(p);
}
WEAK term bif_erlang_sub_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_mul_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_fdiv_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_div_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_rem_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_band_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_bor_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_bxor_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_bsl_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_bsr_2(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_neg_1(struct proc *p, term *args) { return raise_badarith(p); }
WEAK term bif_erlang_bnot_1(struct proc *p, term *args) { return raise_badarith(p); }

static const struct bif_info stub_bifs[] = {
    {"erlang", "throw", 1, bif_erlang_throw_1, 0}, {"erlang", "put", 2, bif_erlang_put_2, 0},
    {"erlang", "get", 1, bif_erlang_get_1, 0},     {"erlang", "self", 0, bif_erlang_self_0, 0},
    {"erlang", "+", 2, bif_erlang_add_2, 0},       {"erlang", "exit", 1, bif_erlang_exit_1, 0},
    {"erlang", "make_fun", 3, bif_erlang_make_fun_3, 0},
};
WEAK void bif_init(void) {}
WEAK const struct bif_info *bif_lookup(term module, term name, unsigned arity) {
    for (size_t i = 0; i < sizeof stub_bifs / sizeof stub_bifs[0]; i++) {
        const struct bif_info *b = &stub_bifs[i];
        if (atom_term(b->module, strlen(b->module)) == module && atom_term(b->name, strlen(b->name)) == name &&
            b->arity == arity)
            return b;
    }
    return NULL;
}

WEAK int term_compare(term a, term b) { return a < b ? -1 : a > b; }
WEAK bool term_eq(term a, term b) { return a == b; }
WEAK bool term_eq_exact(term a, term b) { return a == b; }
WEAK term map_get(term map, term key) { return TERM_NONE; }
WEAK term map_update(struct proc *p, term *map, term *kv, uint32_t n, bool exact) { return raise_badarg(p); }
WEAK bool bin_view(term t, struct bin_view *v) { return false; }
WEAK term bin_alloc(struct proc *p, size_t bytes, uint8_t **data) { return raise_system_limit(p); }
WEAK term bits_create(struct proc *p, const struct bs_seg *segs, uint32_t n) { return raise_badarg(p); }
WEAK term bits_start_match(term t, term **hp) { return TERM_NONE; }
WEAK uint64_t bits_remaining(term ctx) { return 0; }
WEAK term bits_get_integer(term ctx, uint64_t nbits, uint32_t flags, term **hp) { return TERM_NONE; }
WEAK term bits_get_float(term ctx, uint64_t nbits, uint32_t flags, term **hp) { return TERM_NONE; }
WEAK term bits_get_binary(term ctx, uint64_t nbits, term **hp) { return TERM_NONE; }
WEAK term bits_get_utf8(term ctx) { return TERM_NONE; }
WEAK term bits_get_utf16(term ctx, uint32_t flags) { return TERM_NONE; }
WEAK term bits_get_utf32(term ctx, uint32_t flags) { return TERM_NONE; }
WEAK bool bits_skip(term ctx, uint64_t nbits) { return false; }
WEAK bool bits_match_string(term ctx, const uint8_t *bytes, uint64_t nbits) { return false; }
WEAK term bits_get_tail(term ctx, term **hp) { return TERM_NONE; }
WEAK term bits_get_position(term ctx) { return term_from_small(0); }
WEAK void bits_set_position(term ctx, term pos) {}
WEAK bool etf_decode_size(const uint8_t *buf, size_t len, size_t *words, size_t *used) { return false; }
WEAK term etf_decode(const uint8_t *buf, size_t len, term **hp, term **offheap) { return TERM_NONE; }

WEAK void print_atom(struct strbuf *sb, term atom) {
    size_t len;
    const char *t = atom_text(term_to_atom(atom), &len);
    sb_append(sb, t, len);
}
WEAK void print_term(struct strbuf *sb, term t, int depth) {
    if (term_is_small(t)) sb_printf(sb, "%lld", (long long)term_to_small(t));
    else if (term_is_atom(t)) print_atom(sb, t);
    else if (t == TERM_NIL) sb_puts(sb, "[]");
    else if (term_is_list(t)) {
        sb_putc(sb, '[');
        for (; term_is_list(t); t = CDR(t)) {
            print_term(sb, CAR(t), depth);
            if (term_is_list(CDR(t))) sb_putc(sb, ',');
        }
        sb_putc(sb, ']');
    } else sb_puts(sb, "?");
}
WEAK void print_pretty(struct strbuf *sb, term t, int column, int line_length, int depth, bool unicode) {
    print_term(sb, t, depth);
}
WEAK struct gen_module *compile_source(const char *file, const char *src, size_t len, const void *opts, void *d) {
    return NULL;
}
WEAK void diags_print(const void *d, void *f) {}
WEAK void diags_free(void *d) {}
WEAK void gen_module_free(struct gen_module *m) {}
