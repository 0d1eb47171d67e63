-module(orddict_basic).
-export([main/1]).

main(_) ->
    D0 = orddict:new(),
    D1 = orddict:store(b, 2, D0),
    D2 = orddict:store(a, 1, D1),
    D3 = orddict:store(c, 3, D2),
    io:format("~p~n", [D3]),
    io:format("~p~n", [orddict:fetch(a, D3)]),
    io:format("~p~n", [orddict:find(b, D3)]),
    io:format("~p~n", [orddict:find(z, D3)]),
    io:format("~p~n", [orddict:is_key(c, D3)]),
    io:format("~p~n", [orddict:erase(b, D3)]),
    io:format("~p~n", [orddict:fetch_keys(D3)]),
    io:format("~p~n", [orddict:append(a, x, orddict:store(a, [], D3))]),
    io:format("~p~n", [orddict:update(a, fun(V) -> V * 100 end, D3)]),
    io:format("~p~n", [orddict:update(z, fun(V) -> V end, 0, D3)]),
    io:format("~p~n", [orddict:update_counter(c, 10, D3)]),
    io:format("~p~n", [orddict:map(fun(_K, V) -> V + 1 end, D3)]),
    io:format("~p~n", [orddict:filter(fun(K, _) -> K =/= a end, D3)]),
    io:format("~p~n", [orddict:fold(fun(K, V, Acc) -> [{V, K} | Acc] end, [], D3)]),
    io:format("~p~n", [orddict:merge(fun(_K, V1, V2) -> V1 + V2 end, D3, orddict:from_list([{c, 30}, {d, 4}]))]),
    io:format("~p~n", [orddict:from_list([{z, 1}, {a, 2}, {z, 3}])]),
    io:format("~p~n", [orddict:size(D3)]),
    io:format("~p~n", [orddict:to_list(D3)]),
    io:format("~p~n", [try orddict:fetch(zz, D3) catch C:R -> {C, R} end]).
