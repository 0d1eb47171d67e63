-module(ops_precedence).
-export([main/1]).
%% Operator precedence and associativity.

main(_) ->
    io:format("~p~n", [2 + 3 * 4]),
    io:format("~p~n", [(2 + 3) * 4]),
    io:format("~p~n", [10 - 4 - 3]),
    io:format("~p~n", [100 div 10 div 5]),
    io:format("~p~n", [2 * 3 rem 4]),
    io:format("~p~n", [-2 * -3]),
    io:format("~p~n", [- 2 + 3]),
    io:format("~p~n", [1 bsl 2 + 1]),
    io:format("~p~n", [(1 bsl 2) + 1]),
    io:format("~p~n", [6 band 3 bor 8]),
    io:format("~p~n", [1 + 2 == 3]),
    io:format("~p~n", [1 < 2 andalso 2 < 3 orelse false]),
    io:format("~p~n", [not true orelse true]),
    io:format("~p~n", [not (true orelse true)]),
    io:format("~p~n", [true and false or true]),
    io:format("~p~n", [true or false and false]),
    io:format("~p~n", [[1] ++ [2] ++ [3]]),
    io:format("~p~n", [[1, 2, 3] -- [1] -- [1]]),
    io:format("~p~n", [[1, 2, 3] -- [2] ++ [4]]),
    io:format("~p~n", [- - - 1]),
    io:format("~p~n", [bnot 1 + 1]),
    io:format("~p~n", [2 * 3 / 4]),
    io:format("~p~n", [7 / 2 * 2]),
    io:format("~p~n", [#{a => 1 + 1}]),
    io:format("~p~n", [{1 + 1, [2 * 2]}]),
    io:format("~p~n", [(fun(X) -> X + 1 end)(1) * 10]),
    X = 5,
    io:format("~p~n", [X * -1]),
    io:format("~p~n", [(1 =:= 1) =:= true]).
