-module(otp_gs_sys).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2]).

%% sys:get_state/replace_state on a gen_server, a gen_statem and a
%% gen_event manager; sys:terminate; calling oneself; enter_loop.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, P} = gen_server:start({local, sysgs}, ?MODULE, #{n => 1}, []),
    io:format("~p~n", [sys:get_state(sysgs)]),
    io:format("~p~n", [sys:replace_state(sysgs, fun(S) -> S#{n := 2} end)]),
    io:format("~p~n", [gen_server:call(P, get)]),
    io:format("~p~n", [gen_server:call(P, call_myself)]),
    io:format("~p~n", [gen_server:call(P, hibernate)]),
    io:format("~p~n", [gen_server:call(P, get)]),
    io:format("~p~n", [sys:terminate(sysgs, normal)]),
    io:format("~p~n", [catch sys:get_state(sysgs)]),
    {ok, E} = gen_event:start(),
    io:format("~p~n", [sys:get_state(E)]),
    gen_event:stop(E),
    Self = self(),
    Loop = proc_lib:spawn(fun() ->
                         register(looper, self()),
                         Self ! registered,
                         gen_server:enter_loop(?MODULE, [], entered, {local, looper})
                 end),
    receive registered -> ok end,
    io:format("~p~n", [gen_server:call(looper, get)]),
    gen_server:stop(Loop),
    {ok, {M, MRef}} = gen_server:start_monitor(?MODULE, monitored, []),
    io:format("~p~n", [gen_server:call(M, get)]),
    ok = gen_server:stop(M, {shutdown, bye}, 1000),
    receive {'DOWN', MRef, process, M, Why} -> io:format("down ~p~n", [Why]) end,
    io:format("~p~n", [gen_server:start_monitor({local, sysgs}, ?MODULE, {stop, no}, [])]),
    ok.

init({stop, R}) -> {stop, R};
init(S) -> {ok, S}.

handle_call(get, _From, S) -> {reply, S, S};
handle_call(hibernate, _From, S) -> {reply, hibernating, S, hibernate};
handle_call(call_myself, _From, S) ->
    {'EXIT', {R, {gen_server, call, _}}} = (catch gen_server:call(self(), get)),
    {reply, R, S}.

handle_cast(_, S) -> {noreply, S}.
