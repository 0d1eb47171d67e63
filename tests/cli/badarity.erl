#!/usr/bin/env escript
-module(badarity).
-mode(compile).
-export([main/1]).
main(_) ->
    F = fun(A) -> A end,
    X = F(1, 2),
    io:format("~p~n", [X]).
