%% maps_check.erl -- compare stdlib/maps.erl (compiled as m_maps) with
%% OTP's maps on erl.  Run through run-on-erl.sh.
-module(maps_check).
-export([run/0]).

-import(check_lib, [cmp/4, gen/1, pick/1, times/2, int/2]).

-define(R, maps).
-define(M, m_maps).

c(F, Args) -> cmp(?R, ?M, F, Args).

rmap() ->
    case rand:uniform(8) of
        1 -> #{};
        2 -> maps:from_list([{K, K * 2} || K <- lists:seq(1, int(20, 32))]);
        _ -> maps:from_list([{gen(small), gen(term)} || _ <- lists:seq(1, int(0, 8))])
    end.

notmap() -> pick([x, [], [a], {a, b, c}, none, [0 | x], 42]).

map_or_other() ->
    case rand:uniform(6) of
        1 -> notmap();
        2 -> maps:iterator(rmap());
        3 -> maps:next(maps:iterator(rmap()));
        _ -> rmap()
    end.

fun2() ->
    pick([fun(K, V) -> {K, V} end, fun(K, _) -> is_integer(K) end,
          fun(_, V) -> is_atom(V) end, fun(K, _) -> K end,
          fun(K, V) when is_integer(K) -> {true, {V}}; (_, _) -> false end,
          notfun, fun(X) -> X end]).

fun3() ->
    pick([fun(K, V, A) -> [{K, V} | A] end, fun(_, V, A) -> [V | A] end,
          notfun, fun(A, B) -> {A, B} end]).

comb() ->
    pick([fun(K, A, B) -> {K, A, B} end, fun(_, A, _) -> A end, notfun]).

keys() ->
    case rand:uniform(8) of
        1 -> x;
        2 -> [a | b];
        _ -> [gen(small) || _ <- lists:seq(1, int(0, 5))]
    end.

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, [{get, 2}, {get, 3}, {find, 2}, {put, 3},
                               {remove, 2}, {update, 3}, {is_key, 2},
                               {keys, 1}, {values, 1}, {to_list, 1},
                               {from_list, 1}, {merge, 2}, {new, 0},
                               {size, 1}, {take, 2}, {from_keys, 2}]),
    times(3000, fun round/0),
    %% iterate a whole map with next/1
    Mid = maps:from_list([{K, K} || K <- lists:seq(1, 30)] ++ [{a, 1}, {"s", 2}]),
    check_lib:same(next_walk, walk(maps, maps:iterator(Mid)), walk(m_maps, m_maps:iterator(Mid))),
    %% Maps of more than 32 keys: OTP iterates them in its internal hash
    %% order (not even maps:to_list/1's); Moat in key order.  Compare
    %% contents only.
    Big = maps:from_list([{K, K} || K <- lists:seq(1, 100)] ++ [{a, 1}, {"s", 2}]),
    check_lib:same(next_walk_big, lists:sort(walk(maps, maps:iterator(Big))),
                   lists:sort(walk(m_maps, m_maps:iterator(Big)))),
    check_lib:same(fold_big, lists:sort(maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], Big)),
                   lists:sort(m_maps:fold(fun(K, V, A) -> [{K, V} | A] end, [], Big))),
    [c(F, [fun(K, _) -> is_integer(K) end, Big]) || F <- [map, filter, filtermap]],
    c(map, [fun(_, V) -> {V} end, Big]),
    c(merge_with, [fun(_, A, B) -> {A, B} end, Big, Mid]),
    c(intersect_with, [fun(_, A, B) -> {A, B} end, Mid, Big]),
    Small = #{a => 1, b => 2, 1 => x},
    c(next, [maps:iterator(Small)]),
    c(iterator, [Small]),
    [c(next, [I]) || I <- [none, x, [0 | x], {a, 1, none}, [], [0 | #{}]]],
    check_lib:finish("maps").

walk(Mod, I) ->
    case Mod:next(I) of
        none -> [];
        {K, V, I2} -> [{K, V} | walk(Mod, I2)]
    end.

round() ->
    M = map_or_other(),
    c(fold, [fun3(), [], M]),
    c(map, [fun2(), M]),
    c(filter, [fun2(), M]),
    c(filtermap, [fun2(), M]),
    c(foreach, [pick([fun(_, _) -> ok end, notfun]), M]),
    c(iterator, [M]),
    c(next, [M]),
    M1 = pick([rmap(), rmap(), notmap()]), M2 = pick([rmap(), rmap(), notmap()]),
    c(with, [keys(), M1]), c(without, [keys(), M1]),
    K = pick([gen(small), 1, a]),
    UF = pick([fun(V) -> {V} end, notfun]),
    c(update_with, [K, UF, M1]), c(update_with, [K, UF, init, M1]),
    c(merge_with, [comb(), M1, M2]),
    c(intersect, [M1, M2]),
    c(intersect_with, [comb(), M1, M2]),
    L = pick([gen(list), gen(plist), gen(plist)]),
    KF = pick([fun(X) -> is_integer(X) end, fun(X) -> X end, notfun, fun(_, _) -> x end]),
    VF = pick([fun(X) -> {X} end, notfun]),
    c(groups_from_list, [KF, L]),
    c(groups_from_list, [KF, VF, L]),
    ok.
