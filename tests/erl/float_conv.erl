-module(float_conv).
-export([main/1]).
%% round, trunc, floor, ceil, float/1 and comparisons.

main(_) ->
    Vs = [0.0, 0.4, 0.5, 0.6, 1.5, 2.5, -0.5, -1.5, -2.5, -0.4, 1.0e15 + 0.5,
          4503599627370497.0, 1.0e20, -1.0e20, 7, -7],
    lists:foreach(fun(V) ->
                          io:format("~p: round=~p trunc=~p floor=~p ceil=~p float=~p~n",
                                    [V, round(V), trunc(V), floor(V), ceil(V), float(V)])
                  end, Vs),
    io:format("~p~n", [float(1 bsl 100)]),
    io:format("~p~n", [trunc(1.0e30)]),
    io:format("~p~n", [round(-1.0e25)]),
    io:format("~p~n", [try float(id(a)) catch error:E -> E end]),
    io:format("~p~n", [try round(id("1")) catch error:E2 -> E2 end]),
    io:format("~p~n", [try float(id(1 bsl 1100)) catch error:E3 -> E3 end]),
    io:format("~p~n", [is_float(float(3))]),
    io:format("~p~n", [3 == 3.0]),
    io:format("~p~n", [lists:sort([3, 2.0, 1, 2, 3.0, 1.0])]),
    io:format("~p~n", [1.0 < 2]),
    io:format("~p~n", [2.0 > 1 bsl 70]).

id(X) -> X.
