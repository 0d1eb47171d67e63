%% The first 2,000 digits of pi by Gibbons' unbounded spigot: bignum
%% arithmetic (multiplication and division of growing integers).
-module(pidigits).
-export([main/1]).

digits(0, _, _, _, _, _, _, Acc) -> lists:reverse(Acc);
digits(Left, Q, R, T, K, N, L, Acc) when 4 * Q + R - T < N * T ->
    digits(Left - 1, 10 * Q, 10 * (R - N * T), T, K, (10 * (3 * Q + R)) div T - 10 * N, L, [N | Acc]);
digits(Left, Q, R, T, K, _, L, Acc) ->
    digits(Left, Q * K, (2 * Q + R) * L, T * L, K + 1, (Q * (7 * K + 2) + R * L) div (T * L), L + 2, Acc).

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    Ds = digits(2000, 1, 0, 1, 1, 3, 3, []),
    T1 = erlang:monotonic_time(microsecond),
    [3, 1, 4, 1, 5, 9, 2, 6, 5, 3 | _] = Ds,
    io:format("pidigits: ~w us~n", [T1 - T0]).
