%% Quicksort of 200,000 pseudo-random integers (a fixed LCG, so the same
%% input everywhere): list comprehensions and allocation.
-module(qsort).
-export([main/1]).

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

randoms(0, _, Acc) -> Acc;
randoms(N, S, Acc) ->
    S1 = (S * 1103515245 + 12345) band 16#7FFFFFFF,
    randoms(N - 1, S1, [S1 rem 1000000 | Acc]).

main(_) ->
    L = randoms(200000, 42, []),
    T0 = erlang:monotonic_time(microsecond),
    S = qsort(L),
    T1 = erlang:monotonic_time(microsecond),
    200000 = length(S),
    io:format("qsort: ~w us~n", [T1 - T0]).
