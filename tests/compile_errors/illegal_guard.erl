-module(illegal_guard).
-export([main/1]).

main(_) -> io:format("~p~n", [f([1])]).

f(L) when lists:member(1, L) -> yes;
f(_) -> no.
