%% gen_server.erl -- Moat standard library: OTP 25's generic server.
%%
%% The server loop keeps (Parent, Debug, Name, State, Mod, Timeout) and
%% handles calls ({'$gen_call', From, Req}), casts ({'$gen_cast', Msg}),
%% other messages (handle_info/2) and the 'EXIT' of its parent (terminate,
%% then exit with the parent's reason). System messages ({system, From,
%% Req}: sys, proc_lib:stop) go to sys:handle_system_msg/6 with Misc =
%% [Name, State, Mod, Timeout], which calls back system_continue/3 and the
%% other system_* functions below. Debug is sys's list ([] or statistics):
%% each message taken in and each reply sent goes to sys:handle_debug/4.
%% Requests without waiting (send_request and the reqids_* collections)
%% are gen's; multi_call and abcast reach only the local node (no
%% distribution). hibernate collects the heap and waits like infinity (no
%% erlang:hibernate/3).
-module(gen_server).

-export([start/3, start/4, start_link/3, start_link/4, start_monitor/3, start_monitor/4,
         call/2, call/3, cast/2, reply/2, stop/1, stop/3, init_it/6, send_request/2,
         wait_response/2, receive_response/2, check_response/2,
         enter_loop/3, enter_loop/4, enter_loop/5,
         multi_call/2, multi_call/3, multi_call/4, abcast/2, abcast/3,
         send_request/4, wait_response/3, receive_response/3, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1]).
-export([system_continue/3, system_terminate/4, system_get_state/1,
         system_replace_state/2, system_code_change/4, format_status/2]).

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

send_request(Server, Request) -> gen:send_request(Server, '$gen_call', Request).
send_request(Server, Request, Label, Coll) ->
    gen:send_request(Server, '$gen_call', Request, Label, Coll).

wait_response(ReqId, Timeout) -> gen:wait_response(ReqId, Timeout).
wait_response(Coll, Timeout, Delete) -> gen:wait_response(Coll, Timeout, Delete).
receive_response(ReqId, Timeout) -> gen:receive_response(ReqId, Timeout).
receive_response(Coll, Timeout, Delete) -> gen:receive_response(Coll, Timeout, Delete).
check_response(Msg, ReqId) -> gen:check_response(Msg, ReqId).
check_response(Msg, Coll, Delete) -> gen:check_response(Msg, Coll, Delete).
reqids_new() -> gen:reqids_new().
reqids_add(ReqId, Label, Coll) -> gen:reqids_add(ReqId, Label, Coll).
reqids_size(Coll) -> gen:reqids_size(Coll).
reqids_to_list(Coll) -> gen:reqids_to_list(Coll).

%% {Replies, BadNodes}: [{Node, Reply}] and the nodes where Name was not
%% registered, ended during the call, did not answer in time, or cannot
%% be reached (every node but node(): no distribution), both in the order
%% of Nodes. The default node list is [node()] (nodes() is empty).
multi_call(Name, Request) -> multi_call([node()], Name, Request, infinity).
multi_call(Nodes, Name, Request) when is_list(Nodes), is_atom(Name) ->
    multi_call(Nodes, Name, Request, infinity).
multi_call(Nodes, Name, Request, Timeout)
  when is_list(Nodes), is_atom(Name),
       Timeout =:= infinity orelse is_integer(Timeout) andalso Timeout >= 0 ->
    Coll = lists:foldl(fun(Node, C) ->
                               gen:send_request({Name, Node}, '$gen_call', Request, Node, C)
                       end, gen:reqids_new(), lists:usort(Nodes)),
    Deadline = case Timeout of
                   infinity -> infinity;
                   _ -> {abs, erlang:monotonic_time(millisecond) + Timeout}
               end,
    Replies = collect_replies(Coll, Deadline, #{}),
    {[{Node, maps:get(Node, Replies)} || Node <- Nodes, is_map_key(Node, Replies)],
     [Node || Node <- Nodes, not is_map_key(Node, Replies)]}.

collect_replies(Coll, Deadline, Acc) ->
    case gen:receive_response(Coll, Deadline, true) of
        {{reply, Reply}, Node, Coll1} -> collect_replies(Coll1, Deadline, Acc#{Node => Reply});
        {{error, _}, _Node, Coll1} -> collect_replies(Coll1, Deadline, Acc);
        timeout -> Acc;
        no_request -> Acc
    end.

abcast(Name, Msg) -> abcast([node()], Name, Msg).
abcast(Nodes, Name, Msg) when is_list(Nodes), is_atom(Name) ->
    [catch erlang:send({Name, Node}, {'$gen_cast', Msg}) || Node <- Nodes],
    abcast.

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
    Name = gen:get_proc_name(ServerName),
    Parent = gen:get_parent(),
    loop(Parent, [], Name, State, Mod, Timeout).

%% ---- start -----------------------------------------------------------------

init_it(Starter, Parent, Name0, Mod, Args, _Options) ->
    Name = gen:name(Name0),
    case init_result(Mod, Args) of
        {ok, {ok, State}} ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, [], Name, State, Mod, infinity);
        {ok, {ok, State, Timeout}} when Timeout =:= hibernate; Timeout =:= infinity;
                                        is_integer(Timeout), Timeout >= 0;
                                        is_tuple(Timeout), element(1, Timeout) =:= continue ->
            proc_lib:init_ack(Starter, {ok, self()}),
            loop(Parent, [], Name, State, Mod, Timeout);
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

loop(Parent, Debug, Name, State, Mod, {continue, Continue} = Msg) ->
    Reply = try_dispatch(Mod, handle_continue, Continue, State),
    handle_common_reply(Reply, Parent, Debug, Name, undefined, Msg, Mod, State);
loop(Parent, Debug, Name, State, Mod, hibernate) ->
    erlang:garbage_collect(),
    loop(Parent, Debug, Name, State, Mod, infinity);
loop(Parent, Debug, Name, State, Mod, Time) ->
    Msg = receive
              Input -> Input
          after Time -> timeout
          end,
    decode_msg(Msg, Parent, Debug, Name, State, Mod, Time).

decode_msg(Msg, Parent, Debug, Name, State, Mod, Time) ->
    case Msg of
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug, [Name, State, Mod, Time]);
        {'EXIT', Parent, Reason} ->
            terminate(exit, Reason, [], Name, undefined, Msg, Mod, State);
        _ when Debug =:= [] -> %% not traced: no event term built
            handle_msg(Msg, Parent, Debug, Name, State, Mod);
        _ ->
            handle_msg(Msg, Parent, debug(Debug, Name, {in, Msg}), Name, State, Mod)
    end.

handle_msg({'$gen_call', From, Request} = Msg, Parent, Debug, Name, State, Mod) ->
    case try_handle_call(Mod, Request, From, State) of
        {ok, {reply, Reply, NState}} ->
            reply(From, Reply),
            loop(Parent, sent(Debug, Name, Reply, From, NState), Name, NState, Mod, infinity);
        {ok, {reply, Reply, NState, Time}} ->
            case valid_timeout(Time) of
                true ->
                    reply(From, Reply),
                    loop(Parent, sent(Debug, Name, Reply, From, NState), Name, NState, Mod, Time);
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
            handle_common_reply(Other, Parent, Debug, Name, From, Msg, Mod, State)
    end;
handle_msg(Msg, Parent, Debug, Name, State, Mod) ->
    Reply = try_dispatch(Msg, Mod, State),
    handle_common_reply(Reply, Parent, Debug, Name, undefined, Msg, Mod, State).

sent([], _Name, _Reply, _From, _NState) -> [];
sent(Debug, Name, Reply, From, NState) -> debug(Debug, Name, {out, Reply, From, NState}).

debug([], _Name, _Event) -> [];
debug(Debug, Name, Event) -> sys:handle_debug(Debug, none, Name, Event).

valid_timeout(hibernate) -> true;
valid_timeout(infinity) -> true;
valid_timeout({continue, _}) -> true;
valid_timeout(T) -> is_integer(T) andalso T >= 0.

handle_common_reply(Reply, Parent, Debug, Name, From, Msg, Mod, State) ->
    case Reply of
        {ok, {noreply, NState}} ->
            loop(Parent, Debug, Name, NState, Mod, infinity);
        {ok, {noreply, NState, Time} = R} ->
            case valid_timeout(Time) of
                true -> loop(Parent, Debug, Name, NState, Mod, Time);
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

%% ---- system messages (called by sys:handle_system_msg/6) ------------------------

system_continue(Parent, Debug, [Name, State, Mod, Time]) ->
    loop(Parent, Debug, Name, State, Mod, Time).

system_terminate(Reason, _Parent, _Debug, [Name, State, Mod, _Time]) ->
    terminate(exit, Reason, [], Name, undefined, [], Mod, State).

system_get_state([_Name, State, _Mod, _Time]) -> {ok, State}.

system_replace_state(F, [Name, State, Mod, Time]) ->
    NState = F(State),
    {ok, NState, [Name, NState, Mod, Time]}.

system_code_change([Name, State, Mod, Time], _Module, OldVsn, Extra) ->
    case catch Mod:code_change(OldVsn, State, Extra) of
        {ok, NState} -> {ok, [Name, NState, Mod, Time]};
        Else -> Else
    end.

%% sys:get_status/1's last element. A callback module's own
%% format_status/2 may replace the [{data, [{"State", State}]}] part
%% (format_status/1 is not called).
format_status(Opt, [PDict, SysState, Parent, _Debug, [Name, State, Mod, _Time]]) ->
    Specific = case erlang:function_exported(Mod, format_status, 2) of
                   true ->
                       case catch Mod:format_status(Opt, [PDict, State]) of
                           L when is_list(L) -> L;
                           T -> [T]
                       end;
                   false -> [{data, [{"State", State}]}]
               end,
    [{header, gen:format_status_header("Status for generic server", Name)},
     {data, [{"Status", SysState}, {"Parent", Parent}, {"Logged events", []}]}
     | Specific].

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
