-module(clause_cannot_match).
-export([main/1]).

main(_) ->
    R = case id(1) of
            _ -> any;
            1 -> one
        end,
    io:format("~p~n", [R]).

id(X) -> X.
