-module(big_to_list).
-export([main/1]).
%% Bignum <-> string conversions in several bases.

main(_) ->
    Vs = [1 bsl 64, (1 bsl 64) - 1, -(1 bsl 64), 1 bsl 128 + 3, -(1 bsl 99) - 12345,
          123456789012345678901234567890],
    lists:foreach(fun(V) ->
                          io:format("~s~n", [integer_to_list(V)]),
                          io:format("  b2=~s~n", [integer_to_list(V, 2)]),
                          io:format("  b16=~s b36=~s b7=~s~n",
                                    [integer_to_list(V, 16), integer_to_list(V, 36),
                                     integer_to_list(V, 7)]),
                          io:format("  bin=~p~n", [integer_to_binary(V, 16)])
                  end, Vs),
    io:format("~w~n", [list_to_integer("123456789012345678901234567890123")]),
    io:format("~w~n", [list_to_integer("-99999999999999999999")]),
    io:format("~w~n", [list_to_integer("FFFFFFFFFFFFFFFFFFFFFFFF", 16)]),
    io:format("~w~n", [list_to_integer("zzzzzzzzzzzzzzzz", 36)]),
    io:format("~w~n", [binary_to_integer(<<"-100000000000000000000000">>)]),
    io:format("~w~n", [binary_to_integer(<<"1010101010101010101010101010101010101010101010101010101010101010101">>, 2)]),
    io:format("~.16B ~.2B ~.36B~n", [1 bsl 70, -(1 bsl 65), 1 bsl 80]),
    io:format("~.16b ~#~n", [255 bsl 64, 1 bsl 64]).
