-module(clause_arity).
-export([main/1]).

main(_) -> io:format("~p~n", [f(1)]).

f(0) -> zero;
f(X, Y) -> X + Y.
