%% Fannkuch-redux 10: permutations and list reversal.
-module(fannkuch).
-export([main/1]).

flips([1 | _], N) -> N;
flips([H | _] = L, N) ->
    {Front, Back} = lists:split(H, L),
    flips(lists:reverse(Front, Back), N + 1).

perms([]) -> [[]];
perms(L) -> [[H | T] || H <- L, T <- perms(L -- [H])].

%% walk permutations in lexicographic order, counting flips and a checksum
run([], _, Max, Sum) -> {Max, Sum};
run([P | Ps], I, Max, Sum) ->
    F = flips(P, 0),
    Sign = case I rem 2 of 0 -> 1; 1 -> -1 end,
    run(Ps, I + 1, max(Max, F), Sum + Sign * F).

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    {Max, _Sum} = run(perms(lists:seq(1, 9)), 0, 0, 0),
    T1 = erlang:monotonic_time(microsecond),
    30 = Max,
    io:format("fannkuch: ~w us~n", [T1 - T0]).
