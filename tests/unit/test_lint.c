/* Unit tests of the linter (compile_lint): each module's diagnostics are
   compared with what erlc 25 prints for it (+brief), in erlc's order
   (parse errors, then lint errors, then warnings, each by position). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "compiler.h"
#include "strbuf.h"

/* All diagnostics of parse + lint, as erlc +brief prints them. */
static char *lint_output(const char *file, const char *src) {
    static char buf[16384];
    struct diags d = {0};
    struct ast_module *m = compile_parse(file, src, strlen(src), NULL, &d);
    if (m) compile_lint(m, &d);
    struct strbuf sb = STRBUF_INIT;
    for (uint32_t i = 0; i < d.count; i++)
        sb_printf(&sb, "%s:%u:%u: %s%s\n", d.items[i].file, d.items[i].line, d.items[i].col,
                  d.items[i].warning ? "Warning: " : "", d.items[i].message);
    snprintf(buf, sizeof buf, "%s", sb.data ? sb_cstr(&sb) : "");
    sb_free(&sb);
    diags_free(&d);
    ast_module_free(m);
    return buf;
}

Test(lint, mixed_errors_sorted_like_erlc) {
    const char *src =
    "-module(l1).\n"
    "-export([f/1, g/0, h/1, u/0]).\n"
    "-record(r, {a = 1 :: integer(), b}).\n"
    "f(X) ->\n"
    "    case X of\n"
    "        1 -> Y = 1;\n"
    "        2 -> ok\n"
    "    end,\n"
    "    Y.\n"
    "g() ->\n"
    "    F = fun(X) -> X end,\n"
    "    X = 2,\n"
    "    G = fun(X) -> X + 1 end,\n"
    "    {F, G, X, #q{}, #r{c = 1}}.\n"
    "h(X) when length(X) > 0, foo(X) -> _Z = 1, _Z;\n"
    "h(X) -> fun(Z) -> Z end, k(1).\n"
    "h(a, b) -> ok.\n"
    "w() -> ok.\n"
    "u() -> try ok of A -> A catch _:R -> R end, R.\n"
    "f(1) -> ok.\n";
    const char *want =
    "l1.erl:9:5: variable 'Y' unsafe in 'case' (line 5, column 5)\n"
    "l1.erl:14:15: record q undefined\n"
    "l1.erl:14:24: field c undefined in record r\n"
    "l1.erl:15:26: illegal guard expression\n"
    "l1.erl:16:26: function k/1 undefined\n"
    "l1.erl:19:45: variable 'R' unsafe in 'try' (line 19, column 8)\n"
    "l1.erl:20:1: function f/1 already defined\n"
    "l1.erl:13:13: Warning: variable 'X' shadowed in 'fun'\n"
    "l1.erl:16:3: Warning: variable 'X' is unused\n"
    "l1.erl:17:1: Warning: function h/2 is unused\n"
    "l1.erl:18:1: Warning: function w/0 is unused\n";
    cr_assert_str_eq(lint_output("l1.erl", src), want);
}

Test(lint, scoping_exports_and_bifs) {
    const char *src =
    "-module(v1).\n"
    "-export([a/1, b/1, c/1, d/1, e/1, f/1, g/1, h/1, i/0, j/1, length/1, k/1]).\n"
    "-compile(export_all).\n"
    "a(X) -> case X of 1 -> Y = 1, Z = 2; _ -> Y = 2 end, Y.\n"
    "b(X) -> {Q, Q, Q}, X.\n"
    "c(X) -> [Y || Y <- X], Y2 = fun(X) -> X end, Y2.\n"
    "d(X) -> if X > 1 -> W = 1; true -> ok end, W.\n"
    "e(X) -> receive X -> V = 1 after 10 -> V = 2 end, V.\n"
    "f(X) -> catch (U = X), U.\n"
    "g(X) -> {S = 1, S}, fun length/1, fun foo/2, X.\n"
    "h(<<X:Sz/binary, Sz:8>>) -> X.\n"
    "i() -> F = fun F(0) -> 1; F(N) -> N * F(N-1) end, F.\n"
    "j(X) -> length(X).\n"
    "length(X) -> X.\n"
    "k(X) -> [Z || {Z, Z} <- X, Z2 <- [Z]].\n";
    const char *want =
    "v1.erl:5:10: variable 'Q' is unbound\n"
    "v1.erl:5:13: variable 'Q' is unbound\n"
    "v1.erl:5:16: variable 'Q' is unbound\n"
    "v1.erl:7:44: variable 'W' unsafe in 'if' (line 7, column 9)\n"
    "v1.erl:9:24: variable 'U' unsafe in 'catch' (line 9, column 9)\n"
    "v1.erl:10:17: variable 'S' is unbound\n"
    "v1.erl:10:35: function foo/2 undefined\n"
    "v1.erl:11:7: variable 'Sz' is unbound\n"
    "v1.erl:13:9: ambiguous call of overridden pre R14 auto-imported BIF length/1\n"
    " - use erlang:length/1 or \"-compile({no_auto_import,[length/1]}).\" to resolve name clash\n"
    "v1.erl:3:2: Warning: export_all flag enabled - all functions will be exported\n"
    "v1.erl:4:31: Warning: variable 'Z' is unused\n"
    "v1.erl:6:33: Warning: variable 'X' shadowed in 'fun'\n"
    "v1.erl:15:28: Warning: variable 'Z2' is unused\n";
    cr_assert_str_eq(lint_output("v1.erl", src), want);
}

Test(lint, guards_patterns_named_funs) {
    const char *src =
    "-module(v2).\n"
    "-export([a/1, b/1, c/1, d/1, e/1, f/2, g/1, h/1]).\n"
    "-compile({no_auto_import, [length/1]}).\n"
    "a(X) -> [X || X <- X].\n"
    "b(F) -> fun F(0) -> 1 end.\n"
    "c(X) -> case X of {A, B} -> A; [A] -> ok end, A.\n"
    "d(X) when X =:= 1; is_list(X), length(X) > 1 -> ok;\n"
    "d(X) when X = 1 -> ok.\n"
    "e(X) -> case X of f(1) -> ok; X + 1 -> ok; 1 + 2 -> ok; -1 -> ok; \"a\" ++ T -> T; <<\"x\", R/binary>> -> R; #{a := 1} -> ok end.\n"
    "f(X, Y) -> X ! Y, X:Y(), X:foo(), (fun() -> 1 end)(), try X of _ -> ok after ok end.\n"
    "g(X) -> length(X).\n"
    "length(X) -> X.\n"
    "h(X) -> R = #r.a, X#r.b, X#r{a = 1}, R.\n";
    const char *want =
    "v2.erl:7:32: call to local/imported function length/1 is illegal in guard\n"
    "v2.erl:8:11: illegal guard expression\n"
    "v2.erl:9:19: illegal pattern\n"
    "v2.erl:9:33: illegal pattern\n"
    "v2.erl:13:13: record r undefined\n"
    "v2.erl:13:20: record r undefined\n"
    "v2.erl:13:27: record r undefined\n"
    "v2.erl:4:15: Warning: variable 'X' shadowed in generate\n"
    "v2.erl:5:3: Warning: variable 'F' is unused\n"
    "v2.erl:5:9: Warning: variable 'F' is unused\n"
    "v2.erl:5:9: Warning: variable 'F' shadowed in 'named fun'\n"
    "v2.erl:6:23: Warning: variable 'B' is unused\n"
    "v2.erl:8:3: Warning: variable 'X' is unused\n";
    cr_assert_str_eq(lint_output("v2.erl", src), want);
}

Test(lint, overridden_bif_and_illegal_expr) {
    const char *src =
    "-module(v3).\n"
    "-export([a/1, b/1, c/0]).\n"
    "a(X) -> binary_part(X, 1).\n"
    "binary_part(X, Y) -> {X, Y}.\n"
    "b(X) -> X:foo, undefined_fn(X), {fun undefined_fn/1}.\n"
    "c() -> X = 1, X = 2, fun(Y) -> Y end, fun(_Y) -> _Y end.\n";
    const char *want =
    "v3.erl:5:9: illegal expression\n"
    "v3.erl:5:16: function undefined_fn/1 undefined\n"
    "v3.erl:5:34: function undefined_fn/1 undefined\n"
    "v3.erl:3:9: Warning: ambiguous call of overridden auto-imported BIF binary_part/2\n"
    " - use erlang:binary_part/2 or \"-compile({no_auto_import,[binary_part/2]}).\" to resolve name clash\n";
    cr_assert_str_eq(lint_output("v3.erl", src), want);
}

Test(lint, types_specs_and_unused_records) {
    const char *src =
    "-module(ty).\n"
    "-export([f/1]).\n"
    "-export_type([e/0]).\n"
    "-record(unused_rec, {a}).\n"
    "-record(used_in_type, {a :: integer()}).\n"
    "-type t() :: integer().\n"
    "-type u(A) :: {A, v()}.\n"
    "-type e() :: #used_in_type{}.\n"
    "-opaque o() :: atom().\n"
    "-spec f(X) -> w(X, integer()) when X :: lists:foo().\n"
    "f(X) -> X.\n"
    "-spec g() -> ok.\n";
    const char *want =
    "ty.erl:7:19: type v() undefined\n"
    "ty.erl:10:15: type w(_,_) undefined\n"
    "ty.erl:12:2: spec for undefined function g/0\n"
    "ty.erl:4:2: Warning: record unused_rec is unused\n"
    "ty.erl:6:2: Warning: type t() is unused\n"
    "ty.erl:7:2: Warning: type u(_) is unused\n"
    "ty.erl:9:2: Warning: opaque type o() is not exported\n"
    "ty.erl:9:2: Warning: type o() is unused\n";
    cr_assert_str_eq(lint_output("ty.erl", src), want);
}

Test(lint, tab_counts_one_column) {
    const char *src =
    "-module(t3).\n"
    "-export([f/0]).\n"
    "f() ->\n"
    "	X = 1, 	 Y.\n";
    const char *want =
    "t3.erl:4:11: variable 'Y' is unbound\n"
    "t3.erl:4:2: Warning: variable 'X' is unused\n";
    cr_assert_str_eq(lint_output("t3.erl", src), want);
}

Test(lint, deprecated_calls) {
    const char *src =
    "-module(dep).\n"
    "-export([f/0]).\n"
    "f() -> {now(), erlang:now(), erlang:get_stacktrace(), random:uniform(), erlang:phash(a, 1)}.\n";
    const char *want =
    "dep.erl:3:9: Warning: erlang:now/0 is deprecated; see the \"Time and Time Correction in Erlang\" chapter of the ERTS User's Guide for more information\n"
    "dep.erl:3:16: Warning: erlang:now/0 is deprecated; see the \"Time and Time Correction in Erlang\" chapter of the ERTS User's Guide for more information\n"
    "dep.erl:3:30: Warning: erlang:get_stacktrace/0 is removed; use the new try/catch syntax for retrieving the stack backtrace\n"
    "dep.erl:3:55: Warning: random:uniform/0 is deprecated; use the 'rand' module instead\n"
    "dep.erl:3:73: Warning: erlang:phash/2 is deprecated; use erlang:phash2/2 instead\n";
    cr_assert_str_eq(lint_output("dep.erl", src), want);
}

Test(lint, unbound_and_unsafe) {
    const char *src =
    "-module(scope).\n"
    "-export([a/1, b/1, c/1, d/1, e/2, f/1, g/0]).\n"
    "a(X) -> case X of 1 -> Y = 1; _ -> Y = 2 end, Y.\n"
    "b(X) -> receive {X, M} -> ok; _ -> M = 1 end, M.\n"
    "c(L) -> [Y || {Y, _} <- L], Y.\n"
    "d(X) -> F = fun(Z) -> Z + X end, F(Z).\n"
    "e(A, B) -> try A of {ok, V} -> V catch _:_ -> B end.\n"
    "f(X) -> begin Y = X end, Y.\n"
    "g() -> X = 1, fun() -> X = 2 end.\n";
    const char *want =
    "scope.erl:5:29: variable 'Y' is unbound\n"
    "scope.erl:6:36: variable 'Z' is unbound\n";
    cr_assert_str_eq(lint_output("scope.erl", src), want);
}

Test(lint, guard_expressions) {
    const char *src =
    "-module(guards).\n"
    "-export([a/1, b/1, c/1]).\n"
    "-record(r, {f}).\n"
    "a(X) when is_integer(X), X > 0; is_atom(X) -> ok;\n"
    "a(X) when erlang:is_list(X), length(X) > 0, element(1, {X}) =:= X -> ok;\n"
    "a(X) when X#r.f =:= 1, is_record(X, r) -> ok.\n"
    "b(X) when X ! 1 -> ok;\n"
    "b(X) when self() =:= X, node() =:= node(X) -> ok;\n"
    "b(X) when (case X of _ -> true end) -> ok.\n"
    "c(#r{f = F, g = G}) -> {F, G};\n"
    "c(<<A:4, B/bits, C:4>>) -> {A, B, C}.\n";
    const char *want =
    "guards.erl:7:13: illegal guard expression\n"
    "guards.erl:9:12: illegal guard expression\n"
    "guards.erl:10:13: field g undefined in record r\n"
    "guards.erl:10:25: variable 'F' is unbound\n"
    "guards.erl:10:28: variable 'G' is unbound\n"
    "guards.erl:11:10: a binary field without size is only allowed at the end of a binary pattern\n"
    "guards.erl:9:3: Warning: variable 'X' is unused\n";
    cr_assert_str_eq(lint_output("guards.erl", src), want);
}

Test(lint, unused_functions_by_reachability) {
    const char *src =
    "-module(funcs).\n"
    "-export([a/0, missing/2]).\n"
    "-import(lists, [reverse/1]).\n"
    "-compile({nowarn_unused_function, [quiet/0]}).\n"
    "a() -> reverse([b(), self(), spawn(fun() -> ok end), apply(funcs, a, [])]).\n"
    "b() -> c().\n"
    "c() -> b().\n"
    "d() -> e().\n"
    "e() -> d().\n"
    "quiet() -> ok.\n";
    const char *want =
    "funcs.erl:2:2: function missing/2 undefined\n"
    "funcs.erl:8:1: Warning: function d/0 is unused\n"
    "funcs.erl:9:1: Warning: function e/0 is unused\n";
    cr_assert_str_eq(lint_output("funcs.erl", src), want);
}

Test(lint, call_in_function_head) {
    const char *src =
    "-module(l2).\n"
    "-export([f/1, g/1]).\n"
    "f(g(X)) -> X.\n"
    "g(X) -> case X of h(Y) -> Y; [A|B] when A -> B end.\n";
    const char *want =
    "l2.erl:3:4: syntax error before: '('\n"
    "l2.erl:2:2: function f/1 undefined\n"
    "l2.erl:4:19: illegal pattern\n"
    "l2.erl:4:27: variable 'Y' is unbound\n";
    cr_assert_str_eq(lint_output("l2.erl", src), want);
}

Test(lint, head_mismatch) {
    const char *src =
    "-module(l3).\n"
    "-export([f/1, g/1]).\n"
    "f(X) -> Y = 1, X;\n"
    "g(X) -> X.\n";
    const char *want =
    "l3.erl:4:1: head mismatch\n"
    "l3.erl:2:2: function f/1 undefined\n"
    "l3.erl:2:2: function g/1 undefined\n";
    cr_assert_str_eq(lint_output("l3.erl", src), want);
}

/* Records of an included file are never reported unused (erlc neither);
   the module's own still are. */
Test(lint, unused_records_of_included_files_are_not_reported) {
    char dir[] = "/tmp/moat_lint_XXXXXX";
    cr_assert_not_null(mkdtemp(dir));
    char hrl[64], erl[64];
    snprintf(hrl, sizeof hrl, "%s/inc.hrl", dir);
    snprintf(erl, sizeof erl, "%s/ir.erl", dir);
    FILE *f = fopen(hrl, "w");
    cr_assert_not_null(f);
    fputs("-record(from_hrl, {a}).\n-record(used_hrl, {b}).\n", f);
    fclose(f);
    const char *src =
    "-module(ir).\n"
    "-export([f/0]).\n"
    "-include(\"inc.hrl\").\n"
    "-record(own, {c}).\n"
    "f() -> #used_hrl{b = 1}.\n";
    char want[128];
    snprintf(want, sizeof want, "%s:4:2: Warning: record own is unused\n", erl);
    cr_assert_str_eq(lint_output(erl, src), want);
    remove(hrl);
    rmdir(dir);
}
