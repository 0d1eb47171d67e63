-module(otp_gs_multicall).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2]).

%% gen_server:multi_call/2,3,4 and abcast/2,3 on a node that is not
%% distributed: node() is the only node, every other one is bad.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, _} = gen_server:start({local, mc}, ?MODULE, 0, []),
    io:format("~p~n", [gen_server:multi_call(mc, {add, 1})]),
    io:format("~p~n", [gen_server:multi_call([node()], mc, {add, 2})]),
    io:format("~p~n", [gen_server:multi_call([node(), other@host], mc, {add, 3})]),
    io:format("~p~n", [gen_server:multi_call([other@host, node()], mc, get, 1000)]),
    io:format("~p~n", [gen_server:multi_call([], mc, get)]),
    io:format("~p~n", [gen_server:multi_call(not_there, get)]),
    io:format("~p~n", [gen_server:multi_call([node()], mc, hold, 0)]),
    io:format("~p~n", [gen_server:abcast(mc, {add, 10})]),
    io:format("~p~n", [gen_server:abcast([node(), other@host], mc, {add, 100})]),
    io:format("~p~n", [gen_server:abcast([node()], not_there, {add, 100})]),
    io:format("~p~n", [gen_server:call(mc, get)]),
    Mon = monitor(process, whereis(mc)),
    io:format("~p~n", [gen_server:multi_call(mc, {stop, bye})]),
    receive {'DOWN', Mon, _, _, Why} -> io:format("down ~p~n", [Why]) end,
    io:format("~p~n", [try gen_server:multi_call([node()], {mc, node()}, get)
                       catch C1:R1 -> {C1, R1} end]),
    io:format("~p~n", [try gen_server:multi_call([node()], mc, get, -1)
                       catch C2:R2 -> {C2, R2} end]),
    receive Stray -> io:format("stray ~p~n", [Stray]) after 0 -> ok end,
    ok.

init(N) -> {ok, N}.

handle_call(get, _From, N) -> {reply, N, N};
handle_call(hold, _From, N) -> {noreply, N};
handle_call({stop, R}, _From, N) -> {stop, R, N};
handle_call({add, K}, _From, N) -> {reply, {was, N}, N + K}.

handle_cast({add, K}, N) -> {noreply, N + K}.
