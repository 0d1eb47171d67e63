-module(big_mixed).
-export([main/1]).
%% Mixed small/big arithmetic, results shrinking back to small integers.

main(_) ->
    Big = 1 bsl 100,
    io:format("~w~n", [Big + 1]),
    io:format("~w~n", [1 + Big]),
    io:format("~w~n", [Big - Big]),
    io:format("~w~n", [Big - (Big - 5)]),
    io:format("~w~n", [(Big + 3) - Big]),
    io:format("~w~n", [Big * 0]),
    io:format("~w~n", [Big * -1]),
    io:format("~w~n", [Big div Big]),
    io:format("~w~n", [(Big * 3) div Big]),
    io:format("~w~n", [Big + 0.5]),
    io:format("~w~n", [Big / 2]),
    io:format("~w~n", [Big * 1.0]),
    io:format("~w~n", [is_integer(Big - Big + 1)]),
    io:format("~w~n", [Big band 1]),
    io:format("~w~n", [Big bor 1]),
    io:format("~w~n", [(Big bor 255) band 15]),
    io:format("~w~n", [(Big - 1) bxor (Big - 2)]),
    io:format("~w~n", [abs(-Big)]),
    io:format("~w~n", [Big > 1.0e29]),
    io:format("~w~n", [Big < 1.0e31]),
    io:format("~w~n", [Big == float(Big)]),
    io:format("~w~n", [Big =:= float(Big)]),
    io:format("~w~n", [max(Big, 5)]),
    io:format("~w~n", [min(Big, -Big)]),
    io:format("~w~n", [lists:sum([Big, -Big, 1, 2, 3])]),
    io:format("~w~n", [lists:sort([Big, 3, -Big, 1.5, Big - 1])]).
