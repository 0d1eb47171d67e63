-module(otp_sup_status).
-behaviour(supervisor).
-export([main/1, init/1]).

%% sys:get_status/1 of a supervisor: a gen_server whose status names the
%% callback module, and the initial call erl's proc_lib records for it.
main(_) ->
    {ok, Named} = supervisor:start_link({local, sup_status}, ?MODULE, []),
    {ok, Anon} = supervisor:start_link(?MODULE, []),
    [show(S) || S <- [Named, Anon]],
    ok = sys:suspend(sup_status),
    {status, _, _, [_, suspended | _]} = sys:get_status(sup_status),
    ok = sys:resume(sup_status),
    io:format("~p~n", [supervisor:which_children(sup_status)]),
    ok.

show(Sup) ->
    {status, Sup, Mod, [PDict, SysState, _Parent, Debug, Misc]} = sys:get_status(Sup),
    io:format("~p ~p ~p ~p~n", [Mod, SysState, Debug, lists:keyfind('$initial_call', 1, PDict)]),
    [{header, _}, {data, _}, {data, [{"State", _}]} | Rest] = Misc,
    io:format("~p~n", [Rest]).

init([]) -> {ok, {#{}, []}}.
