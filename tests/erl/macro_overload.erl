-module(macro_overload).
-export([main/1]).
%% Macros overloaded by arity, macros expanding to function heads, and
%% macros used in guards and patterns.

-define(M, zero_args).
-define(M(), empty_parens).
-define(M(A), {one, A}).
-define(M(A, B), {two, A, B}).
-define(TAG(T), {tag, T}).
-define(GUARD(X), X > 0, X < 100).
-define(DEF(Name, Val), Name() -> Val).

?DEF(answer, 42).
?DEF(name, "macro fun").

classify(?TAG(X)) when ?GUARD(X) -> {in_range, X};
classify(?TAG(X)) -> {out_of_range, X};
classify(_) -> untagged.

main(_) ->
    io:format("~p~n", [?M]),
    io:format("~p~n", [?M()]),
    io:format("~p~n", [?M(1)]),
    io:format("~p~n", [?M(1, 2)]),
    io:format("~p~n", [?M([1, 2])]),
    io:format("~p~n", [?M({a, b}, [c, d])]),
    io:format("~p~n", [answer()]),
    io:format("~p~n", [name()]),
    io:format("~p~n", [[classify(T) || T <- [?TAG(5), ?TAG(500), ?TAG(-1), other]]]).
