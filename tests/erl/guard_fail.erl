-module(guard_fail).
-export([main/1]).
%% Exceptions inside guards make the guard fail silently.

f(X) when hd(X) =:= 1 -> hd_one;
f(X) when X + 1 > 5 -> plus;
f(X) when element(2, X) =:= b -> elem_b;
f(X) when length(X) >= 0 -> list;
f(X) when 1 / X > 0.5 -> recip;
f(_) -> fallback.

g(X) when hd(X) =:= 1; true -> first_clause_via_semicolon;
g(_) -> never.

h(X) when (X / 0) > 1 orelse true -> orelse_true;
h(_) -> guard_failed_entirely.

k(X) when is_atom(X) orelse hd(X) =:= a -> ok_k;
k(_) -> not_k.

main(_) ->
    io:format("~p~n", [[f(X) || X <- [[1, 2], 10, {a, b}, [], 1, 2, a, {}]]]),
    io:format("~p~n", [g(nothing)]),
    io:format("~p~n", [h(1)]),
    io:format("~p~n", [[k(X) || X <- [a, [a], [b], 3]]]),
    io:format("~p~n", [if hd([]) =:= 1 -> yes; true -> no end]),
    io:format("~p~n", [case 5 of X when X div 0 =:= 1 -> div_zero; _ -> safe end]).
