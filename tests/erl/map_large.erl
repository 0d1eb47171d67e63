-module(map_large).
-export([main/1]).
%% Maps with more than 32 keys: only order-independent results are printed.

main(_) ->
    M = maps:from_list([{N, N * N} || N <- lists:seq(1, 1000)]),
    io:format("~p~n", [map_size(M)]),
    io:format("~p~n", [maps:get(500, M)]),
    io:format("~p~n", [lists:sort(maps:keys(M)) =:= lists:seq(1, 1000)]),
    io:format("~p~n", [lists:sum(maps:values(M))]),
    io:format("~p~n", [maps:fold(fun(K, V, Acc) -> Acc + K + V end, 0, M)]),
    M2 = maps:map(fun(_, V) -> V rem 7 end, M),
    io:format("~p~n", [lists:sort(maps:to_list(maps:filter(fun(K, _) -> K < 6 end, M2)))]),
    M3 = lists:foldl(fun(K, Acc) -> maps:remove(K, Acc) end, M, lists:seq(1, 990)),
    io:format("~p~n", [M3]),
    M4 = maps:merge(M, maps:from_list([{N, x} || N <- lists:seq(995, 1005)])),
    io:format("~p~n", [{map_size(M4), maps:get(1000, M4), maps:get(1005, M4), maps:get(994, M4)}]),
    Atoms = maps:from_list([{list_to_atom("k" ++ integer_to_list(N)), N} || N <- lists:seq(1, 50)]),
    io:format("~p~n", [lists:sort(maps:to_list(maps:with([k1, k25, k50, k51], Atoms)))]),
    io:format("~p~n", [M =:= maps:from_list(lists:reverse(maps:to_list(M)))]),
    io:format("~p~n", [maps:size(maps:without(lists:seq(1, 1000, 2), M))]),
    Str = maps:from_list([{integer_to_list(N), N} || N <- lists:seq(1, 40)]),
    io:format("~p~n", [maps:get("33", Str)]),
    io:format("~p~n", [maps:find("41", Str)]).
