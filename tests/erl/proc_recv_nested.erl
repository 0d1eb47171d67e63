-module(proc_recv_nested).
-export([main/1]).
%% Selective receive: skipped messages keep their order for later receives,
%% nested receives, guards, and messages arriving from another process.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.

main(_) ->
    [self() ! M || M <- [{x, 1}, {y, 1}, {x, 2}, {z, 1}, {y, 2}, {x, 3}]],
    receive {z, Z} -> io:format("z first: ~p~n", [Z]) end,
    Ys = [receive {y, N} -> N end || _ <- [1, 2]],
    io:format("ys: ~p~n", [Ys]),
    io:format("xs kept in order: ~p~n", [drain()]),
    self() ! outer, self() ! inner,
    R1 = receive
             outer -> receive inner -> {outer, inner} after 0 -> outer_only end
         end,
    io:format("nested: ~p~n", [R1]),
    self() ! a, self() ! b, self() ! c,
    R2 = receive
             b -> receive
                      c -> receive a -> [b, c, a] after 0 -> no_a end
                  after 0 -> no_c end
         end,
    io:format("nested out of order: ~p~n", [R2]),
    io:format("empty: ~p~n", [drain()]),
    [self() ! {n, I} || I <- [7, 2, 9, 4, 12, 1]],
    Big = [receive {n, I} when I > 5 -> I end || _ <- [1, 2, 3]],
    io:format("guard > 5: ~p~n", [Big]),
    Even = receive {n, E} when E rem 2 =:= 0 -> E end,
    io:format("first even: ~p~n", [Even]),
    io:format("rest: ~p~n", [drain()]),
    self() ! {pair, 1, 2}, self() ! {pair, 3, 3}, self() ! {pair, 4, 5},
    Same = receive {pair, A, A} -> A end,
    io:format("bound twice: ~p~n", [Same]),
    Lim = 4,
    Bound = receive {pair, L, _} when L >= Lim -> L end,
    io:format("guard with variable: ~p~n", [Bound]),
    io:format("rest: ~p~n", [drain()]),
    Parent = self(),
    Child = spawn(fun() ->
                          receive go -> ok end,
                          [Parent ! {c, I} || I <- lists:seq(1, 5)],
                          Parent ! done
                  end),
    self() ! {c, 0},
    Child ! go,
    receive done -> ok end,
    Odd = [receive {c, I} when I rem 2 =:= 1 -> I end || _ <- [1, 2, 3]],
    io:format("odd from child: ~p~n", [Odd]),
    io:format("rest: ~p~n", [drain()]),
    self() ! {k, 1}, self() ! {k, 2},
    R3 = receive {k, 2} = M2 -> M2; {k, 1} = M1 -> M1 end,
    io:format("first message matching any clause: ~p~n", [R3]),
    R4 = receive {k, _} -> taken after 0 -> none end,
    io:format("~p ~p~n", [R4, drain()]).
