-module(bin_signed).
-export([main/1]).
%% Signed/unsigned and endianness edge cases for integer segments of many sizes.

main(_) ->
    Sizes = [1, 2, 7, 8, 9, 15, 16, 31, 32, 33, 63, 64, 65],
    lists:foreach(fun(S) ->
                          Max = (1 bsl S) - 1,
                          <<U:S>> = <<Max:S>>,
                          <<Sg:S/signed>> = <<Max:S>>,
                          <<Min:S/signed>> = <<(1 bsl (S - 1)):S>>,
                          io:format("~w: ~w ~w ~w~n", [S, U, Sg, Min])
                  end, Sizes),
    lists:foreach(fun(V) ->
                          io:format("~w: ~w ~w ~w~n",
                                    [V, <<V:24/big>>, <<V:24/little>>, <<V:24/signed-little>>])
                  end, [0, 1, -1, 256, 65535, -65536, 8388607, -8388608, 16777216]),
    <<A:12/little, B:4>> = <<16#12, 16#34>>,
    io:format("~w ~w~n", [A, B]),
    <<C:12/little-signed, _:4>> = <<16#FF, 16#FF>>,
    io:format("~w~n", [C]),
    <<D:16/little-unit:1>> = <<1, 2>>,
    io:format("~w~n", [D]),
    <<E:2/little-unit:8>> = <<1, 2>>,
    io:format("~w~n", [E]),
    io:format("~w~n", [<<-1:3, -1:5/little>>]),
    io:format("~w~n", [<<300:8, -300:16>>]),
    io:format("~w~n", [<<(1 bsl 64 + 5):64>>]),
    io:format("~w~n", [<<(-(1 bsl 64) - 5):64>>]).
