-module(big_compare).
-export([main/1]).

main(_) ->
    L = [1 bsl 64, -(1 bsl 64), 1 bsl 63, 0, -1, 1 bsl 200, -(1 bsl 200), 1.0e19,
         -1.0e19, 18446744073709551615, 9223372036854775807, 1.0e300, 1 bsl 1000],
    io:format("~w~n", [lists:sort(L)]),
    io:format("~w~n", [lists:reverse(lists:sort(L))]),
    io:format("~w~n", [lists:max(L)]),
    io:format("~w~n", [lists:min(L)]),
    io:format("~w~n", [(1 bsl 64) == 18446744073709551616.0]),
    io:format("~w~n", [(1 bsl 64) =:= 18446744073709551616]),
    io:format("~w~n", [(1 bsl 64) < 18446744073709551617]),
    io:format("~w~n", [(1 bsl 1000) > 1.0e300]),
    io:format("~w~n", [-(1 bsl 1000) < -1.0e300]),
    io:format("~w~n", [(1 bsl 64) + 1 > 18446744073709551616.0]),
    io:format("~w~n", [(1 bsl 64) + 1 == 18446744073709551616.0]),
    io:format("~w~n", [(1 bsl 53) + 1 == float((1 bsl 53) + 1)]),
    io:format("~w~n", [lists:usort([1 bsl 70, 1 bsl 70, 2, 2.0, 1 bsl 70 + 0])]).
