-module(head_mismatch).
-export([main/1]).

main(_) -> io:format("~p~n", [f(1)]).

f(0) -> zero;
g(_) -> other.
