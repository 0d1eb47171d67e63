%% The body of map_large_build and map_large_gc (the same checks at two
%% sizes). The includer defines N (keys), HALF (N div 2), LAST (N - 1) and
%% F (keys of the from_list map emptied one key at a time): literals, as
%% map patterns need them.
-export([main/1]).

main(_) ->
    M1 = put_loop(0, ?N, #{}),
    M2 = assoc_loop(?N - 1, #{}),
    io:format("sizes ~p ~p~n", [maps:size(M1), map_size(M2)]),
    io:format("equal ~p~n", [M1 =:= M2]),
    io:format("get ~p ~p ~p~n", [maps:get(0, M1), maps:get(?N - 1, M2), maps:get(?N div 2, M1)]),
    io:format("find ~p ~p~n", [maps:find(?N, M1), maps:find(7, M2)]),
    io:format("is_key ~p ~p~n", [maps:is_key(12345, M1), maps:is_key(-1, M1)]),
    io:format("missing ~p~n", [maps:get(?N + 5, M1, none)]),
    %% := update of every 10th key, then check
    M3 = exact_loop(0, ?N, M1),
    io:format("exact ~p ~p ~p~n", [maps:get(10, M3), maps:get(11, M3), map_size(M3)]),
    io:format("badkey ~p~n", [try M3#{?N + 1 := x} catch error:E -> E end]),
    %% remove every other key
    M4 = remove_loop(0, ?N, M1),
    io:format("removed ~p ~p ~p~n", [map_size(M4), maps:is_key(2, M4), maps:is_key(3, M4)]),
    M5 = remove_loop(1, ?N, M4),
    io:format("emptied ~p ~p~n", [map_size(M5), M5 =:= #{}]),
    {V6, M6} = maps:take(99, M1),
    io:format("take ~p ~p ~p~n", [V6, map_size(M6), maps:take(99, M6)]),
    io:format("remove absent ~p~n", [maps:remove(-5, M1) =:= M1]),
    %% a map built at once (flat), then emptied one key at a time
    F = maps:from_list([{K, K} || K <- lists:seq(1, ?F)]),
    F1 = remove_loop(1, ?F + 1, F),
    {T1, F2} = maps:take(?F, F1),
    F3 = remove_loop(2, ?F - 1, F2),
    io:format("from_list removed ~p ~p ~p ~p~n", [map_size(F1), T1, map_size(F3), F3]),
    io:format("from_list take ~p~n", [element(1, maps:take(5, F))]),
    %% patterns
    io:format("match ~p~n", [match(M1)]),
    io:format("match ~p~n", [match(M4)]),
    %% fold and sorted lists
    io:format("fold ~p~n", [maps:fold(fun(K, V, A) -> A + K + V end, 0, M1)]),
    L = lists:sort(maps:to_list(M3)),
    io:format("to_list ~p ~p ~p~n", [length(L), lists:sublist(L, 12), lists:last(L)]),
    io:format("keys ~p~n", [lists:sum(maps:keys(M4))]),
    io:format("values ~p~n", [length([V || V <- maps:values(M3), V =:= changed])]),
    %% an iterator walks every pair once
    io:format("iterator ~p~n", [iter(maps:iterator(M1), 0, 0)]),
    %% filter / map
    Ev = maps:filter(fun(K, _) -> K rem 1000 =:= 1 end, M4),
    io:format("filter ~p~n", [lists:sort(maps:to_list(Ev))]),
    Sq = maps:map(fun(_, V) -> V * 2 end, put_loop(0, 5000, #{})),
    io:format("map ~p ~p~n", [maps:get(777, Sq), map_size(Sq)]),
    %% shrink a large map down to a small one, then grow it again
    Small = remove_range(40, ?N, M1),
    io:format("small ~p ~p~n", [map_size(Small), Small =:= maps:from_list([{K, K} || K <- lists:seq(0, 39)])]),
    Big = put_loop(40, 200, Small),
    io:format("regrow ~p~n", [Big =:= maps:from_list([{K, K} || K <- lists:seq(0, 199)])]),
    ok.

put_loop(N, N, M) -> M;
put_loop(I, N, M) -> put_loop(I + 1, N, maps:put(I, I, M)).

assoc_loop(-1, M) -> M;
assoc_loop(I, M) -> assoc_loop(I - 1, M#{I => I}).

exact_loop(I, N, M) when I >= N -> M;
exact_loop(I, N, M) -> exact_loop(I + 10, N, M#{I := changed}).

remove_loop(I, N, M) when I >= N -> M;
remove_loop(I, N, M) -> remove_loop(I + 2, N, maps:remove(I, M)).

remove_range(N, N, M) -> M;
remove_range(I, N, M) -> remove_range(I + 1, N, maps:remove(I, M)).

match(#{0 := A, ?HALF := B, ?LAST := C}) -> {A, B, C};
match(#{1 := A, ?LAST := C}) -> {odd, A, C};
match(_) -> nomatch.

iter(I, Count, Sum) ->
    case maps:next(I) of
        none -> {Count, Sum};
        {K, _V, I2} -> iter(I2, Count + 1, Sum + K)
    end.
