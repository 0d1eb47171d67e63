%% The reference-receive optimisation must not change what a receive
%% returns: older queued messages stay queued and keep their order, a
%% reply that arrives before the receive is found, a receive in between
%% (which invalidates the mark) still works, and monitor references too.
-module(proc_ref_receive).
-export([main/1]).

echo() ->
    receive
        {call, From, Ref, X} -> From ! {Ref, X * 2}, echo();
        stop -> ok
    end.

call(Server, X) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, X},
    receive {Ref, Y} -> Y end.

%% the reply is already queued when the receive starts
call_late(Server, X) ->
    Ref = erlang:make_ref(),
    Server ! {call, self(), Ref, X},
    receive after 20 -> ok end,
    receive {Ref, Y} -> Y after 1000 -> timeout end.

%% a receive between make_ref and the reference receive removes a message
call_between(Server, X) ->
    Ref = make_ref(),
    self() ! inner,
    Server ! {call, self(), Ref, X},
    Inner = receive inner -> got_inner end,
    Reply = receive {Ref, Y} -> Y end,
    {Inner, Reply}.

%% the same, with the inner receive in another function (the mark is set)
call_nested(Server, X) ->
    Ref = make_ref(),
    self() ! inner,
    Server ! {call, self(), Ref, X},
    Inner = take_inner(),
    receive {Ref, Y} -> {Inner, Y} end.

take_inner() -> receive inner -> got_inner end.

monitored(Pid) ->
    Ref = monitor(process, Pid),
    Pid ! die,
    receive {'DOWN', Ref, process, Pid, Reason} -> Reason end.

timeout_only() ->
    Ref = make_ref(),
    receive {Ref, _} -> got after 10 -> timed_out end.

flush() ->
    receive M -> [M | flush()] after 0 -> [] end.

main(_) ->
    [self() ! {old, I} || I <- lists:seq(1, 5)],
    S = spawn(fun echo/0),
    io:format("~w~n", [[call(S, I) || I <- lists:seq(1, 5)]]),
    io:format("~w~n", [call_late(S, 21)]),
    io:format("~w~n", [call_between(S, 4)]),
    io:format("~w~n", [call_nested(S, 5)]),
    io:format("~w~n", [timeout_only()]),
    Victim = spawn(fun() -> receive die -> exit(bye) end end),
    io:format("~w~n", [monitored(Victim)]),
    S ! stop,
    io:format("~w~n", [flush()]).
