#!/usr/bin/env escript
-module(halt3).
-mode(compile).
-export([main/1]).
main(_) ->
    io:format("bye~n"),
    halt(3).
