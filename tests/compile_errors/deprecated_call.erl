-module(deprecated_call).
-export([main/1]).

main(_) ->
    T = erlang:now(),
    io:format("~p~n", [is_tuple(T)]).
