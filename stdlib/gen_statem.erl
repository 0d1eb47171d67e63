%% gen_statem.erl -- Moat standard library: OTP 25's generic state machine.
%%
%% The loop keeps one #m{} record. Events come first from `queue` (events
%% inserted by next_event actions and postponed events retried after a
%% state change), then from the mailbox. The event timeout is the `after`
%% of that receive (any event cancels it); state and generic timeouts are
%% erlang:start_timer/3 timers whose message is {timeout, Ref, Type},
%% recognised by the Ref kept in `timers` (Type => {Ref, Msg}).
%% hibernate is accepted and changes nothing (no erlang:hibernate/3).
%% System messages go to sys:handle_system_msg/6 with the #m{} as Misc
%% (they are not events: the event timeout keeps running); events taken
%% from the mailbox or inserted by next_event, and replies sent by reply
%% actions, go to sys:handle_debug/4 when #m.debug is not []. Requests
%% without waiting (send_request, reqids_*) are gen's.
-module(gen_statem).

-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/1, reply/2, stop/1, stop/3, init_it/6,
         enter_loop/4, enter_loop/5, enter_loop/6,
         send_request/2, send_request/4, wait_response/1, wait_response/2, wait_response/3,
         receive_response/1, receive_response/2, receive_response/3,
         check_response/2, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1]).
-export([system_continue/3, system_terminate/4, system_get_state/1,
         system_replace_state/2, system_code_change/4, format_status/2]).

-callback init(Args :: term()) -> term().
-callback callback_mode() -> term().

-record(m, {parent, name, mod, mode, enter = false, state, data, queue = [],
            postponed = [], timers = #{}, event_timeout = none, debug = []}).

start(Mod, Args, Opts) -> gen:start(?MODULE, nolink, Mod, Args, Opts).
start(Name, Mod, Args, Opts) -> gen:start(?MODULE, nolink, Name, Mod, Args, Opts).
start_link(Mod, Args, Opts) -> gen:start(?MODULE, link, Mod, Args, Opts).
start_link(Name, Mod, Args, Opts) -> gen:start(?MODULE, link, Name, Mod, Args, Opts).
start_monitor(Mod, Args, Opts) -> gen:start(?MODULE, monitor, Mod, Args, Opts).
start_monitor(Name, Mod, Args, Opts) -> gen:start(?MODULE, monitor, Name, Mod, Args, Opts).

call(Server, Request) -> call(Server, Request, infinity).
call(Server, Request, Timeout) ->
    T = case Timeout of
            {dirty_timeout, T0} -> T0;
            {clean_timeout, T0} -> T0;
            T0 -> T0
        end,
    try gen:call(Server, '$gen_call', Request, T) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

cast(Server, Msg) ->
    case Server of
        {global, Name} -> catch erlang:send(Name, {'$gen_cast', Msg});
        {via, Mod, Name} -> catch Mod:send(Name, {'$gen_cast', Msg});
        _ -> catch erlang:send(Server, {'$gen_cast', Msg})
    end,
    ok.

reply({reply, From, Reply}) -> reply(From, Reply);
reply(Replies) when is_list(Replies) -> [reply(R) || R <- Replies], ok.
reply(From, Reply) -> gen:reply(From, Reply).

stop(Server) -> proc_lib:stop(Server).
stop(Server, Reason, Timeout) -> proc_lib:stop(Server, Reason, Timeout).

send_request(Server, Request) -> gen:send_request(Server, '$gen_call', Request).
send_request(Server, Request, Label, Coll) ->
    gen:send_request(Server, '$gen_call', Request, Label, Coll).

wait_response(ReqId) -> gen:wait_response(ReqId, infinity).
wait_response(ReqId, Timeout) -> gen:wait_response(ReqId, Timeout).
wait_response(Coll, Timeout, Delete) -> gen:wait_response(Coll, Timeout, Delete).
receive_response(ReqId) -> gen:receive_response(ReqId, infinity).
receive_response(ReqId, Timeout) -> gen:receive_response(ReqId, Timeout).
receive_response(Coll, Timeout, Delete) -> gen:receive_response(Coll, Timeout, Delete).
check_response(Msg, ReqId) -> gen:check_response(Msg, ReqId).
check_response(Msg, Coll, Delete) -> gen:check_response(Msg, Coll, Delete).
reqids_new() -> gen:reqids_new().
reqids_add(ReqId, Label, Coll) -> gen:reqids_add(ReqId, Label, Coll).
reqids_size(Coll) -> gen:reqids_size(Coll).
reqids_to_list(Coll) -> gen:reqids_to_list(Coll).

%% The calling process (started by proc_lib, and registered as Server if
%% one is given) becomes the state machine, as if init/1 had returned
%% {ok, State, Data, Actions}.
enter_loop(Mod, Opts, State, Data) -> enter_loop(Mod, Opts, State, Data, self(), []).
enter_loop(Mod, Opts, State, Data, Actions) when is_list(Actions) ->
    enter_loop(Mod, Opts, State, Data, self(), Actions);
enter_loop(Mod, Opts, State, Data, Server) ->
    enter_loop(Mod, Opts, State, Data, Server, []).
enter_loop(Mod, _Opts, State, Data, Server, Actions) ->
    Name = gen:get_proc_name(Server),
    Parent = gen:get_parent(),
    case callback_mode(Mod) of
        {ok, Mode, Enter} -> run(Parent, Name, Mod, Mode, Enter, State, Data, Actions);
        {error, Reason} -> exit(Reason)
    end.

%% ---- start -------------------------------------------------------------------------

init_it(Starter, Parent, Name0, Mod, Args, _Opts) ->
    Name = gen:name(Name0),
    Result = try {ok, Mod:init(Args)}
             catch
                 throw:R -> {ok, R};
                 C:R:S -> {'EXIT', C, R, S}
             end,
    case Result of
        {ok, {ok, State, Data}} ->
            started(Starter, Parent, Name, Mod, State, Data, []);
        {ok, {ok, State, Data, Actions}} ->
            started(Starter, Parent, Name, Mod, State, Data, Actions);
        {ok, {stop, Reason}} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {ok, ignore} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {ok, Else} ->
            Error = {bad_return_from_init, Else},
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error);
        {'EXIT', Class, Reason, Stack} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, gen:exit_reason(Class, Reason, Stack)}),
            erlang:raise(Class, Reason, Stack)
    end.


started(Starter, Parent, Name, Mod, State, Data, Actions) ->
    case callback_mode(Mod) of
        {ok, Mode, Enter} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            run(Parent, Name, Mod, Mode, Enter, State, Data, Actions);
        {error, Reason} ->
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason)
    end.

run(Parent, Name, Mod, Mode, Enter, State, Data, Actions) ->
    M = #m{parent = Parent, name = Name, mod = Mod, mode = Mode, enter = Enter,
           state = State, data = Data},
    %% the initial state is entered: its enter call has old state = state
    after_event(M, State, Data, Actions, true, undefined).

callback_mode(Mod) ->
    Mode = try Mod:callback_mode()
           catch throw:Thrown -> Thrown
           end,
    parse_mode(if is_list(Mode) -> Mode; true -> [Mode] end, undefined, false, Mode).

parse_mode([state_functions | T], _, E, M) -> parse_mode(T, state_functions, E, M);
parse_mode([handle_event_function | T], _, E, M) -> parse_mode(T, handle_event_function, E, M);
parse_mode([state_enter | T], F, _, M) -> parse_mode(T, F, true, M);
parse_mode([], F, E, _) when F =/= undefined -> {ok, F, E};
parse_mode(_, _, _, M) -> {error, {bad_return_from_callback_mode, M}}.

%% ---- the loop ------------------------------------------------------------------------

loop(#m{queue = [{Type, Content} | Rest]} = M) ->
    event(M#m{queue = Rest, event_timeout = none}, Type, Content);
loop(#m{event_timeout = ET} = M) ->
    Time = case ET of
               none -> infinity;
               {T, _} -> T
           end,
    receive
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, M#m.parent, ?MODULE, M#m.debug, M);
        {'EXIT', Parent, Reason} = Msg when Parent =:= M#m.parent ->
            terminate(exit, Reason, [], M, Msg);
        Msg -> message(debug(M#m{event_timeout = none}, {in, Msg}), Msg)
    after Time ->
        {_, Content} = ET,
        event(debug(M#m{event_timeout = none}, {in, {timeout, Content}}), timeout, Content)
    end.

message(M, Msg) ->
    case Msg of
        {'$gen_call', From, Req} -> event(M, {call, From}, Req);
        {'$gen_cast', C} -> event(M, cast, C);
        {timeout, Ref, Type} ->
            case maps:find(Type, M#m.timers) of
                {ok, {Ref, Content}} ->
                    event(M#m{timers = maps:remove(Type, M#m.timers)}, Type, Content);
                _ -> event(M, info, Msg)
            end;
        _ -> event(M, info, Msg)
    end.

event(M, Type, Content) -> call_state(M, Type, Content, false).

%% One call of the state callback: Mod:State(Type, Content, Data) or
%% Mod:handle_event(Type, Content, State, Data); Type is `enter` (and
%% Content the old state) for a state enter call.
call_state(#m{mod = Mod, state = State, data = Data} = M, Type, Content, Enter) ->
    Result = try
                 case M#m.mode of
                     state_functions -> {ok, Mod:State(Type, Content, Data)};
                     handle_event_function -> {ok, Mod:handle_event(Type, Content, State, Data)}
                 end
             catch
                 throw:R -> {ok, R};
                 Class:R:S -> {'EXIT', Class, R, S}
             end,
    case Result of
        {ok, R1} -> result(M, R1, {Type, Content}, Enter);
        {'EXIT', C, R2, S2} -> terminate(C, R2, S2, M, {Type, Content})
    end.

%% Event is {Type, Content}, or `enter` for a state enter call.
result(#m{state = State, data = Data} = M, Result, Event, Enter) ->
    case Result of
        {next_state, NS, ND} -> transition(M, NS, ND, [], Event, Enter, false);
        {next_state, NS, ND, A} -> transition(M, NS, ND, A, Event, Enter, false);
        {keep_state, ND} -> transition(M, State, ND, [], Event, Enter, false);
        {keep_state, ND, A} -> transition(M, State, ND, A, Event, Enter, false);
        keep_state_and_data -> transition(M, State, Data, [], Event, Enter, false);
        {keep_state_and_data, A} -> transition(M, State, Data, A, Event, Enter, false);
        {repeat_state, ND} -> transition(M, State, ND, [], Event, Enter, true);
        {repeat_state, ND, A} -> transition(M, State, ND, A, Event, Enter, true);
        repeat_state_and_data -> transition(M, State, Data, [], Event, Enter, true);
        {repeat_state_and_data, A} -> transition(M, State, Data, A, Event, Enter, true);
        {stop, Reason} -> terminate(exit, Reason, [], M, Event);
        {stop, Reason, ND} -> terminate(exit, Reason, [], M#m{data = ND}, Event);
        {stop_and_reply, Reason, Replies} ->
            reply_all(Replies),
            terminate(exit, Reason, [], M, Event);
        {stop_and_reply, Reason, Replies, ND} ->
            reply_all(Replies),
            terminate(exit, Reason, [], M#m{data = ND}, Event);
        _ when Enter, is_tuple(Result), element(1, Result) =:= next_state,
               element(2, Result) =/= State ->
            terminate(error, {bad_state_enter_return_from_state_function, Result}, [], M, Event);
        _ ->
            Tag = case M#m.mode of
                      state_functions -> bad_return_from_state_function;
                      handle_event_function -> bad_return_from_handle_event_function
                  end,
            terminate(error, {Tag, Result}, [], M, Event)
    end.

reply_all({reply, _, _} = R) -> reply(R);
reply_all(L) when is_list(L) -> [reply(R) || R <- L].

transition(M, NS, _ND, _A, Event, true, _Repeat) when NS =/= M#m.state ->
    terminate(error, {bad_state_enter_return_from_state_function,
                      {next_state, NS, _ND}}, [], M, Event);
transition(M, NS, ND, Actions, Event, Enter, Repeat) ->
    case parse_actions(if is_list(Actions) -> Actions; true -> [Actions] end, #{}) of
        {ok, Acts} ->
            case Enter andalso enter_forbids(Acts) of
                true ->
                    terminate(error, {bad_state_enter_action_from_state_function,
                                      Actions}, [], M, Event);
                false ->
                    apply_actions(M, NS, ND, Acts, Event, Enter, Repeat)
            end;
        {error, Bad} ->
            terminate(error, {bad_action_from_state_function, Bad}, [], M, Event)
    end.

parse_actions([], Acc) -> {ok, Acc};
parse_actions([A | T], Acc) ->
    case A of
        postpone -> parse_actions(T, Acc#{postpone => true});
        {postpone, B} when is_boolean(B) -> parse_actions(T, Acc#{postpone => B});
        hibernate -> parse_actions(T, Acc);
        {hibernate, B} when is_boolean(B) -> parse_actions(T, Acc);
        {reply, _From, _R} -> parse_actions(T, add(replies, A, Acc));
        {next_event, Type, Content} -> parse_actions(T, add(next, {Type, Content}, Acc));
        Time when Time =:= infinity; is_integer(Time), Time >= 0 ->
            parse_actions(T, add(timeouts, {timeout, Time, Time}, Acc));
        {timeout, Time, Msg} -> timeout_action(T, Acc, timeout, Time, Msg);
        {timeout, Time, Msg, _Opts} -> timeout_action(T, Acc, timeout, Time, Msg);
        {state_timeout, cancel} -> parse_actions(T, add(timeouts, {state_timeout, cancel}, Acc));
        {state_timeout, Time, Msg} -> timeout_action(T, Acc, state_timeout, Time, Msg);
        {state_timeout, Time, Msg, _} -> timeout_action(T, Acc, state_timeout, Time, Msg);
        {{timeout, N}, cancel} -> parse_actions(T, add(timeouts, {{timeout, N}, cancel}, Acc));
        {{timeout, N}, Time, Msg} -> timeout_action(T, Acc, {timeout, N}, Time, Msg);
        {{timeout, N}, Time, Msg, _} -> timeout_action(T, Acc, {timeout, N}, Time, Msg);
        _ -> {error, A}
    end.

timeout_action(T, Acc, Type, Time, Msg) when Time =:= infinity; is_integer(Time), Time >= 0 ->
    parse_actions(T, add(timeouts, {Type, Time, Msg}, Acc));
timeout_action(_, _, Type, Time, Msg) ->
    {error, {Type, Time, Msg}}.

%% A state enter call may neither postpone nor insert events.
enter_forbids(#{postpone := true}) -> true;
enter_forbids(#{next := _}) -> true;
enter_forbids(_) -> false.

add(K, V, Acc) -> Acc#{K => maps:get(K, Acc, []) ++ [V]}.

apply_actions(M0, NS, ND, Acts, Event, Enter, Repeat) ->
    Next = maps:get(next, Acts, []),
    M = taken_in(sent(M0, maps:get(replies, Acts, [])), Next),
    Changed = NS =/= M#m.state,
    %% the event itself is postponed, or consumed
    Postponed0 = case maps:get(postpone, Acts, false) of
                     true -> M#m.postponed ++ [Event];
                     false -> M#m.postponed
                 end,
    {Queue, Postponed} = case Changed of
                             true -> {Next ++ Postponed0 ++ M#m.queue, []};
                             false -> {Next ++ M#m.queue, Postponed0}
                         end,
    Timers0 = case Changed of
                  true -> cancel_timer(state_timeout, M#m.timers);
                  false -> M#m.timers
              end,
    {Timers, ET} = set_timeouts(maps:get(timeouts, Acts, []), Timers0, none),
    M1 = M#m{state = NS, data = ND, queue = Queue, postponed = Postponed, timers = Timers,
             event_timeout = case Queue of [] -> ET; _ -> none end},
    case M#m.enter andalso not Enter andalso (Changed orelse Repeat) of
        true -> enter(M1, M#m.state);
        false -> loop(M1)
    end.

set_timeouts([{timeout, infinity, _} | T], Timers, _) -> set_timeouts(T, Timers, none);
set_timeouts([{timeout, Time, Msg} | T], Timers, _) -> set_timeouts(T, Timers, {Time, Msg});
set_timeouts([{Type, cancel} | T], Timers, ET) -> set_timeouts(T, cancel_timer(Type, Timers), ET);
set_timeouts([{Type, infinity, _} | T], Timers, ET) ->
    set_timeouts(T, cancel_timer(Type, Timers), ET);
set_timeouts([{Type, Time, Msg} | T], Timers, ET) ->
    Timers1 = cancel_timer(Type, Timers),
    Ref = erlang:start_timer(Time, self(), Type),
    set_timeouts(T, Timers1#{Type => {Ref, Msg}}, ET);
set_timeouts([], Timers, ET) -> {Timers, ET}.

cancel_timer(Type, Timers) ->
    case maps:take(Type, Timers) of
        {{Ref, _}, Rest} ->
            case erlang:cancel_timer(Ref) of
                false -> receive {timeout, Ref, _} -> ok after 0 -> ok end;
                _ -> ok
            end,
            Rest;
        error -> Timers
    end.

%% The state enter call: Mod:State(enter, OldState, Data).
enter(M, OldState) -> call_state(M, enter, OldState, true).

%% After init: the initial state's enter call, then the init actions.
after_event(M, State, Data, Actions, true, _) ->
    case M#m.enter of
        true ->
            M1 = M#m{state = State, data = Data},
            case transition_init(M1, Actions) of
                {ok, M2} -> enter(M2, State);
                Stop -> Stop
            end;
        false ->
            transition(M#m{state = State, data = Data}, State, Data, Actions, init, false, false)
    end.

transition_init(M, Actions) ->
    case parse_actions(if is_list(Actions) -> Actions; true -> [Actions] end, #{}) of
        {ok, Acts} ->
            Queue = maps:get(next, Acts, []),
            M1 = taken_in(sent(M, maps:get(replies, Acts, [])), Queue),
            {Timers, ET} = set_timeouts(maps:get(timeouts, Acts, []), M1#m.timers, none),
            {ok, M1#m{queue = Queue, timers = Timers,
                     event_timeout = case Queue of [] -> ET; _ -> none end}};
        {error, Bad} ->
            terminate(error, {bad_action_from_state_function, Bad}, [], M, init)
    end.

%% Replies sent and events inserted by actions, reported to sys's debug.
sent(M, Replies) ->
    lists:foldl(fun({reply, From, Reply} = R, Acc) ->
                        reply(R),
                        debug(Acc, {out, Reply, From})
                end, M, Replies).

taken_in(M, Events) -> lists:foldl(fun(E, Acc) -> debug(Acc, {in, E}) end, M, Events).

debug(#m{debug = []} = M, _Event) -> M;
debug(#m{debug = Debug} = M, Event) ->
    M#m{debug = sys:handle_debug(Debug, none, M#m.name, Event)}.

%% ---- system messages (called by sys:handle_system_msg/6) ------------------------

system_continue(_Parent, Debug, M) -> loop(M#m{debug = Debug}).

system_terminate(Reason, _Parent, _Debug, M) -> terminate(exit, Reason, [], M, undefined).

system_get_state(#m{state = State, data = Data}) -> {ok, {State, Data}}.

system_replace_state(F, M) ->
    {State, Data} = F({M#m.state, M#m.data}),
    {ok, {State, Data}, M#m{state = State, data = Data}}.

%% After a code change the callback mode is asked again, as erl does.
system_code_change(#m{mod = Mod, state = State, data = Data} = M, _Module, OldVsn, Extra) ->
    case catch Mod:code_change(OldVsn, State, Data, Extra) of
        {ok, NState, NData} ->
            case callback_mode(Mod) of
                {ok, Mode, Enter} ->
                    {ok, M#m{state = NState, data = NData, mode = Mode, enter = Enter}};
                Error -> Error
            end;
        Else -> Else
    end.

%% sys:get_status/1's last element. "Time-outs" counts the running event,
%% state and generic timeouts; a callback module's format_status/2 may
%% replace the [{data, [{"State", {State, Data}}]}] part.
format_status(Opt, [PDict, SysState, Parent, _Debug,
                    #m{mod = Mod, state = State, data = Data} = M]) ->
    Timeouts = [{Type, Msg} || {Type, {_Ref, Msg}} <- maps:to_list(M#m.timers)]
        ++ case M#m.event_timeout of
               {_, Msg} -> [{timeout, Msg}];
               none -> []
           end,
    Specific = case erlang:function_exported(Mod, format_status, 2) of
                   true ->
                       case catch Mod:format_status(Opt, [PDict, State, Data]) of
                           L when is_list(L) -> L;
                           T -> [T]
                       end;
                   false -> [{data, [{"State", {State, Data}}]}]
               end,
    [{header, gen:format_status_header("Status for state machine", M#m.name)},
     {data, [{"Status", SysState}, {"Parent", Parent}, {"Modules", [Mod]},
             {"Time-outs", {length(Timeouts), Timeouts}}, {"Logged Events", []},
             {"Postponed", M#m.postponed}]}
     | Specific].

%% ---- ending ------------------------------------------------------------------------

terminate(Class, Reason, Stack, #m{mod = Mod, state = State, data = Data} = M, Event) ->
    case erlang:function_exported(Mod, terminate, 3) of
        true ->
            try Mod:terminate(gen:exit_reason(Class, Reason, Stack), State, Data)
            catch
                throw:_ -> ok;
                C:R:S ->
                    error_info(C, R, S, M, Event),
                    erlang:raise(C, R, S)
            end;
        false -> ok
    end,
    case Class =:= exit andalso quiet(Reason) of
        true -> ok;
        false -> error_info(Class, Reason, Stack, M, Event)
    end,
    case Class of
        exit -> exit(Reason);
        _ -> erlang:raise(Class, Reason, Stack)
    end.


quiet(normal) -> true;
quiet(shutdown) -> true;
quiet({shutdown, _}) -> true;
quiet(_) -> false.

error_info(Class, Reason, Stack, M, Event) ->
    Mode = case M#m.enter of
               true -> [M#m.mode, state_enter];
               false -> M#m.mode
           end,
    StackText = case Stack of
                    [] -> "";
                    _ -> io_lib:format("** Stacktrace =~n**  ~tp~n", [Stack])
                end,
    logger:error("** State machine ~tp terminating~n"
                 "** Last event = ~tp~n"
                 "** When server state  = ~tp~n"
                 "** Reason for termination = ~w:~tp~n"
                 "** Callback modules = ~tp~n"
                 "** Callback mode = ~tp~n~ts",
                 [M#m.name, Event, {M#m.state, M#m.data}, Class, Reason, [M#m.mod], Mode,
                  StackText]).
