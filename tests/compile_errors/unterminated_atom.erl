-module(unterminated_atom).
-export([main/1]).

main(_) ->
    X = 'unterminated,
    io:format("~p~n", [X]).
