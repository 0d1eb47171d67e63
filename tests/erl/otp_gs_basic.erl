-module(otp_gs_basic).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2, handle_info/2,
         handle_continue/2, terminate/2]).

main(_) ->
    %% the failing starts below log crash reports (with a time stamp)
    ok = logger:set_primary_config(level, none),
    {ok, P} = gen_server:start(?MODULE, 10, []),
    io:format("~p~n", [gen_server:call(P, get)]),
    ok = gen_server:cast(P, {add, 5}),
    io:format("~p~n", [gen_server:call(P, get)]),
    P ! {info, 100},
    io:format("~p~n", [gen_server:call(P, get)]),
    io:format("~p~n", [gen_server:call(P, {continue_with, 7})]),
    io:format("~p~n", [gen_server:call(P, get)]),
    io:format("~p~n", [gen_server:call(P, noreply_then_reply)]),
    io:format("~p~n", [gen_server:call(P, thrown)]),
    io:format("~p~n", [gen_server:call(P, {stop_reply, normal})]),
    io:format("alive ~p~n", [is_process_alive(P)]),
    io:format("~p~n", [(catch gen_server:call(P, get)) =:= {'EXIT', {noproc, {gen_server, call, [P, get]}}}]),
    {ok, P2} = gen_server:start({local, counter}, ?MODULE, 0, []),
    io:format("~p~n", [gen_server:start({local, counter}, ?MODULE, 0, []) =:= {error, {already_started, P2}}]),
    io:format("~p~n", [gen_server:call(counter, get)]),
    gen_server:cast(counter, {add, 2}),
    io:format("~p~n", [gen_server:call({counter, node()}, get)]),
    io:format("~p~n", [gen_server:stop(counter)]),
    io:format("~p~n", [whereis(counter)]),
    io:format("~p~n", [catch gen_server:call(counter, get)]),
    io:format("~p~n", [catch gen_server:call(counter, get, 100)]),
    io:format("~p~n", [catch gen_server:stop(counter)]),
    {ok, P3} = gen_server:start(?MODULE, 0, []),
    io:format("~p~n", [(catch gen_server:call(P3, {sleep, 200}, 50)) =:=
                           {'EXIT', {timeout, {gen_server, call, [P3, {sleep, 200}, 50]}}}]),
    io:format("~p~n", [gen_server:stop(P3, {shutdown, done}, infinity)]),
    io:format("~p~n", [gen_server:start(?MODULE, {stop_in_init, bad}, [])]),
    io:format("~p~n", [gen_server:start(?MODULE, ignore_me, [])]),
    io:format("~p~n", [gen_server:start(?MODULE, bad_return, [])]),
    {ok, P4} = gen_server:start(?MODULE, {init_timeout, 20}, []),
    timer:sleep(150),
    io:format("~p~n", [gen_server:call(P4, get)]),
    gen_server:stop(P4),
    ok.

init({stop_in_init, R}) -> {stop, R};
init(ignore_me) -> ignore;
init(bad_return) -> what;
init({init_timeout, T}) -> {ok, waiting, T};
init(N) -> {ok, N, {continue, {init_done, N}}}.

handle_call(get, _From, S) -> {reply, S, S};
handle_call({continue_with, X}, _From, S) -> {reply, ok, S, {continue, {set, X}}};
handle_call(noreply_then_reply, From, S) ->
    gen_server:reply(From, replied_early),
    {noreply, S};
handle_call(thrown, _From, S) -> throw({reply, from_throw, S});
handle_call({sleep, T}, _From, S) -> timer:sleep(T), {reply, slept, S};
handle_call({stop_reply, R}, _From, S) -> {stop, R, stopping, S}.

handle_cast({add, N}, S) -> {noreply, S + N}.

handle_info(timeout, waiting) -> {noreply, timed_out};
handle_info({info, N}, S) -> {noreply, S + N}.

handle_continue({init_done, N}, S) ->
    io:format("continue after init ~p~n", [N]),
    {noreply, S};
handle_continue({set, X}, _S) ->
    {noreply, X}.

terminate(Reason, S) ->
    io:format("terminate ~p ~p~n", [Reason, S]).
