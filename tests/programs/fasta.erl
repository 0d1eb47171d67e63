%% fasta (benchmarks game): DNA sequences, by repeating ALU and by a
%% linear congruential generator over weighted alphabets.
-module(fasta).
-export([main/1]).

-define(WIDTH, 60).
-define(IM, 139968).
-define(IA, 3877).
-define(IC, 29573).

alu() ->
    "GGCCGGGCGCGGTGGCTCACGCCTGTAATCCCAGCACTTTGG"
    "GAGGCCGAGGCGGGCGGATCACCTGAGGTCAGGAGTTCGAGA"
    "CCAGCCTGGCCAACATGGTGAAACCCCGTCTCTACTAAAAAT"
    "ACAAAAATTAGCCGGGCGTGGTGGCGCGCGCCTGTAATCCCA"
    "GCTACTCGGGAGGCTGAGGCAGGAGAATCGCTTGAACCCGGG"
    "AGGCGGAGGTTGCAGTGAGCCGAGATCGCGCCACTGCACTCC"
    "AGCCTGGGCGACAGAGCGAGACTCCGTCTCAAAAA".

iub() ->
    [{$a, 0.27}, {$c, 0.12}, {$g, 0.12}, {$t, 0.27},
     {$B, 0.02}, {$D, 0.02}, {$H, 0.02}, {$K, 0.02},
     {$M, 0.02}, {$N, 0.02}, {$R, 0.02}, {$S, 0.02},
     {$V, 0.02}, {$W, 0.02}, {$Y, 0.02}].

homosapiens() ->
    [{$a, 0.3029549426680}, {$c, 0.1979883004921},
     {$g, 0.1975473066391}, {$t, 0.3015094502008}].

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 1000 end,
    io:put_chars(">ONE Homo sapiens alu\n"),
    repeat(alu(), 2 * N),
    io:put_chars(">TWO IUB ambiguity codes\n"),
    Seed = random_fasta(cumulative(iub()), 3 * N, 42),
    io:put_chars(">THREE Homo sapiens frequency\n"),
    _ = random_fasta(cumulative(homosapiens()), 5 * N, Seed),
    ok.

repeat(Alu, N) ->
    Len = length(Alu),
    Doubled = list_to_binary(Alu ++ Alu),
    repeat(Doubled, Len, 0, N).

repeat(_, _, _, 0) -> ok;
repeat(Doubled, Len, Pos, N) ->
    K = min(?WIDTH, N),
    io:put_chars([binary:part(Doubled, Pos, K), $\n]),
    repeat(Doubled, Len, (Pos + K) rem Len, N - K).

cumulative(Table) ->
    {Cum, _} = lists:mapfoldl(fun({C, P}, Acc) -> {{C, Acc + P}, Acc + P} end, 0.0, Table),
    Cum.

random_fasta(_, 0, Seed) -> Seed;
random_fasta(Table, N, Seed) ->
    K = min(?WIDTH, N),
    {Line, Seed1} = line(Table, K, Seed, []),
    io:put_chars([Line, $\n]),
    random_fasta(Table, N - K, Seed1).

line(_, 0, Seed, Acc) -> {lists:reverse(Acc), Seed};
line(Table, K, Seed, Acc) ->
    Seed1 = (Seed * ?IA + ?IC) rem ?IM,
    R = Seed1 / ?IM,
    line(Table, K - 1, Seed1, [pick(Table, R) | Acc]).

pick([{C, _}], _) -> C;
pick([{C, P} | T], R) ->
    case R < P of
        true -> C;
        false -> pick(T, R)
    end.
