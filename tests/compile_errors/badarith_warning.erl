-module(badarith_warning).
-export([main/1]).

main(_) ->
    X = try 1 + foo catch error:E -> E end,
    io:format("~p~n", [X]).
