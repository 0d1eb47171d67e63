#!/usr/bin/env escript
-module(deep_trace).
-mode(compile).
-export([main/1, id/1, a/1, b/1]).
main(_) ->
    X = ?MODULE:a(3),
    io:format("~p~n", [X]).

a(0) -> 1 + ?MODULE:b(?MODULE:id(x));
a(N) -> 1 + ?MODULE:a(N - 1).

b(X) -> X + 1.

id(X) -> X.
