-module(otp_sys_suspend).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2,
         code_change/3, format_status/2]).

%% sys:suspend/resume on a gen_server: while suspended it answers system
%% messages only and queues the rest; get_status, change_code (only when
%% suspended), replace_state, terminate, and the parent's 'EXIT' while
%% suspended.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, P} = gen_server:start_link({local, ss}, ?MODULE, [], []),
    io:format("~p~n", [sys:suspend(ss)]),
    io:format("~p~n", [sys:suspend(ss, 1000)]),
    gen_server:cast(ss, {push, cast1}),
    P ! {push, info1},
    Req = gen_server:send_request(ss, get),
    io:format("~p~n", [gen_server:wait_response(Req, 0)]),
    io:format("~p~n", [sys:get_state(ss)]),
    io:format("~p~n", [sys:replace_state(ss, fun(L) -> [replaced | L] end)]),
    status(ss),
    io:format("~p~n", [sys:change_code(ss, ?MODULE, "1.0", extra)]),
    io:format("~p~n", [sys:change_code(ss, ?MODULE, "2.0", fail, 1000)]),
    io:format("~p~n", [sys:resume(ss)]),
    io:format("~p~n", [gen_server:wait_response(Req, infinity)]),
    io:format("~p~n", [sys:resume(ss, 1000)]),
    io:format("~p~n", [sys:change_code(ss, ?MODULE, "3.0", extra)]),
    status(ss),
    io:format("~p~n", [try sys:replace_state(ss, fun(_) -> error(boom) end)
                       catch C:R -> {C, R} end]),
    io:format("~p~n", [gen_server:call(ss, get)]),
    io:format("~p~n", [catch sys:suspend(nosuch)]),
    io:format("~p~n", [catch sys:get_status(nosuch, 100)]),
    ok = sys:suspend(ss),
    gen_server:cast(ss, {push, never_seen}),
    io:format("~p~n", [sys:terminate(ss, normal)]),
    io:format("~p~n", [whereis(ss)]),
    unlink(P),

    %% the parent ends while the server is suspended
    Self = self(),
    Parent = spawn(fun() ->
                           {ok, S} = gen_server:start_link(?MODULE, trap, []),
                           ok = sys:suspend(S),
                           Self ! {server, S},
                           receive go -> exit(parent_gone) end
                   end),
    S = receive {server, S0} -> S0 end,
    Mon = monitor(process, S),
    Parent ! go,
    receive {'DOWN', Mon, _, _, Why} -> io:format("down ~p~n", [Why]) end,
    ok.

status(Name) ->
    {status, Pid, Mod, [PDict, SysState, Parent, Debug, Misc]} = sys:get_status(Name),
    io:format("~p ~p ~p ~p ~p~n", [Pid =:= whereis(Name), Mod, SysState,
                                   Parent =:= self(), Debug]),
    io:format("~p~n", [lists:keyfind('$initial_call', 1, PDict)]),
    [{header, H}, {data, D} | Rest] = Misc,
    io:format("~s~n~p~n~p~n", [H, lists:keydelete("Parent", 1, D), Rest]).

init(trap) -> process_flag(trap_exit, true), {ok, []};
init(L) -> {ok, L}.

handle_call(get, _From, L) -> {reply, lists:reverse(L), L}.

handle_cast({push, X}, L) -> {noreply, [X | L]}.

handle_info({push, X}, L) -> {noreply, [X | L]}.

terminate(Reason, L) -> io:format("terminate ~p ~p~n", [Reason, L]).

code_change(_Vsn, _L, fail) -> {error, no_change};
code_change(Vsn, L, Extra) -> {ok, [{changed, Vsn, Extra} | L]}.

format_status(normal, [_PDict, L]) -> [{data, [{"Items", length(L)}]}].
