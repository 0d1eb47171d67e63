-module(tuple_errors).
-export([main/1]).

t(F) ->
    io:format("~p~n", [try F() catch C:R -> {C, R} end]).

main(_) ->
    T = id({a, b, c}),
    t(fun() -> element(0, T) end),
    t(fun() -> element(4, T) end),
    t(fun() -> element(-1, T) end),
    t(fun() -> element(1, id([a])) end),
    t(fun() -> element(id(a), T) end),
    t(fun() -> setelement(0, T, x) end),
    t(fun() -> setelement(4, T, x) end),
    t(fun() -> setelement(1, id(x), x) end),
    t(fun() -> tuple_size(id([])) end),
    t(fun() -> erlang:insert_element(5, T, x) end),
    t(fun() -> erlang:delete_element(4, T) end),
    t(fun() -> erlang:make_tuple(-1, x) end),
    t(fun() -> list_to_tuple(id([a | b])) end),
    t(fun() -> tuple_to_list(id(a)) end),
    t(fun() -> {X, Y} = T, {X, Y} end),
    t(fun() -> element(2, T) end).

id(X) -> X.
