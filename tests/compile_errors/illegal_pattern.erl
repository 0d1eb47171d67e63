-module(illegal_pattern).
-export([main/1]).

main(_) -> io:format("~p~n", [f(3)]).

f(X + 1) -> X;
f(_) -> none.
