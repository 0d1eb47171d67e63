#!/usr/bin/env escript
-module(undef).
-mode(compile).
-export([main/1]).
main(_) ->
    X = nomod:f(1),
    io:format("~p~n", [X]).
