-module(otp_statem_timeouts).
-behaviour(gen_statem).
-export([main/1, init/1, callback_mode/0, handle_event/4]).

%% Timeouts: an event timeout cancelled by a message, a state timeout
%% cancelled by a state change, a generic timeout restarted and cancelled,
%% timeouts of 0, and init actions.
main(_) ->
    {ok, P} = gen_statem:start(?MODULE, [], []),
    timer:sleep(150),
    io:format("~p~n", [gen_statem:call(P, log)]),
    %% event timeout of 40 ms, but a message comes first
    gen_statem:cast(P, {event_timeout, 40}),
    P ! poke,
    timer:sleep(80),
    io:format("~p~n", [gen_statem:call(P, log)]),
    %% state timeout then a state change before it fires
    gen_statem:cast(P, {state_timeout_then_leave, 40}),
    timer:sleep(80),
    io:format("~p~n", [gen_statem:call(P, log)]),
    %% generic timeout restarted (one fire) and another cancelled
    gen_statem:cast(P, generic),
    timer:sleep(150),
    io:format("~p~n", [gen_statem:call(P, log)]),
    gen_statem:cast(P, zero),
    timer:sleep(80),
    io:format("~p~n", [gen_statem:call(P, log)]),
    io:format("~p~n", [gen_statem:call(P, state)]),
    gen_statem:stop(P),
    ok.

init([]) ->
    {ok, a, [], [{state_timeout, 10, from_init}, {next_event, internal, first}]}.

callback_mode() -> handle_event_function.

handle_event({call, From}, log, _S, L) ->
    {keep_state, [], {reply, From, L}};
handle_event({call, From}, state, S, _L) ->
    {keep_state_and_data, {reply, From, S}};
handle_event(cast, {event_timeout, T}, _S, L) ->
    {keep_state, L ++ [set_event_timeout], T};
handle_event(cast, {state_timeout_then_leave, T}, _S, L) ->
    {next_state, b, L ++ [to_b], [{state_timeout, T, in_b}, {next_event, internal, leave}]};
handle_event(internal, leave, b, L) ->
    {next_state, a, L ++ [to_a]};
handle_event(cast, generic, _S, L) ->
    {keep_state, L ++ [generic],
     [{{timeout, one}, 20, first}, {{timeout, two}, 20, second},
      {{timeout, one}, 40, restarted}, {{timeout, two}, cancel}]};
handle_event(cast, zero, _S, L) ->
    {keep_state, L ++ [zero], [{state_timeout, 0, st0}, {{timeout, g}, 0, g0}]};
handle_event(EventType, Content, S, L) ->
    {keep_state, L ++ [{S, EventType, Content}]}.
