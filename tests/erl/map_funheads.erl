-module(map_funheads).
-export([main/1]).
%% Maps in function heads, guards with is_map_key/map_get, and state machines on maps.

handle(#{type := add, a := A, b := B}) -> A + B;
handle(#{type := neg, a := A}) -> -A;
handle(#{type := T}) -> {unsupported, T};
handle(M) when is_map(M), map_size(M) =:= 0 -> empty;
handle(_) -> not_a_command.

get_or(K, M, D) when is_map_key(K, M) -> map_get(K, M);
get_or(_, _, D) -> D.

light(#{state := red} = S) -> S#{state := green, ticks := maps:get(ticks, S) + 1};
light(#{state := green} = S) -> S#{state := yellow, ticks := maps:get(ticks, S) + 1};
light(#{state := yellow} = S) -> S#{state := red, ticks := maps:get(ticks, S) + 1}.

main(_) ->
    Cmds = [#{type => add, a => 2, b => 3}, #{type => neg, a => 9}, #{type => mul}, #{},
            [not_map], #{type => add, a => 1}],
    io:format("~p~n", [[handle(C) || C <- Cmds]]),
    io:format("~p~n", [[get_or(K, #{a => 1}, default) || K <- [a, b]]]),
    S = lists:foldl(fun(_, Acc) -> light(Acc) end, #{state => red, ticks => 0}, lists:seq(1, 7)),
    io:format("~p~n", [S]),
    F = fun(#{x := X, y := Y}) -> X * Y end,
    io:format("~p~n", [F(#{x => 6, y => 7, z => ignored})]),
    io:format("~p~n", [try F(#{x => 1}) catch error:E -> E end]),
    Key = {composite, 1},
    M = #{Key => found},
    io:format("~p~n", [case M of #{{composite, 1} := V} -> V end]).
