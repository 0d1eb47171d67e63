-module(fmt_errors).
-export([main/1]).
%% Bad format strings and argument mismatches raise badarg from io_lib:format.

t(F, A) ->
    io:format("~p~n", [try lists:flatten(io_lib:format(F, A)) catch C:R -> {C, R} end]).

main(_) ->
    t("~w", []),
    t("~w ~w", [1]),
    t("~w", [1, 2]),
    t("~s", [1]),
    t("~s", [[1, a]]),
    t("~c", [a]),
    t("~f", [1]),
    t("~e", [a]),
    t("~b", [a]),
    t("~z", [1]),
    t("~", []),
    t("~*w", [a, 1]),
    t("~w", not_a_list),
    t("~.0f", [1.0]),
    t("~.1e", [1.0]),
    t("~p", [ok]),
    t("~-20p", ["a"]),
    t("~20p|", ["a"]),
    t("~.1f", [0.05]),
    t("~.1f", [0.15]),
    t("~.1f", [0.25]),
    t("~.2f", [1.005]),
    t("~s", [[$a, <<"b">>, [$c]]]),
    t("~s", [[$a | <<"b">>]]).
