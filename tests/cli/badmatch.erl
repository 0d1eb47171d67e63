#!/usr/bin/env escript
-module(badmatch).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    io:format("before~n"),
    {ok, X} = ?MODULE:id({error, 3}),
    io:format("~p~n", [X]).

id(X) -> X.
