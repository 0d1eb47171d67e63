-module(cmp_equality).
-export([main/1]).
%% == vs =:= and /= vs =/= across types.

main(_) ->
    Pairs = [{1, 1.0}, {1, 1}, {1.0, 1.0}, {0, 0.0}, {0, -0.0}, {[1], [1.0]},
             {{1, 2}, {1.0, 2}}, {#{a => 1}, #{a => 1.0}}, {#{1 => a}, #{1.0 => a}},
             {"abc", [$a, $b, $c]}, {<<"ab">>, <<$a, $b>>}, {a, 'a'}, {[], ""},
             {<<>>, []}, {1 bsl 64, 18446744073709551616.0}, {a, "a"},
             {[1 | 2], [1 | 2.0]}, {<<1:4>>, <<1:4>>}, {<<1:4>>, <<1:5>>}],
    lists:foreach(fun({A, B}) ->
                          io:format("~w ~w: == ~w =:= ~w /= ~w =/= ~w~n",
                                    [A, B, A == B, A =:= B, A /= B, A =/= B])
                  end, Pairs),
    io:format("~p~n", [case 1.0 of 1 -> int; 1.0 -> float end]),
    io:format("~p~n", [lists:member(1, [1.0])]),
    io:format("~p~n", [lists:keyfind(1, 1, [{1.0, a}, {1, b}])]),
    io:format("~p~n", [lists:delete(1, [1.0, 1])]),
    io:format("~p~n", [[1, 2, 3] -- [1.0, 2]]).
