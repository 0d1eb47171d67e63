%% Binary trees, depth 18: allocation and garbage collection.
-module(bintrees).
-export([main/1]).

make(0) -> {nil, nil};
make(D) -> {make(D - 1), make(D - 1)}.

check({nil, nil}) -> 1;
check({L, R}) -> 1 + check(L) + check(R).

iterate(0, _, Acc) -> Acc;
iterate(N, D, Acc) -> iterate(N - 1, D, Acc + check(make(D))).

depths(D, Max, Acc) when D > Max -> Acc;
depths(D, Max, Acc) ->
    N = 1 bsl (Max - D + 4),
    depths(D + 2, Max, Acc + iterate(N, D, 0)).

main(_) ->
    Max = 18,
    T0 = erlang:monotonic_time(microsecond),
    Long = make(Max),
    Stretch = check(make(Max + 1)),
    Sum = depths(4, Max, 0),
    LongCheck = check(Long),
    T1 = erlang:monotonic_time(microsecond),
    true = Stretch > 0 andalso Sum > 0 andalso LongCheck > 0,
    io:format("bintrees: ~w us~n", [T1 - T0]).
