-module(map_errors).
-export([main/1]).

t(Name, F) ->
    io:format("~s: ~p~n", [Name, try F() catch C:R -> {C, R} end]).

main(_) ->
    M = id(#{a => 1}),
    t("update missing key", fun() -> M#{b := 2} end),
    t("update non-map", fun() -> (id(x))#{a => 1} end),
    t("exact update non-map", fun() -> (id([1]))#{a := 1} end),
    t("maps:get missing", fun() -> maps:get(b, M) end),
    t("maps:get non-map", fun() -> maps:get(a, id(x)) end),
    t("maps:get default", fun() -> maps:get(b, M, dflt) end),
    t("maps:update missing", fun() -> maps:update(b, 1, M) end),
    t("maps:remove non-map", fun() -> maps:remove(a, id(3)) end),
    t("map_size non-map", fun() -> map_size(id([])) end),
    t("match fail", fun() -> #{b := _} = M end),
    t("maps:from_list bad", fun() -> maps:from_list(id([a])) end),
    t("maps:find missing", fun() -> maps:find(z, M) end),
    t("maps:update_with missing", fun() -> maps:update_with(z, fun(X) -> X end, M) end),
    t("maps:iterator bad", fun() -> maps:iterator(id(a)) end),
    t("maps:merge bad", fun() -> maps:merge(M, id(a)) end),
    t("is_map_key bad", fun() -> is_map_key(a, id(a)) end).

id(X) -> X.
