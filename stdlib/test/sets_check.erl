%% sets_check.erl -- compare stdlib/sets.erl (as m_sets) with OTP's sets
%% on erl, including the exact layout of version 1 sets (so that to_list
%% and fold give erl's order).
-module(sets_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, sets).
-define(M, m_sets).

c(F, Args) -> cmp(?R, ?M, F, Args).

elem() -> pick([int(1, 400), int(1, 400), a, "s", {t, int(1, 5)}, 2.5]).

%% A random set (built by OTP), mostly version 1, of varied sizes.
rs() ->
    case rand:uniform(8) of
        1 -> sets:from_list([elem() || _ <- lists:seq(1, int(0, 10))], [{version, 2}]);
        2 -> sets:new();
        _ ->
            S0 = sets:from_list([elem() || _ <- lists:seq(1, int(0, 500))]),
            lists:foldl(fun(_, S) -> sets:del_element(elem(), S) end, S0, lists:seq(1, int(0, 300)))
    end.

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    c(new, []), c(new, [[{version, 1}]]), c(new, [[{version, 2}]]),
    times(200, fun lockstep/0),
    times(600, fun round/0),
    check_lib:finish("sets").

lockstep() ->
    lists:foldl(
      fun(_, {SR, SM}) ->
              E = elem(),
              F = pick([add_element, add_element, del_element]),
              R1 = sets:F(E, SR),
              R2 = m_sets:F(E, SM),
              check_lib:same({lockstep, F}, R1, R2),
              {R1, R2}
      end, {sets:new(), m_sets:new()}, lists:seq(1, 600)),
    ok.

round() ->
    S = rs(), S2 = rs(), E = elem(),
    [c(F, [S]) || F <- [is_set, size, is_empty, to_list]],
    [c(F, [E, S]) || F <- [is_element, add_element, del_element]],
    [c(F, [S, S2]) || F <- [union, intersection, subtract, is_subset, is_disjoint]],
    c(union, [[S, S2, rs()]]), c(intersection, [[S, S2, rs()]]), c(union, [[]]),
    L = [elem() || _ <- lists:seq(1, int(0, 300))],
    c(from_list, [L]), c(from_list, [L, [{version, 2}]]),
    c(filter, [pick([fun(X) -> is_integer(X) andalso X rem 3 =:= 0 end, fun(X) -> X =/= a end]), S]),
    c(fold, [pick([fun(X, A) -> [X | A] end, notfun]), [], S]),
    c(is_set, [pick([x, {set, 1}, #{}])]),
    ok.
