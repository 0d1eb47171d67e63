-module(cmp_sort_mixed).
-export([main/1]).

main(_) ->
    L = [{b, 2}, "hello", 42, foo, <<"bin">>, [1, 2], 3.5, {a}, [], bar, -10,
         {a, 1}, <<>>, "abc", 1 bsl 65, {}, #{k => v}, #{}, 1.0, 1, <<0:1>>],
    io:format("~p~n", [lists:sort(L)]),
    io:format("~p~n", [lists:usort(L ++ L)]),
    io:format("~p~n", [lists:sort(fun(A, B) -> A >= B end, L)]),
    io:format("~p~n", [lists:sort([1, 1.0, 1, 1.0])]),
    io:format("~p~n", [lists:sort([1.0, 1, 1.0, 1])]),
    io:format("~p~n", [lists:usort([1.0, 1, 2, 2.0])]),
    io:format("~p~n", [lists:sort([{1, b}, {1.0, a}, {1, a}])]),
    io:format("~p~n", [lists:sort(["b", "ab", "a", "", "ba", [97 | 98]])]),
    io:format("~p~n", [lists:sort([<<"b">>, <<"ab">>, <<"a">>, <<>>, <<1:1>>, <<255, 1:1>>])]),
    io:format("~p~n", [lists:sort([{2, a}, {1, b, c}, {3}, {}])]),
    io:format("~p~n", [lists:sort([#{b => 1}, #{a => 2}, #{a => 1, b => 1}, #{c => 0}, #{}])]),
    io:format("~p~n", [max(a, 1)]),
    io:format("~p~n", [min("a", {a})]),
    io:format("~p~n", [max(1, 1.0)]),
    io:format("~p~n", [max(1.0, 1)]),
    io:format("~p~n", [min(1, 1.0)]),
    io:format("~p~n", [min(1.0, 1)]).
