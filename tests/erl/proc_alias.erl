%% Process aliases: alias/0,1, unalias/1, sends to an alias (active or
%% not), reply aliases used up by the first message, and monitor/3's
%% {alias, Mode}: explicit_unalias, demonitor, reply_demonitor (and
%% spawn_opt's {monitor, Opts}).
-module(proc_alias).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

flush() -> receive M -> [M | flush()] after 0 -> [] end.

%% a process that sends what it is told to, then answers done
sender() ->
    receive
        {send, To, Msgs, From} -> [To ! M || M <- Msgs], From ! done, sender();
        stop -> ok
    end.

via(S, To, Msgs) ->
    S ! {send, To, Msgs, self()},
    receive done -> ok end.

main(_) ->
    S = spawn(fun sender/0),
    %% explicit alias: active until unalias
    A = alias(),
    via(S, A, [one, two]),
    io:format("~p~n", [[is_reference(A), flush()]]),
    io:format("~p~n", [[unalias(A), unalias(A)]]),
    via(S, A, [three]),
    io:format("~p~n", [flush()]),
    %% a message sent before unalias that the process takes in after it:
    %% dropped (whether the alias is active is decided on arrival)
    A2 = alias([explicit_unalias]),
    A2 ! self_sent,
    io:format("~p~n", [[unalias(A2), flush()]]),
    %% reply alias: the first message uses it up
    R = alias([reply]),
    via(S, R, [first, second]),
    io:format("~p~n", [[flush(), unalias(R)]]),
    %% errors
    io:format("~p~n", [[t(fun() -> alias(bad) end), t(fun() -> alias([bad]) end), t(fun() -> alias([reply | x]) end),
                        t(fun() -> unalias(self()) end), unalias(make_ref()), t(fun() -> unalias(1) end)]]),
    %% sending to a reference that was never an alias: dropped, no error
    make_ref() ! lost,
    erlang:send(make_ref(), lost),
    io:format("~p~n", [flush()]),
    %% an alias of a process that ended
    Self = self(),
    P = spawn(fun() -> Self ! {alias, alias()}, receive stop -> ok end end),
    PA = receive {alias, X} -> X end,
    M0 = monitor(process, P),
    P ! stop,
    receive {'DOWN', M0, _, _, _} -> ok end,
    PA ! nobody,
    io:format("~p~n", [flush()]),
    %% monitor/3 with an alias
    W = spawn(fun() -> receive stop -> ok end end),
    M1 = monitor(process, W, [{alias, explicit_unalias}]),
    via(S, M1, [m1]),
    M2 = monitor(process, W, [{alias, demonitor}]),
    via(S, M2, [m2]),
    true = demonitor(M2),
    via(S, M2, [m2_after_demonitor]),
    M3 = monitor(process, W, [{alias, reply_demonitor}]),
    via(S, M3, [m3, m3_again]),
    io:format("~p~n", [flush()]),
    %% reply_demonitor: the reply removed the monitor
    io:format("~p~n", [[demonitor(M3, [info]), demonitor(M1, [info])]]),
    M4 = monitor(process, W, [{alias, demonitor}]),
    W ! stop,
    receive {'DOWN', M4, process, W, normal} -> ok end,
    via(S, M4, [m4_after_down]),
    via(S, M1, [m1_still]),
    io:format("~p~n", [[flush(), unalias(M1), unalias(M4)]]),
    io:format("~p~n", [[t(fun() -> monitor(process, self(), [{alias, bad}]) end),
                        t(fun() -> monitor(process, self(), [bad]) end),
                        t(fun() -> monitor(process, self(), x) end),
                        t(fun() -> monitor(bad, self(), []) end),
                        is_reference(monitor(process, self(), []))]]),
    %% spawn_opt's {monitor, Opts}
    {SP, SR} = spawn_opt(fun() -> receive stop -> ok end end, [{monitor, [{alias, demonitor}]}]),
    via(S, SR, [spawned_alias]),
    SP ! stop,
    receive {'DOWN', SR, process, SP, normal} -> ok end,
    via(S, SR, [after_down]),
    {SP2, SR2} = spawn_opt(fun() -> ok end, [{monitor, []}]),
    receive {'DOWN', SR2, process, SP2, normal} -> ok end,
    via(S, SR2, [plain_monitor]),
    io:format("~p~n", [[flush(), t(fun() -> spawn_opt(fun() -> ok end, [{monitor, [{alias, bad}]}]) end),
                        t(fun() -> spawn_opt(fun() -> ok end, [{monitor, x}]) end)]]),
    S ! stop.
