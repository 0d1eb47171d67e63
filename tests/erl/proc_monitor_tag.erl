%% monitor/3 and spawn_opt's {monitor, Opts} with {tag, Tag}: the 'DOWN'
%% message carries Tag in its place; demonitor(Ref, [flush]) removes it
%% all the same.
-module(proc_monitor_tag).
-export([main/1]).

flush() -> receive M -> [M | flush()] after 0 -> [] end.

main(_) ->
    P = spawn(fun() -> receive stop -> ok end end),
    M1 = monitor(process, P, [{tag, {my, <<"tag">>, [1, 2.5]}}]),
    P ! stop,
    receive {{my, <<"tag">>, [1, 2.5]}, M1, process, P, normal} -> io:format("tagged down~n") end,
    M2 = monitor(process, P, [{tag, dead}]),
    receive {dead, M2, process, P, noproc} -> io:format("tagged noproc~n") end,
    M3 = monitor(process, nosuch_name, [{tag, 42}]),
    receive {42, M3, process, {nosuch_name, Node}, noproc} -> io:format("tagged name ~p~n", [Node]) end,
    Q = spawn(fun() -> ok end),
    M4 = monitor(process, Q, [{tag, gone}]),
    timer:sleep(10),
    true = demonitor(M4, [flush]),
    {R, M5} = spawn_opt(fun() -> exit(bye) end, [{monitor, [{tag, spawned}]}]),
    receive {spawned, M5, process, R, bye} -> io:format("spawn_opt tag~n") end,
    W = spawn(fun() -> receive stop -> ok end end),
    M6 = monitor(process, W, [{tag, both}, {alias, demonitor}]),
    M6 ! via_alias,
    W ! stop,
    receive {both, M6, process, W, normal} -> ok end,
    M6 ! after_down,
    io:format("~p~n", [flush()]),
    io:format("~p~n", [[catch_reason(fun() -> monitor(process, W, Bad) end) || Bad <- [[{tag}], [{tag, a, b}]]]]).

catch_reason(F) -> try F() catch C:R -> {C, R} end.
