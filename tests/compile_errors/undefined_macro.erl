-module(undefined_macro).
-export([main/1]).

main(_) ->
    io:format("~p~n", [?NOT_DEFINED]).
