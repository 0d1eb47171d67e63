%% List comprehensions compiled to body-recursive functions: element
%% order, the order of side effects, guard and non-guard filters,
%% bad_filter and bad_generator (with the lifted function's name in the
%% stack trace), patterns that skip, nested and dependent generators,
%% names from outside, shadowing, tail position, long lists, funs.
-module(lc_lifted).
-export([main/1]).
-record(r, {a, b}).

%% The class, the reason, and whether the top frame is a lifted
%% comprehension (the numbers in its name are erl's own counters).
trace_top(F) ->
    try F() of V -> {value, V}
    catch C:R:S ->
        [{_, Name, _, _} | _] = S,
        {C, R, lists:prefix("-main/1-lc$^", atom_to_list(Name))}
    end.

shadow() ->
    X = 100,
    io:format("~p~n", [[X || X <- [1, 2]]]),
    io:format("~p ~p~n", [X, [{X, Y} || Y <- [1, 2]]]).

tail(L, K) -> [X * K || X <- L, X rem 2 =:= 0].

deep(N) -> length([X + 1 || X <- lists:seq(1, N)]).

main(_) ->
    L = [3, 1, 4, 1, 5, 9, 2, 6],
    io:format("~p~n", [[X * 2 || X <- L]]),
    io:format("~p~n", [[X || X <- L, X > 2, X < 9]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b], X =/= 2]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- lists:seq(1, X)]]),
    io:format("~p~n", [[X || {ok, X} <- [{ok, 1}, error, {ok, 2}, {ok}, 3]]]),
    io:format("~p~n", [[A || #r{a = A, b = 1} <- [#r{a = x, b = 1}, #r{a = y, b = 2}, #r{a = z, b = 1}]]]),
    K = 10,
    io:format("~p~n", [[X + K || X <- L, X > K div 5]]),
    io:format("~p~n", [tail(L, 3)]),
    %% side effects in element order
    [io:format("e~p ", [X]) || X <- [1, 2, 3]],
    io:format("~n"),
    _ = [io:format("f~p ", [X]) || X <- [1, 2, 3], (io:format("t~p ", [X]) =:= ok) andalso X =/= 2],
    io:format("~n"),
    %% a non-guard filter
    IsSmall = fun(X) -> X < 4 end,
    io:format("~p~n", [[X || X <- L, IsSmall(X)]]),
    io:format("~p~n", [[X || X <- L, not lists:member(X, [1, 9])]]),
    %% a guard filter that raises is false
    io:format("~p~n", [[X || X <- [1, a, 2], X + 1 > 1]]),
    %% a guard filter after a non-guard one
    io:format("~p~n", [[X || X <- L, IsSmall(X), X > 1]]),
    %% shadowing: the generator's X is a new name
    shadow(),
    %% funs inside, comprehensions inside
    Adders = [fun(Y) -> Y + N end || N <- [1, 2, 3]],
    io:format("~p~n", [[F(10) || F <- Adders]]),
    io:format("~p~n", [[[Y * Z || Y <- [1, 2]] || Z <- [1, 10]]]),
    io:format("~p~n", [[length([Y || Y <- L, Y > Z]) || Z <- [0, 3, 10]]]),
    %% strings and empty inputs
    io:format("~p~n", [[C - 32 || C <- "abc"]]),
    io:format("~p~n", [[X || X <- []]]),
    io:format("~p~n", [[{X, Y} || X <- [], Y <- [1]]]),
    io:format("~p~n", [[{X, Y} || X <- [1], Y <- []]]),
    io:format("~p~n", [deep(1000000)]),
    %% errors
    io:format("~p~n", [trace_top(fun() -> [X || X <- foo] end)]),
    io:format("~p~n", [trace_top(fun() -> [X || X <- [1, 2 | bar]] end)]),
    io:format("~p~n", [trace_top(fun() -> [X || X <- [1, 2], IsSmall] end)]),
    io:format("~p~n", [trace_top(fun() -> [X || X <- [1, 2], begin X end] end)]),
    io:format("~p~n", [trace_top(fun() -> [Y || X <- [1], Y <- X] end)]),
    io:format("~p~n", [trace_top(fun() -> [1 / X || X <- [0]] end)]),
    ok.
