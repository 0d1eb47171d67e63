#!/usr/bin/env escript
-module(error_args).
-mode(compile).
-export([main/1, f/2]).
main(_) ->
    X = ?MODULE:f(1, 2),
    io:format("~p~n", [X]).

f(A, B) -> erlang:error(x, [A, B]).
