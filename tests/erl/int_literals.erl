-module(int_literals).
-export([main/1]).
%% Integer literal syntax: bases, character literals, digit separators.

main(_) ->
    io:format("~w~n", [[2#0, 2#1, 2#101, 2#1111111111111111111111111111111111111111111111111111111111111111]]),
    io:format("~w~n", [[8#777, 16#ff, 16#FF, 16#Ff, 36#Z, 36#10, 3#222, 7#66]]),
    io:format("~w~n", [[-16#10, -2#1, +8#10]]),
    io:format("~w~n", [[1_000, 1_0, 16#FF_FF, 2#1010_1010]]),
    io:format("~w~n", [[$a, $z, $A, $0, $9, $\s, $\n, $\t, $\\, $', $", $\0, $\^@]]),
    io:format("~w~n", [[$\x00, $\xff, $\x{10FFFF}, $\377, $\12, $\1]]),
    io:format("~w~n", [[007, 0, -0, 00]]),
    io:format("~w~n", [123456789012345678901234567890]),
    io:format("~w~n", [16#FFFFFFFFFFFFFFFFFFFFFFFF]),
    io:format("~w~n", [-16#8000000000000000]),
    io:format("~w~n", [1 - -1]),
    io:format("~w~n", [- - 1]),
    io:format("~w~n", [$a - $A]),
    io:format("~w~n", [[X || X <- [1.0e3, 1.5e-3, 2.0E2, 10.0e+2, 0.5e1]]]).
