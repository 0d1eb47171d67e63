%% proplists_check.erl -- compare stdlib/proplists.erl (as m_proplists)
%% with OTP's proplists on erl.  Run through run-on-erl.sh.
-module(proplists_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, proplists).
-define(M, m_proplists).

c(F, Args) -> cmp(?R, ?M, F, Args).

key() -> pick([a, b, c, d, "s", 1]).
val() -> pick([true, false, 1, [x], [], a, "v"]).

entry() ->
    case rand:uniform(9) of
        1 -> key();
        2 -> {key()};
        3 -> {key(), val(), val()};
        4 -> pick([[a], "str", 42, {}]);
        _ -> {key(), val()}
    end.

plist() -> [entry() || _ <- lists:seq(1, int(0, 8))].

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    [c(F, [K, B]) || F <- [get_value, lookup, lookup_all, is_defined, get_all_values,
                          append_values, get_bool, delete],
                    K <- [a], B <- [x, [x | y], [a | y], [{b, 1} | y]]],
    [c(F, [B]) || F <- [get_keys, unfold, compact, to_map, from_map], B <- [x, [x | y], [a | y]]],
    times(3000, fun round/0),
    check_lib:finish("proplists").

round() ->
    L = plist(), K = key(),
    [c(F, [K, L]) || F <- [get_value, lookup, lookup_all, is_defined, get_all_values,
                          append_values, get_bool, delete]],
    c(get_value, [K, L, default]),
    c(property, [entry()]), c(property, [key(), val()]),
    c(unfold, [L]), c(compact, [L]), c(get_keys, [L]),
    Pairs = [{key(), key()} || _ <- lists:seq(1, int(0, 3))],
    c(substitute_aliases, [Pairs, L]),
    c(substitute_negations, [Pairs, L]),
    Exps = [{pick([key(), {key(), val()}]), pick([[x, y], [], [[z]], [a, {b, 1}], atom, [{expansion, q}]])}
            || _ <- lists:seq(1, int(0, 3))],
    c(expand, [Exps, L]),
    c(normalize, [L, [pick([{aliases, Pairs}, {negations, Pairs}, {expand, Exps}])
                      || _ <- lists:seq(1, int(0, 3))]]),
    c(split, [L, [key() || _ <- lists:seq(1, int(0, 3))]]),
    c(to_map, [L]), c(to_map, [L, [{negations, Pairs}]]),
    c(from_map, [maps:from_list([{key(), val()} || _ <- lists:seq(1, int(0, 5))])]),
    ok.
