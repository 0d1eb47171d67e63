-module(otp_proc_lib).
-export([main/1, report/1, init_ok/1, init_slow/1, init_dies/1]).

%% proc_lib: '$initial_call' and '$ancestors', start/start_link with
%% init_ack, a timeout, an early death.
main(_) ->
    ok = logger:set_primary_config(level, none),
    Self = self(),
    proc_lib:spawn(?MODULE, report, [Self]),
    io:format("~p~n", [receive {info, I1, A1} -> {I1, A1 =:= [Self]} end]),
    proc_lib:spawn(fun() -> report(Self) end),
    io:format("~p~n", [receive {info, I2, A2} -> {I2, A2 =:= [Self]} end]),
    register(the_parent, self()),
    proc_lib:spawn_link(?MODULE, report, [Self]),
    io:format("~p~n", [receive {info, I3, A3} -> {I3, A3} end]),
    unregister(the_parent),
    {_, Ref} = proc_lib:spawn_opt(fun() ->
                                          proc_lib:spawn(?MODULE, report, [Self]),
                                          receive after 100 -> ok end
                                  end, [monitor]),
    io:format("~p~n", [receive {info, I4, A4} -> {I4, length(A4)} end]),
    receive {'DOWN', Ref, process, _, normal} -> ok end,
    {ok, P} = proc_lib:start(?MODULE, init_ok, [hello]),
    io:format("~p~n", [proc_lib:initial_call(P)]),
    io:format("~p~n", [proc_lib:translate_initial_call(P)]),
    exit(P, kill),
    io:format("~p~n", [proc_lib:start(?MODULE, init_slow, [200], 30)]),
    io:format("~p~n", [proc_lib:start(?MODULE, init_dies, [why])]),
    process_flag(trap_exit, true),
    io:format("~p~n", [proc_lib:start_link(?MODULE, init_dies, [why_linked])]),
    {ok, P2} = proc_lib:start_link(?MODULE, init_ok, [x]),
    exit(P2, bye),
    receive {'EXIT', P2, R2} -> io:format("exit ~p~n", [R2]) end,
    ok.

report(To) ->
    To ! {info, get('$initial_call'), get('$ancestors')}.

init_ok(Arg) ->
    proc_lib:init_ack({ok, self()}),
    receive _ -> Arg end.

init_slow(T) ->
    receive after T -> ok end,
    proc_lib:init_ack({ok, self()}).

init_dies(Why) -> exit(Why).
