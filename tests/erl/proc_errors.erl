-module(proc_errors).
-export([main/1]).
%% A crash in one process does not affect another; exit/2 with normal is ignored.

main(_) ->
    Parent = self(),
    {Pid, Ref} = spawn_monitor(fun() -> Parent ! started, exit(child_failed) end),
    receive started -> ok end,
    receive {'DOWN', Ref, process, Pid, Reason} -> io:format("child died: ~p~n", [Reason]) end,
    io:format("parent alive: ~p~n", [is_process_alive(self())]),
    P2 = spawn(fun() -> receive stop -> Parent ! stopped end end),
    exit(P2, normal),
    P2 ! stop,
    receive stopped -> io:format("normal exit signal ignored~n") end,
    %% erl -eval runs main with trap_exit already true (escript does not): say so,
    %% so that exit(self(), normal) leaves a message instead of ending main.
    process_flag(trap_exit, true),
    io:format("~p~n", [catch exit(self(), normal) =:= true]),
    P3 = spawn(fun() -> receive _ -> ok end end),
    M3 = monitor(process, P3),
    exit(P3, kill),
    receive {'DOWN', M3, _, _, R3} -> io:format("~p~n", [R3]) end,
    io:format("~p~n", [is_process_alive(P3)]),
    {P4, M4} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     Parent ! ready,
                                     receive {'EXIT', _, R} -> exit({trapped, R}) end
                             end),
    receive ready -> ok end,
    exit(P4, please_stop),
    receive {'DOWN', M4, _, _, R4} -> io:format("~p~n", [R4]) end,
    {P5, M5} = spawn_monitor(fun() -> process_flag(trap_exit, true), receive _ -> ok end end),
    exit(P5, kill),
    receive {'DOWN', M5, _, _, R5} -> io:format("kill is untrappable: ~p~n", [R5]) end.
