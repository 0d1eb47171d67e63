-module(unbalanced_bracket).
-export([main/1]).

main(_) ->
    L = [1, 2, {3, 4],
    io:format("~p~n", [L]).
