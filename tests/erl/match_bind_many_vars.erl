-module(match_bind_many_vars).
-export([main/1]).
%% X = Expr where Expr binds new variables (an alias pattern in a case clause)
%% in a function with about 32 variables: X must be bound afterwards.

main(_) ->
    V0 = id(0),
    V1 = id(1),
    V2 = id(2),
    V3 = id(3),
    V4 = id(4),
    V5 = id(5),
    V6 = id(6),
    V7 = id(7),
    V8 = id(8),
    V9 = id(9),
    V10 = id(10),
    V11 = id(11),
    V12 = id(12),
    V13 = id(13),
    V14 = id(14),
    V15 = id(15),
    V16 = id(16),
    V17 = id(17),
    V18 = id(18),
    V19 = id(19),
    V20 = id(20),
    V21 = id(21),
    V22 = id(22),
    V23 = id(23),
    V24 = id(24),
    V25 = id(25),
    V26 = id(26),
    V27 = id(27),
    V28 = id(28),
    V29 = id(29),
    R1 = case id({k, 1}) of {k, 2} = M2 -> M2; {k, 1} = M1 -> M1 end,
    io:format("~p~n", [R1]),
    R2 = case id([a, b]) of [H | T] = L -> {H, T, L} end,
    io:format("~p~n", [R2]),
    R3 = begin {P, Q} = id({1, 2}), P + Q end,
    io:format("~p~n", [R3]),
    io:format("~p~n", [lists:sum([V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29])]).

id(X) -> X.
