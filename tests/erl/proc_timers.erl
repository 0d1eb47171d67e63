-module(proc_timers).
-export([main/1]).
%% erlang:send_after/start_timer/cancel_timer/read_timer, timer:sleep,
%% receive ... after with variable, infinity and mid-traffic deadlines.

drain() ->
    receive M -> [M | drain()] after 0 -> [] end.

main(_) ->
    Me = self(),
    erlang:send_after(30, Me, t30),
    erlang:send_after(10, Me, t10),
    erlang:send_after(20, Me, t20),
    io:format("deadline order: ~p~n", [[receive M -> M end || _ <- [1, 2, 3]]]),
    T1 = erlang:start_timer(10, Me, hello),
    receive {timeout, R1, Msg1} -> io:format("start_timer: ~p ~p~n", [R1 =:= T1, Msg1]) end,
    T2 = erlang:send_after(5000, Me, never),
    io:format("read_timer: ~p~n", [is_integer(erlang:read_timer(T2))]),
    Left = erlang:cancel_timer(T2),
    io:format("cancel: ~p ~p~n", [is_integer(Left), Left > 4000 andalso Left =< 5000]),
    io:format("cancel again: ~p~n", [erlang:cancel_timer(T2)]),
    io:format("read cancelled: ~p~n", [erlang:read_timer(T2)]),
    T3 = erlang:send_after(0, Me, zero),
    receive zero -> ok end,
    io:format("cancel fired: ~p ~p~n", [erlang:cancel_timer(T3), erlang:read_timer(T3)]),
    T4 = erlang:start_timer(5000, Me, never),
    io:format("cancel async: ~p~n", [erlang:cancel_timer(T4, [{async, true}, {info, false}])]),
    T5 = erlang:start_timer(5000, Me, never),
    io:format("cancel no info: ~p~n", [erlang:cancel_timer(T5, [{info, false}])]),
    io:format("cancel not a timer: ~p~n", [erlang:cancel_timer(make_ref())]),
    Name = spawn(fun() -> receive {timed, X} -> Me ! {relayed, X} end end),
    register(timer_target, Name),
    erlang:send_after(5, timer_target, {timed, by_name}),
    receive {relayed, By} -> io:format("send_after to a name: ~p~n", [By]) end,
    T0 = erlang:monotonic_time(millisecond),
    io:format("sleep: ~p~n", [timer:sleep(50)]),
    io:format("slept enough: ~p~n", [erlang:monotonic_time(millisecond) - T0 >= 50]),
    Talker = spawn(fun() -> [begin Me ! {chat, I}, receive after 5 -> ok end end || I <- lists:seq(1, 10)] end),
    Got = receive stop_talking -> unexpected after 30 -> timeout end,
    io:format("after amid traffic: ~p~n", [Got]),
    Mon = monitor(process, Talker),
    receive {'DOWN', Mon, _, _, _} -> ok end,
    io:format("traffic kept: ~p~n", [[I || {chat, I} <- drain()]]),
    Timeout = id(20),
    io:format("variable timeout: ~p~n", [receive x -> x after Timeout -> waited end]),
    Inf = id(infinity),
    Me ! ready,
    io:format("infinity: ~p~n", [receive ready -> ready after Inf -> never end]),
    erlang:send_after(10, Me, wake),
    io:format("infinity waits: ~p~n", [receive wake -> woken after infinity -> never end]),
    io:format("bad timeout: ~p~n", [try receive x -> x after id(-1) -> no end catch C:E -> {C, E} end]),
    io:format("bad send_after: ~p~n", [try erlang:send_after(id(-5), Me, x) catch C2:E2 -> {C2, E2} end]),
    io:format("left: ~p~n", [drain()]).

id(X) -> X.
