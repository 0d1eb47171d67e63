#!/usr/bin/env escript
-module(throw_tuple).
-mode(compile).
-export([main/1]).
main(_) ->
    throw({a, "b"}).
