%% ets: insert 1,000,000 {I, I*2} into a set table, then look each up.
-module(ets_set).
-export([main/1]).

-define(N, 1000000).

insert(_T, 0) -> ok;
insert(T, I) ->
    ets:insert(T, {I, I * 2}),
    insert(T, I - 1).

lookup(_T, 0, Sum) -> Sum;
lookup(T, I, Sum) ->
    [{_, V}] = ets:lookup(T, I),
    lookup(T, I - 1, Sum + V).

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    T = ets:new(bench, [set]),
    ok = insert(T, ?N),
    Sum = lookup(T, ?N, 0),
    Sum = ?N * (?N + 1),
    T1 = erlang:monotonic_time(microsecond),
    io:format("ets: ~w us~n", [T1 - T0]).
