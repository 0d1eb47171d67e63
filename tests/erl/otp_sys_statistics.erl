-module(otp_sys_statistics).
-export([main/1, init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2,
         callback_mode/0, handle_event/4, handle_event/2, handle_call/2]).

%% sys:statistics/2,3 on a gen_server, a gen_statem and a gen_event
%% manager: which messages count as in and out, turning it off and on.
main(_) ->
    ok = logger:set_primary_config(level, none),
    register(main, self()),
    {ok, _} = gen_server:start({local, gs}, ?MODULE, server, []),
    io:format("~p~n", [sys:statistics(gs, get)]),
    io:format("~p~n", [sys:statistics(gs, true)]),
    gen_server:call(gs, get),
    gen_server:cast(gs, cast),
    gs ! info,
    gen_server:call(gs, reply_early),
    gen_server:call(gs, continue),
    gen_server:call(gs, get),
    gen_server:call(gs, timeout),
    receive timed_out -> ok end,
    _ = sys:get_state(gs),
    stats(gs),
    {status, _, _, [_, _, _, Debug, _]} = sys:get_status(gs),
    io:format("~p~n", [[element(1, D) || D <- Debug]]),
    io:format("~p~n", [sys:statistics(gs, false)]),
    io:format("~p~n", [sys:statistics(gs, get, 1000)]),
    io:format("~p~n", [sys:statistics(gs, true, 1000)]),
    gen_server:cast(gs, cast),
    stats(gs),

    {ok, _} = gen_statem:start({local, sm}, ?MODULE, machine, []),
    ok = sys:statistics(sm, true),
    gen_statem:call(sm, get),
    gen_statem:cast(sm, postpone),
    gen_statem:cast(sm, go),
    sm ! info,
    receive state_timeout -> ok end,
    gen_statem:call(sm, get),
    stats(sm),

    {ok, _} = gen_event:start({local, ev}),
    ok = gen_event:add_handler(ev, ?MODULE, []),
    ok = sys:statistics(ev, true),
    gen_event:notify(ev, x),
    gen_event:sync_notify(ev, y),
    gen_event:call(ev, ?MODULE, q),
    ev ! inf,
    gen_event:which_handlers(ev),
    ok = gen_event:add_handler(ev, {?MODULE, 2}, []),
    stats(ev),
    ok.

stats(Name) ->
    {ok, L} = sys:statistics(Name, get),
    {start_time, {{_, _, _}, {_, _, _}}} = lists:keyfind(start_time, 1, L),
    {current_time, {{_, _, _}, {_, _, _}}} = lists:keyfind(current_time, 1, L),
    {reductions, R} = lists:keyfind(reductions, 1, L),
    true = is_integer(R) andalso R >= 0,
    io:format("~w ~w ~w~n", [[K || {K, _} <- L], lists:keyfind(messages_in, 1, L),
                             lists:keyfind(messages_out, 1, L)]).

init(server) -> {ok, 0};
init(machine) -> {ok, s1, 0};
init([]) -> {ok, []}.

handle_call(reply_early, From, N) -> gen_server:reply(From, early), {noreply, N + 1};
handle_call(continue, _From, N) -> {reply, ok, N, {continue, more}};
handle_call(timeout, _From, N) -> {reply, ok, N, 0};
handle_call(get, _From, N) -> {reply, N, N + 1}.

handle_continue(more, N) -> {noreply, N + 1}.

handle_cast(_, N) -> {noreply, N + 1}.

handle_info(timeout, N) -> main ! timed_out, {noreply, N + 1};
handle_info(_, N) -> {noreply, N + 1}.

callback_mode() -> handle_event_function.

handle_event({call, From}, get, S, _) -> {keep_state_and_data, [{reply, From, S}]};
handle_event(cast, postpone, s1, _) -> {keep_state_and_data, [postpone]};
handle_event(cast, go, s1, D) ->
    {next_state, s2, D, [{next_event, internal, x}, {state_timeout, 10, t}]};
handle_event(state_timeout, t, s2, D) -> main ! state_timeout, {keep_state, D + 1};
handle_event(_, _, _, D) -> {keep_state, D + 1}.

handle_event(_, S) -> {ok, S}.
handle_call(_, S) -> {ok, ok, S}.
