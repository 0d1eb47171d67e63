-module(deeprec_basic).
-export([main/1]).
%% Deep body (non-tail) recursion: the stack must grow.

build(0) -> [];
build(N) -> [N | build(N - 1)].

len([]) -> 0;
len([_ | T]) -> 1 + len(T).

sum([]) -> 0;
sum([H | T]) -> H + sum(T).

map(_, []) -> [];
map(F, [H | T]) -> [F(H) | map(F, T)].

nest(0) -> leaf;
nest(N) -> {node, nest(N - 1)}.

depth(leaf) -> 0;
depth({node, T}) -> 1 + depth(T).

main(_) ->
    L = build(1000000),
    io:format("~p~n", [len(L)]),
    io:format("~p~n", [sum(L)]),
    io:format("~p~n", [len(map(fun(X) -> X * 2 end, L))]),
    io:format("~p~n", [lists:sublist(L, 5)]),
    io:format("~p~n", [depth(nest(500000))]),
    io:format("~p~n", [length(lists:map(fun(X) -> X + 1 end, L))]),
    io:format("~p~n", [length(lists:foldr(fun(X, A) -> [X | A] end, [], L))]),
    io:format("~p~n", [length(L ++ L)]).
