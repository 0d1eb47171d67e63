-module(proc_link_trap).
-export([main/1]).
%% Links with trap_exit: exit signals become {'EXIT', Pid, Reason} messages.

wait_exit(Pid) ->
    receive {'EXIT', Pid, Reason} -> Reason after 5000 -> timeout end.

main(_) ->
    process_flag(trap_exit, true),
    P1 = spawn_link(fun() -> ok end),
    io:format("normal: ~p~n", [wait_exit(P1)]),
    P2 = spawn_link(fun() -> exit(custom_reason) end),
    io:format("exit: ~p~n", [wait_exit(P2)]),
    P3 = spawn_link(fun() -> exit({shutdown, details}) end),
    io:format("shutdown: ~p~n", [wait_exit(P3)]),
    P4 = spawn_link(fun() -> exit(self(), own_signal), receive after infinity -> ok end end),
    io:format("exit/2 to self: ~p~n", [wait_exit(P4)]),
    P5 = spawn_link(fun() -> try 1 = id(2) catch error:E -> exit({caught, E}) end end),
    io:format("caught then exit: ~p~n", [wait_exit(P5)]),
    Parent = self(),
    P6 = spawn_link(fun() -> link(Parent), Parent ! linked_twice, exit(twice) end),
    receive linked_twice -> ok end,
    io:format("double link: ~p~n", [wait_exit(P6)]),
    P7 = spawn(fun() -> receive _ -> ok end end),
    link(P7),
    exit(P7, kill),
    io:format("killed: ~p~n", [wait_exit(P7)]),
    P8 = spawn_link(fun() -> receive _ -> ok end end),
    exit(P8, some_signal),
    io:format("signal: ~p~n", [wait_exit(P8)]),
    io:format("~p~n", [process_flag(trap_exit, false)]).

id(X) -> X.
