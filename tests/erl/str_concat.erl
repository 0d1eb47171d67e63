-module(str_concat).
-export([main/1]).
%% Building strings: ++, adjacent literals, lists:concat, iolists, string:join.

main(_) ->
    io:format("~p~n", ["abc" "def"]),
    io:format("~p~n", ["abc" ++ "def"]),
    io:format("~p~n", ["a" "b" "c" ++ "d"]),
    io:format("~p~n", [lists:concat(["x", y, 1, 2.5, "z"])]),
    io:format("~p~n", [lists:append(["a", "b", "c"])]),
    io:format("~p~n", [string:join(["x", "y", "z"], "")]),
    IoList = ["Hello", $,, " ", <<"World">>, [$!, [[]]]],
    io:format("~p~n", [iolist_to_binary(IoList)]),
    io:format("~p~n", [lists:flatten(io_lib:format("~s", [IoList]))]),
    io:format("~s~n", [IoList]),
    io:format("~p~n", [erlang:iolist_size(IoList)]),
    Acc = lists:foldl(fun(N, A) -> A ++ integer_to_list(N) end, "", lists:seq(1, 12)),
    io:format("~p~n", [Acc]),
    Rev = lists:foldl(fun(N, A) -> [integer_to_list(N) | A] end, [], lists:seq(1, 5)),
    io:format("~p~n", [lists:flatten(lists:reverse(Rev))]),
    io:format("~p~n", [lists:flatten(["a", ["b", ["c", ["d"]]]])]),
    io:format("~p~n", [unicode:characters_to_list(["ab", <<"cd">>])]),
    io:format("~p~n", [[$a | "bc"] ++ [$d | []]]).
