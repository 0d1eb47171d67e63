-module(deeprec_tree).
-export([main/1]).
%% Non-tail recursion over deep and wide trees.

build(0) -> leaf;
build(D) -> {node, D, build(D - 1), build(D - 1)}.

count(leaf) -> 1;
count({node, _, L, R}) -> 1 + count(L) + count(R).

sum(leaf) -> 0;
sum({node, V, L, R}) -> V + sum(L) + sum(R).

chain(0) -> leaf;
chain(N) -> {node, N, chain(N - 1), leaf}.

depth(leaf) -> 0;
depth({node, _, L, R}) -> 1 + max(depth(L), depth(R)).

ack(0, N) -> N + 1;
ack(M, 0) -> ack(M - 1, 1);
ack(M, N) -> ack(M - 1, ack(M, N - 1)).

flatten_tree(leaf) -> [];
flatten_tree({node, V, L, R}) -> flatten_tree(L) ++ [V] ++ flatten_tree(R).

main(_) ->
    T = build(16),
    io:format("~p~n", [count(T)]),
    io:format("~p~n", [sum(T)]),
    C = chain(300000),
    io:format("~p~n", [depth(C)]),
    io:format("~p~n", [sum(C)]),
    io:format("~p~n", [ack(2, 500)]),
    io:format("~p~n", [ack(3, 6)]),
    io:format("~p~n", [lists:sublist(flatten_tree(build(4)), 10)]).
