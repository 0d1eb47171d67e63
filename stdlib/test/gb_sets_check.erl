%% gb_sets_check.erl -- compare stdlib/gb_sets.erl (as m_gb_sets) with
%% OTP's gb_sets on erl, including the exact shape of every set.
-module(gb_sets_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, gb_sets).
-define(M, m_gb_sets).

c(F, Args) -> cmp(?R, ?M, F, Args).

key() -> pick([int(1, 60), int(1, 60), int(1, 20) + 0.5, a]).

%% A random set built by OTP operations, of varied sizes.
rs() ->
    case rand:uniform(5) of
        1 -> gb_sets:from_list([int(1, 3000) || _ <- lists:seq(1, int(0, 400))]);
        _ ->
            lists:foldl(fun(_, S) ->
                                case rand:uniform(6) of
                                    1 -> gb_sets:del_element(key(), S);
                                    2 -> gb_sets:balance(S);
                                    _ -> gb_sets:add(key(), S)
                                end
                        end, gb_sets:empty(), lists:seq(1, int(0, 60)))
    end.

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    times(300, fun lockstep/0),
    times(2500, fun round/0),
    check_lib:finish("gb_sets").

lockstep() ->
    lists:foldl(
      fun(_, {SR, SM}) ->
              K = key(),
              {F, A} = pick([{insert, [K]}, {add, [K]}, {add_element, [K]}, {delete, [K]},
                             {delete_any, [K]}, {del_element, [K]}, {balance, []}]),
              R1 = try apply(gb_sets, F, A ++ [SR]) catch C1:E1 -> {'EXIT', C1, E1} end,
              R2 = try apply(m_gb_sets, F, A ++ [SM]) catch C2:E2 -> {'EXIT', C2, E2} end,
              check_lib:same({lockstep, F}, R1, R2),
              case R1 of
                  {'EXIT', _, _} -> {SR, SM};
                  _ -> {R1, R2}
              end
      end, {gb_sets:empty(), m_gb_sets:empty()}, lists:seq(1, 80)),
    ok.

round() ->
    S = rs(), S2 = rs(), K = key(),
    [c(F, [S]) || F <- [is_empty, size, to_list, smallest, largest, take_smallest,
                       take_largest, balance, iterator, is_set]],
    [c(F, [K, S]) || F <- [is_element, is_member, add, add_element, insert, delete,
                          delete_any, del_element, iterator_from]],
    [c(F, [S, S2]) || F <- [union, intersection, difference, subtract, is_subset,
                           is_disjoint]],
    c(union, [[S, S2, rs()]]), c(intersection, [[S, S2, rs()]]), c(union, [[]]),
    c(singleton, [K]), c(is_set, [pick([x, {1, nil}, {a, nil}])]),
    L = [key() || _ <- lists:seq(1, int(0, 30))],
    c(from_list, [L]), c(from_ordset, [lists:usort(L)]),
    c(filter, [pick([fun(X) -> is_integer(X) andalso X rem 2 =:= 0 end, fun(_) -> x end]), S]),
    c(fold, [pick([fun(X, A) -> [X | A] end, notfun]), [], S]),
    ok.
