%% gb_trees_check.erl -- compare stdlib/gb_trees.erl (as m_gb_trees) with
%% OTP's gb_trees on erl, including the exact shape of every tree.
-module(gb_trees_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, gb_trees).
-define(M, m_gb_trees).

c(F, Args) -> cmp(?R, ?M, F, Args).

key() -> pick([int(1, 40), int(1, 40), int(1, 40) + 0.5, a, b]).

%% A random tree built by OTP operations.
rt() ->
    lists:foldl(fun(_, T) ->
                        case rand:uniform(6) of
                            1 -> gb_trees:delete_any(key(), T);
                            2 -> gb_trees:balance(T);
                            _ -> gb_trees:enter(key(), v, T)
                        end
                end, gb_trees:empty(), lists:seq(1, int(0, 60))).

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    times(400, fun lockstep/0),
    times(3000, fun round/0),
    Big = lists:foldl(fun(K, T) -> gb_trees:insert(K, K, T) end, gb_trees:empty(), lists:seq(1, 1000)),
    c(balance, [Big]), c(to_list, [Big]),
    check_lib:same(sorted_inserts,
                   Big, lists:foldl(fun(K, T) -> m_gb_trees:insert(K, K, T) end, m_gb_trees:empty(), lists:seq(1, 1000))),
    check_lib:same(reverse_inserts,
                   lists:foldl(fun(K, T) -> gb_trees:insert(K, K, T) end, gb_trees:empty(), lists:seq(1000, 1, -1)),
                   lists:foldl(fun(K, T) -> m_gb_trees:insert(K, K, T) end, m_gb_trees:empty(), lists:seq(1000, 1, -1))),
    check_lib:finish("gb_trees").

lockstep() ->
    lists:foldl(
      fun(_, {TR, TM}) ->
              K = key(),
              {F, A} = pick([{insert, [K, v]}, {insert, [K, w]}, {enter, [K, x]}, {delete, [K]},
                             {delete_any, [K]}, {update, [K, y]}, {balance, []}]),
              R1 = try apply(gb_trees, F, A ++ [TR]) catch C1:E1 -> {'EXIT', C1, E1} end,
              R2 = try apply(m_gb_trees, F, A ++ [TM]) catch C2:E2 -> {'EXIT', C2, E2} end,
              check_lib:same({lockstep, F}, R1, R2),
              case R1 of
                  {'EXIT', _, _} -> {TR, TM};
                  _ -> {R1, R2}
              end
      end, {gb_trees:empty(), m_gb_trees:empty()}, lists:seq(1, 80)),
    ok.

round() ->
    T = rt(), K = key(),
    [c(F, [T]) || F <- [is_empty, size, to_list, keys, values, smallest, largest,
                       take_smallest, take_largest, balance, iterator]],
    [c(F, [K, T]) || F <- [lookup, is_defined, get, delete, delete_any, take, take_any,
                          iterator_from]],
    [c(F, [K, v, T]) || F <- [insert, update, enter]],
    c(map, [pick([fun(Ke, V) -> {Ke, V} end, notfun]), T]),
    c(from_orddict, [orddict:from_list([{key(), v} || _ <- lists:seq(1, int(0, 20))])]),
    It = gb_trees:iterator_from(K, T),
    check_lib:same(next_walk, walk(gb_trees, It), walk(m_gb_trees, m_gb_trees:iterator_from(K, T))),
    ok.

walk(M, It) ->
    case M:next(It) of
        none -> [];
        {K, V, It2} -> [{K, V} | walk(M, It2)]
    end.
