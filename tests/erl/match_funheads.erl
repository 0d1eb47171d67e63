-module(match_funheads).
-export([main/1]).
%% Clause selection by literal, type, arity-like structure and order.

area({circle, R}) -> 3 * R * R;
area({rect, W, H}) -> W * H;
area({square, S}) -> area({rect, S, S});
area({triangle, B, H}) -> B * H div 2;
area(Other) -> {unknown, Other}.

len([]) -> 0;
len([_]) -> 1;
len([_, _]) -> 2;
len([_, _ | _]) -> many.

kind(0) -> zero;
kind(0.0) -> float_zero;
kind(N) when is_integer(N) -> int;
kind(true) -> bool;
kind(false) -> bool;
kind(A) when is_atom(A) -> atom;
kind("") -> empty_string;
kind([_ | _]) -> list;
kind(<<>>) -> empty_binary;
kind(_) -> something.

merge([], L) -> L;
merge(L, []) -> L;
merge([A | As], [B | _] = Bs) when A =< B -> [A | merge(As, Bs)];
merge(As, [B | Bs]) -> [B | merge(As, Bs)].

main(_) ->
    io:format("~p~n", [[area(S) || S <- [{circle, 2}, {rect, 3, 4}, {square, 5}, {triangle, 3, 5}, {hex, 1}]]]),
    io:format("~p~n", [[len(L) || L <- [[], [a], [a, b], [a, b, c]]]]),
    io:format("~p~n", [[kind(X) || X <- [0, 0.0, 7, true, false, nil, "", "a", <<>>, <<1>>, -0.0]]]),
    io:format("~p~n", [merge([1, 4, 6, 9], [2, 3, 7, 10, 11])]).
