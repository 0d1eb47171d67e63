-module(missing_dot_eof).
-export([main/1]).

main(_) ->
    io:format("one~n")
