-module(proc_register_more).
-export([main/1]).
%% Registered names: registered/0, the badarg cases, names freed on exit.

mine() ->
    lists:sort([N || N <- registered(), lists:member(N, [reg_a, reg_b, reg_c, reg_self])]).

try_it(F) ->
    try F() catch C:E -> {C, E} end.

main(_) ->
    Loop = fun L() -> receive {ask, From} -> From ! {answer, self()}, L(); stop -> exit(stopped) end end,
    A = spawn(Loop), B = spawn(Loop), C = spawn(Loop),
    io:format("~p~n", [[register(reg_c, C), register(reg_a, A), register(reg_b, B)]]),
    io:format("mine: ~p~n", [mine()]),
    io:format("whereis: ~p~n", [[whereis(N) =:= P || {N, P} <- [{reg_a, A}, {reg_b, B}, {reg_c, C}]]]),
    reg_b ! {ask, self()},
    receive {answer, Who} -> io:format("answer from reg_b: ~p~n", [Who =:= B]) end,
    io:format("name taken: ~p~n", [try_it(fun() -> register(reg_a, B) end)]),
    io:format("pid already named: ~p~n", [try_it(fun() -> register(reg_other, A) end)]),
    io:format("not an atom: ~p~n", [try_it(fun() -> register(id("reg_x"), A) end)]),
    io:format("undefined: ~p~n", [try_it(fun() -> register(undefined, self()) end)]),
    io:format("not a pid: ~p~n", [try_it(fun() -> register(reg_x, id(self)) end)]),
    io:format("send to unknown: ~p~n", [try_it(fun() -> id(nosuch_reg) ! x end)]),
    io:format("unregister unknown: ~p~n", [try_it(fun() -> unregister(nosuch_reg) end)]),
    io:format("whereis unknown: ~p~n", [whereis(nosuch_reg)]),
    io:format("self: ~p~n", [register(reg_self, self())]),
    io:format("registered_name: ~p~n", [process_info(self(), registered_name)]),
    reg_self ! to_myself,
    receive to_myself -> io:format("sent to own name~n") end,
    io:format("unregister: ~p~n", [unregister(reg_self)]),
    io:format("registered_name after: ~p~n", [process_info(self(), registered_name)]),
    io:format("unregister twice: ~p~n", [try_it(fun() -> unregister(reg_self) end)]),
    Ref = monitor(process, A),
    reg_a ! stop,
    receive {'DOWN', Ref, process, A, Why} -> io:format("reg_a ended: ~p~n", [Why]) end,
    io:format("name freed: ~p ~p~n", [whereis(reg_a), mine()]),
    io:format("send to freed name: ~p~n", [try_it(fun() -> id(reg_a) ! x end)]),
    io:format("move name: ~p ~p~n", [unregister(reg_c), register(reg_a, C)]),
    io:format("mine: ~p ~p~n", [mine(), whereis(reg_a) =:= C]),
    io:format("register dead pid: ~p~n", [try_it(fun() -> register(reg_dead, A) end)]),
    io:format("erlang:send to name: ~p~n", [erlang:send(reg_b, {ask, self()}) =:= {ask, self()}]),
    receive {answer, B} -> io:format("answer ok~n") end,
    io:format("send {Name, Node}: ~p~n", [({reg_b, node()} ! {ask, self()}) =:= {ask, self()}]),
    receive {answer, B} -> io:format("answer ok~n") end,
    io:format("send {Unknown, Node}: ~p~n", [try_it(fun() -> {nosuch_reg, node()} ! x end)]),
    [begin R = monitor(process, P), P ! stop, receive {'DOWN', R, _, _, _} -> ok end end || P <- [B, C]],
    io:format("all freed: ~p~n", [mine()]).

id(X) -> X.
