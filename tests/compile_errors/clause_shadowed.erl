-module(clause_shadowed).
-export([g/2, h/1, k/1, m/1, p/1, r/1]).

%% clauses after one that matches anything (variables only, no guard), or
%% after the same pattern of literals, cannot match
g(X, X) -> same;
g(1, 1) -> one;
g(_X, _Y) -> diff;
g(a, b) -> ab.

h([]) -> nil;
h([]) -> nil2;
h(_) -> other.

k(X) ->
    case X of
        "abc" -> 1;
        [$a, $b, $c] -> 2;
        1.0 -> 5;
        1 -> 6;
        1.0 -> 7;
        {1, "x"} -> 8;
        {1, [$x]} -> 9;
        _A -> 10;
        _A -> 11
    end.

m(X) ->
    try X of
        V -> V;
        1 -> one
    catch
        _ -> x
    end.

p(X) ->
    if
        X > 1 -> a;
        true -> b;
        X < 0 -> d
    end.

r(X) ->
    receive
        M -> M;
        {msg, 1} -> 1
    end,
    case X of
        <<1>> -> a;
        <<1>> -> b;
        #{a := 1} -> c;
        #{a := 1} -> d;
        100000000000000000000000 -> m;
        100000000000000000000000 -> n;
        Y -> Y;
        z -> z
    end.
