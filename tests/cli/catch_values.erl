#!/usr/bin/env escript
-module(catch_values).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    io:format("~p~n", [catch throw(t)]),
    io:format("~p~n", [catch exit(e)]),
    {'EXIT', {R, [F | _]}} = (catch ?MODULE:id(a) + 1),
    io:format("~p ~p~n", [R, F]),
    io:format("~p~n", [try error(x) catch C:V -> {C, V} end]).

id(X) -> X.
