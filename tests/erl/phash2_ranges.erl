-module(phash2_ranges).
-export([main/1]).
%% phash2 with different ranges, and distribution of small keys into buckets.

main(_) ->
    Terms = [a, {a, b}, "key", <<"key">>, 12345, 1.0, [1, 2, 3]],
    Ranges = [1, 2, 3, 10, 16, 100, 1 bsl 16, 1 bsl 27, (1 bsl 32) - 1],
    lists:foreach(fun(T) -> io:format("~w: ~w~n", [T, [erlang:phash2(T, R) || R <- Ranges]]) end, Terms),
    Buckets = lists:foldl(fun(K, Acc) -> B = erlang:phash2(K, 8), maps:update_with(B, fun(N) -> N + 1 end, 1, Acc) end,
                          #{}, lists:seq(1, 1000)),
    io:format("~p~n", [Buckets]),
    io:format("~p~n", [[erlang:phash2({user, N}, 100) || N <- lists:seq(1, 20)]]),
    io:format("~p~n", [try erlang:phash2(a, 0) catch error:E -> E end]),
    io:format("~p~n", [try erlang:phash2(a, 1 bsl 32) catch error:E2 -> E2 end]),
    io:format("~p~n", [erlang:phash2(<<1:1>>) =:= erlang:phash2(<<1:2>>)]).
