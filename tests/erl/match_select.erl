%% Clauses that dispatch on a constant argument (one select_val jumps to
%% the first clause with that value): repeated values, guards that fail
%% to a later clause with the same value, values of other types, and a
%% constant that is not the first argument.
-module(match_select).
-export([main/1]).

f(a) -> 1;
f(b) -> 2;
f(a) -> never;
f(3) -> three;
f(-1) -> minus_one;
f([]) -> nil;
f($x) -> char_x;
f(X) -> {other, X}.

g(X, ok) when X > 0 -> pos;
g(_, ok) -> nonpos;
g(X, err) -> {err, X};
g(_, _) -> none.

%% only one value: no select
h(a) -> 1;
h(_) -> 2.

%% a variable that repeats an earlier argument: no select
k(X, X) -> same;
k(_, a) -> a;
k(_, b) -> b;
k(_, _) -> other.

%% a run of constants, then other patterns, then constants again
m(red) -> 1;
m(green) -> 2;
m({blue, N}) -> N;
m(blue) -> 3;
m(black) -> 4;
m(_) -> 0.

%% many values (the loader sorts them for a binary search)
day(mon) -> 1; day(tue) -> 2; day(wed) -> 3; day(thu) -> 4;
day(fri) -> 5; day(sat) -> 6; day(sun) -> 7; day(mon2) -> 8;
day(1) -> one; day(2) -> two; day(_) -> 0.

main(_) ->
    io:format("~p~n", [[f(a), f(b), f(3), f(-1), f([]), f($x), f(c), f(3.0), f(1 bsl 70)]]),
    io:format("~p~n", [[g(1, ok), g(-1, ok), g(1, err), g(1, x)]]),
    io:format("~p~n", [[h(a), h(b)]]),
    io:format("~p~n", [[k(a, a), k(b, a), k(a, b), k(a, c)]]),
    io:format("~p~n", [[m(red), m(green), m({blue, 9}), m(blue), m(black), m(white)]]),
    io:format("~p~n", [[day(D) || D <- [mon, tue, wed, thu, fri, sat, sun, mon2, 1, 2, 3, x]]]).
