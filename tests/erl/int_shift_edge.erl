-module(int_shift_edge).
-export([main/1]).
%% Shifts by large, zero and negative amounts; shifts producing and consuming bignums.

main(_) ->
    Vs = [1, -1, 5, -5, 1 bsl 59, -(1 bsl 59), (1 bsl 60) - 1, 1 bsl 64],
    Ss = [0, 1, 3, 58, 59, 60, 61, 63, 64, 65, 128, -1, -60, -64, -65, -1000],
    lists:foreach(fun(V) ->
                          io:format("~w:~n  bsl ~w~n  bsr ~w~n",
                                    [V, [V bsl S || S <- Ss], [V bsr S || S <- Ss]])
                  end, Vs),
    io:format("~w~n", [1 bsr 100000000]),
    io:format("~w~n", [-1 bsr 100000000]),
    io:format("~w~n", [0 bsl 100000000]),
    io:format("~w~n", [try 1 bsl id(1 bsl 64) catch error:E -> E end]),
    io:format("~w~n", [try 1 bsl id(1.0) catch error:E2 -> E2 end]),
    io:format("~w~n", [bit_size(<<(1 bsl 1000 - 1):1000>>)]),
    io:format("~w~n", [length(integer_to_list(1 bsl 10000))]).

id(X) -> X.
