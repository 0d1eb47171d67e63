-module(lc_strings).
-export([main/1]).
%% List comprehensions over strings and nested lists.

main(_) ->
    S = "Hello, World!",
    io:format("~s~n", [[C || C <- S, C >= $a, C =< $z]]),
    io:format("~s~n", [[if C >= $a, C =< $z -> C - 32; true -> C end || C <- S]]),
    io:format("~p~n", [[{C, N} || {C, N} <- [{C, length([X || X <- S, X =:= C])} || C <- "lo"]]]),
    io:format("~p~n", [[W || W <- string:lexemes("the quick brown fox jumps", " "), length(W) > 4]]),
    io:format("~p~n", [[[C] || C <- "abc"]]),
    io:format("~p~n", [[X ++ Y || X <- ["a", "b"], Y <- ["1", "2"]]]),
    io:format("~p~n", [[lists:reverse(W) || W <- ["abc", "de", ""]]]),
    Grid = ["#.#", ".#.", "#.#"],
    io:format("~p~n", [[{R, C} || {R, Row} <- lists:zip(lists:seq(1, 3), Grid),
                                   {C, $#} <- lists:zip(lists:seq(1, 3), Row)]]),
    io:format("~p~n", [lists:append([[C, C] || C <- "xyz"])]),
    io:format("~p~n", [[N || N <- lists:seq(1, 50), lists:reverse(integer_to_list(N)) =:= integer_to_list(N)]]),
    io:format("~p~n", [[X || [X] <- ["a", "bc", "d", ""]]]),
    io:format("~p~n", [[{K, V} || [K, $=, V] <- ["a=1", "bb=2", "c=3", "d:4"]]]).
