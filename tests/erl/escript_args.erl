-module(escript_args).
-export([main/1]).
%% Prints the argument list main/1 receives (the corpus runs it with none).

main(Args) ->
    io:format("~p~n", [Args]),
    io:format("~p~n", [length(Args)]),
    io:format("~p~n", [is_list(Args)]).
