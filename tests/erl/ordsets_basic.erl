-module(ordsets_basic).
-export([main/1]).

main(_) ->
    A = ordsets:from_list([c, a, b, a, d]),
    B = ordsets:from_list([d, e, b]),
    io:format("~p~n", [A]),
    io:format("~p~n", [ordsets:union(A, B)]),
    io:format("~p~n", [ordsets:intersection(A, B)]),
    io:format("~p~n", [ordsets:subtract(A, B)]),
    io:format("~p~n", [ordsets:is_element(c, A)]),
    io:format("~p~n", [ordsets:is_element(z, A)]),
    io:format("~p~n", [ordsets:add_element(aa, A)]),
    io:format("~p~n", [ordsets:del_element(b, A)]),
    io:format("~p~n", [ordsets:is_subset([a, b], A)]),
    io:format("~p~n", [ordsets:is_disjoint(A, [x, y])]),
    io:format("~p~n", [ordsets:size(A)]),
    io:format("~p~n", [ordsets:to_list(A)]),
    io:format("~p~n", [ordsets:union([[1, 3], [2], [3, 4]])]),
    io:format("~p~n", [ordsets:intersection([[1, 2, 3], [2, 3], [3, 2, 1]])]),
    io:format("~p~n", [ordsets:filter(fun(X) -> X > b end, A)]),
    io:format("~p~n", [ordsets:fold(fun(X, Acc) -> [X | Acc] end, [], A)]),
    io:format("~p~n", [ordsets:new()]),
    io:format("~p~n", [ordsets:is_set([a, b])]),
    io:format("~p~n", [ordsets:is_set([b, a])]),
    io:format("~p~n", [ordsets:from_list([1, 1.0, 2])]).
