%% Large maps: 100,000 integer keys put one at a time (maps:put), then
%% each looked up once. O(n log n) with HAMTs; flat maps made it O(n^2).
-module(map_insert).
-export([main/1]).

main(_) ->
    N = 100000,
    T0 = erlang:monotonic_time(microsecond),
    M = ins(0, N, #{}),
    N = look(0, N, M, 0),
    T1 = erlang:monotonic_time(microsecond),
    io:format("map_insert: ~w us~n", [T1 - T0]).

ins(N, N, M) -> M;
ins(I, N, M) -> ins(I + 1, N, maps:put(I, I, M)).

look(N, N, _, C) -> C;
look(I, N, M, C) -> look(I + 1, N, M, C + maps:get(I, M) - I + 1).
