%% gen_event.erl -- Moat standard library: a minimal OTP 25 event manager.
%%
%% The manager keeps its handlers newest first (the order of
%% which_handlers/1 and of event delivery). A handler is Module or
%% {Module, Id}. A handler that crashes or returns something unexpected is
%% removed (its terminate/2 gets {error, ...}). Not there yet (undef):
%% add_sup_handler/3, swap_handler/3, swap_sup_handler/3.
-module(gen_event).

-export([start/0, start/1, start/2, start_link/0, start_link/1, start_link/2,
         add_handler/3, delete_handler/3, notify/2, sync_notify/2, call/3, call/4,
         which_handlers/1, stop/1, stop/3, init_it/6]).

-callback init(Args :: term()) -> term().
-callback handle_event(Event :: term(), State :: term()) -> term().
-callback handle_call(Request :: term(), State :: term()) -> term().

start() -> gen:start(?MODULE, nolink, ?MODULE, [], []).
start(Name) when is_tuple(Name) -> gen:start(?MODULE, nolink, Name, ?MODULE, [], []);
start(Opts) when is_list(Opts) -> gen:start(?MODULE, nolink, ?MODULE, [], Opts).
start(Name, Opts) -> gen:start(?MODULE, nolink, Name, ?MODULE, [], Opts).
start_link() -> gen:start(?MODULE, link, ?MODULE, [], []).
start_link(Name) when is_tuple(Name) -> gen:start(?MODULE, link, Name, ?MODULE, [], []);
start_link(Opts) when is_list(Opts) -> gen:start(?MODULE, link, ?MODULE, [], Opts).
start_link(Name, Opts) -> gen:start(?MODULE, link, Name, ?MODULE, [], Opts).

add_handler(M, Handler, Args) -> rpc(M, {add_handler, Handler, Args}).
delete_handler(M, Handler, Args) -> rpc(M, {delete_handler, Handler, Args}).
sync_notify(M, Event) -> rpc(M, {sync_notify, Event}).
call(M, Handler, Query) -> call(M, Handler, Query, 5000).
call(M, Handler, Query, Timeout) -> rpc(M, {call, Handler, Query}, Timeout).
which_handlers(M) -> rpc(M, which_handlers).
stop(M) -> proc_lib:stop(M).
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
    loop(Parent, gen:name(Name0), []).

%% Handlers: [{Handler, Module, State}], newest first.
loop(Parent, Name, Hs) ->
    receive
        {system, _From, {terminate, Reason}} ->
            stop_all(Hs, stop),
            exit(Reason);
        {'EXIT', Parent, Reason} ->
            stop_all(Hs, stop),
            exit(Reason);
        {system, From, get_state} ->
            gen:reply(From, [{Mod, handler_id(H), S} || {H, Mod, S} <- Hs]),
            loop(Parent, Name, Hs);
        {notify, Event} ->
            loop(Parent, Name, notify_all(Hs, Event));
        {'$gen_event_call', From, Req} ->
            {Reply, Hs1} = handle_request(Req, Hs),
            gen:reply(From, Reply),
            loop(Parent, Name, Hs1);
        Other ->
            loop(Parent, Name, info_all(Hs, Other))
    end.

handle_request({add_handler, Handler, Args}, Hs) ->
    Mod = module_of(Handler),
    Result = try Mod:init(Args)
             catch
                 throw:T -> T;
                 exit:R -> {'$exit', {'EXIT', R}};
                 error:R:St -> {'$exit', {'EXIT', {R, St}}}
             end,
    case Result of
        {ok, S} -> {ok, [{Handler, Mod, S} | Hs]};
        {ok, S, hibernate} -> {ok, [{Handler, Mod, S} | Hs]};
        {error, _} = E -> {E, Hs};
        {'$exit', E} -> {E, Hs};
        Other -> {{error, Other}, Hs}
    end;
handle_request({delete_handler, Handler, Args}, Hs) ->
    case lists:keyfind(Handler, 1, Hs) of
        {_, Mod, S} -> {terminate(Mod, Args, S), lists:keydelete(Handler, 1, Hs)};
        false -> {{error, module_not_found}, Hs}
    end;
handle_request({sync_notify, Event}, Hs) ->
    {ok, notify_all(Hs, Event)};
handle_request({call, Handler, Query}, Hs) ->
    case lists:keyfind(Handler, 1, Hs) of
        {_, Mod, S} ->
            try Mod:handle_call(Query, S) of
                {ok, Reply, S1} -> {Reply, lists:keystore(Handler, 1, Hs, {Handler, Mod, S1})};
                {ok, Reply, S1, hibernate} ->
                    {Reply, lists:keystore(Handler, 1, Hs, {Handler, Mod, S1})};
                {remove_handler, Reply} ->
                    terminate(Mod, remove_handler, S),
                    {Reply, lists:keydelete(Handler, 1, Hs)};
                Other ->
                    terminate(Mod, {error, Other}, S),
                    {{error, {bad_return_value, Other}}, lists:keydelete(Handler, 1, Hs)}
            catch
                C:R:St ->
                    Why = crash_reason(C, R, St),
                    terminate(Mod, {error, Why}, S),
                    {{error, Why}, lists:keydelete(Handler, 1, Hs)}
            end;
        false -> {{error, bad_module}, Hs}
    end;
handle_request(which_handlers, Hs) ->
    {[H || {H, _, _} <- Hs], Hs}.

notify_all(Hs, Event) -> dispatch(Hs, handle_event, Event).
info_all(Hs, Msg) -> dispatch(Hs, handle_info, Msg).

dispatch(Hs, Func, Msg) ->
    lists:append([dispatch1(H, Func, Msg) || H <- Hs]).

dispatch1({Handler, Mod, S} = H, Func, Msg) ->
    case Func =:= handle_info andalso not erlang:function_exported(Mod, handle_info, 2) of
        true ->
            logger:warning("** Undefined handle_info in ~tp~n** Unhandled message: ~tp~n",
                           [Mod, Msg]),
            [H];
        false ->
            try Mod:Func(Msg, S) of
                {ok, S1} -> [{Handler, Mod, S1}];
                {ok, S1, hibernate} -> [{Handler, Mod, S1}];
                remove_handler -> terminate(Mod, remove_handler, S), [];
                Other -> terminate(Mod, {error, Other}, S), []
            catch
                C:R:St ->
                    Why = crash_reason(C, R, St),
                    logger:error("** gen_event handler ~tp crashed.~n"
                                 "** Was installed in ~tp~n"
                                 "** Last event was: ~tp~n"
                                 "** When handler state == ~tp~n"
                                 "** Reason == ~tp~n",
                                 [Handler, self(), Msg, S, Why]),
                    terminate(Mod, {error, Why}, S),
                    []
            end
    end.

crash_reason(throw, R, _) -> R;
crash_reason(exit, R, _) -> {'EXIT', R};
crash_reason(error, R, St) -> {'EXIT', {R, St}}.

terminate(Mod, Args, S) ->
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

stop_all(Hs, Why) -> [terminate(Mod, Why, S) || {_, Mod, S} <- Hs], ok.

handler_id({_Mod, Id}) -> Id;
handler_id(_) -> false.

module_of({Mod, _Id}) -> Mod;
module_of(Mod) -> Mod.
