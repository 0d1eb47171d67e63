-module(tuple_ops).
-export([main/1]).
%% Tuples as fixed-size records: swapping, rotating, counting, comparing.

swap({A, B}) -> {B, A}.

rotate(T) ->
    [H | Rest] = tuple_to_list(T),
    list_to_tuple(Rest ++ [H]).

sum_tuple(T) -> sum_tuple(T, tuple_size(T), 0).
sum_tuple(_, 0, Acc) -> Acc;
sum_tuple(T, I, Acc) -> sum_tuple(T, I - 1, Acc + element(I, T)).

map_tuple(F, T) -> list_to_tuple([F(X) || X <- tuple_to_list(T)]).

main(_) ->
    io:format("~p~n", [swap({1, 2})]),
    io:format("~p~n", [rotate({a, b, c, d})]),
    io:format("~p~n", [sum_tuple({1, 2, 3, 4, 5})]),
    io:format("~p~n", [map_tuple(fun(X) -> X * X end, {1, 2, 3})]),
    io:format("~p~n", [lists:sort([{b, 1}, {a, 2}, {a, 1, 0}, {c}])]),
    io:format("~p~n", [{1, 2} < {1, 2, 0}]),
    io:format("~p~n", [{2} < {1, 1}]),
    io:format("~p~n", [{a, 1} < {a, 1.5}]),
    T = erlang:make_tuple(5, x),
    T2 = lists:foldl(fun(I, Acc) -> setelement(I, Acc, I * I) end, T, [1, 3, 5]),
    io:format("~p~n", [T2]),
    io:format("~p~n", [[element(I, T2) || I <- lists:seq(1, tuple_size(T2))]]),
    io:format("~p~n", [{{1, 2}, {3, {4, 5}}} =:= {{1, 2}, {3, {4, 5}}}]),
    io:format("~p~n", [tuple_size(list_to_tuple(lists:seq(1, 100000)))]).
