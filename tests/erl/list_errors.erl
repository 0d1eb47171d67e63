-module(list_errors).
-export([main/1]).

t(Name, F) ->
    io:format("~s: ~p~n", [Name, try F() catch C:R -> {C, R} end]).

main(_) ->
    t("hd []", fun() -> hd(id([])) end),
    t("tl []", fun() -> tl(id([])) end),
    t("hd atom", fun() -> hd(id(a)) end),
    t("length improper", fun() -> length(id([1, 2 | 3])) end),
    t("length atom", fun() -> length(id(a)) end),
    t("++ improper left", fun() -> id([1 | 2]) ++ [3] end),
    t("++ atom left", fun() -> id(a) ++ [3] end),
    t("-- improper", fun() -> id([1 | 2]) -- [1] end),
    t("-- atom right", fun() -> [1] -- id(a) end),
    t("lists:nth 0", fun() -> lists:nth(0, id([a])) end),
    t("lists:nth too far", fun() -> lists:nth(3, id([a])) end),
    t("lists:last []", fun() -> lists:last(id([])) end),
    t("lists:max []", fun() -> lists:max(id([])) end),
    t("lists:sum atom", fun() -> lists:sum(id([1, a])) end),
    t("lists:seq bad", fun() -> lists:seq(5, 1, 1) end),
    t("lists:seq down", fun() -> lists:seq(5, 1, -1) end),
    t("lists:seq empty", fun() -> lists:seq(5, 4) end),
    t("lists:seq 5 3", fun() -> lists:seq(5, 3) end),
    t("match fail", fun() -> [_, _] = id([1, 2, 3]) end),
    t("list_to_tuple improper", fun() -> list_to_tuple(id([1 | 2])) end),
    t("lists:split too far", fun() -> lists:split(5, id([1, 2])) end),
    t("lists:sublist", fun() -> lists:sublist(id([1, 2]), 5) end).

id(X) -> X.
