-module(bin_float).
-export([main/1]).
%% Float segments: 16/32/64 bits, endianness, non-finite patterns that fail to match.

main(_) ->
    Fs = [0.0, 1.0, -1.0, 0.5, 0.1, 1.0e10, 65504.0, 1.0e-8, 3.4028234663852886e38],
    lists:foreach(fun(F) ->
                          io:format("~w: ~w ~w ~w~n",
                                    [F, <<F:64/float>>, <<F:32/float>>, <<F:16/float>>])
                  end, Fs),
    lists:foreach(fun(B) ->
                          R = case B of <<F:64/float>> -> F; _ -> nomatch end,
                          io:format("~w -> ~w~n", [B, R])
                  end, [<<0, 0, 0, 0, 0, 0, 240, 127>>, <<127, 240, 0, 0, 0, 0, 0, 0>>,
                        <<255, 248, 0, 0, 0, 0, 0, 0>>, <<0, 0, 0, 0, 0, 0, 0, 1>>,
                        <<63, 240, 0, 0, 0, 0, 0, 0>>]),
    <<F32:32/float-little>> = <<0, 0, 128, 63>>,
    io:format("~w~n", [F32]),
    <<F16:16/float>> = <<60, 0>>,
    io:format("~w~n", [F16]),
    io:format("~w~n", [case <<124, 0>> of <<H:16/float>> -> H; _ -> inf_no_match end]),
    io:format("~w~n", [try <<(id(1.0e300)):32/float>> catch error:E -> E end]),
    io:format("~w~n", [try <<(id(1.0e10)):16/float>> catch error:E2 -> E2 end]),
    io:format("~w~n", [try <<(id(1.0)):24/float>> catch error:E3 -> E3 end]),
    io:format("~w~n", [<<1:64/float>>]),
    io:format("~w~n", [<<(1 bsl 70):64/float>>]).

id(X) -> X.
