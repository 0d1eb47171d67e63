-module(proc_selective).
-export([main/1]).
%% Selective receive: messages are taken out of order by pattern; the rest stay queued in order.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.

main(_) ->
    self() ! {b, 2},
    self() ! {a, 1},
    self() ! {c, 3},
    self() ! {a, 10},
    receive {a, X} -> io:format("first a: ~p~n", [X]) end,
    receive {c, Y} -> io:format("c: ~p~n", [Y]) end,
    io:format("rest: ~p~n", [drain()]),
    self() ! low1, self() ! {high, 1}, self() ! low2, self() ! {high, 2},
    Highs = [receive {high, N} -> N end || _ <- [1, 2]],
    io:format("highs: ~p~n", [Highs]),
    io:format("lows: ~p~n", [drain()]),
    self() ! 5, self() ! 50, self() ! 500,
    receive N1 when N1 > 10 -> io:format("guarded: ~p~n", [N1]) end,
    io:format("left: ~p~n", [drain()]),
    self() ! {tag, a}, self() ! other,
    R = receive {tag, T} -> {tagged, T}; other -> other_first end,
    io:format("~p~n", [R]),
    io:format("~p~n", [drain()]).
