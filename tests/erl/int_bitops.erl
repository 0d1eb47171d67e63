-module(int_bitops).
-export([main/1]).

main(_) ->
    Pairs = [{12, 10}, {-12, 10}, {12, -10}, {-12, -10}, {0, -1}, {255, 15}, {-1, -1}],
    lists:foreach(fun({A, B}) ->
                          io:format("~w ~w: band=~w bor=~w bxor=~w~n",
                                    [A, B, A band B, A bor B, A bxor B])
                  end, Pairs),
    lists:foreach(fun(X) -> io:format("bnot ~w = ~w~n", [X, bnot X]) end,
                  [0, 1, -1, 5, -6, 255]),
    Shifts = [{1, 0}, {1, 1}, {1, 10}, {5, -1}, {-5, 1}, {-5, -1}, {-1, -10},
              {255, 4}, {255, -4}, {-256, -4}, {7, 3}, {1024, -10}, {1024, -11}, {-1, 100}],
    lists:foreach(fun({A, S}) ->
                          io:format("~w bsl ~w = ~w; ~w bsr ~w = ~w~n",
                                    [A, S, A bsl S, A, S, A bsr S])
                  end, Shifts),
    io:format("~w~n", [(16#F0 band 16#3C) bor (1 bsl 8)]),
    io:format("~w~n", [bnot bnot 42]).
