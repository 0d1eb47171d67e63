-module(escript_args_each).
-export([main/1]).
%% Iterates over the arguments; with none, prints only the summary line.

main(Args) ->
    lists:foreach(fun({I, A}) -> io:format("arg ~p: ~s~n", [I, A]) end,
                  lists:zip(lists:seq(1, length(Args)), Args)),
    io:format("~p args: ~p~n", [length(Args), Args]).
