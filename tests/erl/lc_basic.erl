-module(lc_basic).
-export([main/1]).

main(_) ->
    io:format("~p~n", [[X * 2 || X <- [1, 2, 3]]]),
    io:format("~p~n", [[X || X <- lists:seq(1, 20), X rem 3 =:= 0]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [a, b]]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2, 3], Y <- [X, X * 10], Y > 2]]),
    io:format("~p~n", [[X || {ok, X} <- [{ok, 1}, {error, 2}, {ok, 3}, ok, {ok, 4, 5}]]]),
    io:format("~p~n", [[X || [X | _] <- [[1, 2], [], [3], "ab"]]]),
    io:format("~p~n", [[A + B || {A, B} <- [{1, 2}, {3, 4}], A > 1]]),
    io:format("~p~n", [[[Y || Y <- lists:seq(1, X)] || X <- [1, 2, 3]]]),
    io:format("~p~n", [[X || X <- [1, a, 2.0, "s", b], is_atom(X)]]),
    io:format("~p~n", [[X || X <- []]]),
    io:format("~p~n", [[ok || _ <- [1, 2, 3]]]),
    io:format("~p~n", [[X || X <- [1, 2, 3], false]]),
    io:format("~p~n", [[X || X <- [1, 2, 3], true, X > 1]]),
    Pyth = [{A, B, C} || C <- lists:seq(1, 30), B <- lists:seq(1, C), A <- lists:seq(1, B), A * A + B * B =:= C * C],
    io:format("~p~n", [Pyth]),
    io:format("~p~n", [[{K, V} || {K, V} <- maps:to_list(#{a => 1, b => 2, c => 3}), V >= 2]]),
    io:format("~p~n", [[X || <<X>> <= <<1, 2, 3>>, X > 1]]),
    Y = 2,
    io:format("~p~n", [[X || {X, Y1} <- [{a, 1}, {b, 2}, {c, 2}], Y1 =:= Y]]),
    io:format("~p~n", [[X || {X, Y} <- [{a, 1}, {b, 2}, {c, 2}]]]),
    io:format("~p~n", [length([x || _ <- lists:seq(1, 100000)])]).
