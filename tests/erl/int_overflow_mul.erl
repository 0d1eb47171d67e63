-module(int_overflow_mul).
-export([main/1]).
%% Multiplication, div and rem around machine word boundaries.

main(_) ->
    Vs = [576460752303423487, 576460752303423488, 1152921504606846975,
          9223372036854775807, 18446744073709551616, -576460752303423488,
          -1152921504606846976, -9223372036854775808, -18446744073709551616],
    lists:foreach(fun(V) ->
                          io:format("~w: *2=~w *-1=~w *V=~w~n", [V, V * 2, V * -1, V * V])
                  end, Vs),
    lists:foreach(fun(V) ->
                          io:format("~w: div 2=~w rem 2=~w div -3=~w rem -3=~w div 1000000007=~w rem 1000000007=~w~n",
                                    [V, V div 2, V rem 2, V div -3, V rem -3,
                                     V div 1000000007, V rem 1000000007])
                  end, Vs),
    io:format("~w~n", [4294967296 * 4294967296]),
    io:format("~w~n", [4294967295 * 4294967295]),
    io:format("~w~n", [3037000499 * 3037000499]),
    io:format("~w~n", [3037000500 * 3037000500]),
    io:format("~w~n", [1073741824 * 1073741824]),
    io:format("~w~n", [-1073741824 * 1073741824 * 2]),
    io:format("~w~n", [(-1152921504606846976) div -1]),
    io:format("~w~n", [(-9223372036854775808) div -1]),
    io:format("~w~n", [(18446744073709551616 * 3) div 18446744073709551616]),
    io:format("~w~n", [(18446744073709551616 * 3 + 5) rem 18446744073709551616]).
