-module(prog_bst).
-export([main/1]).
%% A persistent binary search tree with tuples: insert, lookup, delete, fold.

empty() -> nil.
insert(K, V, nil) -> {K, V, nil, nil};
insert(K, V, {K1, V1, L, R}) when K < K1 -> {K1, V1, insert(K, V, L), R};
insert(K, V, {K1, V1, L, R}) when K > K1 -> {K1, V1, L, insert(K, V, R)};
insert(K, V, {_, _, L, R}) -> {K, V, L, R}.

lookup(_, nil) -> none;
lookup(K, {K1, _, L, _}) when K < K1 -> lookup(K, L);
lookup(K, {K1, _, _, R}) when K > K1 -> lookup(K, R);
lookup(_, {_, V, _, _}) -> {value, V}.

delete(_, nil) -> nil;
delete(K, {K1, V, L, R}) when K < K1 -> {K1, V, delete(K, L), R};
delete(K, {K1, V, L, R}) when K > K1 -> {K1, V, L, delete(K, R)};
delete(_, {_, _, nil, R}) -> R;
delete(_, {_, _, L, nil}) -> L;
delete(_, {_, _, L, R}) -> {MK, MV} = min_kv(R), {MK, MV, L, delete(MK, R)}.

min_kv({K, V, nil, _}) -> {K, V};
min_kv({_, _, L, _}) -> min_kv(L).

fold(_, Acc, nil) -> Acc;
fold(F, Acc, {K, V, L, R}) -> fold(F, F(K, V, fold(F, Acc, L)), R).

height(nil) -> 0;
height({_, _, L, R}) -> 1 + max(height(L), height(R)).

main(_) ->
    Keys = [50, 30, 70, 20, 40, 60, 80, 35, 45, 65],
    T = lists:foldl(fun(K, Acc) -> insert(K, K * 10, Acc) end, empty(), Keys),
    io:format("~p~n", [fold(fun(K, _, A) -> [K | A] end, [], T)]),
    io:format("~p~n", [[lookup(K, T) || K <- [35, 36, 80]]]),
    T2 = delete(30, delete(50, T)),
    io:format("~p~n", [lists:reverse(fold(fun(K, V, A) -> [{K, V} | A] end, [], T2))]),
    io:format("~p~n", [T2]),
    io:format("~p~n", [height(T)]),
    Big = lists:foldl(fun(K, Acc) -> insert((K * 7919) rem 10007, K, Acc) end, empty(), lists:seq(1, 5000)),
    io:format("~p ~p~n", [fold(fun(_, _, A) -> A + 1 end, 0, Big), height(Big)]).
