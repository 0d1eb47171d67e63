#!/usr/bin/env escript
-module(badmatch_long).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    [a] = ?MODULE:id(lists:seq(1, 40)).

id(X) -> X.
