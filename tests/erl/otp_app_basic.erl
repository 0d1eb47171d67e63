-module(otp_app_basic).
-behaviour(application).
-behaviour(supervisor).
-export([main/1, start/2, stop/1, init/1, worker/0]).

%% An application whose callback module is also its top supervisor:
%% start, already started, ensure_*, stop (stop/1 runs after the
%% supervisor is down), and the environment through set_env/get_env.
main(_) ->
    ok = logger:set_primary_config(level, none),
    ok = application:load({application, otp_app_basic,
                           [{mod, {otp_app_basic, [arg]}}, {env, [{size, 3}]}]}),
    io:format("~p~n", [application:start(otp_app_basic)]),
    io:format("~p~n", [application:get_env(otp_app_basic, size)]),
    io:format("~p~n", [application:start(otp_app_basic)]),
    io:format("~p~n", [application:ensure_started(otp_app_basic)]),
    io:format("~p~n", [application:ensure_all_started(otp_app_basic)]),
    io:format("~p~n", [application:get_env(otp_app_basic, colour)]),
    io:format("~p~n", [application:get_env(otp_app_basic, colour, blue)]),
    ok = application:set_env(otp_app_basic, colour, red),
    io:format("~p~n", [application:get_env(otp_app_basic, colour)]),
    io:format("~p~n", [application:stop(otp_app_basic)]),
    io:format("~p~n", [application:stop(otp_app_basic)]),
    ok.

start(normal, [arg]) ->
    io:format("start~n"),
    supervisor:start_link({local, app_top}, ?MODULE, []).

stop(State) ->
    io:format("stop ~p, top ~p~n", [State, whereis(app_top)]),
    ok.

init([]) ->
    {ok, {#{}, [#{id => w, start => {proc_lib, start_link, [?MODULE, worker, []]}}]}}.

worker() ->
    process_flag(trap_exit, true),
    proc_lib:init_ack({ok, self()}),
    receive {'EXIT', _, R} -> io:format("worker stops: ~p~n", [R]), exit(R) end.
