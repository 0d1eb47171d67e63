-module(otp_sup_strategies).
-behaviour(supervisor).
-export([main/1, init/1, start_worker/1, worker/1]).

%% one_for_all, rest_for_one and simple_one_for_one: which children are
%% stopped (newest first) and started again (in spec order).
main(_) ->
    ok = logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    lists:foreach(fun run/1, [one_for_all, rest_for_one]),
    {ok, S} = supervisor:start_link(?MODULE, simple),
    {ok, P1} = supervisor:start_child(S, [x]),
    {ok, P2} = supervisor:start_child(S, [y]),
    io:format("~p~n", [supervisor:count_children(S)]),
    io:format("~p~n", [lists:sort([P1, P2]) =:= [P || {undefined, P, worker, [?MODULE]} <- supervisor:which_children(S)]]),
    exit(P1, kill),
    wait_until(fun() -> Ps = [P || {_, P, _, _} <- supervisor:which_children(S)],
                        length(Ps) =:= 2 andalso not lists:member(P1, Ps) end),
    io:format("~p~n", [length(supervisor:which_children(S))]),
    io:format("~p~n", [supervisor:terminate_child(S, P2)]),
    io:format("~p~n", [supervisor:terminate_child(S, P2)]),
    io:format("~p~n", [supervisor:restart_child(S, a)]),
    io:format("~p~n", [supervisor:delete_child(S, a)]),
    io:format("~p~n", [supervisor:count_children(S)]),
    unlink(S),
    Ref = monitor(process, S),
    exit(S, shutdown),
    receive {'DOWN', Ref, process, S, R} -> io:format("simple sup down ~p~n", [R]) end,
    ok.

run(Strategy) ->
    io:format("-- ~p~n", [Strategy]),
    {ok, S} = supervisor:start_link(?MODULE, Strategy),
    [{_, B, _, _}] = [C || {b, _, _, _} = C <- supervisor:which_children(S)],
    exit(B, crash),
    wait_until(fun() -> [B2] = [P || {b, P, _, _} <- supervisor:which_children(S)],
                        is_pid(B2) andalso B2 =/= B end),
    io:format("~p~n", [[I || {I, P, _, _} <- supervisor:which_children(S), is_pid(P)]]),
    exit(S, shutdown),
    receive {'EXIT', S, R} -> io:format("sup exit ~p~n", [R]) end.

init(simple) ->
    {ok, {#{strategy => simple_one_for_one},
          [#{id => w, start => {?MODULE, start_worker, []}, restart => transient}]}};
init(Strategy) ->
    {ok, {{Strategy, 3, 10},
          [#{id => I, start => {?MODULE, start_worker, [I]}} || I <- [a, b, c, d]]}}.

start_worker(Name) ->
    io:format("start ~p~n", [Name]),
    proc_lib:start_link(?MODULE, worker, [Name]).

worker(Name) ->
    process_flag(trap_exit, true),
    proc_lib:init_ack({ok, self()}),
    receive
        {'EXIT', _, crash} -> exit(crash);
        {'EXIT', _, Why} -> io:format("~p stops: ~p~n", [Name, Why]), exit(Why)
    end.

wait_until(F) ->
    case F() of
        true -> ok;
        false -> timer:sleep(5), wait_until(F)
    end.
