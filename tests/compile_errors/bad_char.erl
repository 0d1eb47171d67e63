-module(bad_char).
-export([main/1]).

main(_) ->
    X = 1 ` 2,
    io:format("~p~n", [X]).
