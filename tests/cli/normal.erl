#!/usr/bin/env escript
-module(normal).
-mode(compile).
-export([main/1]).
main(Args) ->
    io:format("~p~n", [Args]).
