-module(scope_vars).
-export([main/1]).
%% Variable scoping: bindings exported from case/if/receive branches, fun parameters shadowing.

main(_) ->
    X = 1,
    case id(a) of
        a -> Y = 10;
        b -> Y = 20
    end,
    io:format("~p~n", [X + Y]),
    if X > 0 -> Z = pos; true -> Z = nonpos end,
    io:format("~p~n", [Z]),
    F = fun(X1) -> X1 * 2 end,
    io:format("~p~n", [F(5)]),
    G = fun() -> X + 100 end,
    io:format("~p~n", [G()]),
    Res = try V = id(7), V * 2 catch _ -> 0 end,
    io:format("~p~n", [Res]),
    L = [X2 * 10 || X2 <- [1, 2, 3]],
    io:format("~p~n", [L]),
    {A, B} = begin T = {3, 4}, T end,
    io:format("~p~n", [{A, B, T}]),
    W = case id(3) of N when N > 2 -> M = N * 2, M + 1; N -> M = N, M end,
    io:format("~p ~p ~p~n", [W, N, M]),
    H = fun(P) -> case P of {Q, R} -> Q + R; Q -> Q end end,
    io:format("~p~n", [[H({1, 2}), H(5)]]),
    Count = lists:foldl(fun(E, Acc) -> Acc + E end, 0, [X, Y]),
    io:format("~p~n", [Count]).

id(V) -> V.
