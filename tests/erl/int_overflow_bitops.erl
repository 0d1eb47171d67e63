-module(int_overflow_bitops).
-export([main/1]).
%% band/bor/bxor/bnot/bsl/bsr around machine word boundaries.

main(_) ->
    Vs = [576460752303423487, 576460752303423488, 1152921504606846975,
          9223372036854775807, 18446744073709551616, -576460752303423488,
          -1152921504606846976, -9223372036854775808, -18446744073709551616],
    lists:foreach(fun(V) ->
                          io:format("~w: bnot=~w band 255=~w bor 1=~w bxor -1=~w band -256=~w~n",
                                    [V, bnot V, V band 255, V bor 1, V bxor -1, V band -256])
                  end, Vs),
    lists:foreach(fun(V) ->
                          io:format("~w: bsl 1=~w bsl 4=~w bsr 1=~w bsr 60=~w bsr 64=~w~n",
                                    [V, V bsl 1, V bsl 4, V bsr 1, V bsr 60, V bsr 64])
                  end, Vs),
    lists:foreach(fun(N) -> io:format("1 bsl ~w = ~w~n", [N, 1 bsl N]) end,
                  [58, 59, 60, 61, 62, 63, 64, 65, 127, 128]),
    lists:foreach(fun(N) -> io:format("-1 bsl ~w = ~w~n", [N, -1 bsl N]) end,
                  [59, 60, 63, 64]),
    io:format("~w~n", [(1 bsl 64) - 1 band (1 bsl 63)]),
    io:format("~w~n", [((1 bsl 64) - 1) band (1 bsl 63)]),
    io:format("~w~n", [((1 bsl 64) - 1) bxor ((1 bsl 60) - 1)]),
    io:format("~w~n", [(1 bsl 60) bor (1 bsl 59)]),
    io:format("~w~n", [((1 bsl 100) bor 1) band ((1 bsl 64) - 1)]),
    io:format("~w~n", [(-(1 bsl 100)) bsr 98]),
    io:format("~w~n", [(-(1 bsl 100) - 1) bsr 200]),
    io:format("~w~n", [(1 bsl 100) bsr 200]).
