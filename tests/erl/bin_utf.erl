-module(bin_utf).
-export([main/1]).
%% UTF-8/16/32 segment encoding and decoding, including invalid code points.

main(_) ->
    Cps = [0, $A, 16#7F, 16#80, 16#7FF, 16#800, 16#FFFF, 16#10000, 16#10FFFF, 16#E9, 16#20AC],
    lists:foreach(fun(C) ->
                          io:format("~.16B: ~w ~w ~w ~w~n",
                                    [C, <<C/utf8>>, <<C/utf16>>, <<C/utf16-little>>, <<C/utf32>>])
                  end, Cps),
    Bad = [16#D800, 16#DFFF, 16#110000, -1],
    lists:foreach(fun(C) ->
                          io:format("~w: ~w~n", [C, try <<(id(C))/utf8>> catch error:E -> E end])
                  end, Bad),
    Invalid = [<<16#C0, 16#80>>, <<16#ED, 16#A0, 16#80>>, <<16#F4, 16#90, 16#80, 16#80>>,
               <<16#80>>, <<16#E2, 16#82>>, <<16#F0, 16#9F, 16#98, 16#80>>],
    lists:foreach(fun(B) ->
                          io:format("~w -> ~w~n", [B, case B of <<C/utf8, R/binary>> -> {C, R}; _ -> nomatch end])
                  end, Invalid),
    io:format("~w~n", [case <<16#D8, 16#00, 16#DC, 16#00>> of <<C16/utf16>> -> C16; _ -> no end]),
    io:format("~w~n", [case <<16#DC, 16#00>> of <<C16b/utf16>> -> C16b; _ -> lone_surrogate end]),
    io:format("~w~n", [case <<0, 0, 16#D8, 0>> of <<C32/utf32>> -> C32; _ -> surrogate_utf32 end]),
    io:format("~w~n", [[C || <<C/utf16>> <= <<"h"/utf16, 16#1F600/utf16, "i"/utf16>>]]).

id(X) -> X.
