%% dict_check.erl -- compare stdlib/dict.erl (as m_dict) with OTP's dict
%% on erl, including the exact layout (so that to_list and fold give erl's
%% order).
-module(dict_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, dict).
-define(M, m_dict).

c(F, Args) -> cmp(?R, ?M, F, Args).

key() -> pick([int(1, 300), int(1, 300), a, "s", {t, int(1, 5)}, 2.5, 2]).

rd() ->
    case rand:uniform(8) of
        1 -> dict:new();
        2 -> pick([x, {dict, 1}]);
        _ ->
            D0 = dict:from_list([{key(), pick([1, [v], 2.5])} || _ <- lists:seq(1, int(0, 400))]),
            lists:foldl(fun(_, D) -> dict:erase(key(), D) end, D0, lists:seq(1, int(0, 300)))
    end.

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    c(new, []),
    times(200, fun lockstep/0),
    times(800, fun round/0),
    check_lib:finish("dict").

lockstep() ->
    lists:foldl(
      fun(_, {DR, DM}) ->
              K = key(),
              {F, A} = pick([{store, [K, v]}, {store, [K, w]}, {erase, [K]}, {append, [K, x]},
                             {update_counter, [K, 1]}, {update, [K, fun(V) -> {V} end, init]},
                             {erase, [K]}]),
              R1 = try apply(dict, F, A ++ [DR]) catch C1:E1 -> {'EXIT', C1, E1} end,
              R2 = try apply(m_dict, F, A ++ [DM]) catch C2:E2 -> {'EXIT', C2, E2} end,
              check_lib:same({lockstep, F}, R1, R2),
              case R1 of
                  {'EXIT', _, _} -> {DR, DM};
                  _ -> {R1, R2}
              end
      end, {dict:new(), m_dict:new()}, lists:seq(1, 500)),
    ok.

round() ->
    D = rd(), D2 = rd(), K = key(),
    [c(F, [D]) || F <- [size, is_empty, to_list, fetch_keys]],
    [c(F, [K, D]) || F <- [is_key, fetch, find, erase, take]],
    [c(F, [K, pick([v, [w], 3]), D]) || F <- [store, append, append_list, update_counter]],
    UF = pick([fun(V) -> {V} end, notfun]),
    c(update, [K, UF, D]), c(update, [K, UF, init, D]),
    c(fold, [pick([fun(Ke, V, A) -> [{Ke, V} | A] end, notfun]), [], D]),
    c(map, [pick([fun(Ke, V) -> {Ke, V} end, notfun]), D]),
    c(filter, [pick([fun(Ke, _) -> is_integer(Ke) andalso Ke rem 3 =:= 0 end, fun(_, _) -> x end]), D]),
    c(merge, [pick([fun(Ke, A, B) -> {Ke, A, B} end]), D, D2]),
    c(from_list, [[{key(), v} || _ <- lists:seq(1, int(0, 200))]]),
    c(from_list, [pick([[x], x, [{a, 1} | b]])]),
    ok.
