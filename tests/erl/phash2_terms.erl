-module(phash2_terms).
-export([main/1]).

main(_) ->
    Ts = [0, 1, -1, 42, 255, 256, 1 bsl 27, 1 bsl 32, 1 bsl 60, 1 bsl 64, -(1 bsl 64),
          1 bsl 200, 1.0, 0.5, -2.5, 1.0e100, a, abc, '', true, [], [a], "abc",
          [1, 2 | 3], {}, {a}, {a, b, c}, <<>>, <<"abc">>, <<1:3>>, <<1, 2, 3:4>>,
          #{}, #{a => 1}, #{a => 1, b => [2]}, {[], {}, #{}},
          lists:seq(1, 100), list_to_binary(lists:seq(0, 255))],
    lists:foreach(fun(T) ->
                          io:format("~w ~w ~w~n", [erlang:phash2(T), erlang:phash2(T, 1000),
                                                   erlang:phash2(T, 1 bsl 32)])
                  end, Ts),
    io:format("~w~n", [erlang:phash2(1) =:= erlang:phash2(1.0)]),
    io:format("~w~n", [erlang:phash2(lists:seq(1, 10000))]),
    io:format("~w~n", [erlang:phash2(maps:from_list([{N, N} || N <- lists:seq(1, 100)]))]),
    io:format("~w~n", [[erlang:phash2(N, 7) || N <- lists:seq(1, 20)]]).
