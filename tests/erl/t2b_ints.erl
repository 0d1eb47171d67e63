-module(t2b_ints).
-export([main/1]).
%% term_to_binary of integers: SMALL_INTEGER, INTEGER, SMALL_BIG, LARGE_BIG.

main(_) ->
    Is = [0, 1, 255, 256, -1, -128, -129, 65535, 2147483647, 2147483648, -2147483648,
          -2147483649, 4294967295, 4294967296, 576460752303423487, 576460752303423488,
          1152921504606846975, 9223372036854775807, 18446744073709551616, -18446744073709551616,
          1 bsl 100, -(1 bsl 100), 1 bsl 2040, 1 bsl 2048],
    lists:foreach(fun(I) ->
                          B = term_to_binary(I),
                          io:format("~w: ~w~n", [I, binary_to_list(B)]),
                          I = binary_to_term(B)
                  end, lists:sublist(Is, 22)),
    lists:foreach(fun(I) ->
                          B = term_to_binary(I),
                          io:format("bits=~w: size=~w head=~w roundtrip=~w~n",
                                    [length(integer_to_list(I, 2)), byte_size(B),
                                     binary_to_list(binary:part(B, 0, 6)), binary_to_term(B) =:= I])
                  end, lists:nthtail(22, Is)).
