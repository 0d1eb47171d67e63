-module(big_bitops).
-export([main/1]).
%% Bitwise operations on bignums, including negative (two's complement) semantics.

main(_) ->
    A = 16#123456789ABCDEF0123456789ABCDEF,
    B = 16#FEDCBA9876543210FEDCBA98,
    Vals = [{A, B}, {-A, B}, {A, -B}, {-A, -B}, {A, 255}, {-A, 255}, {A, -1}, {-A, -1},
            {A, 0}, {1 bsl 100, (1 bsl 100) - 1}, {-(1 bsl 100), (1 bsl 100) - 1}],
    lists:foreach(fun({X, Y}) ->
                          io:format("~.16B ~.16B~n  and=~.16B~n  or=~.16B~n  xor=~.16B~n",
                                    [X, Y, X band Y, X bor Y, X bxor Y])
                  end, Vals),
    lists:foreach(fun(X) -> io:format("bnot ~.16B = ~.16B~n", [X, bnot X]) end,
                  [A, -A, 1 bsl 64, -(1 bsl 64), (1 bsl 64) - 1]),
    lists:foreach(fun(S) ->
                          io:format("shift ~w: ~.16B ~.16B ~.16B ~.16B~n",
                                    [S, A bsl S, A bsr S, (-A) bsl S, (-A) bsr S])
                  end, [0, 1, 7, 63, 64, 65, 120, 121, 200, -3]),
    io:format("~w~n", [(1 bsl 1000) bsr 999]),
    io:format("~w~n", [(-(1 bsl 1000)) bsr 999]),
    io:format("~w~n", [(-(1 bsl 1000) + 1) bsr 999]),
    io:format("~w~n", [bit_count(A)]).

bit_count(0) -> 0;
bit_count(N) -> (N band 1) + bit_count(N bsr 1).
