-module(proc_spawn_forms).
-export([main/1, worker/2, echo/0]).
%% spawn/1,2,3,4, spawn_link/3, spawn_monitor/3, spawn_opt/2,3,4,5 and bad arguments.

worker(Parent, Tag) -> Parent ! {Tag, self()}.

echo() -> receive {From, M} -> From ! {echoed, M} end.

got(Tag, Pid) -> receive {Tag, Pid} -> {Tag, ok} after 2000 -> {Tag, missing} end.

try_it(F) -> try F() catch C:E -> {C, E} end.

main(_) ->
    Me = self(),
    P1 = spawn(?MODULE, worker, [Me, mfa]),
    io:format("~p~n", [got(mfa, P1)]),
    P2 = spawn(node(), fun() -> worker(Me, node_fun) end),
    io:format("~p~n", [got(node_fun, P2)]),
    P3 = spawn(node(), ?MODULE, worker, [Me, node_mfa]),
    io:format("~p~n", [got(node_mfa, P3)]),
    P4 = spawn_link(?MODULE, worker, [Me, link_mfa]),
    io:format("~p~n", [got(link_mfa, P4)]),
    {P5, R5} = spawn_monitor(?MODULE, worker, [Me, monitor_mfa]),
    io:format("~p~n", [got(monitor_mfa, P5)]),
    receive {'DOWN', R5, process, P5, W5} -> io:format("down: ~p~n", [W5]) end,
    P6 = spawn_opt(?MODULE, worker, [Me, opt_mfa], []),
    io:format("~p~n", [got(opt_mfa, P6)]),
    {P7, R7} = spawn_opt(?MODULE, worker, [Me, opt_monitor], [monitor]),
    io:format("~p~n", [got(opt_monitor, P7)]),
    receive {'DOWN', R7, process, P7, W7} -> io:format("down: ~p~n", [W7]) end,
    P8 = spawn_opt(node(), fun() -> worker(Me, opt_node) end, [link]),
    io:format("~p~n", [got(opt_node, P8)]),
    P9 = spawn_opt(node(), ?MODULE, worker, [Me, opt_node_mfa], []),
    io:format("~p~n", [got(opt_node_mfa, P9)]),
    E = spawn(?MODULE, echo, []),
    E ! {Me, {nested, [1, 2, 3]}},
    receive {echoed, M} -> io:format("echo: ~p~n", [M]) end,
    io:format("spawn not a fun: ~p~n", [try_it(fun() -> spawn(id(not_a_fun)) end)]),
    io:format("spawn/3 args not a list: ~p~n", [try_it(fun() -> spawn(?MODULE, worker, id(args)) end)]),
    io:format("spawn/3 improper list: ~p~n", [try_it(fun() -> spawn(?MODULE, worker, id([a | b])) end)]),
    io:format("spawn/3 module not atom: ~p~n", [try_it(fun() -> spawn(id("m"), worker, []) end)]),
    io:format("spawn_opt bad option: ~p~n", [try_it(fun() -> spawn_opt(fun() -> ok end, [id(bogus)]) end)]),
    io:format("spawn_opt not a list: ~p~n", [try_it(fun() -> spawn_opt(fun() -> ok end, id(link)) end)]),
    io:format("spawn_monitor not a fun: ~p~n", [try_it(fun() -> spawn_monitor(id(x)) end)]),
    io:format("pids differ: ~p~n", [length(lists:usort([P1, P2, P3, P4, P5, P6, P7, P8, P9, E])) =:= 10]).

id(X) -> X.
