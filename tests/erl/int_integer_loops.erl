-module(int_integer_loops).
-export([main/1]).
%% Small integer algorithms: gcd, powmod, digit sums, collatz, fibonacci.

gcd(A, 0) -> A;
gcd(A, B) -> gcd(B, A rem B).

powmod(_, 0, _) -> 1;
powmod(B, E, M) when E rem 2 =:= 0 -> H = powmod(B, E div 2, M), H * H rem M;
powmod(B, E, M) -> B * powmod(B, E - 1, M) rem M.

digits(0) -> 0;
digits(N) -> N rem 10 + digits(N div 10).

collatz(1, S) -> S;
collatz(N, S) when N rem 2 =:= 0 -> collatz(N div 2, S + 1);
collatz(N, S) -> collatz(3 * N + 1, S + 1).

fib(N) -> fib(N, 0, 1).
fib(0, A, _) -> A;
fib(N, A, B) -> fib(N - 1, B, A + B).

isqrt(N) -> isqrt(N, N, (N + 1) div 2).
isqrt(_, X, Y) when Y >= X -> X;
isqrt(N, _, Y) -> isqrt(N, Y, (Y + N div Y) div 2).

main(_) ->
    io:format("~w~n", [[gcd(A, B) || {A, B} <- [{12, 18}, {17, 5}, {100, 75}, {0, 9}]]]),
    io:format("~w~n", [powmod(2, 100, 1000000007)]),
    io:format("~w~n", [powmod(3, 1000, 1 bsl 61 - 1)]),
    io:format("~w~n", [digits(9876543210)]),
    io:format("~w~n", [[collatz(N, 0) || N <- [1, 7, 27, 97, 871]]]),
    io:format("~w~n", [[fib(N) || N <- [0, 1, 2, 10, 50, 90, 91, 92, 93, 100]]]),
    io:format("~w~n", [fib(300)]),
    io:format("~w~n", [[isqrt(N) || N <- [0, 1, 15, 16, 17, 1000000, 1 bsl 100]]]).
