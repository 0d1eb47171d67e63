-module(big_algorithms).
-export([main/1]).
%% Bignum-heavy algorithms: binomials, Catalan numbers, modular inverse, digits of e.

binom(N, K) -> binom(N, K, 1, 1).
binom(_, 0, Num, Den) -> Num div Den;
binom(N, K, Num, Den) -> binom(N - 1, K - 1, Num * N, Den * K).

catalan(N) -> binom(2 * N, N) div (N + 1).

egcd(A, 0) -> {A, 1, 0};
egcd(A, B) -> {G, X, Y} = egcd(B, A rem B), {G, Y, X - (A div B) * Y}.

modinv(A, M) -> {1, X, _} = egcd(A, M), ((X rem M) + M) rem M.

isqrt(0) -> 0;
isqrt(N) -> isqrt(N, N).
isqrt(N, X) -> Y = (X + N div X) div 2, if Y >= X -> X; true -> isqrt(N, Y) end.

e_digits(D) ->
    Scale = pow10(D + 5),
    Sum = e_sum(1, Scale, Scale, 1),
    Sum div pow10(5).
e_sum(_, 0, Acc, _) -> Acc;
e_sum(K, Term, Acc, _) -> T = Term div K, e_sum(K + 1, T, Acc + T, 0).

pow10(0) -> 1;
pow10(N) -> 10 * pow10(N - 1).

main(_) ->
    io:format("~p~n", [binom(100, 50)]),
    io:format("~p~n", [[catalan(N) || N <- lists:seq(0, 15)]]),
    io:format("~p~n", [catalan(100)]),
    P = (1 bsl 127) - 1,
    io:format("~p~n", [modinv(123456789, P)]),
    io:format("~p~n", [(modinv(123456789, P) * 123456789) rem P]),
    io:format("~p~n", [isqrt(pow10(100))]),
    io:format("~p~n", [isqrt(2 * pow10(60))]),
    io:format("~p~n", [e_digits(60)]),
    io:format("~p~n", [length(integer_to_list(binom(1000, 500)))]).
