-module(otp_statem_events).
-behaviour(gen_statem).
-export([main/1, init/1, callback_mode/0, handle_event/4, terminate/3]).

%% handle_event_function mode: postponing, next_event order, stop_and_reply,
%% call timeouts and crashes seen by the caller.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, P} = gen_statem:start(?MODULE, 0, []),
    io:format("~p~n", [gen_statem:call(P, get)]),
    %% queued while busy: postponed until the state changes
    gen_statem:cast(P, busy),
    gen_statem:cast(P, {work, 1}),
    gen_statem:cast(P, {work, 2}),
    io:format("~p~n", [gen_statem:call(P, get)]),
    gen_statem:cast(P, idle),
    io:format("~p~n", [gen_statem:call(P, get)]),
    io:format("~p~n", [gen_statem:call(P, {chain, [a, b, c]})]),
    io:format("~p~n", [gen_statem:call(P, get)]),
    io:format("~p~n", [gen_statem:call(P, {sleep, 10}, 1000)]),
    R = (catch gen_statem:call(P, {sleep, 300}, 20)),
    io:format("~p~n", [R =:= {'EXIT', {timeout, {gen_statem, call, [P, {sleep, 300}, 20]}}}]),
    {'EXIT', {{Why, _}, {gen_statem, call, _}}} = (catch gen_statem:call(P, {bad_return})),
    io:format("~p~n", [Why]),
    io:format("alive ~p~n", [is_process_alive(P)]),
    {ok, P2} = gen_statem:start(?MODULE, 0, []),
    {'EXIT', {{badarith, _}, {gen_statem, call, _}}} = (catch gen_statem:call(P2, crash)),
    io:format("crashed, alive ~p~n", [is_process_alive(P2)]),
    {ok, P3} = gen_statem:start(?MODULE, 0, []),
    io:format("~p~n", [gen_statem:call(P3, {stop_and_reply, done})]),
    timer:sleep(10),
    io:format("alive ~p~n", [is_process_alive(P3)]),
    io:format("~p~n", [gen_statem:start(?MODULE, stop_now, [])]),
    io:format("~p~n", [gen_statem:start(?MODULE, ignore_now, [])]),
    ok.

init(stop_now) -> {stop, no_way};
init(ignore_now) -> ignore;
init(N) -> {ok, idle, #{n => N, done => []}}.

callback_mode() -> handle_event_function.

handle_event({call, From}, get, S, D) ->
    {keep_state_and_data, {reply, From, {S, D}}};
handle_event(cast, busy, idle, D) ->
    {next_state, busy, D};
handle_event(cast, idle, busy, D) ->
    {next_state, idle, D};
handle_event(cast, {work, _}, busy, _D) ->
    {keep_state_and_data, postpone};
handle_event(cast, {work, W}, idle, #{done := Done} = D) ->
    {keep_state, D#{done := Done ++ [W]}};
handle_event({call, From}, {chain, L}, _S, D) ->
    {keep_state, D#{done := []},
     [{next_event, internal, X} || X <- L] ++ [{reply, From, chained}]};
handle_event(internal, X, _S, #{done := Done} = D) ->
    {keep_state, D#{done := Done ++ [X]}};
handle_event({call, From}, {sleep, T}, _S, _D) ->
    timer:sleep(T),
    {keep_state_and_data, {reply, From, slept}};
handle_event({call, _From}, {bad_return}, _S, _D) ->
    {keep_state_and_data, [not_an_action]};
handle_event({call, _From}, crash, _S, #{n := N}) ->
    {keep_state_and_data, 1 div N};
handle_event({call, From}, {stop_and_reply, R}, _S, _D) ->
    {stop_and_reply, normal, [{reply, From, R}]};
handle_event(info, _, _S, _D) ->
    keep_state_and_data.

terminate(Reason, State, _D) ->
    io:format("terminate ~p in ~p~n", [reason(Reason), State]).

reason({R, Stack}) when is_list(Stack) -> R;
reason(R) -> R.
