-module(math_errors).
-export([main/1]).

t(Name, F) ->
    io:format("~s: ~p~n", [Name, try F() catch C:R -> {C, R} end]).

main(_) ->
    t("log(0)", fun() -> math:log(id(0)) end),
    t("log(-1)", fun() -> math:log(id(-1)) end),
    t("log2(0)", fun() -> math:log2(id(0)) end),
    t("log10(-5)", fun() -> math:log10(id(-5)) end),
    t("sqrt(-1)", fun() -> math:sqrt(id(-1)) end),
    t("pow overflow", fun() -> math:pow(id(10), 400) end),
    t("pow(-8, 1/3)", fun() -> math:pow(id(-8), 1 / 3) end),
    t("pow(0, -1)", fun() -> math:pow(id(0), -1) end),
    t("exp(1000)", fun() -> math:exp(id(1000)) end),
    t("exp(-1000)", fun() -> math:exp(id(-1000)) end),
    t("acos(2)", fun() -> math:acos(id(2)) end),
    t("sqrt(atom)", fun() -> math:sqrt(id(a)) end),
    t("fmod(1, 0)", fun() -> math:fmod(id(1), 0) end),
    t("sqrt(bignum)", fun() -> math:sqrt(id(1 bsl 100)) end),
    t("sqrt(huge bignum)", fun() -> math:sqrt(id(1 bsl 1100)) end),
    t("pow(2, 1023)", fun() -> math:pow(id(2), 1023) end),
    t("pow(2, 1024)", fun() -> math:pow(id(2), 1024) end).

id(X) -> X.
