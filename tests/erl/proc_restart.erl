-module(proc_restart).
-export([main/1]).
%% A hand-written supervisor restarting crashing workers 100,000 times in
%% total (no OTP behaviours): counts 'DOWN' and 'EXIT' messages.

%% Keeps Width monitored workers alive until Total have been started.
monitor_loop(_Width, Total, Total, Live, Downs) when Live =:= 0 -> Downs;
monitor_loop(Width, Total, Started, Live, Downs) when Started < Total, Live < Width ->
    spawn_monitor(fun() -> exit(crash) end),
    monitor_loop(Width, Total, Started + 1, Live + 1, Downs);
monitor_loop(Width, Total, Started, Live, Downs) ->
    receive
        {'DOWN', _, process, _, crash} -> monitor_loop(Width, Total, Started, Live - 1, Downs + 1)
    end.

%% The same with links and trap_exit, restarting one worker at a time.
link_loop(0, Exits) -> Exits;
link_loop(N, Exits) ->
    Pid = spawn_link(fun() -> exit(crash) end),
    receive {'EXIT', Pid, crash} -> link_loop(N - 1, Exits + 1) end.

main(_) ->
    io:format("monitored restarts: ~p~n", [monitor_loop(100, 60000, 0, 0, 0)]),
    Me = self(),
    spawn(fun() -> process_flag(trap_exit, true), Me ! {exits, link_loop(40000, 0)} end),
    receive {exits, N} -> io:format("linked restarts: ~p~n", [N]) end,
    %% 10,000 processes each reply once; the sum of the replies is checked.
    Pids = [spawn(fun() -> receive {go, From} -> From ! {reply, self(), I * 2} end end)
            || I <- lists:seq(1, 10000)],
    [P ! {go, Me} || P <- Pids],
    Sum = lists:sum([receive {reply, P, V} -> V end || P <- Pids]),
    io:format("replies summed: ~p (expected ~p)~n", [Sum, 10000 * 10001]),
    Sum2 = lists:sum([receive {reply, V} -> V end
                      || _ <- [spawn(fun() -> Me ! {reply, I} end) || I <- lists:seq(1, 10000)]]),
    io:format("any order: ~p~n", [Sum2]),
    io:format("mailbox empty: ~p~n", [process_info(self(), message_queue_len)]).
