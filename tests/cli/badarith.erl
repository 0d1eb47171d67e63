#!/usr/bin/env escript
-module(badarith).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    X = ?MODULE:id(1) + ?MODULE:id(a),
    io:format("~p~n", [X]).

id(X) -> X.
