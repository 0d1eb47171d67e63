-module(missing_dot).
-export([main/1]).

main(_) ->
    io:format("one~n")

other() -> ok.
