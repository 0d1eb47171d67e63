-module(unbound_var).
-export([main/1]).

main(_) ->
    Y = 1,
    io:format("~p~n", [X + Y]).
