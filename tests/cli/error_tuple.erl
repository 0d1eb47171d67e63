#!/usr/bin/env escript
-module(error_tuple).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    X = ?MODULE:id(1),
    error({bad, X, [1, 2, 3]}).

id(X) -> X.
