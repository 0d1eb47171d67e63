%% fib(30): calls and small-integer arithmetic.
-module(fib).
-export([main/1]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    832040 = fib(30),
    T1 = erlang:monotonic_time(microsecond),
    io:format("fib: ~w us~n", [T1 - T0]).
