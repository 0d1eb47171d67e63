-module(proc_link_unlink).
-export([main/1]).
%% link/1 to a dead process (with and without trap_exit), unlink/1.

wait_exit(Pid) ->
    receive {'EXIT', Pid, Reason} -> Reason after 2000 -> timeout end.

down(Ref) ->
    receive {'DOWN', Ref, process, _, Reason} -> Reason after 2000 -> timeout end.

main(_) ->
    process_flag(trap_exit, true),
    %% link to a dead process while trapping exits gives {'EXIT', Pid, noproc}.
    {Dead, RD} = spawn_monitor(fun() -> ok end),
    down(RD),
    io:format("link to dead: ~p~n", [link(Dead)]),
    io:format("then: ~p~n", [wait_exit(Dead)]),
    process_flag(trap_exit, false),
    %% without trap_exit, link to a dead process raises error:noproc
    {_, R4} = spawn_monitor(fun() ->
                                    L = try link(Dead) catch C:E -> {C, E} end,
                                    receive after 200 -> exit({still_here, L}) end
                            end),
    io:format("link to dead, not trapping: ~p~n", [down(R4)]),
    %% unlink: the exit of a former peer no longer arrives
    process_flag(trap_exit, true),
    P5 = spawn_link(fun() -> receive go -> exit(bye) end end),
    io:format("unlink: ~p~n", [unlink(P5)]),
    R5 = monitor(process, P5),
    P5 ! go,
    io:format("down: ~p~n", [down(R5)]),
    io:format("after unlink: ~p~n", [receive {'EXIT', P5, _} -> got_exit after 100 -> no_message end]),
    io:format("unlink again: ~p~n", [unlink(P5)]),
    io:format("unlink self: ~p~n", [unlink(self())]),
    io:format("link self: ~p~n", [link(self())]),
    io:format("bad link: ~p~n", [try link(id(not_a_pid)) catch C:E -> {C, E} end]),
    io:format("bad unlink: ~p~n", [try unlink(id(not_a_pid)) catch C2:E2 -> {C2, E2} end]),
    Me = self(),
    P6 = spawn(fun() -> link(Me), Me ! linked, receive go -> exit(from_peer) end end),
    receive linked -> ok end,
    io:format("linked by the other side: ~p~n", [lists:member(P6, element(2, process_info(self(), links)))]),
    P6 ! go,
    io:format("exit from it: ~p~n", [wait_exit(P6)]),
    io:format("link gone: ~p~n", [lists:member(P6, element(2, process_info(self(), links)))]),
    process_flag(trap_exit, false).

id(X) -> X.
