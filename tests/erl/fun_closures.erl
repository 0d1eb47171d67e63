-module(fun_closures).
-export([main/1]).
%% Closures capturing many variables, returning funs from funs, funs in data structures.

curry(F) -> fun(A) -> fun(B) -> F(A, B) end end.

pipeline(Fs) -> fun(X) -> lists:foldl(fun(F, Acc) -> F(Acc) end, X, Fs) end.

memo_fib(N) -> element(1, fib(N, #{})).
fib(N, M) when N < 2 -> {N, M};
fib(N, M) ->
    case M of
        #{N := V} -> {V, M};
        _ -> {A, M1} = fib(N - 1, M), {B, M2} = fib(N - 2, M1), {A + B, M2#{N => A + B}}
    end.

main(_) ->
    A = 1, B = [2, 3], C = {four}, D = <<"five">>, E = #{six => 6},
    All = fun() -> {A, B, C, D, E} end,
    io:format("~p~n", [All()]),
    Add = curry(fun(X, Y) -> X + Y end),
    io:format("~p~n", [(Add(3))(4)]),
    P = pipeline([fun(X) -> X + 1 end, fun(X) -> X * 10 end, fun integer_to_list/1]),
    io:format("~p~n", [P(4)]),
    Ops = #{add => fun erlang:'+'/2, sub => fun erlang:'-'/2, mul => fun erlang:'*'/2},
    io:format("~p~n", [[{K, (maps:get(K, Ops))(7, 3)} || K <- [add, mul, sub]]]),
    Counters = [fun() -> N * N end || N <- [1, 2, 3]],
    io:format("~p~n", [[F() || F <- Counters]]),
    io:format("~p~n", [memo_fib(90)]),
    Shadow = fun(A1) -> fun(A2) -> A1 - A2 end end,
    io:format("~p~n", [(Shadow(10))(3)]),
    X = 5,
    F2 = fun(X1) -> X1 + X end,
    io:format("~p~n", [F2(1)]),
    Acc = lists:foldl(fun(I, Fs) -> [fun() -> I end | Fs] end, [], [a, b, c]),
    io:format("~p~n", [[G() || G <- Acc]]),
    io:format("~p~n", [lists:sort(fun(L, R) -> L > R end, [3, 1, 2])]),
    Compose = lists:foldl(fun(F, G) -> fun(V) -> F(G(V)) end end, fun(V) -> V end,
                          [fun(V) -> V + 1 end, fun(V) -> V * 2 end]),
    io:format("~p~n", [Compose(5)]).
