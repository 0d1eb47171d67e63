-module(proc_info).
-export([main/1]).
%% process_info/1,2 of a process in a known state, and process_flag/2.
%% (Runs in a fresh process: erl's -eval process already traps exits and is linked to init.)

main(_) ->
    {_, R} = spawn_monitor(fun test/0),
    receive {'DOWN', R, process, _, Why} -> io:format("end: ~p~n", [Why]) end.

wait_status(P, S, 0) -> process_info(P, status) =:= {status, S};
wait_status(P, S, N) ->
    case process_info(P, status) of
        {status, S} -> true;
        _ -> timer:sleep(10), wait_status(P, S, N - 1)
    end.

test() ->
    Me = self(),
    P = spawn(fun() ->
                      process_flag(trap_exit, true),
                      put(k1, v1), put(k2, v2),
                      register(info_target, self()),
                      link(Me),
                      Me ! ready,
                      receive stop -> exit(normal) end
              end),
    receive ready -> ok end,
    io:format("waiting: ~p~n", [wait_status(P, waiting, 200)]),
    [P ! {filler, I} || I <- [1, 2, 3]],
    Keys = [message_queue_len, links, trap_exit, registered_name, status, dictionary],
    Info = process_info(P, Keys),
    io:format("keys: ~p~n", [[K || {K, _} <- Info]]),
    io:format("message_queue_len: ~p~n", [proplists:get_value(message_queue_len, Info)]),
    io:format("links: ~p~n", [proplists:get_value(links, Info) =:= [Me]]),
    io:format("trap_exit: ~p~n", [proplists:get_value(trap_exit, Info)]),
    io:format("registered_name: ~p~n", [proplists:get_value(registered_name, Info)]),
    io:format("status: ~p~n", [lists:member(proplists:get_value(status, Info), [waiting, runnable, running])]),
    io:format("dictionary: ~p~n", [lists:sort(proplists:get_value(dictionary, Info))]),
    {messages, Msgs} = process_info(P, messages),
    io:format("messages: ~p~n", [Msgs]),
    io:format("single: ~p~n", [process_info(P, trap_exit)]),
    io:format("own registered_name: ~p~n", [process_info(self(), registered_name)]),
    io:format("own links: ~p~n", [process_info(self(), links) =:= {links, [P]}]),
    io:format("own trap_exit: ~p~n", [process_info(self(), trap_exit)]),
    io:format("own status: ~p~n", [process_info(self(), status)]),
    Mon = monitor(process, P),
    {monitored_by, By} = process_info(P, monitored_by),
    io:format("monitored_by: ~p~n", [lists:member(Me, By)]),
    {monitors, Ms} = process_info(self(), monitors),
    io:format("monitors: ~p~n", [Ms =:= [{process, P}]]),
    All = process_info(P),
    io:format("process_info/1 is a list: ~p~n", [is_list(All) andalso lists:keymember(current_function, 1, All)]),
    io:format("priority: ~p~n", [process_info(P, priority)]),
    unlink(P),
    P ! stop,
    receive {'DOWN', Mon, process, P, normal} -> ok end,
    io:format("dead /2: ~p~n", [process_info(P, status)]),
    io:format("dead /1: ~p~n", [process_info(P)]),
    io:format("dead list: ~p~n", [process_info(P, [status, links])]),
    io:format("bad item: ~p~n", [try process_info(self(), id(no_such_item)) catch C:E -> {C, E} end]),
    io:format("bad pid: ~p~n", [try process_info(id(self)) catch C2:E2 -> {C2, E2} end]),
    io:format("trap_exit old: ~p~n", [process_flag(trap_exit, true)]),
    io:format("trap_exit old: ~p~n", [process_flag(trap_exit, false)]),
    io:format("bad flag value: ~p~n", [try process_flag(trap_exit, id(maybe)) catch C3:E3 -> {C3, E3} end]),
    io:format("bad flag: ~p~n", [try process_flag(id(no_such_flag), true) catch C4:E4 -> {C4, E4} end]),
    Q = spawn_opt(fun() -> receive stop -> ok end end, [{min_heap_size, 10000}]),
    {min_heap_size, Min} = process_info(Q, min_heap_size),
    io:format("min_heap_size >= 10000: ~p~n", [Min >= 10000]),
    {total_heap_size, Tot} = process_info(Q, total_heap_size),
    io:format("total_heap_size >= min: ~p~n", [Tot >= Min]),
    Q ! stop,
    Old = process_flag(min_heap_size, 1000),
    io:format("min_heap_size flag: ~p~n", [is_integer(Old)]),
    io:format("heap_size is integer: ~p~n", [is_integer(element(2, process_info(self(), heap_size)))]),
    io:format("reductions is integer: ~p~n", [is_integer(element(2, process_info(self(), reductions)))]).

id(X) -> X.
