-module(ets_ordered).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

walk(_T, '$end_of_table', _Dir) -> [];
walk(T, K, Dir) -> [K | walk(T, ets:Dir(T, K), Dir)].

main(_) ->
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{I, I * I} || I <- [5, 3, 9, 1, 7, 2, 8, 6, 4, 10]]),
    show("tab2list", ets:tab2list(O)),
    show("first/last", {ets:first(O), ets:last(O)}),
    show("forward", walk(O, ets:first(O), next)),
    show("backward", walk(O, ets:last(O), prev)),
    show("next of absent", {ets:next(O, 2.5), ets:prev(O, 2.5), ets:next(O, 10), ets:prev(O, 1), ets:next(O, 100)}),
    show("float key finds int", {ets:lookup(O, 3.0), ets:member(O, 4.0)}),
    ets:insert(O, {3.0, replaced}),
    show("replaced by 3.0", ets:lookup(O, 3)),
    ets:delete(O, 5.0),
    show("deleted 5", ets:tab2list(O)),
    M = ets:new(m, [ordered_set]),
    Keys = [{1, a}, "str", <<"bin">>, atom, 3.5, -2, [], {}, [1 | 2], 99999999999999999999999, make_ref_free],
    ets:insert(M, [{K} || K <- Keys]),
    show("term order", [K || {K} <- ets:tab2list(M)]),
    show("size", ets:info(M, size)),
    Big = ets:new(big, [ordered_set]),
    ets:insert(Big, [{(I * 7919) rem 1000, I} || I <- lists:seq(1, 1000)]),
    L = ets:tab2list(Big),
    show("big sorted", {length(L), L =:= lists:sort(L), hd(L), lists:last(L)}),
    [ets:delete(Big, I) || I <- lists:seq(0, 999, 2)],
    L2 = ets:tab2list(Big),
    show("big after deletes", {length(L2), L2 =:= lists:sort(L2), lists:sublist(L2, 3)}),
    show("walk big", length(walk(Big, ets:first(Big), next))),
    E = ets:new(e, [ordered_set]),
    show("empty", {ets:first(E), ets:last(E), ets:next(E, 1), ets:prev(E, 1)}),
    S = ets:new(s, [set]),
    ets:insert(S, [{a}, {b}, {c}]),
    show("set walk", lists:sort(walk(S, ets:first(S), next))),
    show("set next absent", t(fun() -> ets:next(S, zzz) end)),
    show("set last is a key", lists:member(ets:last(S), [a, b, c])),
    show("keypos 2", begin
        K2 = ets:new(k2, [ordered_set, {keypos, 2}]),
        ets:insert(K2, [{x, 3, c}, {x, 1, a}, {x, 2, b}]),
        ets:tab2list(K2)
    end),
    ok.
