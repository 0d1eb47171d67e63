-module(rand_algs).
-export([main/1]).

main(_) ->
    lists:foreach(fun run/1, [exsp, exrop, exsss]),
    io:format("~p~n", [catch_it(fun() -> rand:seed(exs1024x, 1) end)]),
    io:format("~w~n", [jumps()]),
    rand:seed(exsss, 5),
    rand:jump(),
    io:format("~w~n", [rand:export_seed()]).

run(Alg) ->
    rand:seed(Alg, {1, 2, 3}),
    io:format("~w ~w~n", [Alg, rand:export_seed()]),
    io:format("~w~n", [[rand:uniform() || _ <- lists:seq(1, 10)]]),
    io:format("~w~n", [[rand:uniform(1000) || _ <- lists:seq(1, 10)]]),
    rand:seed(Alg, 42),
    io:format("~w~n", [[rand:uniform_real() || _ <- lists:seq(1, 40)]]),
    %% ranges above 2^58: exsss only (see stdlib/DEVIATIONS.txt)
    [io:format("~w~n", [[rand:uniform(1 bsl 80) || _ <- lists:seq(1, 3)]]) || Alg =:= exsss],
    io:format("~w~n", [[rand:bytes(N) || N <- [0, 2, 7, 9]]]),
    S = rand:seed_s(Alg, {7, 8, 9}),
    {X, S1} = rand:uniform_s(10, S),
    io:format("~w ~w~n", [X, rand:export_seed_s(S1)]),
    rand:seed(rand:export_seed_s(S1)),
    io:format("~w~n", [rand:uniform(10)]).

catch_it(F) -> try F() catch C:R -> {C, R} end.

%% jump/1 is 2^64 draws ahead.
jumps() ->
    [begin
         S = rand:seed_s(Alg, {1, 2, 3}),
         J = rand:jump(S),
         {_, J2} = rand:uniform_s(rand:jump(J)),
         {rand:export_seed_s(J), rand:export_seed_s(J2)}
     end || Alg <- [exsss, exsp, exrop]].
