-module(proc_send).
-export([main/1]).
%% Sending: ! returns the message, erlang:send/2,3 and their options,
%% sends to dead pids and to things that are not processes.

try_it(F) ->
    try F() catch C:E -> {C, E} end.

main(_) ->
    Me = self(),
    io:format("! returns: ~p~n", [Me ! {msg, 1}]),
    io:format("chained: ~p~n", [Me ! Me ! chained]),
    io:format("send/2: ~p~n", [erlang:send(Me, {msg, 2})]),
    io:format("send/3 []: ~p~n", [erlang:send(Me, {msg, 3}, [])]),
    io:format("noconnect: ~p~n", [erlang:send(Me, {msg, 4}, [noconnect])]),
    io:format("nosuspend: ~p~n", [erlang:send(Me, {msg, 5}, [nosuspend])]),
    io:format("both: ~p~n", [erlang:send(Me, {msg, 6}, [noconnect, nosuspend])]),
    io:format("bad option: ~p~n", [try_it(fun() -> erlang:send(Me, x, [id(bogus)]) end)]),
    io:format("received: ~p~n", [[receive {msg, N} -> N end || _ <- lists:seq(1, 6)]]),
    io:format("chained received: ~p~n", [[receive chained -> chained end || _ <- [1, 2]]]),
    {Dead, R} = spawn_monitor(fun() -> ok end),
    receive {'DOWN', R, process, Dead, normal} -> ok end,
    io:format("to dead pid: ~p~n", [Dead ! lost]),
    io:format("send/3 to dead pid: ~p~n", [erlang:send(Dead, lost, [nosuspend])]),
    io:format("to integer: ~p~n", [try_it(fun() -> id(42) ! x end)]),
    io:format("to tuple: ~p~n", [try_it(fun() -> id({a, b, c}) ! x end)]),
    io:format("to list: ~p~n", [try_it(fun() -> id("name") ! x end)]),
    io:format("to unregistered atom: ~p~n", [try_it(fun() -> id(nobody_here) ! x end)]),
    io:format("send/2 to unregistered atom: ~p~n", [try_it(fun() -> erlang:send(id(nobody_here), x) end)]),
    io:format("send/3 to unregistered atom: ~p~n", [try_it(fun() -> erlang:send(id(nobody_here), x, [noconnect]) end)]),
    io:format("to a ref: ~p~n", [try_it(fun() -> make_ref() ! x end)]),
    Big = lists:seq(1, 1000),
    Echo = spawn(fun() -> receive {From, M} -> From ! {echo, M} end end),
    Echo ! {Me, {Big, <<"bin">>, #{a => Big}, 1.5, -7, 1 bsl 100, [Me]}},
    receive {echo, Copy} -> io:format("copied intact: ~p~n", [Copy =:= {Big, <<"bin">>, #{a => Big}, 1.5, -7, 1 bsl 100, [Me]}]) end,
    Fun = fun(X) -> X * 3 end,
    Doubler = spawn(fun() -> receive {From, F} -> From ! {result, F(14)} end end),
    Doubler ! {Me, Fun},
    receive {result, V} -> io:format("fun sent and called: ~p~n", [V]) end,
    [Me ! {seq, I} || I <- lists:seq(1, 1000)],
    io:format("queue: ~p~n", [process_info(Me, message_queue_len)]),
    io:format("in order: ~p~n", [[receive {seq, I} -> I end || _ <- lists:seq(1, 1000)] =:= lists:seq(1, 1000)]),
    io:format("empty: ~p~n", [receive Any -> Any after 0 -> empty end]).

id(X) -> X.
