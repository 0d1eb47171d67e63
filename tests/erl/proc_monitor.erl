-module(proc_monitor).
-export([main/1]).
%% Monitors: 'DOWN' messages with exit reasons.

down(Ref) ->
    receive {'DOWN', Ref, process, _Pid, Reason} -> Reason after 5000 -> timeout end.

main(_) ->
    {_, R1} = spawn_monitor(fun() -> ok end),
    io:format("normal: ~p~n", [down(R1)]),
    {_, R2} = spawn_monitor(fun() -> exit(my_reason) end),
    io:format("exit: ~p~n", [down(R2)]),
    %% (No error/throw crashes here: erl logs an =ERROR REPORT= with a
    %% timestamp to stdout for those, at a time that depends on scheduling.)
    {_, R3} = spawn_monitor(fun() -> exit({bad, [some, data]}) end),
    io:format("exit tuple: ~p~n", [down(R3)]),
    {_, R4} = spawn_monitor(fun() -> exit(kill) end),
    io:format("exit(kill) from inside: ~p~n", [down(R4)]),
    Pid5 = spawn(fun() -> receive stop -> ok end end),
    R5 = monitor(process, Pid5),
    Pid5 ! stop,
    io:format("stopped: ~p~n", [down(R5)]),
    R6 = monitor(process, Pid5),
    io:format("already dead: ~p~n", [down(R6)]),
    Pid7 = spawn(fun() -> receive stop -> ok end end),
    R7 = monitor(process, Pid7),
    io:format("demonitor: ~p~n", [demonitor(R7, [flush])]),
    Pid7 ! stop,
    io:format("no DOWN after demonitor: ~p~n", [receive {'DOWN', R7, _, _, _} -> got after 100 -> none end]),
    {Pid8, R8} = spawn_monitor(fun() -> receive _ -> ok end end),
    exit(Pid8, kill),
    io:format("killed: ~p~n", [down(R8)]),
    {_, R9} = spawn_monitor(fun() -> exit(normal) end),
    io:format("explicit normal: ~p~n", [down(R9)]).
