%% Naive Fibonacci: calls and small-integer arithmetic.
%% `./moat examples/fib.erl 30` prints fib(30) and the time it took.
-module(fib).
-export([main/1, fib/1]).

fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).

main(Args) ->
    N = case Args of
            [A | _] -> list_to_integer(A);
            [] -> 27
        end,
    T0 = erlang:monotonic_time(microsecond),
    R = fib(N),
    T1 = erlang:monotonic_time(microsecond),
    io:format("fib(~w) = ~w in ~w us~n", [N, R, T1 - T0]).
