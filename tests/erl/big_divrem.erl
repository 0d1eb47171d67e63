-module(big_divrem).
-export([main/1]).

main(_) ->
    A = 1 bsl 200 + 12345,
    B = 1 bsl 100 + 7,
    C = 98765432123456789,
    Pairs = [{A, B}, {-A, B}, {A, -B}, {-A, -B}, {A, C}, {-A, C}, {A, 7}, {-A, 7},
             {A, -7}, {B, A}, {-B, A}, {C, B}, {A, A}, {A, 1}, {A, -1},
             {18446744073709551616, 4294967296}, {18446744073709551617, 18446744073709551616}],
    lists:foreach(fun({X, Y}) ->
                          Q = X div Y, R = X rem Y,
                          io:format("~w div ~w = ~w rem ~w ok=~w~n",
                                    [X, Y, Q, R, Q * Y + R =:= X])
                  end, Pairs),
    io:format("~p~n", [try A div 0 catch error:E -> E end]),
    io:format("~p~n", [try A rem 0 catch error:E2 -> E2 end]).
