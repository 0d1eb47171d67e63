-module(rand_exsss).
-export([main/1]).

main(_) ->
    rand:seed(exsss, {1, 2, 3}),
    io:format("~w~n", [[rand:uniform() || _ <- lists:seq(1, 20)]]),
    rand:seed(exsss, {1, 2, 3}),
    io:format("~w~n", [[rand:uniform(100) || _ <- lists:seq(1, 20)]]),
    rand:seed(exsss, 42),
    io:format("~w~n", [[rand:uniform(6) || _ <- lists:seq(1, 20)]]),
    io:format("~w~n", [rand:export_seed()]),
    rand:seed(default, {7, 8, 9}),
    io:format("~w~n", [[rand:uniform_real() || _ <- lists:seq(1, 40)]]),
    rand:seed(exsss, {123456789, 987654321, 555}),
    io:format("~w~n", [[rand:uniform(1 bsl 70) || _ <- lists:seq(1, 5)]]),
    io:format("~w~n", [[rand:uniform(1 bsl 130) || _ <- lists:seq(1, 3)]]),
    io:format("~w~n", [[rand:uniform(3) || _ <- lists:seq(1, 30)]]),
    S0 = rand:seed_s(exsss, {1, 2, 3}),
    {A, S1} = rand:uniform_s(S0),
    {B, S2} = rand:uniform_s(1000, S1),
    {C, S3} = rand:uniform_real_s(S2),
    io:format("~w ~w ~w ~w~n", [A, B, C, rand:export_seed_s(S3)]),
    rand:seed(exsss, -5),
    io:format("~w~n", [rand:export_seed()]),
    rand:seed({exsss, [1 | 2]}),
    io:format("~w~n", [[rand:uniform(10) || _ <- lists:seq(1, 10)]]),
    io:format("~p~n", [catch_it(fun() -> rand:uniform(0) end)]),
    io:format("~p~n", [catch_it(fun() -> rand:seed(exsss, foo) end)]),
    N = rand:normal(),
    io:format("~w~n", [is_float(N)]),
    ok.

catch_it(F) ->
    try F() catch C:R -> {C, R} end.
