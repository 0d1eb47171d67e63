-module(minmax).
-export([main/1]).
%% erlang:max/min and lists:max/min across types.

main(_) ->
    Pairs = [{1, 2}, {2, 1}, {1, 1.0}, {1.0, 1}, {a, b}, {1, a}, {"abc", "abd"},
             {{1}, {0, 0}}, {[], "a"}, {<<1>>, [1]}, {-0.0, 0}, {#{}, {}},
             {1 bsl 64, 1.0e19}, {-5, -5.0}],
    lists:foreach(fun({A, B}) -> io:format("max(~w,~w)=~w min=~w~n", [A, B, max(A, B), min(A, B)]) end,
                  Pairs),
    io:format("~p~n", [lists:max([3, 7.5, 7, 2])]),
    io:format("~p~n", [lists:min([b, a, c])]),
    io:format("~p~n", [lists:max([[1], [1, 0], [0, 9]])]),
    io:format("~p~n", [lists:min([{b}, {a, a}, {z}])]),
    io:format("~p~n", [erlang:max(x, 3)]),
    io:format("~p~n", [lists:foldl(fun erlang:max/2, 0, [4, 8, 1])]).
