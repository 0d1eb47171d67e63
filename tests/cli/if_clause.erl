#!/usr/bin/env escript
-module(if_clause).
-mode(compile).
-export([main/1]).
main(Args) ->
    N = length(Args),
    X = if N > 5 -> big end,
    io:format("~p~n", [X]).
