%% Spectral norm of a 350x350 matrix: float arithmetic in tight loops.
-module(spectralnorm).
-export([main/1]).

a(I, J) -> 1.0 / ((I + J) * (I + J + 1) div 2 + I + 1).

mul_av(V, N) -> [dot(fun(J) -> a(I, J) end, V, 0, 0.0) || I <- lists:seq(0, N - 1)].
mul_atv(V, N) -> [dot(fun(J) -> a(J, I) end, V, 0, 0.0) || I <- lists:seq(0, N - 1)].

dot(_, [], _, Acc) -> Acc;
dot(F, [X | Xs], J, Acc) -> dot(F, Xs, J + 1, Acc + F(J) * X).

mul_atav(V, N) -> mul_atv(mul_av(V, N), N).

loop(0, U, V, _) -> {U, V};
loop(K, U, _, N) ->
    V = mul_atav(U, N),
    U1 = mul_atav(V, N),
    loop(K - 1, U1, V, N).

main(_) ->
    N = 350,
    T0 = erlang:monotonic_time(microsecond),
    U0 = lists:duplicate(N, 1.0),
    {U, V} = loop(10, U0, U0, N),
    VBv = lists:sum([X * Y || {X, Y} <- lists:zip(U, V)]),
    Vv = lists:sum([X * X || X <- V]),
    R = math:sqrt(VBv / Vv),
    T1 = erlang:monotonic_time(microsecond),
    "1.274224" = float_to_list(R, [{decimals, 6}]),
    io:format("spectralnorm: ~w us~n", [T1 - T0]).
