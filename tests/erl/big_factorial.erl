-module(big_factorial).
-export([main/1]).

fact(0) -> 1;
fact(N) -> N * fact(N - 1).

main(_) ->
    lists:foreach(fun(N) -> io:format("~w! = ~w~n", [N, fact(N)]) end,
                  [0, 1, 5, 20, 21, 25, 30, 50, 100]),
    F100 = fact(100),
    io:format("~w~n", [length(integer_to_list(F100))]),
    io:format("~w~n", [F100 div fact(98)]),
    io:format("~w~n", [F100 rem 1000000007]),
    io:format("~w~n", [fact(200) div fact(199)]),
    io:format("~w~n", [-F100]),
    io:format("~w~n", [trailing_zeros(fact(1000))]),
    io:format("~w~n", [lists:sum(digits(fact(500)))]).

trailing_zeros(N) when N rem 10 =:= 0 -> 1 + trailing_zeros(N div 10);
trailing_zeros(_) -> 0.

digits(N) -> [D - $0 || D <- integer_to_list(N)].
