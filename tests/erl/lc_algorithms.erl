-module(lc_algorithms).
-export([main/1]).

qsort([]) -> [];
qsort([P | T]) -> qsort([X || X <- T, X < P]) ++ [P] ++ qsort([X || X <- T, X >= P]).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

primes(N) -> sieve(lists:seq(2, N)).
sieve([]) -> [];
sieve([P | T]) -> [P | sieve([X || X <- T, X rem P =/= 0])].

queens(N) -> queens(N, N).
queens(0, _) -> [[]];
queens(K, N) -> [[Q | Qs] || Qs <- queens(K - 1, N), Q <- lists:seq(1, N), safe(Q, Qs, 1)].
safe(_, [], _) -> true;
safe(Q, [Q1 | Qs], D) -> Q =/= Q1 andalso abs(Q - Q1) =/= D andalso safe(Q, Qs, D + 1).

transpose([[] | _]) -> [];
transpose(M) -> [[H || [H | _] <- M] | transpose([T || [_ | T] <- M])].

subsets([]) -> [[]];
subsets([H | T]) -> S = subsets(T), S ++ [[H | X] || X <- S].

main(_) ->
    io:format("~p~n", [qsort([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5])]),
    io:format("~p~n", [perms([1, 2, 3])]),
    io:format("~p~n", [length(perms([1, 2, 3, 4, 5, 6]))]),
    io:format("~p~n", [primes(100)]),
    io:format("~p~n", [length(queens(6))]),
    io:format("~p~n", [hd(queens(8))]),
    io:format("~p~n", [length(queens(8))]),
    io:format("~p~n", [transpose([[1, 2, 3], [4, 5, 6], [7, 8, 9]])]),
    io:format("~p~n", [subsets([a, b, c])]),
    io:format("~p~n", [[X * Y || X <- [1, 2, 3], Y <- [10, 100]]]).
