-module(proc_trap_exit).
-export([main/1]).
%% Exit signals through links: normal vs abnormal, kill vs killed, noproc,
%% unlink, exit/2 with normal to a trapping process.

wait_exit(Pid) ->
    receive {'EXIT', Pid, Reason} -> Reason after 2000 -> timeout end.

down(Ref) ->
    receive {'DOWN', Ref, process, _, Reason} -> Reason after 2000 -> timeout end.

%% A non-trapping process linked to a child that ends with Reason: does it survive?
survives(Reason) ->
    Parent = self(),
    {P, R} = spawn_monitor(fun() ->
                                   C = spawn_link(fun() -> receive go -> exit(Reason) end end),
                                   C ! go,
                                   receive after 100 -> Parent ! {alive, self()} end,
                                   exit(done)
                           end),
    receive
        {alive, P} -> io:format("~p: survived, ~p~n", [Reason, down(R)]);
        {'DOWN', R, process, P, Why} -> io:format("~p: died with ~p~n", [Reason, Why])
    end.

main(_) ->
    survives(normal),
    survives(crash),
    Parent = self(),
    %% A process killed with kill: its linked, trapping peer sees killed.
    {_, R1} = spawn_monitor(fun() ->
                                     process_flag(trap_exit, true),
                                     V = spawn_link(fun() -> receive after infinity -> ok end end),
                                     Parent ! {victim, V},
                                     exit(wait_exit(V))
                             end),
    receive {victim, V1} -> exit(V1, kill) end,
    io:format("peer of killed sees: ~p~n", [down(R1)]),
    %% A non-trapping process linked to a killed one dies with killed.
    {_, R2} = spawn_monitor(fun() ->
                                     V = spawn_link(fun() -> receive after infinity -> ok end end),
                                     Parent ! {victim, V},
                                     receive after infinity -> ok end
                             end),
    receive {victim, V2} -> exit(V2, kill) end,
    io:format("non-trapping peer of killed: ~p~n", [down(R2)]),
    %% exit(kill) (exit/1) in a linked process is an ordinary reason: peers die with kill
    {_, R2b} = spawn_monitor(fun() ->
                                     spawn_link(fun() -> exit(kill) end),
                                     receive after 1000 -> exit(alive) end
                             end),
    io:format("peer of exit(kill): ~p~n", [down(R2b)]),
    %% exit(Pid, normal) to a trapping process is delivered as a message.
    process_flag(trap_exit, true),
    P3 = spawn(fun() ->
                       process_flag(trap_exit, true),
                       Parent ! ready,
                       receive {'EXIT', From, Why} -> Parent ! {got, From =:= Parent, Why} end
               end),
    receive ready -> ok end,
    exit(P3, normal),
    receive {got, FromParent, Why3} -> io:format("normal to trapping: ~p ~p~n", [FromParent, Why3]) end,
    %% exit(self(), kill) in a spawned process
    P6 = spawn_link(fun() -> exit(self(), kill), receive after infinity -> ok end end),
    io:format("exit(self(), kill): ~p~n", [wait_exit(P6)]),
    %% exit(self(), normal) in a trapping process: becomes a message
    P7 = spawn_link(fun() ->
                            process_flag(trap_exit, true),
                            exit(self(), normal),
                            receive {'EXIT', Me, normal} when Me =:= self() -> exit(got_own_normal)
                            after 500 -> exit(no_message) end
                    end),
    io:format("exit(self(), normal) trapping: ~p~n", [wait_exit(P7)]),
    %% exit(self(), normal) in a non-trapping process: the process ends
    P8 = spawn_link(fun() -> exit(self(), normal), receive after 500 -> exit(still_running) end end),
    io:format("exit(self(), normal) not trapping: ~p~n", [wait_exit(P8)]),
    io:format("done~n").
