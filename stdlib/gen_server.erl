%% gen_server.erl -- Moat standard library: OTP 25's generic server.
%%
%% The server loop keeps (Parent, Name, Mod, State, Timeout) and handles
%% calls ({'$gen_call', From, Req}), casts ({'$gen_cast', Msg}), other
%% messages (handle_info/2), the 'EXIT' of its parent (terminate, then exit
%% with the parent's reason) and proc_lib:stop's {system, From,
%% {terminate, R}}. Other system messages (sys) are not understood yet.
%% hibernate collects the heap and waits like infinity (no erlang:hibernate/3).
-module(gen_server).

-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/2, stop/1, stop/3, init_it/6, send_request/2,
         wait_response/2, receive_response/2, check_response/2,
         enter_loop/3, enter_loop/4, enter_loop/5]).

-callback init(Args :: term()) -> term().
-callback handle_call(Request :: term(), From :: term(), State :: term()) -> term().
-callback handle_cast(Request :: term(), State :: term()) -> term().

-optional_callbacks([]).

start(Mod, Args, Options) -> gen:start(?MODULE, nolink, Mod, Args, Options).
start(Name, Mod, Args, Options) -> gen:start(?MODULE, nolink, Name, Mod, Args, Options).
start_link(Mod, Args, Options) -> gen:start(?MODULE, link, Mod, Args, Options).
start_link(Name, Mod, Args, Options) -> gen:start(?MODULE, link, Name, Mod, Args, Options).
start_monitor(Mod, Args, Options) -> gen:start(?MODULE, monitor, Mod, Args, Options).
start_monitor(Name, Mod, Args, Options) -> gen:start(?MODULE, monitor, Name, Mod, Args, Options).

call(Server, Request) ->
    try gen:call(Server, '$gen_call', Request) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request]}})
    end.

call(Server, Request, Timeout) ->
    try gen:call(Server, '$gen_call', Request, Timeout) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {?MODULE, call, [Server, Request, Timeout]}})
    end.

send_request(Server, Request) ->
    Pid = case Server of
              P when is_pid(P) -> P;
              N when is_atom(N) -> whereis(N);
              {global, N} -> whereis(N);
              {via, M, N} -> M:whereis_name(N)
          end,
    Mref = erlang:monitor(process, if Pid =:= undefined -> Server; true -> Pid end),
    case Pid of
        undefined -> ok;
        _ -> Pid ! {'$gen_call', {self(), Mref}, Request}
    end,
    Mref.

wait_response(Mref, Timeout) ->
    receive
        {Mref, Reply} -> erlang:demonitor(Mref, [flush]), {reply, Reply};
        {'DOWN', Mref, _, Object, Reason} -> {error, {Reason, Object}}
    after Timeout -> timeout
    end.

receive_response(Mref, Timeout) ->
    case wait_response(Mref, Timeout) of
        timeout -> erlang:demonitor(Mref, [flush]), timeout;
        R -> R
    end.

check_response({Mref, Reply}, Mref) when is_reference(Mref) ->
    erlang:demonitor(Mref, [flush]), {reply, Reply};
check_response({'DOWN', Mref, _, Object, Reason}, Mref) when is_reference(Mref) ->
    {error, {Reason, Object}};
check_response(_, Mref) when is_reference(Mref) -> no_reply.

cast(Server, Msg) ->
    case Server of
        {global, Name} -> catch send(Name, {'$gen_cast', Msg});
        {via, Mod, Name} -> catch Mod:send(Name, {'$gen_cast', Msg});
        _ -> catch send(Server, {'$gen_cast', Msg})
    end,
    ok.

send(Dest, Msg) -> erlang:send(Dest, Msg).

reply(From, Reply) -> gen:reply(From, Reply).

stop(Server) -> proc_lib:stop(Server).
stop(Server, Reason, Timeout) -> proc_lib:stop(Server, Reason, Timeout).

enter_loop(Mod, Options, State) -> enter_loop(Mod, Options, State, self(), infinity).
enter_loop(Mod, Options, State, ServerName = {Scope, _}) when is_atom(Scope) ->
    enter_loop(Mod, Options, State, ServerName, infinity);
enter_loop(Mod, Options, State, Timeout) ->
    enter_loop(Mod, Options, State, self(), Timeout).
enter_loop(Mod, _Options, State, ServerName, Timeout) ->
    Name = gen:name(ServerName),
    Parent = gen:get_parent(),
    loop(Parent, Name, State, Mod, Timeout).

%% ---- start -----------------------------------------------------------------

init_it(Starter, Parent, Name0, Mod, Args, _Options) ->
    Name = gen:name(Name0),
    case init_result(Mod, Args) of
        {ok, {ok, State}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, State, Mod, infinity);
        {ok, {ok, State, Timeout}} when Timeout =:= hibernate; Timeout =:= infinity;
                                        is_integer(Timeout), Timeout >= 0;
                                        is_tuple(Timeout), element(1, Timeout) =:= continue ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, Name, State, Mod, Timeout);
        {ok, {stop, Reason}} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Reason}),
            exit(Reason);
        {ok, ignore} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, ignore),
            exit(normal);
        {ok, Else} ->
            Error = {bad_return_value, Else},
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, Error}),
            exit(Error);
        {'EXIT', Class, Reason, Stack} ->
            gen:unregister_name(Name0),
            proc_lib:init_ack(Starter, {error, gen:exit_reason(Class, Reason, Stack)}),
            erlang:raise(Class, Reason, Stack)
    end.

init_result(Mod, Args) ->
    try {ok, Mod:init(Args)}
    catch
        throw:R -> {ok, R};
        Class:R:S -> {'EXIT', Class, R, S}
    end.


%% ---- the loop ----------------------------------------------------------------

loop(Parent, Name, State, Mod, {continue, Continue} = Msg) ->
    Reply = try_dispatch(Mod, handle_continue, Continue, State),
    handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod, State);
loop(Parent, Name, State, Mod, hibernate) ->
    erlang:garbage_collect(),
    loop(Parent, Name, State, Mod, infinity);
loop(Parent, Name, State, Mod, Time) ->
    Msg = receive
              Input -> Input
          after Time -> timeout
          end,
    decode_msg(Msg, Parent, Name, State, Mod, Time).

decode_msg(Msg, Parent, Name, State, Mod, Time) ->
    case Msg of
        {system, _From, {terminate, Reason}} ->
            terminate(exit, Reason, [], Name, undefined, Msg, Mod, State);
        {system, From, get_state} ->
            gen:reply(From, State),
            loop(Parent, Name, State, Mod, Time);
        {system, From, {replace_state, F}} ->
            NState = F(State),
            gen:reply(From, NState),
            loop(Parent, Name, NState, Mod, Time);
        {'EXIT', Parent, Reason} ->
            terminate(exit, Reason, [], Name, undefined, Msg, Mod, State);
        _ ->
            handle_msg(Msg, Parent, Name, State, Mod)
    end.

handle_msg({'$gen_call', From, Request} = Msg, Parent, Name, State, Mod) ->
    case try_handle_call(Mod, Request, From, State) of
        {ok, {reply, Reply, NState}} ->
            reply(From, Reply),
            loop(Parent, Name, NState, Mod, infinity);
        {ok, {reply, Reply, NState, Time}} ->
            case valid_timeout(Time) of
                true ->
                    reply(From, Reply),
                    loop(Parent, Name, NState, Mod, Time);
                false ->
                    terminate(exit, {bad_return_value, {reply, Reply, NState, Time}}, [], Name, From, Msg, Mod, State)
            end;
        {ok, {stop, Reason, Reply, NState}} ->
            try
                terminate(exit, Reason, [], Name, From, Msg, Mod, NState)
            after
                reply(From, Reply)
            end;
        Other ->
            handle_common_reply(Other, Parent, Name, From, Msg, Mod, State)
    end;
handle_msg(Msg, Parent, Name, State, Mod) ->
    Reply = try_dispatch(Msg, Mod, State),
    handle_common_reply(Reply, Parent, Name, undefined, Msg, Mod, State).

valid_timeout(hibernate) -> true;
valid_timeout(infinity) -> true;
valid_timeout({continue, _}) -> true;
valid_timeout(T) -> is_integer(T) andalso T >= 0.

handle_common_reply(Reply, Parent, Name, From, Msg, Mod, State) ->
    case Reply of
        {ok, {noreply, NState}} ->
            loop(Parent, Name, NState, Mod, infinity);
        {ok, {noreply, NState, Time} = R} ->
            case valid_timeout(Time) of
                true -> loop(Parent, Name, NState, Mod, Time);
                false -> terminate(exit, {bad_return_value, R}, [], Name, From, Msg, Mod, State)
            end;
        {ok, {stop, Reason, NState}} ->
            terminate(exit, Reason, [], Name, From, Msg, Mod, NState);
        {'EXIT', Class, Reason, Stack} ->
            terminate(Class, Reason, Stack, Name, From, Msg, Mod, State);
        {ok, BadReply} ->
            terminate(exit, {bad_return_value, BadReply}, [], Name, From, Msg, Mod, State)
    end.

try_dispatch({'$gen_cast', Msg}, Mod, State) ->
    try_dispatch(Mod, handle_cast, Msg, State);
try_dispatch(Info, Mod, State) ->
    try_dispatch(Mod, handle_info, Info, State).

try_dispatch(Mod, Func, Msg, State) ->
    try {ok, Mod:Func(Msg, State)}
    catch
        throw:R -> {ok, R};
        error:undef:Stack when Func =:= handle_info ->
            case erlang:function_exported(Mod, handle_info, 2) of
                false ->
                    logger:warning("** Undefined handle_info in ~tp~n** Unhandled message: ~tp~n",
                                   [Mod, Msg]),
                    {ok, {noreply, State}};
                true ->
                    {'EXIT', error, undef, Stack}
            end;
        Class:R:Stack -> {'EXIT', Class, R, Stack}
    end.

try_handle_call(Mod, Msg, From, State) ->
    try {ok, Mod:handle_call(Msg, From, State)}
    catch
        throw:R -> {ok, R};
        Class:R:Stack -> {'EXIT', Class, R, Stack}
    end.

%% ---- ending ------------------------------------------------------------------

terminate(Class, Reason, Stack, Name, From, Msg, Mod, State) ->
    ExitReason = case Class of
                     exit -> Reason;
                     error -> {Reason, Stack};
                     throw -> {{nocatch, Reason}, Stack}
                 end,
    case erlang:function_exported(Mod, terminate, 2) of
        true ->
            try Mod:terminate(ExitReason, State)
            catch
                throw:_ -> ok;
                C:R:S ->
                    error_info(gen:exit_reason(C, R, S), Name, From, Msg, Mod, State),
                    erlang:raise(C, R, S)
            end;
        false -> ok
    end,
    case ExitReason of
        normal -> ok;
        shutdown -> ok;
        {shutdown, _} -> ok;
        _ -> error_info(ExitReason, Name, From, Msg, Mod, State)
    end,
    case Class of
        exit -> exit(ExitReason);
        _ -> erlang:raise(Class, Reason, Stack)
    end.

error_info(Reason, Name, _From, Msg, _Mod, State) ->
    LastMsg = case Msg of
                  {'$gen_call', _, Req} -> Req;
                  {'$gen_cast', C} -> {'$gen_cast', C};
                  _ -> Msg
              end,
    logger:error("** Generic server ~tp terminating \n"
                 "** Last message in was ~tp~n"
                 "** When Server state == ~tp~n"
                 "** Reason for termination ==~n** ~tp~n",
                 [Name, LastMsg, State, Reason]).
