-module(guard_local_call).
-export([main/1]).

main(_) -> io:format("~p~n", [f(3)]).

is_small(X) -> X < 10.

f(X) when is_small(X) -> small;
f(_) -> big.
