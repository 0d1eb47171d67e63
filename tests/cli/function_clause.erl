#!/usr/bin/env escript
-module(function_clause).
-mode(compile).
-export([main/1, id/1, foo/1]).
main(_) ->
    X = ?MODULE:foo(?MODULE:id(1)),
    io:format("~p~n", [X]).

id(X) -> X.

foo(0) -> zero.
