-module(lists_stability).
-export([main/1]).
%% Which sorts keep the input order of equal elements.

main(_) ->
    L = [{b, 1}, {a, 2}, {b, 3}, {a, 4}, {c, 5}, {a, 6}],
    io:format("~p~n", [lists:keysort(1, L)]),
    io:format("~p~n", [lists:ukeysort(1, L)]),
    io:format("~p~n", [lists:sort(fun({X, _}, {Y, _}) -> X =< Y end, L)]),
    io:format("~p~n", [lists:sort(fun({X, _}, {Y, _}) -> X < Y end, L)]),
    io:format("~p~n", [lists:usort(fun({X, _}, {Y, _}) -> X =< Y end, L)]),
    N = [1, 1.0, 2, 2.0, 1, 1.0],
    io:format("~p~n", [lists:sort(N)]),
    io:format("~p~n", [lists:sort(lists:reverse(N))]),
    io:format("~p~n", [lists:usort(N)]),
    io:format("~p~n", [lists:usort(lists:reverse(N))]),
    io:format("~p~n", [lists:keysort(1, [{1, a}, {1.0, b}, {1, c}])]),
    io:format("~p~n", [lists:keysort(2, [{x, 2}, {y, 1}, {z, 2}, {w, 1}])]),
    io:format("~p~n", [lists:merge([{1, a}, {2, a}], [{1, b}, {2, b}])]),
    io:format("~p~n", [lists:umerge([1, 2, 3], [1.0, 2.0])]),
    io:format("~p~n", [lists:keymerge(1, [{1, a}], [{1, b}])]).
