-module(float_mixed).
-export([main/1]).
%% Mixed integer/float arithmetic: results become floats; bignums convert with rounding.

main(_) ->
    io:format("~p~n", [1 + 1.0]),
    io:format("~p~n", [2 * 0.5]),
    io:format("~p~n", [3 - 0.5]),
    io:format("~p~n", [6 / 3]),
    io:format("~p~n", [7 / 2]),
    io:format("~p~n", [(1 bsl 70) + 0.0]),
    io:format("~p~n", [(1 bsl 70) * 1.5]),
    io:format("~p~n", [(1 bsl 70) / (1 bsl 69)]),
    io:format("~p~n", [((1 bsl 53) + 1) * 1.0]),
    io:format("~p~n", [((1 bsl 54) + 3) * 1.0]),
    io:format("~p~n", [123456789123456789 * 1.0]),
    io:format("~p~n", [float(-123456789123456789123)]),
    io:format("~p~n", [1.0e18 + 1]),
    io:format("~p~n", [0.1 + 1]),
    io:format("~p~n", [abs(-3) + abs(-3.5)]),
    io:format("~p~n", [lists:sum([1, 2.0, 3])]),
    io:format("~p~n", [10 / 4 * 4]),
    io:format("~p~n", [try (1 bsl 1024) * 1.0 catch error:E -> E end]),
    io:format("~p~n", [try (1 bsl 1023) * 1.0 catch error:E2 -> E2 end]),
    io:format("~p~n", [try (1 bsl 1024) / 2 catch error:E3 -> E3 end]),
    io:format("~p~n", [(1 bsl 1024) > 1.0e308]),
    io:format("~p~n", [trunc(1.0e18) + 1]),
    io:format("~p~n", [round(2.5e15) + 0.5]).
