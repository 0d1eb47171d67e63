%% sys.erl -- Moat standard library: OTP 25's sys module, both sides of it.
%%
%% The client side sends {system, From, Request} and waits for the reply
%% as gen:call/4 does. The process side is handle_system_msg/6, the one
%% path by which gen_server, gen_statem and gen_event (and so supervisor)
%% answer system messages: their loop hands it every {system, From,
%% Request} together with its state (Misc), and it calls back the
%% behaviour's system_continue/3, system_terminate/4, system_get_state/1,
%% system_replace_state/2, system_code_change/4 and format_status/2.
%% A suspended process waits in suspend_loop/4: it answers only system
%% messages (and ends on its parent's 'EXIT'); every other message stays
%% queued until resume.
%%
%% Debug is the process's list of debug facilities: [] or one
%% {statistics, {StartTime, {reductions, AtStart}, MessagesIn, MessagesOut}}
%% that handle_debug/4 updates for each event a behaviour reports ({in,
%% ...} and {out, ...} count). trace, log, log_to_file, install and the
%% {debug, Opts} start option are not there (erl's trace and log show each
%% behaviour's internal messages).
-module(sys).

-export([get_state/1, get_state/2, replace_state/2, replace_state/3,
         terminate/2, terminate/3, suspend/1, suspend/2, resume/1, resume/2,
         get_status/1, get_status/2, change_code/4, change_code/5,
         statistics/2, statistics/3, handle_system_msg/6, handle_debug/4]).

get_state(Name) -> get_state(Name, 5000, [Name]).
get_state(Name, Timeout) -> get_state(Name, Timeout, [Name, Timeout]).

get_state(Name, Timeout, A) ->
    case send_system_msg(Name, get_state, Timeout, get_state, A) of
        {error, {callback_failed, _, _} = Why} -> erlang:error(Why);
        State -> State
    end.

replace_state(Name, F) -> replace_state(Name, F, 5000, [Name, F]).
replace_state(Name, F, Timeout) -> replace_state(Name, F, Timeout, [Name, F, Timeout]).

replace_state(Name, F, Timeout, A) ->
    case send_system_msg(Name, {replace_state, F}, Timeout, replace_state, A) of
        {error, {callback_failed, _, _} = Why} -> erlang:error(Why);
        State -> State
    end.

suspend(Name) -> send_system_msg(Name, suspend, 5000, suspend, [Name]).
suspend(Name, Timeout) -> send_system_msg(Name, suspend, Timeout, suspend, [Name, Timeout]).

resume(Name) -> send_system_msg(Name, resume, 5000, resume, [Name]).
resume(Name, Timeout) -> send_system_msg(Name, resume, Timeout, resume, [Name, Timeout]).

get_status(Name) -> send_system_msg(Name, get_status, 5000, get_status, [Name]).
get_status(Name, Timeout) ->
    send_system_msg(Name, get_status, Timeout, get_status, [Name, Timeout]).

%% The process must be suspended; a running one answers
%% {error, {unknown_system_msg, ...}} as erl's does.
change_code(Name, Module, OldVsn, Extra) ->
    send_system_msg(Name, {change_code, Module, OldVsn, Extra}, 5000, change_code,
                    [Name, Module, OldVsn, Extra]).
change_code(Name, Module, OldVsn, Extra, Timeout) ->
    send_system_msg(Name, {change_code, Module, OldVsn, Extra}, Timeout, change_code,
                    [Name, Module, OldVsn, Extra, Timeout]).

%% Flag: true (start counting, from zero), false (stop) or get:
%% {ok, [{start_time, _}, {current_time, _}, {reductions, _},
%% {messages_in, _}, {messages_out, _}]} or {ok, no_statistics}.
statistics(Name, Flag) -> statistics(Name, Flag, 5000, [Name, Flag]).
statistics(Name, Flag, Timeout) -> statistics(Name, Flag, Timeout, [Name, Flag, Timeout]).

statistics(Name, Flag, Timeout, A) when Flag =:= true; Flag =:= false; Flag =:= get ->
    send_system_msg(Name, {debug, {statistics, Flag}}, Timeout, statistics, A).

terminate(Name, Reason) -> stop(Name, Reason, infinity, [Name, Reason]).
terminate(Name, Reason, Timeout) -> stop(Name, Reason, Timeout, [Name, Reason, Timeout]).

stop(Name, Reason, Timeout, A) ->
    try proc_lib:stop(Name, Reason, Timeout)
    catch exit:R -> exit({R, {sys, terminate, A}})
    end.

send_system_msg(Name, Request, Timeout, F, A) ->
    try gen:call(Name, system, Request, Timeout) of
        {ok, Reply} -> Reply
    catch
        exit:Reason -> exit({Reason, {sys, F, A}})
    end.

%% ---- the process side ------------------------------------------------------------

%% Never returns: ends in Mod:system_continue(Parent, Debug, Misc) or
%% Mod:system_terminate(Reason, Parent, Debug, Misc).
handle_system_msg(Request, From, Parent, Mod, Debug, Misc) ->
    handle_system_msg(running, Request, From, Parent, Mod, Debug, Misc).

handle_system_msg(_SysState, {terminate, Reason}, _From, Parent, Mod, Debug, Misc) ->
    %% proc_lib:stop/3 waits for the 'DOWN', not for a reply
    Mod:system_terminate(Reason, Parent, Debug, Misc);
handle_system_msg(SysState, Request, From, Parent, Mod, Debug, Misc) ->
    {SysState1, Reply, Debug1, Misc1} = do_cmd(SysState, Request, Parent, Mod, Debug, Misc),
    gen:reply(From, Reply),
    case SysState1 of
        running -> Mod:system_continue(Parent, Debug1, Misc1);
        suspended -> suspend_loop(Parent, Mod, Debug1, Misc1)
    end.

suspend_loop(Parent, Mod, Debug, Misc) ->
    receive
        {system, From, Request} ->
            handle_system_msg(suspended, Request, From, Parent, Mod, Debug, Misc);
        {'EXIT', Parent, Reason} ->
            Mod:system_terminate(Reason, Parent, Debug, Misc)
    end.

%% {NewSysState, Reply, NewDebug, NewMisc}
do_cmd(_, suspend, _, _, Debug, Misc) -> {suspended, ok, Debug, Misc};
do_cmd(_, resume, _, _, Debug, Misc) -> {running, ok, Debug, Misc};
do_cmd(SysState, get_state, _, Mod, Debug, Misc) ->
    Reply = case callback(Mod, system_get_state, [Misc]) of
                {ok, {ok, State}} -> State;
                {ok, Other} -> {error, {callback_failed, {Mod, system_get_state},
                                        {error, {bad_return, Other}}}};
                {failed, Why} -> {error, {callback_failed, {Mod, system_get_state}, Why}}
            end,
    {SysState, Reply, Debug, Misc};
do_cmd(SysState, {replace_state, F}, _, Mod, Debug, Misc) ->
    case callback(Mod, system_replace_state, [F, Misc]) of
        {ok, {ok, State, Misc1}} -> {SysState, State, Debug, Misc1};
        {ok, Other} -> {SysState, {error, {callback_failed, {Mod, system_replace_state},
                                           {error, {bad_return, Other}}}}, Debug, Misc};
        {failed, Why} ->
            {SysState, {error, {callback_failed, {Mod, system_replace_state}, Why}}, Debug, Misc}
    end;
do_cmd(SysState, get_status, Parent, Mod, Debug, Misc) ->
    PDict = get(),
    Status = case erlang:function_exported(Mod, format_status, 2) of
                 true -> Mod:format_status(normal, [PDict, SysState, Parent, Debug, Misc]);
                 false -> Misc
             end,
    {SysState, {status, self(), {module, Mod}, [PDict, SysState, Parent, Debug, Status]},
     Debug, Misc};
do_cmd(suspended, {change_code, Module, OldVsn, Extra}, _, Mod, Debug, Misc) ->
    case catch Mod:system_code_change(Misc, Module, OldVsn, Extra) of
        {ok, Misc1} -> {suspended, ok, Debug, Misc1};
        Error -> {suspended, {error, Error}, Debug, Misc}
    end;
do_cmd(SysState, {debug, {statistics, Flag}}, _, _, Debug, Misc) ->
    {Reply, Debug1} = statistics_cmd(Flag, Debug),
    {SysState, Reply, Debug1, Misc};
do_cmd(SysState, Other, _, _, Debug, Misc) ->
    {SysState, {error, {unknown_system_msg, Other}}, Debug, Misc}.

statistics_cmd(true, Debug) ->
    Stats = {erlang:localtime(), process_info(self(), reductions), 0, 0},
    {ok, lists:keystore(statistics, 1, Debug, {statistics, Stats})};
statistics_cmd(false, Debug) ->
    {ok, lists:keydelete(statistics, 1, Debug)};
statistics_cmd(get, Debug) ->
    case lists:keyfind(statistics, 1, Debug) of
        {statistics, {Start, {reductions, R0}, In, Out}} ->
            {reductions, R} = process_info(self(), reductions),
            {{ok, [{start_time, Start}, {current_time, erlang:localtime()},
                   {reductions, R - R0}, {messages_in, In}, {messages_out, Out}]}, Debug};
        false -> {{ok, no_statistics}, Debug}
    end.

%% A behaviour reports an event: {in, Msg} (or {in, Msg, From}) for a
%% message taken in, {out, Msg, To} (or {out, Msg, To, State}) for one
%% sent; others ({noreply, State}, ...) change nothing here. FormFunc and
%% Info are what a trace would print with (no trace yet).
handle_debug([], _FormFunc, _Info, _Event) -> [];
handle_debug(Debug, _FormFunc, _Info, Event) ->
    case lists:keyfind(statistics, 1, Debug) of
        {statistics, {Start, R0, In, Out}} ->
            Stats = case Event of
                        {in, _} -> {Start, R0, In + 1, Out};
                        {in, _, _} -> {Start, R0, In + 1, Out};
                        {out, _, _} -> {Start, R0, In, Out + 1};
                        {out, _, _, _} -> {Start, R0, In, Out + 1};
                        _ -> {Start, R0, In, Out}
                    end,
            lists:keystore(statistics, 1, Debug, {statistics, Stats});
        false -> Debug
    end.

callback(Mod, F, A) ->
    try {ok, apply(Mod, F, A)}
    catch Class:Reason -> {failed, {Class, Reason}}
    end.
