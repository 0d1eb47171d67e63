#!/usr/bin/env escript
-module(exit_foo).
-mode(compile).
-export([main/1]).
main(_) ->
    exit(foo).
