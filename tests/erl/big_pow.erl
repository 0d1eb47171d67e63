-module(big_pow).
-export([main/1]).

pow(_, 0) -> 1;
pow(B, E) when E rem 2 =:= 0 -> X = pow(B, E div 2), X * X;
pow(B, E) -> B * pow(B, E - 1).

main(_) ->
    lists:foreach(fun(E) -> io:format("2^~w = ~w~n", [E, pow(2, E)]) end,
                  [0, 10, 31, 32, 59, 60, 62, 63, 64, 65, 100, 128, 200]),
    io:format("~w~n", [pow(-2, 63)]),
    io:format("~w~n", [pow(-2, 64)]),
    io:format("~w~n", [pow(-3, 101)]),
    io:format("~w~n", [pow(10, 50)]),
    io:format("~w~n", [pow(10, 50) - 1]),
    io:format("~w~n", [pow(7, 77)]),
    io:format("~w~n", [pow(2, 200) =:= 1 bsl 200]),
    io:format("~w~n", [pow(2, 200) - pow(2, 199) =:= pow(2, 199)]),
    io:format("~w~n", [pow(123456789, 5)]),
    io:format("~w~n", [pow(2, 1000) rem 1000000]).
