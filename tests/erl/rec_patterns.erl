-module(rec_patterns).
-export([main/1]).

-record(shape, {kind, w = 1, h = 1}).
-record(node, {value, left = nil, right = nil}).

area(#shape{kind = square, w = W}) -> W * W;
area(#shape{kind = rect, w = W, h = H}) -> W * H;
area(#shape{kind = K}) -> {unknown, K}.

describe(S) when S#shape.w > 10 -> wide;
describe(S) when is_record(S, shape), S#shape.h > 10 -> tall;
describe(#shape{}) -> normal;
describe(_) -> not_a_shape.

insert(V, nil) -> #node{value = V};
insert(V, N = #node{value = X}) when V < X -> N#node{left = insert(V, N#node.left)};
insert(V, N = #node{}) -> N#node{right = insert(V, N#node.right)}.

to_list(nil) -> [];
to_list(#node{value = V, left = L, right = R}) -> to_list(L) ++ [V] ++ to_list(R).

depth(nil) -> 0;
depth(#node{left = L, right = R}) -> 1 + max(depth(L), depth(R)).

main(_) ->
    io:format("~p~n", [area(#shape{kind = square, w = 5})]),
    io:format("~p~n", [area(#shape{kind = rect, w = 2, h = 3})]),
    io:format("~p~n", [area(#shape{kind = circle})]),
    io:format("~p~n", [describe(#shape{w = 20})]),
    io:format("~p~n", [describe(#shape{h = 20})]),
    io:format("~p~n", [describe(#shape{})]),
    io:format("~p~n", [describe({other})]),
    io:format("~p~n", [describe({shape, a})]),
    T = lists:foldl(fun insert/2, nil, [5, 3, 8, 1, 4, 9, 7]),
    io:format("~p~n", [to_list(T)]),
    io:format("~p~n", [depth(T)]),
    io:format("~p~n", [T]),
    io:format("~p~n", [case {shape, sq, 2, 2} of #shape{w = W} -> W end]),
    io:format("~p~n", [[S#shape.kind || S <- [#shape{kind = a}, #shape{kind = b}]]]),
    io:format("~p~n", [try (id(x))#shape.w catch error:E -> E end]),
    io:format("~p~n", [try (id({shape, 1}))#shape.w catch error:E2 -> E2 end]),
    io:format("~p~n", [try (id({point, 1, 2}))#shape{w = 3} catch error:E3 -> E3 end]).

id(X) -> X.
