%% Build a 500,000-element list of pseudo-random integers and sort it.
-module(listsort).
-export([main/1]).

build(0, _, Acc) -> Acc;
build(N, X, Acc) ->
    Y = (X * 1103515245 + 12345) band 16#7FFFFFFF,
    build(N - 1, Y, [Y | Acc]).

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    L = build(500000, 42, []),
    S = lists:sort(L),
    T1 = erlang:monotonic_time(microsecond),
    500000 = length(S),
    io:format("listsort: ~w us~n", [T1 - T0]).
