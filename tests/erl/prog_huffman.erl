-module(prog_huffman).
-export([main/1]).
%% Huffman coding with a deterministic tie-break.

freqs(S) ->
    lists:sort(maps:to_list(lists:foldl(fun(C, M) -> maps:update_with(C, fun(N) -> N + 1 end, 1, M) end, #{}, S))).

build(Fs) -> build_tree(lists:sort([{N, {leaf, C}} || {C, N} <- Fs])).
build_tree([{_, T}]) -> T;
build_tree([{N1, T1}, {N2, T2} | Rest]) -> build_tree(lists:sort([{N1 + N2, {node, T1, T2}} | Rest])).

codes({leaf, C}, Prefix) -> [{C, lists:reverse(Prefix)}];
codes({node, L, R}, Prefix) -> codes(L, [$0 | Prefix]) ++ codes(R, [$1 | Prefix]).

encode(S, Codes) -> lists:append([proplists:get_value(C, Codes) || C <- S]).

decode([], _, _) -> [];
decode(Bits, Tree, Tree) -> decode_walk(Bits, Tree, Tree).
decode_walk(Bits, {leaf, C}, Tree) -> [C | decode(Bits, Tree, Tree)];
decode_walk([$0 | Bs], {node, L, _}, Tree) -> decode_walk(Bs, L, Tree);
decode_walk([$1 | Bs], {node, _, R}, Tree) -> decode_walk(Bs, R, Tree).

main(_) ->
    S = "this is an example of a huffman tree",
    Fs = freqs(S),
    io:format("~p~n", [Fs]),
    T = build(Fs),
    Codes = lists:sort(codes(T, [])),
    [io:format("~p ~s~n", [[C], Code]) || {C, Code} <- Codes],
    E = encode(S, Codes),
    io:format("~s~n~p bits~n", [E, length(E)]),
    io:format("~p~n", [decode(E, T, T) =:= S]).
