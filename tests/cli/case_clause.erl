#!/usr/bin/env escript
-module(case_clause).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    X = case ?MODULE:id(3) of
            1 -> one
        end,
    io:format("~p~n", [X]).

id(X) -> X.
