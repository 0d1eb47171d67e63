-module(map_order).
-export([main/1]).
%% Key order of printed small maps (<= 32 keys) and maps:keys/to_list order.

main(_) ->
    M1 = maps:from_list([{K, V} || {K, V} <- lists:zip([z, 10, "str", 2.5, a, {t}, [l], <<"b">>, -3, 1 bsl 70, 1, 1.0],
                                                       lists:seq(1, 12))]),
    io:format("~p~n", [M1]),
    io:format("~p~n", [maps:keys(M1)]),
    io:format("~w~n", [M1]),
    M2 = maps:from_list([{N, N * N} || N <- lists:seq(20, 1, -1)]),
    io:format("~p~n", [M2]),
    io:format("~p~n", [maps:to_list(M2)]),
    M3 = #{{b, 1} => 1, {a, 2} => 2, {a, 1, 0} => 3, {a} => 4},
    io:format("~p~n", [M3]),
    M4 = #{#{b => 1} => x, #{a => 2} => y, #{} => z},
    io:format("~p~n", [M4]),
    M5 = #{"b" => 1, "a" => 2, "ab" => 3, [] => 4},
    io:format("~p~n", [M5]),
    M6 = #{zebra => 1, apple => 2, mango => 3, 'Apple' => 4, aa => 5},
    io:format("~p~n", [M6]),
    io:format("~p~n", [maps:values(M6)]),
    Big = maps:from_list([{N, N} || N <- lists:seq(1, 100)]),
    io:format("~p~n", [lists:sort(maps:keys(Big)) =:= lists:seq(1, 100)]),
    io:format("~p~n", [maps:size(Big)]),
    io:format("~p~n", [lists:sum(maps:values(Big))]),
    io:format("~p~n", [maps:get(77, Big)]),
    io:format("~p~n", [lists:sort(maps:to_list(maps:with([5, 50, 500], Big)))]).
