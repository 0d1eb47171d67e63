-module(fmt_p_depth).
-export([main/1]).
%% ~P and ~W depth limiting, and ~p with column offsets.

main(_) ->
    T = {a, [1, 2, 3, 4, 5, 6], {b, {c, {d, {e}}}}, "string here", <<"binary data">>, #{k => v, j => w}},
    lists:foreach(fun(D) -> io:format("~w: ~P~n", [D, T, D]) end, [1, 2, 3, 4, 5, 10, 100]),
    lists:foreach(fun(D) -> io:format("~w: ~W~n", [D, T, D]) end, [1, 2, 3, 4, 5, 10]),
    io:format("~P~n", [lists:seq(1, 20), 5]),
    io:format("~W~n", [lists:seq(1, 20), 5]),
    io:format("~P~n", [[a | b], 2]),
    io:format("~P~n", ["a long string value", 3]),
    io:format("~W~n", [<<1, 2, 3, 4, 5, 6, 7, 8>>, 3]),
    io:format("~P~n", [<<"abcdefghijkl">>, 3]),
    io:format("~P~n", [#{a => 1, b => 2, c => 3}, 2]),
    io:format("prefix text that is long enough: ~p~n", [lists:seq(1, 30)]),
    io:format("~s~p~n", [lists:duplicate(60, $-), {some, tuple, that, wraps, around}]),
    io:format("~10p~n", [lists:seq(1, 10)]),
    io:format("~30p~n", [lists:seq(1, 20)]).
