-module(otp_sup_intensity).
-behaviour(supervisor).
-export([main/1, init/1, start_worker/1, worker/1, start_sup/1]).

%% Restart intensity exceeded: the supervisor stops its children and
%% exits with shutdown, seen by a monitor. Nested supervisors stop from
%% the leaves. A child that fails to start makes start_link fail.
main(_) ->
    ok = logger:set_primary_config(level, none),
    process_flag(trap_exit, true),
    {ok, Top} = supervisor:start_link({local, top_sup}, ?MODULE, top),
    io:format("~p~n", [[{I, T} || {I, _, T, _} <- supervisor:which_children(top_sup)]]),
    Mid = child(Top, mid),
    io:format("~p~n", [[I || {I, _, _, _} <- supervisor:which_children(Mid)]]),
    Ref = monitor(process, Mid),
    %% mid allows 2 restarts in 10 s: the third crash ends it
    crash_three(Mid),
    receive {'DOWN', Ref, process, Mid, R} -> io:format("mid down: ~p~n", [R]) end,
    wait_until(fun() -> M2 = child(Top, mid), is_pid(M2) andalso M2 =/= Mid end),
    Mid2 = child(Top, mid),
    io:format("mid restarted ~p~n", [Mid2 =/= Mid]),
    io:format("~p~n", [supervisor:start_link(?MODULE, failing)]),
    io:format("~p~n", [supervisor:start_link(?MODULE, bad_flags)]),
    io:format("~p~n", [supervisor:start_link(?MODULE, bad_spec)]),
    io:format("~p~n", [supervisor:start_link(?MODULE, ignored)]),
    exit(Top, shutdown),
    receive {'EXIT', Top, R2} -> io:format("top exit ~p~n", [R2]) end,
    ok.

crash_three(Mid) ->
    lists:foreach(fun(_) ->
                          case catch child(Mid, w1) of
                              P when is_pid(P) ->
                                  exit(P, crash),
                                  wait_until(fun() -> restarted_or_gone(Mid, P) end);
                              _ -> ok
                          end
                  end, [1, 2, 3]).

child(Sup, Id) -> hd([P || {I, P, _, _} <- supervisor:which_children(Sup), I =:= Id]).

init(top) ->
    {ok, {{one_for_one, 1, 10},
          [#{id => logger_w, start => {?MODULE, start_worker, [logger_w]}},
           #{id => mid, start => {?MODULE, start_sup, [mid]}, type => supervisor}]}};
init(mid) ->
    {ok, {#{strategy => one_for_one, intensity => 2, period => 10},
          [#{id => w1, start => {?MODULE, start_worker, [w1]}},
           #{id => w2, start => {?MODULE, start_worker, [w2]}}]}};
init(failing) ->
    {ok, {#{}, [#{id => ok1, start => {?MODULE, start_worker, [ok1]}},
                #{id => bad, start => {?MODULE, start_worker, [fail]}},
                #{id => never, start => {?MODULE, start_worker, [never]}}]}};
init(bad_flags) -> {ok, {{one_for_some, 1, 1}, []}};
init(bad_spec) -> {ok, {{one_for_one, 1, 1}, [#{id => x, start => {?MODULE, start_worker, [x]}, type => robot}]}};
init(ignored) -> ignore.

start_sup(Name) ->
    io:format("start sup ~p~n", [Name]),
    supervisor:start_link(?MODULE, Name).

start_worker(fail) ->
    io:format("start fail~n"),
    {error, no_luck};
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

restarted_or_gone(Sup, Old) ->
    case catch child(Sup, w1) of
        P when is_pid(P) -> P =/= Old;
        _ -> true
    end.
