%% orddict_check.erl -- compare stdlib/orddict.erl (as m_orddict) with
%% OTP's orddict on erl.  Run through run-on-erl.sh.
-module(orddict_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, orddict).
-define(M, m_orddict).

c(F, Args) -> cmp(?R, ?M, F, Args).

key() -> pick([1, 1.0, 2, 3, 2.0, a, b, "s", 0]).

dict() ->
    case rand:uniform(12) of
        1 -> x;
        2 -> [{1, a} | y];
        3 -> [a, b];
        _ -> orddict:from_list([{key(), pick([1, [v], 2.5])} || _ <- lists:seq(1, int(0, 6))])
    end.

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    times(3000, fun round/0),
    check_lib:finish("orddict").

round() ->
    D = dict(), D2 = dict(), K = key(),
    Pairs = [pick([{key(), key()}, {key(), key()}, x]) || _ <- lists:seq(1, int(0, 6))],
    c(from_list, [Pairs]), c(from_list, [[{key(), 1}]]), c(from_list, [[x]]),
    c(new, []), c(to_list, [D]), c(size, [D]), c(is_empty, [D]), c(fetch_keys, [D]),
    [c(F, [K, D]) || F <- [is_key, fetch, find, erase, take]],
    [c(F, [K, pick([v, [w], 3]), D]) || F <- [store, append, append_list, update_counter]],
    UF = pick([fun(V) -> {V} end, notfun, fun(V) when is_integer(V) -> V + 1 end]),
    c(update, [K, UF, D]), c(update, [K, UF, init, D]),
    c(fold, [pick([fun(Ke, V, A) -> [{Ke, V} | A] end, notfun]), [], D]),
    c(map, [pick([fun(Ke, V) -> {Ke, V} end, notfun]), D]),
    c(filter, [pick([fun(Ke, _) -> is_integer(Ke) end, fun(_, _) -> x end, notfun]), D]),
    c(merge, [pick([fun(Ke, A, B) -> {Ke, A, B} end, notfun]), D, D2]),
    ok.
