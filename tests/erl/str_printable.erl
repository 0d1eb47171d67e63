-module(str_printable).
-export([main/1]).
%% When does ~p print a list as a string?

main(_) ->
    Ls = ["abc", [97, 98, 99], [], [0], [7], [8], [9, 10, 11, 12, 13], [27], [31], [32],
          [126], [127], [128], [159], [160], [255], [256], [97, 256], [10], "a\nb",
          [$a | "bc"], [1, 2, 3], [97, 98, 0], [65, -1], "\e[0m", [160, 200, 255],
          [$", $\\], "it's", [$a, 1.0], [[97]], ["ab"], [$a, [$b]]],
    lists:foreach(fun(L) -> io:format("~p~n", [L]) end, Ls),
    io:format("~p~n", [{"tuple", "of", "strings"}]),
    io:format("~p~n", [["list", "of", "strings"]]),
    io:format("~w~n", ["abc"]),
    io:format("~s~n", [[$a, "bc", [$d, [$e]]]]),
    io:format("~s~n", [<<"binary">>]),
    io:format("~s~n", [[<<"bin">>, "list", $c]]),
    io:format("~s~n", [atom]),
    io:format("~p~n", [io_lib:printable_list("abc")]),
    io:format("~p~n", [io_lib:printable_list([1, 2])]),
    io:format("~p~n", [io_lib:printable_latin1_list([233])]),
    io:format("~p~n", [io_lib:printable_unicode_list([9786])]).
