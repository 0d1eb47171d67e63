%% spectral-norm (benchmarks game): the spectral norm of an infinite
%% matrix A, by the power method on A'A, with tuples as vectors.
-module(spectral_norm).
-export([main/1]).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 100 end,
    U0 = lists:duplicate(N, 1.0),
    {U, V} = power(10, U0, N),
    VBv = lists:sum(lists:zipwith(fun(A, B) -> A * B end, U, V)),
    Vv = lists:sum([X * X || X <- V]),
    io:format("~.9f~n", [math:sqrt(VBv / Vv)]).

power(0, U, _) -> {U, U};
power(1, U, N) ->
    V = atav(U, N),
    {U, V};
power(I, U, N) ->
    V = atav(U, N),
    power(I - 1, atav(V, N), N) .

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

av(U, N) -> [dot(fun(J) -> a(I, J) end, U) || I <- lists:seq(0, N - 1)].
atv(U, N) -> [dot(fun(J) -> a(J, I) end, U) || I <- lists:seq(0, N - 1)].

dot(F, U) -> dot(F, U, 0, 0.0).
dot(_, [], _, Acc) -> Acc;
dot(F, [X | T], J, Acc) -> dot(F, T, J + 1, Acc + F(J) * X).

atav(U, N) -> atv(av(U, N), N).
