-module(int_arith).
-export([main/1]).

main(_) ->
    Cases = [{'+', 3, 4}, {'+', -3, 4}, {'+', -3, -4}, {'-', 3, 10}, {'-', -7, -7},
             {'*', 6, 7}, {'*', -6, 7}, {'*', -6, -7}, {'*', 0, -5},
             {'div', 7, 2}, {'div', -7, 2}, {'div', 7, -2}, {'div', -7, -2},
             {'rem', 7, 2}, {'rem', -7, 2}, {'rem', 7, -2}, {'rem', -7, -2},
             {'div', 0, 5}, {'rem', 0, 5}, {'div', 100, 100}, {'rem', 5, 100}],
    lists:foreach(fun({Op, A, B}) ->
                          io:format("~w ~s ~w = ~w~n", [A, Op, B, erlang:Op(A, B)])
                  end, Cases),
    io:format("~w~n", [-(-5)]),
    io:format("~w~n", [+5]),
    io:format("~w~n", [- 0]),
    io:format("~w~n", [abs(-17)]),
    io:format("~w~n", [abs(17)]),
    io:format("~w~n", [abs(0)]),
    io:format("~w~n", [1 + 2 * 3 - 4 div 2]),
    io:format("~w~n", [(1 + 2) * (3 - 4) rem 2]),
    io:format("~w~n", [2#1010 + 16#ff + 8#17 + 36#zz]),
    io:format("~w~n", [16#FFFF]),
    io:format("~w~n", [$a + 1]),
    io:format("~w~n", [1_000_000 + 1]).
