%% fannkuch-redux (benchmarks game): flips of every permutation of 1..N,
%% permutations visited in the order of the published algorithm.
-module(fannkuch_redux).
-export([main/1]).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 8 end,
    {Checksum, MaxFlips} = run(N),
    io:format("~w~nPfannkuchen(~w) = ~w~n", [Checksum, N, MaxFlips]).

run(N) ->
    Perm = lists:seq(1, N),
    Count = lists:seq(1, N),
    loop(Perm, Count, N, 0, 0, 0).

loop(Perm, Count, N, Index, Checksum, MaxFlips) ->
    Flips = flips(Perm, 0),
    Checksum1 = case Index rem 2 of
                    0 -> Checksum + Flips;
                    1 -> Checksum - Flips
                end,
    MaxFlips1 = max(MaxFlips, Flips),
    case next(Perm, Count, 1) of
        done -> {Checksum1, MaxFlips1};
        {Perm1, Count1} -> loop(Perm1, Count1, N, Index + 1, Checksum1, MaxFlips1)
    end.

flips([1 | _], F) -> F;
flips([H | _] = P, F) ->
    {Front, Back} = lists:split(H, P),
    flips(lists:reverse(Front, Back), F + 1).

%% Rotate the first I+1 elements left; Count holds the per-level counters.
next(Perm, _Count, I) when I >= length(Perm) -> done;
next(Perm, Count, I) ->
    [First | Rest] = Perm,
    {Front, Back} = lists:split(I, Rest),
    Perm1 = Front ++ [First | Back],
    C = lists:nth(I + 1, Count) - 1,
    case C of
        0 ->
            next(Perm1, setnth(I + 1, Count, I + 1), I + 1);
        _ ->
            {Perm1, setnth(I + 1, Count, C)}
    end.

setnth(1, [_ | T], V) -> [V | T];
setnth(I, [H | T], V) -> [H | setnth(I - 1, T, V)].
