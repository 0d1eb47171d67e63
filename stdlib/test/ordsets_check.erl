%% ordsets_check.erl -- compare stdlib/ordsets.erl (as m_ordsets) with
%% OTP's ordsets on erl.  Run through run-on-erl.sh.
-module(ordsets_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, ordsets).
-define(M, m_ordsets).

c(F, Args) -> cmp(?R, ?M, F, Args).

elem() -> pick([1, 1.0, 2, 3, 2.0, a, b, "s", 0, {t}]).

set() ->
    case rand:uniform(12) of
        1 -> x;
        2 -> [1 | y];
        3 -> [b, a];
        _ -> ordsets:from_list([elem() || _ <- lists:seq(1, int(0, 6))])
    end.

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    times(4000, fun round/0),
    check_lib:finish("ordsets").

round() ->
    S1 = set(), S2 = set(), E = elem(),
    c(new, []), c(is_set, [S1]), c(is_set, [[elem() || _ <- lists:seq(1, int(0, 4))]]),
    c(size, [S1]), c(is_empty, [S1]), c(to_list, [S1]),
    c(from_list, [[elem() || _ <- lists:seq(1, int(0, 8))]]),
    [c(F, [E, S1]) || F <- [is_element, add_element, del_element]],
    [c(F, [S1, S2]) || F <- [union, intersection, is_disjoint, subtract, is_subset]],
    Ss = [set() || _ <- lists:seq(1, int(0, 4))],
    c(union, [Ss]), c(intersection, [Ss]),
    c(fold, [pick([fun(X, A) -> [X | A] end, notfun]), [], S1]),
    c(filter, [pick([fun(X) -> is_integer(X) end, fun(_) -> x end, notfun]), S1]),
    ok.
