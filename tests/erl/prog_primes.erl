-module(prog_primes).
-export([main/1]).
%% Prime utilities: trial division, factorization, Miller-Rabin on bignums.

is_prime(N) when N < 2 -> false;
is_prime(N) -> is_prime(N, 2).
is_prime(N, D) when D * D > N -> true;
is_prime(N, D) when N rem D =:= 0 -> false;
is_prime(N, D) -> is_prime(N, D + 1).

factor(N) -> factor(N, 2, []).
factor(1, _, Acc) -> lists:reverse(Acc);
factor(N, D, Acc) when D * D > N -> lists:reverse([N | Acc]);
factor(N, D, Acc) when N rem D =:= 0 -> factor(N div D, D, [D | Acc]);
factor(N, D, Acc) -> factor(N, D + 1, Acc).

powmod(_, 0, _) -> 1;
powmod(B, E, M) when E band 1 =:= 0 -> H = powmod(B, E bsr 1, M), H * H rem M;
powmod(B, E, M) -> B * powmod(B, E - 1, M) rem M.

mr(N) when N < 4 -> N >= 2;
mr(N) when N band 1 =:= 0 -> false;
mr(N) ->
    {D, S} = split(N - 1, 0),
    lists:all(fun(A) -> witness(A rem N, D, S, N) end, [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]).
split(D, S) when D band 1 =:= 0 -> split(D bsr 1, S + 1);
split(D, S) -> {D, S}.
witness(0, _, _, _) -> true;
witness(A, D, S, N) ->
    X = powmod(A, D, N),
    X =:= 1 orelse X =:= N - 1 orelse loop(X, S - 1, N).
loop(_, 0, _) -> false;
loop(X, S, N) -> Y = X * X rem N, Y =:= N - 1 orelse loop(Y, S - 1, N).

main(_) ->
    io:format("~p~n", [[N || N <- lists:seq(1, 60), is_prime(N)]]),
    io:format("~p~n", [[factor(N) || N <- [2, 12, 97, 360, 1001, 65536, 999999, 600851475143]]]),
    io:format("~p~n", [length([N || N <- lists:seq(1, 10000), is_prime(N)])]),
    Cands = [(1 bsl 61) - 1, (1 bsl 89) - 1, (1 bsl 67) - 1, (1 bsl 127) - 1, 561, 1000000007,
             170141183460469231731687303715884105727 * 3],
    io:format("~p~n", [[mr(N) || N <- Cands]]),
    io:format("~p~n", [[N || N <- lists:seq(1, 100), mr(N)] =:= [N || N <- lists:seq(1, 100), is_prime(N)]]).
