%% timer.erl -- Moat standard library: the parts of OTP 25's `timer` module
%% that need no timer server process.
%%
%% sleep/1, tc/1,2,3, the time conversions, now_diff/2, and send_after/2,3,
%% exit_after/2,3, kill_after/1,2 and cancel/1 built on the VM's timers
%% (erlang:send_after/3): their references are {send_local, Ref} as in OTP.
%% apply_after/4 and apply_interval/4 start a small process of their own.
-module(timer).

-export([sleep/1, tc/1, tc/2, tc/3, now_diff/2, seconds/1, minutes/1, hours/1, hms/3,
         send_after/2, send_after/3, exit_after/2, exit_after/3, kill_after/1, kill_after/2,
         cancel/1, apply_after/4, send_interval/2, send_interval/3, apply_interval/4]).

sleep(T) ->
    receive after T -> ok end.

tc(F) ->
    T0 = erlang:monotonic_time(),
    V = F(),
    {elapsed(T0), V}.

tc(F, A) ->
    T0 = erlang:monotonic_time(),
    V = apply(F, A),
    {elapsed(T0), V}.

tc(M, F, A) ->
    T0 = erlang:monotonic_time(),
    V = apply(M, F, A),
    {elapsed(T0), V}.

elapsed(T0) ->
    erlang:convert_time_unit(erlang:monotonic_time() - T0, native, microsecond).

now_diff({A2, B2, C2}, {A1, B1, C1}) ->
    ((A2 - A1) * 1000000 + B2 - B1) * 1000000 + C2 - C1.

seconds(S) -> 1000 * S.
minutes(M) -> 60000 * M.
hours(H) -> 3600000 * H.
hms(H, M, S) -> hours(H) + minutes(M) + seconds(S).

send_after(T, Pid, Msg) when is_integer(T), T >= 0 ->
    {ok, {send_local, erlang:send_after(T, Pid, Msg)}};
send_after(_, _, _) ->
    {error, badarg}.

send_after(T, Msg) -> send_after(T, self(), Msg).

exit_after(T, Pid, Reason) when is_integer(T), T >= 0 ->
    apply_after(T, erlang, exit, [Pid, Reason]);
exit_after(_, _, _) ->
    {error, badarg}.

exit_after(T, Reason) -> exit_after(T, self(), Reason).

kill_after(T, Pid) -> exit_after(T, Pid, kill).
kill_after(T) -> exit_after(T, self(), kill).

cancel({send_local, Ref}) ->
    _ = erlang:cancel_timer(Ref),
    {ok, cancel};
cancel({apply, Pid}) when is_pid(Pid) ->
    Pid ! cancel,
    {ok, cancel};
cancel(_) ->
    {error, badarg}.

apply_after(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    Pid = spawn(fun() -> receive cancel -> ok after T -> apply(M, F, A) end end),
    {ok, {apply, Pid}};
apply_after(_, _, _, _) ->
    {error, badarg}.

send_interval(T, Pid, Msg) when is_integer(T), T >= 0 ->
    apply_interval(T, erlang, send, [Pid, Msg]);
send_interval(_, _, _) ->
    {error, badarg}.

send_interval(T, Msg) -> send_interval(T, self(), Msg).

apply_interval(T, M, F, A) when is_integer(T), T >= 0, is_atom(M), is_atom(F), is_list(A) ->
    Pid = spawn(fun() -> interval(T, M, F, A) end),
    {ok, {apply, Pid}};
apply_interval(_, _, _, _) ->
    {error, badarg}.

interval(T, M, F, A) ->
    receive
        cancel -> ok
    after T ->
        _ = (catch apply(M, F, A)),
        interval(T, M, F, A)
    end.
