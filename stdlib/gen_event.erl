%% gen_event.erl -- Moat standard library: OTP 25's event manager.
%%
%% The manager keeps its handlers as #handler{} records (the term erl's
%% sys:get_status/1 shows), newest first: the order of which_handlers/1
%% and of event delivery. A handler is named Module or {Module, Id}. A
%% handler that crashes or returns something unexpected is removed (its
%% terminate/2 gets {error, ...}). A supervised handler (add_sup_handler,
%% swap_sup_handler) links the manager to its supervisor: whenever the
%% handler is removed the supervisor gets {gen_event_EXIT, Handler,
%% Reason}, and when the supervisor dies its handlers are removed with
%% terminate({stop, Reason}). System messages go to
%% sys:handle_system_msg/6 with Misc = [Name, Handlers]; requests without
%% waiting (send_request, reqids_*) are gen's.
-module(gen_event).

-export([start/0, start/1, start/2, start_link/0, start_link/1, start_link/2,
         add_handler/3, delete_handler/3, notify/2, sync_notify/2, call/3, call/4,
         which_handlers/1, stop/1, stop/3, init_it/6,
         add_sup_handler/3, swap_handler/3, swap_sup_handler/3,
         send_request/3, send_request/5, wait_response/2, wait_response/3,
         receive_response/2, receive_response/3, check_response/2, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1]).
-export([system_continue/3, system_terminate/4, system_get_state/1,
         system_replace_state/2, system_code_change/4, format_status/2]).

-callback init(Args :: term()) -> term().
-callback handle_event(Event :: term(), State :: term()) -> term().
-callback handle_call(Request :: term(), State :: term()) -> term().

-record(handler, {module, id = false, state, supervised = false}).

start() -> gen:start(?MODULE, nolink, ?MODULE, [], []).
start(Name) when is_tuple(Name) -> gen:start(?MODULE, nolink, Name, ?MODULE, [], []);
start(Opts) when is_list(Opts) -> gen:start(?MODULE, nolink, ?MODULE, [], Opts).
start(Name, Opts) -> gen:start(?MODULE, nolink, Name, ?MODULE, [], Opts).
start_link() -> gen:start(?MODULE, link, ?MODULE, [], []).
start_link(Name) when is_tuple(Name) -> gen:start(?MODULE, link, Name, ?MODULE, [], []);
start_link(Opts) when is_list(Opts) -> gen:start(?MODULE, link, ?MODULE, [], Opts).
start_link(Name, Opts) -> gen:start(?MODULE, link, Name, ?MODULE, [], Opts).

add_handler(M, Handler, Args) -> rpc(M, {add_handler, Handler, Args, false}).
add_sup_handler(M, Handler, Args) -> rpc(M, {add_handler, Handler, Args, self()}).
swap_handler(M, {H1, A1}, {H2, A2}) -> rpc(M, {swap_handler, H1, A1, H2, A2, keep}).
swap_sup_handler(M, {H1, A1}, {H2, A2}) -> rpc(M, {swap_handler, H1, A1, H2, A2, self()}).
delete_handler(M, Handler, Args) -> rpc(M, {delete_handler, Handler, Args}).
sync_notify(M, Event) -> rpc(M, {sync_notify, Event}).
call(M, Handler, Query) -> call(M, Handler, Query, 5000).
call(M, Handler, Query, Timeout) -> rpc(M, {call, Handler, Query}, Timeout).
which_handlers(M) -> rpc(M, which_handlers).
stop(M) -> proc_lib:stop(M).

send_request(M, Handler, Query) -> gen:send_request(M, '$gen_event_call', {call, Handler, Query}).
send_request(M, Handler, Query, Label, Coll) ->
    gen:send_request(M, '$gen_event_call', {call, Handler, Query}, Label, Coll).
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
stop(M, Reason, Timeout) -> proc_lib:stop(M, Reason, Timeout).

notify(M, Event) ->
    case M of
        {global, Name} -> catch erlang:send(Name, {notify, Event});
        {via, Mod, Name} -> catch Mod:send(Name, {notify, Event});
        _ -> catch erlang:send(M, {notify, Event})
    end,
    ok.

rpc(M, Req) -> rpc(M, Req, infinity).
rpc(M, Req, Timeout) ->
    {ok, Reply} = gen:call(M, '$gen_event_call', Req, Timeout),
    Reply.

init_it(Starter, Parent, Name0, _, _, _) ->
    process_flag(trap_exit, true),
    proc_lib:init_ack(Starter, {ok, self()}),
    loop(Parent, gen:name(Name0), [], []).

%% Debug is sys's debug list: every message but system ones and the
%% parent's 'EXIT' is reported to sys:handle_debug/4 as {in, Msg}.
loop(Parent, Name, Hs, Debug) ->
    receive
        {system, From, Req} ->
            sys:handle_system_msg(Req, From, Parent, ?MODULE, Debug, [Name, Hs]);
        {'EXIT', Parent, Reason} ->
            terminate_server(Reason, Hs);
        Msg ->
            Debug1 = case Debug of
                         [] -> [];
                         _ -> sys:handle_debug(Debug, none, Name, {in, Msg})
                     end,
            loop(Parent, Name, handle_msg(Msg, Hs), Debug1)
    end.

handle_msg({notify, Event}, Hs) ->
    dispatch(Hs, handle_event, Event);
handle_msg({'$gen_event_call', From, Req}, Hs) ->
    {Reply, Hs1} = handle_request(Req, From, Hs),
    gen:reply(From, Reply),
    Hs1;
handle_msg({'EXIT', Pid, Reason} = Msg, Hs) ->
    %% the handlers Pid supervised go first; the others see the 'EXIT' as
    %% any other message, as in erl
    {Gone, Hs1} = lists:partition(fun(H) -> H#handler.supervised =:= Pid end, Hs),
    [call_terminate(H, {stop, Reason}) || H <- Gone],
    dispatch(Hs1, handle_info, Msg);
handle_msg(Other, Hs) ->
    dispatch(Hs, handle_info, Other).

terminate_server(Reason, Hs) ->
    [remove(H, stop, shutdown) || H <- Hs],
    exit(Reason).

%% {Reply, NewHandlers}
handle_request({add_handler, Handler, Args, Sup}, _From, Hs) ->
    case add(Handler, Args, Sup, Hs) of
        {ok, Hs1} -> {ok, Hs1};
        {failed, Why} -> {Why, Hs}
    end;
handle_request({delete_handler, Handler, Args}, _From, Hs) ->
    case find(Handler, Hs) of
        {ok, H} -> {remove(H, Args, normal), Hs -- [H]};
        error -> {{error, module_not_found}, Hs}
    end;
handle_request({swap_handler, H1, A1, H2, A2, Sup}, {Caller, _}, Hs) ->
    {Result, Sup1, Hs1} = case find(H1, Hs) of
                              {ok, H} ->
                                  {remove(H, A1, {swapped, H2, Caller}),
                                   H#handler.supervised, Hs -- [H]};
                              error -> {error, false, Hs}
                          end,
    case add(H2, {A2, Result}, case Sup of keep -> Sup1; _ -> Sup end, Hs1) of
        {ok, Hs2} -> {ok, Hs2};
        {failed, Why} -> {{error, Why}, Hs1}
    end;
handle_request({sync_notify, Event}, _From, Hs) ->
    {ok, dispatch(Hs, handle_event, Event)};
handle_request({call, Handler, Query}, _From, Hs) ->
    case find(Handler, Hs) of
        {ok, #handler{module = Mod, state = S} = H} ->
            try Mod:handle_call(Query, S) of
                {ok, Reply, S1} -> {Reply, replace(H, H#handler{state = S1}, Hs)};
                {ok, Reply, S1, hibernate} -> {Reply, replace(H, H#handler{state = S1}, Hs)};
                {remove_handler, Reply} ->
                    remove(H, remove_handler, normal),
                    {Reply, Hs -- [H]};
                Other ->
                    remove(H, {error, Other}, Other),
                    {{error, {bad_return_value, Other}}, Hs -- [H]}
            catch
                C:R:St ->
                    Why = crash_reason(C, R, St),
                    remove(H, {error, Why}, Why),
                    {{error, Why}, Hs -- [H]}
            end;
        error -> {{error, bad_module}, Hs}
    end;
handle_request(which_handlers, _From, Hs) ->
    {[handler_name(H) || H <- Hs], Hs}.

%% Mod:init(Args): {ok, Handlers} with the new handler first, linked to
%% its supervisor if it has one, or {failed, What init returned or raised}.
add(Handler, Args, Sup, Hs) ->
    {Mod, Id} = split_name(Handler),
    Result = try Mod:init(Args)
             catch
                 throw:T -> T;
                 exit:R -> {'EXIT', R};
                 error:R:St -> {'EXIT', {R, St}}
             end,
    H = #handler{module = Mod, id = Id, supervised = Sup},
    case Result of
        {ok, S} -> {ok, [supervise(H#handler{state = S}) | Hs]};
        {ok, S, hibernate} -> {ok, [supervise(H#handler{state = S}) | Hs]};
        Other -> {failed, Other}
    end.

supervise(#handler{supervised = false} = H) -> H;
supervise(#handler{supervised = Pid} = H) -> link(Pid), H.

%% Takes H out: its terminate/2 gets TermArgs, its supervisor
%% {gen_event_EXIT, Handler, SupReason}. Returns terminate/2's result.
%% The manager stays linked to the supervisor, as erl's does.
remove(#handler{supervised = Sup} = H, TermArgs, SupReason) ->
    Result = call_terminate(H, TermArgs),
    case Sup of
        false -> ok;
        _ -> Sup ! {gen_event_EXIT, handler_name(H), SupReason}
    end,
    Result.

dispatch(Hs, Func, Msg) ->
    lists:append([dispatch1(H, Func, Msg) || H <- Hs]).

dispatch1(#handler{module = Mod, state = S} = H, Func, Msg) ->
    case Func =:= handle_info andalso not erlang:function_exported(Mod, handle_info, 2) of
        true ->
            logger:warning("** Undefined handle_info in ~tp~n** Unhandled message: ~tp~n",
                           [Mod, Msg]),
            [H];
        false ->
            try Mod:Func(Msg, S) of
                {ok, S1} -> [H#handler{state = S1}];
                {ok, S1, hibernate} -> [H#handler{state = S1}];
                remove_handler -> remove(H, remove_handler, normal), [];
                Other -> remove(H, {error, Other}, Other), []
            catch
                C:R:St ->
                    Why = crash_reason(C, R, St),
                    logger:error("** gen_event handler ~tp crashed.~n"
                                 "** Was installed in ~tp~n"
                                 "** Last event was: ~tp~n"
                                 "** When handler state == ~tp~n"
                                 "** Reason == ~tp~n",
                                 [handler_name(H), self(), Msg, S, Why]),
                    remove(H, {error, Why}, Why),
                    []
            end
    end.

crash_reason(throw, R, _) -> R;
crash_reason(exit, R, _) -> {'EXIT', R};
crash_reason(error, R, St) -> {'EXIT', {R, St}}.

call_terminate(#handler{module = Mod, state = S}, Args) ->
    case erlang:function_exported(Mod, terminate, 2) of
        true ->
            try Mod:terminate(Args, S)
            catch
                throw:R -> R;
                exit:R -> {'EXIT', R};
                error:R:St -> {'EXIT', {R, St}}
            end;
        false -> ok
    end.

find(Handler, Hs) ->
    {Mod, Id} = split_name(Handler),
    case [H || #handler{module = M, id = I} = H <- Hs, M =:= Mod, I =:= Id] of
        [H | _] -> {ok, H};
        [] -> error
    end.

replace(Old, New, Hs) -> [case H of Old -> New; _ -> H end || H <- Hs].

split_name({Mod, Id}) -> {Mod, Id};
split_name(Mod) -> {Mod, false}.

handler_name(#handler{module = Mod, id = false}) -> Mod;
handler_name(#handler{module = Mod, id = Id}) -> {Mod, Id}.

%% ---- system messages (called by sys:handle_system_msg/6) ------------------------

system_continue(Parent, Debug, [Name, Hs]) -> loop(Parent, Name, Hs, Debug).

system_terminate(Reason, _Parent, _Debug, [_Name, Hs]) -> terminate_server(Reason, Hs).

system_get_state([_Name, Hs]) ->
    {ok, [{Mod, Id, S} || #handler{module = Mod, id = Id, state = S} <- Hs]}.

%% F gets and returns each handler's {Module, Id, State}.
system_replace_state(F, [Name, Hs]) ->
    Hs1 = [begin
               {Mod, Id, S1} = F({Mod, Id, S}),
               H#handler{state = S1}
           end || #handler{module = Mod, id = Id, state = S} = H <- Hs],
    {ok, [{Mod, Id, S} || #handler{module = Mod, id = Id, state = S} <- Hs1], [Name, Hs1]}.

%% Every handler of Module gets Module:code_change(OldVsn, State, Extra).
system_code_change([Name, Hs], Module, OldVsn, Extra) ->
    Hs1 = [case H of
               #handler{module = Module, state = S} ->
                   {ok, S1} = Module:code_change(OldVsn, S, Extra),
                   H#handler{state = S1};
               _ -> H
           end || H <- Hs],
    {ok, [Name, Hs1]}.

format_status(_Opt, [_PDict, SysState, Parent, _Debug, [Name, Hs]]) ->
    [{header, gen:format_status_header("Status for event handler", Name)},
     {data, [{"Status", SysState}, {"Logged Events", []}, {"Parent", Parent}]},
     {items, {"Installed handlers", Hs}}].
