-module(proc_dict).
-export([main/1]).
%% The process dictionary.

main(_) ->
    io:format("~p~n", [put(a, 1)]),
    io:format("~p~n", [put(a, 2)]),
    io:format("~p~n", [get(a)]),
    io:format("~p~n", [get(missing)]),
    put({k, 1}, "tuple key"),
    io:format("~p~n", [get({k, 1})]),
    io:format("~p~n", [lists:sort(get_keys())]),
    io:format("~p~n", [erase(a)]),
    io:format("~p~n", [get(a)]),
    put(x, 10), put(y, 10),
    io:format("~p~n", [lists:sort(get_keys(10))]),
    io:format("~p~n", [lists:sort([{K, V} || {K, V} <- get(), is_atom(K)])]),
    Parent = self(),
    spawn(fun() -> Parent ! {child_sees, get(x)} end),
    receive {child_sees, V} -> io:format("child: ~p~n", [V]) end,
    [put(N, N * N) || N <- lists:seq(1, 100)],
    io:format("~p~n", [lists:sum([get(N) || N <- lists:seq(1, 100)])]).
