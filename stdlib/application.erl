%% application.erl -- Moat standard library: a minimal OTP 25 application
%% controller.
%%
%% Moat reads no .app files: an application is loaded from the spec given
%% to load/1 ({application, App, [{mod, {M, Args}}, {env, [...]}...]}),
%% or else is named by its callback module, whose start/2 is then called
%% with (normal, []). A master process calls it and stays linked to the
%% top process it returns; stop/1 shuts that process down and calls the
%% module's stop/1. The environment holds the spec's env and what
%% set_env/3,4 put there. The controller is a
%% gen_server registered as application_controller, started on first use.
-module(application).

-export([load/1, start/1, start/2, stop/1, ensure_started/1, ensure_started/2,
         ensure_all_started/1, ensure_all_started/2, get_env/1, get_env/2, get_env/3,
         set_env/3, set_env/4, unset_env/2, unset_env/3, get_all_env/1]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, master/2]).

load({application, App, Props}) when is_atom(App), is_list(Props) ->
    call({load, App, Props});
load(App) when is_atom(App) ->
    call({load, App, []}).

start(App) -> start(App, temporary).
start(App, Type) when is_atom(App) -> call({start, App, Type}).

stop(App) when is_atom(App) -> call({stop, App}).

ensure_started(App) -> ensure_started(App, temporary).
ensure_started(App, Type) ->
    case start(App, Type) of
        {error, {already_started, App}} -> ok;
        Other -> Other
    end.

ensure_all_started(App) -> ensure_all_started(App, temporary).
ensure_all_started(App, Type) ->
    case start(App, Type) of
        ok -> {ok, [App]};
        {error, {already_started, App}} -> {ok, []};
        {error, Reason} -> {error, {App, Reason}}
    end.

get_env(Key) -> get_env(undefined, Key).
get_env(App, Key) ->
    case call({get_env, App, Key}) of
        {ok, V} -> {ok, V};
        error -> undefined
    end.
get_env(App, Key, Default) ->
    case call({get_env, App, Key}) of
        {ok, V} -> V;
        error -> Default
    end.
get_all_env(App) -> call({get_all_env, App}).

set_env(App, Key, Val) -> set_env(App, Key, Val, []).
set_env(App, Key, Val, _Opts) -> call({set_env, App, Key, Val}).
unset_env(App, Key) -> unset_env(App, Key, []).
unset_env(App, Key, _Opts) -> call({unset_env, App, Key}).

call(Req) ->
    Pid = case whereis(application_controller) of
              undefined ->
                  case gen_server:start({local, application_controller}, ?MODULE, [], []) of
                      {ok, P} -> P;
                      {error, {already_started, P}} -> P
                  end;
              P -> P
          end,
    gen_server:call(Pid, Req, infinity).

%% ---- the controller ------------------------------------------------------------
%% State: #{running => #{App => Master}, env => #{{App, Key} => Val},
%%          starting => #{Master => {App, From}}}

init([]) ->
    process_flag(trap_exit, true),
    {ok, #{running => #{}, env => #{}, starting => #{}, loaded => #{}}}.

handle_call({load, App, Props}, _From, #{loaded := L, env := E} = St) ->
    case maps:is_key(App, L) of
        true -> {reply, {error, {already_loaded, App}}, St};
        false ->
            Mod = case lists:keyfind(mod, 1, Props) of
                      {mod, {M, Args}} -> {M, Args};
                      false -> {App, []}
                  end,
            Env = case lists:keyfind(env, 1, Props) of
                      {env, KVs} -> maps:from_list([{{App, K}, V} || {K, V} <- KVs]);
                      false -> #{}
                  end,
            {reply, ok, St#{loaded := L#{App => Mod}, env := maps:merge(Env, E)}}
    end;
handle_call({start, App, Type}, From, #{running := R, starting := S, loaded := L} = St) ->
    Starting = [A || {A, _, _} <- maps:values(S)],
    case maps:is_key(App, R) orelse lists:member(App, Starting) of
        true -> {reply, {error, {already_started, App}}, St};
        false ->
            Mod = maps:get(App, L, {App, []}),
            Master = proc_lib:spawn_link(?MODULE, master, [self(), Mod]),
            {noreply, St#{starting := S#{Master => {App, From, Type}}}}
    end;
handle_call({stop, App}, _From, #{running := R} = St) ->
    case maps:find(App, R) of
        {ok, {Master, Type}} ->
            unlink(Master),
            Ref = monitor(process, Master),
            Master ! {stop, self()},
            receive {'DOWN', Ref, process, Master, _} -> ok end,
            exited(App, stopped, Type),
            {reply, ok, St#{running := maps:remove(App, R)}};
        error -> {reply, {error, {not_started, App}}, St}
    end;
handle_call({get_env, App, Key}, _From, #{env := E} = St) ->
    {reply, maps:find({App, Key}, E), St};
handle_call({get_all_env, App}, _From, #{env := E} = St) ->
    {reply, lists:sort([{K, V} || {{A, K}, V} <- maps:to_list(E), A =:= App]), St};
handle_call({set_env, App, Key, Val}, _From, #{env := E} = St) ->
    {reply, ok, St#{env := E#{{App, Key} => Val}}};
handle_call({unset_env, App, Key}, _From, #{env := E} = St) ->
    {reply, ok, St#{env := maps:remove({App, Key}, E)}}.

handle_cast(_Msg, St) -> {noreply, St}.

handle_info({started, Master, Result}, #{starting := S, running := R} = St) ->
    case maps:take(Master, S) of
        {{App, From, Type}, S1} ->
            case Result of
                ok ->
                    gen_server:reply(From, ok),
                    {noreply, St#{starting := S1, running := R#{App => {Master, Type}}}};
                {error, _} = Error ->
                    gen_server:reply(From, Error),
                    {noreply, St#{starting := S1}}
            end;
        error -> {noreply, St}
    end;
handle_info({'EXIT', Master, Reason}, #{running := R, starting := S} = St) ->
    %% an application whose top process ended is no longer running
    [exited(App, Reason, Type) || {App, {M, Type}} <- maps:to_list(R), M =:= Master],
    R1 = maps:filter(fun(_, {M, _}) -> M =/= Master end, R),
    case maps:take(Master, S) of
        {{App, From, _}, S1} ->
            gen_server:reply(From, {error, {master_died, App}}),
            {noreply, St#{running := R1, starting := S1}};
        error -> {noreply, St#{running := R1}}
    end;
handle_info(_Msg, St) ->
    {noreply, St}.

%% erl's notice that an application ended (an "INFO REPORT" at level notice).
exited(App, Reason, Type) ->
    case moat_logger:allows(notice) of
        true ->
            Text = io_lib:format("    application: ~tp~n    exited: ~tp~n    type: ~tp~n",
                                 [App, Reason, Type]),
            io:put_chars(standard_error,
                         ["=INFO REPORT==== ", moat_logger:timestamp(), " ===\n", Text, "\n"]);
        false -> ok
    end.

%% ---- the application master ------------------------------------------------------

master(Controller, {App, Args}) ->
    process_flag(trap_exit, true),
    Result = try App:start(normal, Args)
             catch
                 C:R:S -> {'$crash', exit_reason(C, R, S)}
             end,
    case Result of
        {ok, Pid} when is_pid(Pid) -> running(Controller, App, Pid, []);
        {ok, Pid, State} when is_pid(Pid) -> running(Controller, App, Pid, State);
        {error, Reason} ->
            Controller ! {started, self(), {error, {Reason, {App, start, [normal, Args]}}}};
        {'$crash', Reason} ->
            Controller ! {started, self(), {error, {Reason, {App, start, [normal, Args]}}}};
        Other ->
            Controller ! {started, self(), {error, {bad_return, {{App, start, [normal, Args]}, Other}}}}
    end.

exit_reason(error, R, S) -> {'EXIT', {R, S}};
exit_reason(exit, R, _) -> {'EXIT', R};
exit_reason(throw, R, _) -> R.

running(Controller, App, Top, State) ->
    Controller ! {started, self(), ok},
    receive
        {stop, Controller} ->
            Ref = monitor(process, Top),
            unlink(Top),
            exit(Top, shutdown),
            receive {'DOWN', Ref, process, Top, _} -> ok end,
            case erlang:function_exported(App, stop, 1) of
                true -> catch App:stop(State);
                false -> ok
            end;
        {'EXIT', Top, Reason} ->
            exit(Reason)
    end.
