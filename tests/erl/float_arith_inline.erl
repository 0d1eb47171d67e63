%% Float arithmetic and comparison in the interpreter's fast paths: float
%% with float, float with small integer, results that overflow (badarith),
%% division by zero, bignum operands (the slow path), and order of floats
%% against integers and each other.
-module(float_arith_inline).
-export([main/1]).

ops(A, B) ->
    [catch A + B, catch A - B, catch A * B, catch A / B, A < B, A >= B, A == B, A =:= B].

strip({'EXIT', {R, _}}) -> {'EXIT', R};
strip(X) -> X.

main(_) ->
    L = [1.5, -2.25, 0.0, -0.0, 3, -7, 1.0e300, 4.9e-324, 1 bsl 70, 0.1],
    [io:format("~w ~w ~w~n", [A, B, [strip(R) || R <- ops(A, B)]]) || A <- L, B <- L],
    %% a loop that keeps the heap busy: many small float results
    F = fun Loop(0, Acc) -> Acc; Loop(N, Acc) -> Loop(N - 1, Acc * 1.0000001 + 0.5 - N / 3) end,
    io:format("~.6f~n", [F(100000, 1.0)]),
    io:format("~w~n", [lists:sum([X * 0.5 || X <- lists:seq(1, 1000)])]).
