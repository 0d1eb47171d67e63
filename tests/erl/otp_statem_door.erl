-module(otp_statem_door).
-behaviour(gen_statem).
-export([main/1, init/1, callback_mode/0, locked/3, open/3, terminate/3]).

%% A code lock in state_functions mode with state enter calls.
main(_) ->
    {ok, P} = gen_statem:start({local, door}, ?MODULE, [1, 2, 3], []),
    io:format("~p~n", [gen_statem:call(door, state)]),
    [gen_statem:cast(door, {button, B}) || B <- [1, 2]],
    io:format("~p~n", [gen_statem:call(door, state)]),
    gen_statem:cast(door, {button, 3}),
    io:format("~p~n", [gen_statem:call(door, state)]),
    %% a call in state open is postponed until the door locks again
    io:format("~p~n", [gen_statem:call(door, lock_when_locked)]),
    io:format("~p~n", [gen_statem:call(door, state)]),
    P ! hello,
    io:format("~p~n", [gen_statem:call(door, {next, 3})]),
    io:format("~p~n", [gen_statem:call(door, log)]),
    io:format("~p~n", [gen_statem:call(door, {after_idle, 30})]),
    timer:sleep(150),
    io:format("~p~n", [gen_statem:call(door, log)]),
    io:format("~p~n", [gen_statem:call(door, {generic, 20})]),
    timer:sleep(150),
    io:format("~p~n", [gen_statem:call(door, log)]),
    io:format("~p~n", [gen_statem:call(door, repeat)]),
    io:format("~p~n", [gen_statem:call(door, log)]),
    io:format("~p~n", [gen_statem:stop(door)]),
    io:format("~p~n", [catch gen_statem:call(door, state)]),
    ok.

init(Code) ->
    {ok, locked, #{code => Code, input => [], log => []}}.

callback_mode() -> [state_functions, state_enter].

locked(enter, Old, D) ->
    io:format("enter locked from ~p~n", [Old]),
    {keep_state, D#{input := []}};
locked(cast, {button, B}, #{code := Code, input := In} = D) ->
    case In ++ [B] of
        Code -> {next_state, open, D};
        In2 -> {keep_state, D#{input := In2}}
    end;
locked({call, From}, state, D) ->
    {keep_state_and_data, [{reply, From, {locked, maps:get(input, D)}}]};
locked({call, From}, lock_when_locked, _D) ->
    {keep_state_and_data, {reply, From, was_locked}};
locked({call, From}, {next, N}, D) ->
    Events = [{next_event, internal, {count, I}} || I <- lists:seq(1, N)],
    {keep_state, D#{log := []}, [{reply, From, queued} | Events]};
locked(internal, {count, I}, #{log := L} = D) ->
    {keep_state, D#{log := L ++ [I]}};
locked({call, From}, log, #{log := L} = D) ->
    {keep_state, D#{log := []}, {reply, From, L}};
locked({call, From}, {after_idle, T}, D) ->
    {keep_state, D, [{reply, From, ok}, T]};
locked(timeout, T, #{log := L} = D) ->
    {keep_state, D#{log := L ++ [{event_timeout, T}]}};
locked({call, From}, {generic, T}, D) ->
    {keep_state, D, [{reply, From, ok}, {{timeout, ping}, T, pong}]};
locked({timeout, ping}, pong, #{log := L} = D) ->
    {keep_state, D#{log := L ++ [pong]}};
locked({call, From}, repeat, #{log := L} = D) ->
    {repeat_state, D#{log := L ++ [repeated]}, {reply, From, ok}};
locked(info, Msg, #{log := L} = D) ->
    {keep_state, D#{log := L ++ [{info, Msg}]}}.

open(enter, Old, _D) ->
    io:format("enter open from ~p~n", [Old]),
    {keep_state_and_data, {state_timeout, 200, lock}};
open(state_timeout, lock, D) ->
    io:format("relocking~n"),
    {next_state, locked, D};
open({call, From}, state, _D) ->
    {keep_state_and_data, {reply, From, open}};
open({call, _From}, _Other, _D) ->
    {keep_state_and_data, postpone}.

terminate(Reason, State, _D) ->
    io:format("terminate ~p in ~p~n", [Reason, State]).
