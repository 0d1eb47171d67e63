-module(redefine_function).
-export([main/1]).

main(_) -> io:format("~p~n", [f()]).

f() -> one.

f() -> two.
