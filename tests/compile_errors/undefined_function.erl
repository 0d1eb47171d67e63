-module(undefined_function).
-export([main/1]).

main(_) ->
    io:format("~p~n", [helper(42)]).
