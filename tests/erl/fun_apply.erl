-module(fun_apply).
-export([main/1, add/2, zero/0]).

add(A, B) -> A + B.
zero() -> 0.

t(Name, F) ->
    io:format("~s: ~p~n", [Name, try F() catch C:R -> {C, hide_funs(R)} end]).

%% Funs print as #Fun<...> with a build-dependent suffix: replace them.
hide_funs(F) when is_function(F) -> {'fun', element(2, erlang:fun_info(F, arity))};
hide_funs(T) when is_tuple(T) -> list_to_tuple(hide_funs(tuple_to_list(T)));
hide_funs([H | T]) -> [hide_funs(H) | hide_funs(T)];
hide_funs(X) -> X.

main(_) ->
    t("apply/2 fun", fun() -> apply(fun(X, Y) -> X * Y end, [6, 7]) end),
    t("apply/3", fun() -> apply(?MODULE, add, [1, 2]) end),
    t("apply/3 lists", fun() -> apply(lists, seq, [1, 4]) end),
    t("apply/3 erlang", fun() -> apply(erlang, atom_to_list, [abc]) end),
    t("apply zero args", fun() -> apply(?MODULE, zero, []) end),
    t("dynamic call", fun() -> M = id(lists), F = id(max), M:F([3, 9, 2]) end),
    t("erlang:apply", fun() -> erlang:apply(fun length/1, [[a, b]]) end),
    t("badfun atom", fun() -> (id(not_a_fun))(1) end),
    t("badfun tuple", fun() -> (id({a, b}))() end),
    t("badarity 0", fun() -> (id(fun(X) -> X end))() end),
    t("badarity 2", fun() -> (id(fun(X) -> X end))(1, 2) end),
    t("apply badarity", fun() -> apply(id(fun() -> ok end), [1]) end),
    t("undef function", fun() -> apply(?MODULE, no_such_fun, [1]) end),
    t("undef module", fun() -> apply(id(no_such_module_xyz), f, []) end),
    t("function_clause in fun", fun() -> (id(fun(1) -> one end))(2) end),
    t("apply non-list args", fun() -> apply(?MODULE, add, id(bad)) end),
    t("local fun in map", fun() -> lists:map(fun add/2, [1]) end).

id(X) -> X.
