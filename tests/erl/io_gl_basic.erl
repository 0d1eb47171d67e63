-module(io_gl_basic).
-export([main/1, report/2]).

%% group_leader/0 is a pid, the registered user at start, and every kind
%% of spawn gives the child its parent's group leader.
main(_) ->
    GL = group_leader(),
    io:format("is_pid: ~p~n", [is_pid(GL)]),
    io:format("is user: ~p~n", [GL =:= whereis(user)]),
    io:format("process_info: ~p~n", [process_info(self(), group_leader) =:= {group_leader, GL}]),
    {group_leader, InInfo} = lists:keyfind(group_leader, 1, process_info(self())),
    io:format("in process_info/1: ~p~n", [InInfo =:= GL]),
    Other = spawn(fun() -> receive stop -> ok end end),
    group_leader(Other, self()),
    Results = children(Other),
    group_leader(GL, self()),
    [io:format("~p: ~p~n", [K, B]) || {K, B} <- Results],
    io:format("restored: ~p~n", [group_leader() =:= GL]),
    io:format("other's own: ~p~n", [process_info(Other, group_leader) =:= {group_leader, GL}]),
    Other ! stop,
    ok.

report(Parent, Kind) -> Parent ! {Kind, group_leader()}.

%% While our group leader is Other (which prints nothing), children of
%% each kind report theirs to us.
children(Other) ->
    Self = self(),
    spawn(fun() -> report(Self, spawn) end),
    spawn_link(fun() -> report(Self, spawn_link) end),
    {_, Ref} = spawn_monitor(fun() -> report(Self, spawn_monitor) end),
    spawn_opt(fun() -> report(Self, spawn_opt) end, [link]),
    spawn(?MODULE, report, [Self, spawn_3]),
    spawn(fun() -> spawn(fun() -> report(Self, grandchild) end) end),
    Kinds = [spawn, spawn_link, spawn_monitor, spawn_opt, spawn_3, grandchild],
    Results = [receive {K, G} -> {K, G =:= Other} end || K <- Kinds],
    receive {'DOWN', Ref, process, _, normal} -> ok end,
    Results.
