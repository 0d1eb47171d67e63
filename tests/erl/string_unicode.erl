-module(string_unicode).
-export([main/1]).
%% string functions on non-ASCII data; results printed with ~w to stay byte-exact.

main(_) ->
    S = [104, 233, 108, 108, 246],
    U = [9731, 32, 1092, 1099, 1074],
    io:format("~w~n", [string:uppercase(S)]),
    io:format("~w~n", [string:lowercase([196, 214, 220])]),
    io:format("~w~n", [string:uppercase(U)]),
    io:format("~w~n", [string:length(U)]),
    io:format("~w~n", [string:length([101, 769])]),
    io:format("~w~n", [length([101, 769])]),
    io:format("~w~n", [string:reverse([97, 101, 769, 98])]),
    io:format("~w~n", [string:slice(U, 2, 2)]),
    io:format("~w~n", [string:split(U, " ")]),
    io:format("~w~n", [string:casefold([223])]),
    io:format("~w~n", [string:uppercase([223])]),
    io:format("~w~n", [string:titlecase([1092, 1099])]),
    io:format("~w~n", [string:equal([101, 769], [233], false, nfc)]),
    io:format("~w~n", [string:trim([160, 97, 160])]),
    io:format("~w~n", [string:trim([8195, 97, 10])]),
    io:format("~w~n", [string:pad(U, 8, trailing, $.)]),
    io:format("~w~n", [string:to_graphemes([97, 101, 769, 98])]),
    io:format("~w~n", [unicode:characters_to_binary(string:uppercase(<<"straße"/utf8>>))]).
