-module(atom_compare).
-export([main/1]).
%% Atoms compare alphabetically by their text (byte-wise), not by creation order.

main(_) ->
    As = [zebra, apple, 'Zebra', 'apple pie', a, aa, '', '_under', '123', 'é', z, 'AA', b],
    io:format("~p~n", [lists:sort(As)]),
    io:format("~p~n", [lists:sort(fun(X, Y) -> X >= Y end, As)]),
    io:format("~p~n", [[apple < banana, 'B' < a, aa > a, '' < a, 'é' > z]]),
    New = list_to_atom("zzz_created_at_runtime"),
    io:format("~p~n", [[New > zebra, New =:= zzz_created_at_runtime]]),
    io:format("~p~n", [lists:max(As)]),
    io:format("~p~n", [lists:min(As)]),
    io:format("~p~n", [lists:usort([b, a, b, c, a])]),
    io:format("~p~n", [[atom_to_list(A) || A <- [true, false, undefined, ok, error]]]).
