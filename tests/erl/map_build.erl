-module(map_build).
-export([main/1]).
%% Building maps incrementally: word counts, grouping, inversion.

count_words(Ws) ->
    lists:foldl(fun(W, Acc) -> maps:update_with(W, fun(C) -> C + 1 end, 1, Acc) end, #{}, Ws).

invert(M) -> maps:fold(fun(K, V, Acc) -> Acc#{V => K} end, #{}, M).

group(F, L) ->
    lists:foldr(fun(X, Acc) ->
                        K = F(X),
                        case Acc of
                            #{K := Old} -> Acc#{K := [X | Old]};
                            _ -> Acc#{K => [X]}
                        end
                end, #{}, L).

main(_) ->
    Ws = string:lexemes("the cat and the dog and the bird", " "),
    C = count_words(Ws),
    io:format("~p~n", [C]),
    io:format("~p~n", [lists:sort(fun({_, A}, {_, B}) -> A >= B end, maps:to_list(C))]),
    io:format("~p~n", [invert(#{a => 1, b => 2, c => 3})]),
    io:format("~p~n", [group(fun length/1, ["a", "bb", "cc", "d", "eee"])]),
    M = lists:foldl(fun(N, Acc) -> Acc#{N => N * N} end, #{}, lists:seq(1, 40)),
    io:format("~p~n", [map_size(M)]),
    io:format("~p~n", [maps:get(33, M)]),
    M2 = maps:filter(fun(K, _) -> K rem 10 =:= 0 end, M),
    io:format("~p~n", [M2]),
    M3 = maps:fold(fun(K, _, Acc) when K > 5 -> maps:remove(K, Acc); (_, _, Acc) -> Acc end, M, M),
    io:format("~p~n", [M3]),
    io:format("~p~n", [maps:from_list([{K, V} || {K, V} <- []]) =:= #{}]),
    Nested = #{a => #{b => #{c => 1}}},
    #{a := #{b := Inner}} = Nested,
    io:format("~p~n", [Inner]),
    Up = Nested#{a := (maps:get(a, Nested))#{b := #{c => 2, d => 3}}},
    io:format("~p~n", [Up]).
