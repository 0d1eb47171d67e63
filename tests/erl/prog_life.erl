-module(prog_life).
-export([main/1]).
%% Conway's game of life on a small torus, cells kept in an ordset.

-define(W, 10).
-define(H, 8).

step(Cells) ->
    Cands = ordsets:union([neighbours(C) || C <- Cells] ++ [Cells]),
    [C || C <- Cands, alive(C, Cells)].

alive(C, Cells) ->
    N = length([X || X <- neighbours(C), ordsets:is_element(X, Cells)]),
    case ordsets:is_element(C, Cells) of
        true -> N =:= 2 orelse N =:= 3;
        false -> N =:= 3
    end.

neighbours({X, Y}) ->
    ordsets:from_list([{(X + DX + ?W) rem ?W, (Y + DY + ?H) rem ?H}
                       || DX <- [-1, 0, 1], DY <- [-1, 0, 1], {DX, DY} =/= {0, 0}]).

show(Cells) ->
    [io:format("~s~n", [[case ordsets:is_element({X, Y}, Cells) of true -> $#; false -> $. end
                         || X <- lists:seq(0, ?W - 1)]]) || Y <- lists:seq(0, ?H - 1)],
    io:format("~n").

main(_) ->
    Glider = ordsets:from_list([{1, 0}, {2, 1}, {0, 2}, {1, 2}, {2, 2}]),
    Blinker = ordsets:from_list([{6, 5}, {7, 5}, {8, 5}]),
    G0 = ordsets:union(Glider, Blinker),
    lists:foldl(fun(I, G) -> io:format("gen ~p: ~p cells~n", [I, length(G)]), show(G), step(G) end,
                G0, lists:seq(0, 4)),
    G40 = lists:foldl(fun(_, G) -> step(G) end, G0, lists:seq(1, 40)),
    io:format("~p~n", [G40]).
