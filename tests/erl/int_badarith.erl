-module(int_badarith).
-export([main/1]).

t(Name, F) ->
    R = try F() of V -> {ok, V} catch C:E -> {C, E} end,
    io:format("~s: ~p~n", [Name, R]).

main(_) ->
    Z = id(0),
    t("div by zero", fun() -> 1 div Z end),
    t("rem by zero", fun() -> 1 rem Z end),
    t("float div by zero", fun() -> 1 / Z end),
    t("float div by 0.0", fun() -> 1.0 / float(Z) end),
    t("atom plus", fun() -> id(a) + 1 end),
    t("list times", fun() -> id([1]) * 2 end),
    t("div float", fun() -> id(5.0) div 2 end),
    t("rem float", fun() -> 5 rem id(2.0) end),
    t("band float", fun() -> 5 band id(1.0) end),
    t("bsl atom", fun() -> 1 bsl id(x) end),
    t("bnot float", fun() -> bnot id(1.5) end),
    t("unary minus atom", fun() -> -id(a) end),
    t("abs atom", fun() -> abs(id(a)) end),
    t("tuple minus", fun() -> id({1}) - 1 end),
    t("big div zero", fun() -> (1 bsl 100) div Z end),
    t("ok", fun() -> 6 div id(3) end).

id(X) -> X.
