-module(syntax_paren).
-export([main/1]).

main(_) ->
    io:format("~p~n", [foo(1, 2))]).

foo(A, B) -> A + B.
