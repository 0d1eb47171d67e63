%% binary-trees (benchmarks game): allocate and walk perfect binary trees.
-module(binary_trees).
-export([main/1]).

-define(MIN_DEPTH, 4).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 12 end,
    Max = max(?MIN_DEPTH + 2, N),
    Stretch = Max + 1,
    io:format("stretch tree of depth ~w\t check: ~w~n", [Stretch, check(make(Stretch))]),
    Long = make(Max),
    depths(?MIN_DEPTH, Max),
    io:format("long lived tree of depth ~w\t check: ~w~n", [Max, check(Long)]).

depths(D, Max) when D > Max -> ok;
depths(D, Max) ->
    Iterations = 1 bsl (Max - D + ?MIN_DEPTH),
    Check = iterate(Iterations, D, 0),
    io:format("~w\t trees of depth ~w\t check: ~w~n", [Iterations, D, Check]),
    depths(D + 2, Max).

iterate(0, _, Acc) -> Acc;
iterate(I, D, Acc) -> iterate(I - 1, D, Acc + check(make(D))).

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, _}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).
