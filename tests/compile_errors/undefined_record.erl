-module(undefined_record).
-export([main/1]).

main(_) ->
    R = #point{x = 1},
    io:format("~p~n", [R]).
