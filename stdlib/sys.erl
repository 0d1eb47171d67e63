%% sys.erl -- Moat standard library: the part of OTP 25's sys module that
%% gen_server, gen_statem and gen_event processes answer: get_state,
%% replace_state and terminate, sent as {system, From, Request}.
-module(sys).

-export([get_state/1, get_state/2, replace_state/2, replace_state/3,
         terminate/2, terminate/3]).

get_state(Name) -> send_system_msg(Name, get_state, 5000, get_state, [Name]).
get_state(Name, Timeout) -> send_system_msg(Name, get_state, Timeout, get_state, [Name, Timeout]).

replace_state(Name, F) ->
    send_system_msg(Name, {replace_state, F}, 5000, replace_state, [Name, F]).
replace_state(Name, F, Timeout) ->
    send_system_msg(Name, {replace_state, F}, Timeout, replace_state, [Name, F, Timeout]).

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
