#!/usr/bin/env escript
-module(badarg).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    X = list_to_atom(?MODULE:id(1)),
    io:format("~p~n", [X]).

id(X) -> X.
