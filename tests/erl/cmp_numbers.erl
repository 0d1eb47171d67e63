-module(cmp_numbers).
-export([main/1]).
%% Exact comparison of integers with floats near 2^53 and beyond.

main(_) ->
    P53 = 1 bsl 53,
    Cases = [{P53, float(P53)}, {P53 + 1, float(P53)}, {P53 + 1, float(P53 + 1)},
             {P53 - 1, float(P53 - 1)}, {1 bsl 63, 9.223372036854775808e18},
             {(1 bsl 63) + 1, 9.223372036854775808e18}, {(1 bsl 63) - 1, 9.223372036854775808e18},
             {1 bsl 64, 1.8446744073709552e19}, {-(1 bsl 64), -1.8446744073709552e19},
             {(1 bsl 200) + 1, math:pow(2, 200)}, {1, 0.9999999999999999}, {0, -0.0},
             {-1, -1.0000000000000002}],
    lists:foreach(fun({I, F}) ->
                          io:format("~w ~w: < ~w == ~w > ~w~n", [I, F, I < F, I == F, I > F])
                  end, Cases),
    io:format("~p~n", [lists:sort([P53 + 1, float(P53), P53, float(P53 + 2)])]),
    io:format("~p~n", [lists:usort([1, 1.0, 2, 2.0, 3])]),
    io:format("~p~n", [float(P53 + 1) =:= float(P53)]),
    io:format("~p~n", [trunc(float(P53 + 1))]).
