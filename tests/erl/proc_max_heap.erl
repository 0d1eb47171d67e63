-module(proc_max_heap).
-export([main/1]).
%% spawn_opt max_heap_size: a process that outgrows its limit is killed; others live on.

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [N | Acc]).

main(_) ->
    Opts = [monitor, {max_heap_size, #{size => 1000, kill => true, error_logger => false}}],
    {P1, R1} = spawn_opt(fun() -> L = build(100000, []), exit({built, length(L)}) end, Opts),
    receive {'DOWN', R1, process, P1, Why1} -> io:format("big list: ~p~n", [Why1]) end,
    {P2, R2} = spawn_opt(fun() -> L = build(10, []), exit({built, length(L)}) end, Opts),
    receive {'DOWN', R2, process, P2, Why2} -> io:format("small list: ~p~n", [Why2]) end,
    io:format("parent alive: ~p~n", [is_process_alive(self())]),
    Me = self(),
    {P3, R3} = spawn_opt(fun() ->
                                 {max_heap_size, M} = process_info(self(), max_heap_size),
                                 Me ! {limits, maps:get(size, M), maps:get(kill, M), maps:get(error_logger, M)},
                                 receive go -> exit({built, length(build(200000, []))}) end
                         end, Opts),
    receive {limits, S, K, E} -> io:format("process_info: ~p ~p ~p~n", [S, K, E]) end,
    P3 ! go,
    receive {'DOWN', R3, process, P3, Why3} -> io:format("after go: ~p~n", [Why3]) end,
    spawn(fun() ->
                           process_flag(trap_exit, true),
                           C = spawn_opt(fun() -> build(100000, []) end,
                                         [link, {max_heap_size, #{size => 1000, kill => true, error_logger => false}}]),
                           receive {'EXIT', C, Why} -> Me ! {linked_saw, Why} end
                   end),
    receive {linked_saw, W} -> io:format("linked peer sees: ~p~n", [W]) end,
    {P4, R4} = spawn_opt(fun() -> exit({built, length(build(100000, []))}) end,
                         [monitor, {max_heap_size, 0}]),
    receive {'DOWN', R4, process, P4, Why4} -> io:format("size 0 = no limit: ~p~n", [Why4]) end,
    {P5, R5} = spawn_opt(fun() ->
                                 Old = process_flag(max_heap_size, #{size => 1000, kill => true, error_logger => false}),
                                 Me ! {old, maps:get(size, Old)},
                                 exit({built, length(build(100000, []))})
                         end, [monitor]),
    receive {old, OldSize} -> io:format("old max_heap_size: ~p~n", [OldSize]) end,
    receive {'DOWN', R5, process, P5, Why5} -> io:format("set by process_flag: ~p~n", [Why5]) end,
    io:format("bad option: ~p~n", [try spawn_opt(fun() -> ok end, [{max_heap_size, id(-1)}]) catch C:Er -> {C, Er} end]).

id(X) -> X.
