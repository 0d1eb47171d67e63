%% erlang:system_info/1 items scripts ask for: the values that must match
%% erl's exactly, and the shape of those that describe the machine.
-module(sysinfo_more).
-export([main/1]).

main(_) ->
    S = erlang:system_info(schedulers),
    Id = erlang:system_info(scheduler_id),
    io:format("scheduler_id in range: ~p~n", [is_integer(Id) andalso Id >= 1 andalso Id =< S]),
    Same = [smp_support, threads, multi_scheduling, heap_type, time_warp_mode, compat_rel, kernel_poll],
    io:format("~p~n", [[{K, erlang:system_info(K)} || K <- Same]]),
    Ints = [dirty_cpu_schedulers, dirty_io_schedulers, port_count, ets_count, creation,
            logical_processors_available, logical_processors_online],
    io:format("~p~n", [[{K, is_integer(erlang:system_info(K))} || K <- Ints]]),
    Atoms = [emu_flavor, emu_type, build_type, debug_compiled],
    io:format("~p~n", [[{K, is_atom(erlang:system_info(K))} || K <- Atoms]]),
    V = erlang:system_info(system_version),
    io:format("system_version: ~p ~p~n", [io_lib:printable_list(V), lists:last(V)]),
    io:format("system_architecture: ~p~n", [io_lib:printable_list(erlang:system_info(system_architecture))]),
    N0 = erlang:system_info(ets_count),
    T = ets:new(t, []),
    N1 = erlang:system_info(ets_count),
    ets:delete(T),
    N2 = erlang:system_info(ets_count),
    io:format("ets_count: ~p ~p~n", [N1 - N0, N2 - N0]),
    Self = self(),
    spawn(fun() -> Self ! {id, erlang:system_info(scheduler_id)} end),
    receive {id, I} -> io:format("another process: ~p~n", [I >= 1 andalso I =< S]) end,
    io:format("~p~n", [element(1, element(2, catch erlang:system_info(no_such_item)))]).
