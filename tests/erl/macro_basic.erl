-module(macro_basic).
-export([main/1]).

-define(PI, 3.14159).
-define(GREETING, "hello").
-define(ADD(A, B), A + B).
-define(MUL(A, B), ((A) * (B))).
-define(TWICE(X), begin X, X end).
-define(PAIR(X), {X, X}).
-define(EMPTY(), empty).
-define(IS_SMALL(X), (is_integer(X) andalso X < 10)).
-define(SHOW(E), io:format("~s = ~p~n", [??E, E])).
-define(LIST(A, B, C), [A, B, C]).
-define(NESTED(X), ?PAIR(?ADD(X, 1))).
-define(F(X), f(X)).

f(X) -> X * 100.

small(X) when ?IS_SMALL(X) -> yes;
small(_) -> no.

main(_) ->
    io:format("~p~n", [?PI]),
    io:format("~p~n", [?GREETING]),
    io:format("~p~n", [?ADD(1, 2) * 3]),
    io:format("~p~n", [?MUL(1 + 2, 3)]),
    io:format("~p~n", [?PAIR(x)]),
    io:format("~p~n", [?EMPTY()]),
    io:format("~p~n", [[small(X) || X <- [1, 9, 10, a]]]),
    ?SHOW(1 + 2),
    ?SHOW(lists:reverse([1, 2, 3])),
    ?SHOW(?ADD(2, 3)),
    io:format("~p~n", [?LIST(a, {b, c}, [d])]),
    io:format("~p~n", [?NESTED(5)]),
    io:format("~p~n", [?F(3)]),
    io:format("~p~n", [?MODULE]),
    io:format("~p~n", [?MODULE_STRING]),
    io:format("~p~n", [?LINE]),
    io:format("~p~n", [?FUNCTION_NAME]),
    io:format("~p~n", [?FUNCTION_ARITY]),
    io:format("~p~n", [?TWICE(ok)]),
    io:format("~p~n", [?GREETING " world"]).
