#!/usr/bin/env escript
-module(try_clause).
-mode(compile).
-export([main/1, id/1]).
main(_) ->
    X = try ?MODULE:id(1) of
            2 -> two
        catch
            _:_ -> caught
        end,
    io:format("~p~n", [X]).

id(X) -> X.
