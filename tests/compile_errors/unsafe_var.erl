-module(unsafe_var).
-export([main/1]).

main(Args) ->
    case Args of
        [] -> Y = 1;
        [_ | _] -> ok
    end,
    io:format("~p~n", [Y]).
