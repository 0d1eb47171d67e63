-module(shadowed_var_warning).
-export([main/1]).

main(_) ->
    X = 1,
    F = fun(X) -> X * 2 end,
    io:format("~p~n", [F(X)]).
