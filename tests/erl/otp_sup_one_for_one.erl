-module(otp_sup_one_for_one).
-behaviour(supervisor).
-export([main/1, init/1, start_worker/1, start_with_info/1, worker/1]).

%% one_for_one: restart of a killed child, start order and reverse stop
%% order, start_child / terminate_child / restart_child / delete_child,
%% which_children and count_children.
main(_) ->
    ok = logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Sup} = supervisor:start_link({local, top}, ?MODULE, []),
    io:format("~p~n", [ids(Sup)]),
    io:format("~p~n", [supervisor:count_children(top)]),
    A1 = child(Sup, a),
    exit(A1, kill),
    wait_until(fun() -> is_pid(child(Sup, a)) andalso child(Sup, a) =/= A1 end),
    A2 = child(Sup, a),
    io:format("restarted ~p~n", [is_pid(A2) andalso A2 =/= A1]),
    io:format("~p~n", [supervisor:start_child(Sup, #{id => d, start => {?MODULE, start_worker, [d]}})
                       =:= {ok, child(Sup, d)}]),
    io:format("~p~n", [element(1, supervisor:start_child(Sup, #{id => d, start => {?MODULE, start_worker, [d]}}))]),
    io:format("~p~n", [supervisor:start_child(Sup, #{id => e})]),
    io:format("~p~n", [supervisor:start_child(Sup, {e, {?MODULE, start_worker, [e]}, sometimes, 100, worker, []})]),
    io:format("~p~n", [supervisor:terminate_child(Sup, d)]),
    io:format("~p~n", [supervisor:which_children(Sup) -- [{I, P, worker, [?MODULE]} || {I, P, _, _} <- supervisor:which_children(Sup), is_pid(P)]]),
    io:format("~p~n", [supervisor:delete_child(Sup, a)]),
    io:format("~p~n", [element(1, supervisor:restart_child(Sup, d))]),
    io:format("~p~n", [supervisor:terminate_child(Sup, d)]),
    io:format("~p~n", [supervisor:delete_child(Sup, d)]),
    io:format("~p~n", [supervisor:delete_child(Sup, zz)]),
    io:format("~p~n", [supervisor:terminate_child(Sup, zz)]),
    io:format("~p~n", [supervisor:restart_child(Sup, zz)]),
    io:format("~p~n", [supervisor:get_childspec(Sup, b)]),
    %% a temporary child is not restarted and is forgotten
    exit(child(Sup, c), kill),
    wait_until(fun() -> not lists:member(c, ids(Sup)) end),
    io:format("~p~n", [ids(Sup)]),
    io:format("~p~n", [supervisor:count_children(Sup)]),
    {ok, F, extra_info} = supervisor:start_child(Sup, #{id => f, start => {?MODULE, start_with_info, [f]}}),
    io:format("f started ~p~n", [F =:= child(Sup, f)]),
    exit(Sup, shutdown),
    receive {'EXIT', Sup, R} -> io:format("supervisor exit ~p~n", [R]) end,
    ok.

ids(Sup) -> [I || {I, _, _, _} <- supervisor:which_children(Sup)].
child(Sup, Id) -> hd([P || {I, P, _, _} <- supervisor:which_children(Sup), I =:= Id]).

init([]) ->
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10},
          [#{id => a, start => {?MODULE, start_worker, [a]}},
           #{id => b, start => {?MODULE, start_worker, [b]}, shutdown => 1000},
           {c, {?MODULE, start_worker, [c]}, temporary, brutal_kill, worker, [?MODULE]}]}}.

start_worker(Name) ->
    io:format("start ~p~n", [Name]),
    proc_lib:start_link(?MODULE, worker, [Name]).

start_with_info(Name) ->
    {ok, Pid} = start_worker(Name),
    {ok, Pid, extra_info}.

worker(Name) ->
    process_flag(trap_exit, true),
    proc_lib:init_ack({ok, self()}),
    receive
        {'EXIT', _, Why} -> io:format("~p stops: ~p~n", [Name, Why])
    end.

wait_until(F) ->
    case F() of
        true -> ok;
        false -> timer:sleep(5), wait_until(F)
    end.
