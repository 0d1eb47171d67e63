-module(float_arith).
-export([main/1]).

main(_) ->
    io:format("~p~n", [0.1 + 0.2]),
    io:format("~p~n", [1.0 - 0.9]),
    io:format("~p~n", [3 * 1.1]),
    io:format("~p~n", [1 / 3]),
    io:format("~p~n", [2 / 3]),
    io:format("~p~n", [10 / 2]),
    io:format("~p~n", [-7 / 2]),
    io:format("~p~n", [1.0e307 * 10 / 10 =:= 1.0e307]),
    io:format("~p~n", [2.0 * 0.5]),
    io:format("~p~n", [1.5 + 1]),
    io:format("~p~n", [1 - 1.5]),
    io:format("~p~n", [id(-1.0) * id(0.0) + id(0.0)]),
    io:format("~p~n", [id(0.0) * id(-1)]),
    io:format("~p~n", [abs(-2.5)]),
    io:format("~p~n", [-(2.5)]),
    io:format("~p~n", [1.0e-320 / 10]),
    io:format("~p~n", [5.0e-324]),
    io:format("~p~n", [1.7976931348623157e308]),
    io:format("~p~n", [2.2250738585072014e-308]),
    io:format("~p~n", [float(1 bsl 62)]),
    io:format("~p~n", [100.0 / 7]),
    io:format("~p~n", [lists:sum([0.1 || _ <- lists:seq(1, 10)])]),
    io:format("~p~n", [math:sqrt(2) * math:sqrt(2)]),
    io:format("~p~n", [try id(1.0e308) * 10 catch error:E -> E end]),
    io:format("~p~n", [try id(1.0) / 0.0 catch error:E2 -> E2 end]),
    io:format("~p~n", [try id(0.0) / 0.0 catch error:E3 -> E3 end]),
    io:format("~p~n", [is_float(1 / 1)]),
    io:format("~p~n", [1.0 == 1]),
    io:format("~p~n", [1.0 =:= 1]),
    io:format("~p~n", [0.0 == -0.0]),
    io:format("~p~n", [0.0 =:= -0.0]).

id(X) -> X.
