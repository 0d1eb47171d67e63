-module(export_undefined).
-export([main/1, missing/0]).

main(_) ->
    io:format("hello~n").
