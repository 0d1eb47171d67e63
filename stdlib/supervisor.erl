%% supervisor.erl -- Moat standard library: OTP 25's supervisor, a
%% gen_server callback module like OTP's own.
%%
%% Children are kept newest first (#state.children), the order
%% which_children/1 shows and the order they are stopped in; they are
%% started in the reverse (spec) order. A simple_one_for_one supervisor
%% keeps one spec and a map Pid => Args of its dynamic children.
%% Restarts are timestamps (monotonic seconds), newest first; one more
%% than `intensity` within `period` seconds ends the supervisor with
%% reason shutdown after stopping every child.
-module(supervisor).
-behaviour(gen_server).

-export([start_link/2, start_link/3, start_child/2, restart_child/2, delete_child/2,
         terminate_child/2, which_children/1, count_children/1, get_childspec/2,
         check_childspecs/1, check_childspecs/2]).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, terminate/2, format_status/2]).

-callback init(Args :: term()) -> term().

-record(child, {pid, id, mfa, restart, shutdown, type, modules}).
-record(state, {name, strategy, children = [], dynamics = #{}, intensity, period,
                restarts = [], module, args}).

start_link(Mod, Args) ->
    gen_server:start_link(supervisor, {self, Mod, Args}, []).
start_link(SupName, Mod, Args) ->
    gen_server:start_link(SupName, supervisor, {SupName, Mod, Args}, []).

start_child(Sup, ChildSpec) -> call(Sup, {start_child, ChildSpec}).
restart_child(Sup, Id) -> call(Sup, {restart_child, Id}).
delete_child(Sup, Id) -> call(Sup, {delete_child, Id}).
terminate_child(Sup, Id) -> call(Sup, {terminate_child, Id}).
which_children(Sup) -> call(Sup, which_children).
count_children(Sup) -> call(Sup, count_children).
get_childspec(Sup, Id) -> call(Sup, {get_childspec, Id}).

call(Sup, Req) -> gen_server:call(Sup, Req, infinity).

check_childspecs(Specs) -> check_childspecs(Specs, undefined).
check_childspecs(Specs, _AutoShutdown) when is_list(Specs) ->
    case check_specs(Specs, []) of
        {ok, _} -> ok;
        Error -> Error
    end;
check_childspecs(X, _) -> {error, {badarg, X}}.

%% ---- init ------------------------------------------------------------------

init({SupName, Mod, Args}) ->
    process_flag(trap_exit, true),
    Name = case SupName of
               self -> {self(), Mod};
               N -> N
           end,
    case Mod:init(Args) of
        {ok, {Flags, Specs}} when is_list(Specs) ->
            case check_flags(Flags) of
                {ok, Strategy, Intensity, Period} ->
                    State = #state{name = Name, strategy = Strategy, intensity = Intensity,
                                   period = Period, module = Mod, args = Args},
                    init_children(State, Specs);
                Error ->
                    {stop, {supervisor_data, Error}}
            end;
        ignore ->
            ignore;
        Error ->
            {stop, {bad_return, {Mod, init, Error}}}
    end.

init_children(#state{strategy = simple_one_for_one} = State, Specs) ->
    case check_specs(Specs, []) of
        {ok, [Child]} -> {ok, State#state{children = [Child]}};
        {ok, _} -> {stop, {bad_start_spec, Specs}};
        {error, Why} -> {stop, {start_spec, Why}}
    end;
init_children(State, Specs) ->
    case check_specs(Specs, []) of
        {ok, Children} ->
            case start_children(Children, [], State) of
                {ok, Started} -> {ok, State#state{children = Started}};
                {error, Started, Id, Reason} ->
                    terminate_children(Started, State),
                    {stop, {shutdown, {failed_to_start_child, Id, Reason}}}
            end;
        {error, Why} ->
            {stop, {start_spec, Why}}
    end.

%% Start in spec order; Acc is newest first.
start_children([C | Rest], Acc, State) ->
    case do_start_child(C) of
        {ok, Pid} -> start_children(Rest, [C#child{pid = Pid} | Acc], State);
        {ok, Pid, _} -> start_children(Rest, [C#child{pid = Pid} | Acc], State);
        ignore -> start_children(Rest, [C#child{pid = undefined} | Acc], State);
        {error, Reason} ->
            report(start_error, Reason, C, State),
            {error, Acc, C#child.id, Reason}
    end;
start_children([], Acc, _) ->
    {ok, Acc}.

do_start_child(#child{mfa = {M, F, A}}) ->
    do_start(M, F, A).

do_start(M, F, A) ->
    try apply(M, F, A) of
        {ok, Pid} when is_pid(Pid) -> {ok, Pid};
        {ok, Pid, Extra} when is_pid(Pid) -> {ok, Pid, Extra};
        ignore -> ignore;
        {error, Reason} -> {error, Reason};
        Other -> {error, Other}
    catch
        throw:R -> {error, R};
        exit:R -> {error, R};
        error:R:S -> {error, {'EXIT', {R, S}}}
    end.

%% ---- flags and specs ----------------------------------------------------------

check_flags(Flags) when is_map(Flags) ->
    check_flags(maps:get(strategy, Flags, one_for_one), maps:get(intensity, Flags, 1),
                maps:get(period, Flags, 5));
check_flags({Strategy, Intensity, Period}) ->
    check_flags(Strategy, Intensity, Period);
check_flags(What) ->
    {bad_flags, What}.

check_flags(Strategy, Intensity, Period) ->
    case lists:member(Strategy, [one_for_one, one_for_all, rest_for_one, simple_one_for_one]) of
        false -> {invalid_strategy, Strategy};
        true when not is_integer(Intensity); Intensity < 0 -> {invalid_intensity, Intensity};
        true when not is_integer(Period); Period < 1 -> {invalid_period, Period};
        true -> {ok, Strategy, Intensity, Period}
    end.

check_specs([Spec | Rest], Acc) ->
    case check_spec(Spec) of
        {ok, Child} ->
            case lists:keymember(Child#child.id, #child.id, Acc) of
                true -> {error, {duplicate_child_name, Child#child.id}};
                false -> check_specs(Rest, [Child | Acc])
            end;
        Error -> Error
    end;
check_specs([], Acc) ->
    {ok, lists:reverse(Acc)}.

check_spec({Id, Start, Restart, Shutdown, Type, Modules}) ->
    check_spec(#{id => Id, start => Start, restart => Restart, shutdown => Shutdown,
                 type => Type, modules => Modules});
check_spec(#{id := Id, start := Start} = Spec) ->
    Type = maps:get(type, Spec, worker),
    Default = case Type of
                  supervisor -> infinity;
                  _ -> 5000
              end,
    Restart = maps:get(restart, Spec, permanent),
    Shutdown = maps:get(shutdown, Spec, Default),
    Modules = maps:get(modules, Spec, case Start of
                                          {M, _, _} -> [M];
                                          _ -> []
                                      end),
    Checks = [{fun valid_mfa/1, Start, invalid_mfa},
              {fun valid_restart/1, Restart, invalid_restart_type},
              {fun valid_shutdown/1, Shutdown, invalid_shutdown},
              {fun valid_type/1, Type, invalid_child_type},
              {fun valid_modules/1, Modules, invalid_modules}],
    case [{Tag, V} || {F, V, Tag} <- Checks, not F(V)] of
        [] -> {ok, #child{id = Id, mfa = Start, restart = Restart, shutdown = Shutdown,
                          type = Type, modules = Modules}};
        [Bad | _] -> {error, Bad}
    end;
check_spec(#{start := _}) ->
    {error, missing_id};
check_spec(#{}) ->
    {error, missing_start};
check_spec(Other) ->
    {error, {invalid_child_spec, Other}}.

valid_mfa({M, F, A}) -> is_atom(M) andalso is_atom(F) andalso is_list(A);
valid_mfa(_) -> false.
valid_restart(R) -> lists:member(R, [permanent, transient, temporary]).
valid_shutdown(brutal_kill) -> true;
valid_shutdown(infinity) -> true;
valid_shutdown(T) -> is_integer(T) andalso T >= 0.
valid_type(T) -> T =:= worker orelse T =:= supervisor.
valid_modules(dynamic) -> true;
valid_modules(L) when is_list(L) -> lists:all(fun erlang:is_atom/1, L);
valid_modules(_) -> false.

%% ---- calls ----------------------------------------------------------------------

handle_call({start_child, Extra}, _From, #state{strategy = simple_one_for_one,
                                                children = [C]} = State) ->
    {M, F, A} = C#child.mfa,
    Args = A ++ Extra,
    case do_start(M, F, Args) of
        {ok, Pid} ->
            Dyn = maps:put(Pid, Args, State#state.dynamics),
            {reply, {ok, Pid}, State#state{dynamics = Dyn}};
        {ok, Pid, _} = Ok ->
            Dyn = maps:put(Pid, Args, State#state.dynamics),
            {reply, Ok, State#state{dynamics = Dyn}};
        ignore -> {reply, {ok, undefined}, State};
        {error, _} = Error -> {reply, Error, State}
    end;
handle_call({start_child, Spec}, _From, State) ->
    case check_spec(Spec) of
        {ok, Child} ->
            case find(Child#child.id, State) of
                #child{pid = undefined} -> {reply, {error, already_present}, State};
                #child{pid = Pid} -> {reply, {error, {already_started, Pid}}, State};
                false -> start_new(Child, State)
            end;
        Error -> {reply, Error, State}
    end;
handle_call({restart_child, _}, _From, #state{strategy = simple_one_for_one} = State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({restart_child, Id}, _From, State) ->
    case find(Id, State) of
        #child{pid = undefined} = C ->
            case do_start_child(C) of
                {ok, Pid} -> {reply, {ok, Pid}, store(C#child{pid = Pid}, State)};
                {ok, Pid, _} = Ok -> {reply, Ok, store(C#child{pid = Pid}, State)};
                ignore -> {reply, {ok, undefined}, State};
                {error, _} = Error -> {reply, Error, State}
            end;
        #child{} -> {reply, {error, running}, State};
        false -> {reply, {error, not_found}, State}
    end;
handle_call({delete_child, _}, _From, #state{strategy = simple_one_for_one} = State) ->
    {reply, {error, simple_one_for_one}, State};
handle_call({delete_child, Id}, _From, State) ->
    case find(Id, State) of
        #child{pid = undefined} ->
            {reply, ok, State#state{children = lists:keydelete(Id, #child.id, State#state.children)}};
        #child{} -> {reply, {error, running}, State};
        false -> {reply, {error, not_found}, State}
    end;
handle_call({terminate_child, Pid}, _From, #state{strategy = simple_one_for_one,
                                                   children = [C]} = State) ->
    case maps:is_key(Pid, State#state.dynamics) of
        true ->
            shutdown_child(C#child{pid = Pid}, State),
            {reply, ok, State#state{dynamics = maps:remove(Pid, State#state.dynamics)}};
        false when is_pid(Pid) ->
            case is_process_alive(Pid) of
                true -> {reply, {error, not_found}, State};
                false -> {reply, ok, State}
            end;
        false -> {reply, {error, simple_one_for_one}, State}
    end;
handle_call({terminate_child, Id}, _From, State) ->
    case find(Id, State) of
        #child{} = C ->
            shutdown_child(C, State),
            {reply, ok, stopped(C, State)};
        false -> {reply, {error, not_found}, State}
    end;
handle_call(which_children, _From, #state{strategy = simple_one_for_one, children = [C]} = State) ->
    Reply = [{undefined, Pid, C#child.type, C#child.modules}
             || Pid <- lists:sort(maps:keys(State#state.dynamics))],
    {reply, Reply, State};
handle_call(which_children, _From, State) ->
    Reply = [{Id, Pid, Type, Mods}
             || #child{id = Id, pid = Pid, type = Type, modules = Mods} <- State#state.children],
    {reply, Reply, State};
handle_call(count_children, _From, #state{strategy = simple_one_for_one, children = [C]} = State) ->
    N = maps:size(State#state.dynamics),
    {S, W} = case C#child.type of
                 supervisor -> {N, 0};
                 worker -> {0, N}
             end,
    {reply, [{specs, 1}, {active, N}, {supervisors, S}, {workers, W}], State};
handle_call(count_children, _From, State) ->
    Cs = State#state.children,
    Active = length([C || #child{pid = P} = C <- Cs, is_pid(P)]),
    Sups = length([C || #child{type = supervisor} = C <- Cs]),
    {reply, [{specs, length(Cs)}, {active, Active}, {supervisors, Sups},
             {workers, length(Cs) - Sups}], State};
handle_call({get_childspec, Id}, _From, State) ->
    case find(Id, State) of
        #child{} = C -> {reply, {ok, spec_map(C)}, State};
        false -> {reply, {error, not_found}, State}
    end.

start_new(Child, State) ->
    case do_start_child(Child) of
        {ok, Pid} ->
            {reply, {ok, Pid}, add(Child#child{pid = Pid}, State)};
        {ok, Pid, _} = Ok ->
            {reply, Ok, add(Child#child{pid = Pid}, State)};
        ignore when Child#child.restart =:= temporary ->
            {reply, {ok, undefined}, State};
        ignore ->
            {reply, {ok, undefined}, add(Child#child{pid = undefined}, State)};
        {error, Reason} ->
            {reply, {error, {Reason, child_record(Child)}}, State}
    end.

%% erl answers a failed start_child with its internal child record.
child_record(#child{pid = Pid, id = Id, mfa = MFA, restart = R, shutdown = S, type = T,
                    modules = M}) ->
    {child, Pid, Id, MFA, R, false, S, T, M}.

spec_map(#child{id = Id, mfa = MFA, restart = R, shutdown = S, type = T, modules = M}) ->
    #{id => Id, start => MFA, restart => R, significant => false, shutdown => S,
      type => T, modules => M}.

find(Id, State) -> lists:keyfind(Id, #child.id, State#state.children).

add(Child, State) -> State#state{children = [Child | State#state.children]}.

store(Child, State) ->
    State#state{children = lists:keystore(Child#child.id, #child.id, State#state.children, Child)}.

%% A child that stopped: a temporary one is forgotten.
stopped(#child{restart = temporary, id = Id}, State) ->
    State#state{children = lists:keydelete(Id, #child.id, State#state.children)};
stopped(C, State) ->
    store(C#child{pid = undefined}, State).

handle_cast(_Msg, State) ->
    {noreply, State}.

%% ---- a child ended ----------------------------------------------------------------

handle_info({'EXIT', Pid, Reason}, #state{strategy = simple_one_for_one, children = [C]} = State) ->
    case maps:find(Pid, State#state.dynamics) of
        {ok, Args} ->
            {M, F, _} = C#child.mfa,
            Child = C#child{pid = Pid, mfa = {M, F, Args}},
            State1 = State#state{dynamics = maps:remove(Pid, State#state.dynamics)},
            child_exited(Child, Reason, State1);
        error ->
            {noreply, State}
    end;
handle_info({'EXIT', Pid, Reason}, State) ->
    case lists:keyfind(Pid, #child.pid, State#state.children) of
        #child{} = C -> child_exited(C, Reason, State);
        false -> {noreply, State}
    end;
handle_info(Msg, State) ->
    logger:error("Supervisor received unexpected message: ~tp~n", [Msg]),
    {noreply, State}.

child_exited(C, Reason, State) ->
    case {C#child.restart, quiet(Reason)} of
        {permanent, _} ->
            report(child_terminated, Reason, C, State),
            restart(C, State);
        {_, true} ->
            {noreply, stopped(C, State)};
        {transient, false} ->
            report(child_terminated, Reason, C, State),
            restart(C, State);
        {temporary, false} ->
            report(child_terminated, Reason, C, State),
            {noreply, stopped(C, State)}
    end.

quiet(normal) -> true;
quiet(shutdown) -> true;
quiet({shutdown, _}) -> true;
quiet(_) -> false.

restart(C, State) ->
    case add_restart(State) of
        {ok, State1} ->
            case do_restart(C, State1) of
                {ok, State2} -> {noreply, State2};
                {try_again, C2, State2} -> restart(C2, State2)
            end;
        {terminate, State1} ->
            report(shutdown, reached_max_restart_intensity, C, State1),
            {stop, shutdown, stopped_for_shutdown(C, State1)}
    end.

%% The child that made the supervisor give up is already gone.
stopped_for_shutdown(#child{id = Id}, #state{strategy = simple_one_for_one} = State) ->
    _ = Id,
    State;
stopped_for_shutdown(C, State) ->
    stopped(C#child{restart = permanent}, State).

add_restart(#state{intensity = I, period = P, restarts = R} = State) ->
    Now = erlang:monotonic_time(second),
    R1 = [Now | [T || T <- R, Now - T < P]],
    State1 = State#state{restarts = R1},
    case length(R1) =< I of
        true -> {ok, State1};
        false -> {terminate, State1}
    end.

do_restart(C, #state{strategy = simple_one_for_one} = State) ->
    {M, F, A} = C#child.mfa,
    case do_start(M, F, A) of
        {ok, Pid} -> {ok, State#state{dynamics = maps:put(Pid, A, State#state.dynamics)}};
        {ok, Pid, _} -> {ok, State#state{dynamics = maps:put(Pid, A, State#state.dynamics)}};
        ignore -> {ok, State};
        {error, Reason} ->
            report(start_error, Reason, C, State),
            {try_again, C, State}
    end;
do_restart(C, #state{strategy = one_for_one} = State) ->
    case do_start_child(C) of
        {ok, Pid} -> {ok, store(C#child{pid = Pid}, State)};
        {ok, Pid, _} -> {ok, store(C#child{pid = Pid}, State)};
        ignore -> {ok, stopped(C, State)};
        {error, Reason} ->
            report(start_error, Reason, C, State),
            {try_again, C, store(C#child{pid = restarting}, State)}
    end;
do_restart(C, #state{strategy = Strategy, children = Children} = State) ->
    %% Children newest first: those started after C come before it.
    {After, [_ | Before]} = lists:splitwith(fun(#child{id = Id}) -> Id =/= C#child.id end,
                                            Children),
    ToStop = case Strategy of
                 one_for_all -> After ++ Before;
                 rest_for_one -> After
             end,
    terminate_children(ToStop, State),
    {Again, Keep} = case Strategy of
                        one_for_all -> {After ++ [C | Before], []};
                        rest_for_one -> {After ++ [C], Before}
                    end,
    Restart = lists:reverse([X#child{pid = undefined}
                             || X <- Again, X#child.restart =/= temporary orelse X =:= C]),
    case start_children(Restart, Keep, State) of
        {ok, Started} ->
            {ok, State#state{children = Started}};
        {error, Started, Id, _Reason} ->
            Failed = lists:keyfind(Id, #child.id, Restart),
            NotStarted = lists:reverse(lists:dropwhile(fun(#child{id = I}) -> I =/= Id end,
                                                      Restart)),
            Children1 = [X#child{pid = undefined} || X <- NotStarted] ++ Started,
            {try_again, Failed#child{pid = restarting}, State#state{children = Children1}}
    end.

%% ---- stopping children --------------------------------------------------------------

%% sys:get_status/1 shows the state (Moat's own record) and, as erl's
%% does, the callback module.
format_status(terminate, [_PDict, State]) -> State;
format_status(_, [_PDict, State]) ->
    [{data, [{"State", State}]}, {supervisor, [{"Callback", State#state.module}]}].

terminate(_Reason, #state{strategy = simple_one_for_one, children = [C]} = State) ->
    [shutdown_child(C#child{pid = Pid}, State) || Pid <- maps:keys(State#state.dynamics)],
    ok;
terminate(_Reason, State) ->
    terminate_children(State#state.children, State),
    ok.

terminate_children(Children, State) ->
    [shutdown_child(C, State) || #child{pid = Pid} = C <- Children, is_pid(Pid)],
    ok.

shutdown_child(#child{pid = Pid} = C, State) when is_pid(Pid) ->
    Mref = erlang:monitor(process, Pid),
    unlink(Pid),
    Result = receive
                 {'EXIT', Pid, Reason} ->
                     receive {'DOWN', Mref, process, Pid, _} -> ok end,
                     {error, Reason}
             after 0 ->
                 shutdown(Pid, Mref, C#child.shutdown)
             end,
    case Result of
        ok -> ok;
        {error, normal} when C#child.restart =/= permanent -> ok;
        {error, R} -> report(shutdown_error, R, C, State)
    end;
shutdown_child(_, _) ->
    ok.

shutdown(Pid, Mref, brutal_kill) ->
    exit(Pid, kill),
    receive
        {'DOWN', Mref, process, Pid, killed} -> ok;
        {'DOWN', Mref, process, Pid, R} -> {error, R}
    end;
shutdown(Pid, Mref, Time) ->
    exit(Pid, shutdown),
    receive
        {'DOWN', Mref, process, Pid, shutdown} -> ok;
        {'DOWN', Mref, process, Pid, R} -> {error, R}
    after Time ->
        exit(Pid, kill),
        receive {'DOWN', Mref, process, Pid, R} -> {error, R} end
    end.

%% ---- reports ----------------------------------------------------------------------

report(Context, Reason, C, State) ->
    Pid = case C#child.pid of
              P when is_pid(P) -> P;
              _ -> undefined
          end,
    Offender = [{pid, Pid}, {id, C#child.id}, {mfargs, C#child.mfa},
                {restart_type, C#child.restart}, {significant, false},
                {shutdown, C#child.shutdown}, {child_type, C#child.type}],
    case moat_logger:allows(error) of
        true ->
            Text = io_lib:format("    supervisor: ~tp~n    errorContext: ~tp~n    reason: ~tp~n"
                                 "    offender: ~tp~n",
                                 [State#state.name, Context, Reason, Offender]),
            io:put_chars(standard_error,
                         ["=SUPERVISOR REPORT==== ", moat_logger:timestamp(), " ===\n", Text, "\n"]);
        false -> ok
    end.
