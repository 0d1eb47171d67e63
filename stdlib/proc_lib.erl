%% proc_lib.erl -- Moat standard library: processes that follow the OTP
%% design principles (OTP 25's proc_lib).
%%
%% A process started here keeps '$ancestors' (its parent first) and
%% '$initial_call' ({M, F, Arity}) in its dictionary, and when it ends with
%% an exception other than exit(normal | shutdown | {shutdown, _}) it
%% logs a =CRASH REPORT==== like erl's before exiting with the same reason.
%% start/start_link wait for init_ack/1,2 from the new process.
-module(proc_lib).

-export([spawn/1, spawn/3, spawn_link/1, spawn_link/3, spawn_opt/2, spawn_opt/4,
         start/3, start/4, start/5, start_link/3, start_link/4, start_link/5,
         start_monitor/3, start_monitor/4, start_monitor/5,
         init_ack/1, init_ack/2, init_p/3, init_p/5, stop/1, stop/3,
         translate_initial_call/1, initial_call/1, crash_report/4]).

spawn(F) -> erlang:spawn(?MODULE, init_p, [parent(), ancestors(), F]).
spawn(M, F, A) -> erlang:spawn(?MODULE, init_p, [parent(), ancestors(), M, F, A]).
spawn_link(F) -> erlang:spawn_link(?MODULE, init_p, [parent(), ancestors(), F]).
spawn_link(M, F, A) -> erlang:spawn_link(?MODULE, init_p, [parent(), ancestors(), M, F, A]).
spawn_opt(F, Opts) -> erlang:spawn_opt(?MODULE, init_p, [parent(), ancestors(), F], Opts).
spawn_opt(M, F, A, Opts) -> erlang:spawn_opt(?MODULE, init_p, [parent(), ancestors(), M, F, A], Opts).

%% The parent as a child sees it: its registered name if it has one.
parent() ->
    case erlang:process_info(self(), registered_name) of
        {registered_name, Name} -> Name;
        _ -> self()
    end.

ancestors() ->
    case get('$ancestors') of
        L when is_list(L) -> L;
        _ -> []
    end.

init_p(Parent, Ancestors, F) when is_function(F) ->
    put('$ancestors', [Parent | Ancestors]),
    {module, M} = erlang:fun_info(F, module),
    {name, N} = erlang:fun_info(F, name),
    {arity, A} = erlang:fun_info(F, arity),
    put('$initial_call', {M, N, A}),
    run(F, []).

init_p(Parent, Ancestors, M, F, A) ->
    put('$ancestors', [Parent | Ancestors]),
    put('$initial_call', trans_init(M, F, A)),
    run({M, F}, A).

run({M, F}, A) -> run(fun() -> apply(M, F, A) end, []);
run(Fun, []) ->
    try Fun()
    catch
        Class:Reason:Stack -> exit_p(Class, Reason, Stack)
    end.

exit_p(Class, Reason, Stack) ->
    case Class =:= exit andalso quiet(Reason) of
        true -> ok;
        false -> crash_report(Class, Reason, Stack, get('$initial_call'))
    end,
    erlang:raise(exit, exit_reason(Class, Reason, Stack), Stack).

quiet(normal) -> true;
quiet(shutdown) -> true;
quiet({shutdown, _}) -> true;
quiet(_) -> false.

exit_reason(error, Reason, Stack) -> {Reason, Stack};
exit_reason(exit, Reason, _) -> Reason;
exit_reason(throw, Reason, Stack) -> {{nocatch, Reason}, Stack}.

%% gen processes report the callback module's init/1 as their initial call;
%% a supervisor reports {supervisor, Mod, 1}, as erl's does.
trans_init(gen, init_it, [gen_server, _, _, supervisor, {_, Mod, _}, _]) -> {supervisor, Mod, 1};
trans_init(gen, init_it, [gen_server, _, _, _, supervisor, {_, Mod, _}, _]) -> {supervisor, Mod, 1};
trans_init(gen, init_it, [gen_server, _, _, supervisor_bridge, {_, Mod, _}, _]) ->
    {supervisor_bridge, Mod, 1};
trans_init(gen, init_it, [gen_server, _, _, _, supervisor_bridge, {_, Mod, _}, _]) ->
    {supervisor_bridge, Mod, 1};
trans_init(gen, init_it, [gen_server, _, _, Mod, _, _]) when is_atom(Mod) -> {Mod, init, 1};
trans_init(gen, init_it, [gen_server, _, _, _, Mod, _, _]) when is_atom(Mod) -> {Mod, init, 1};
trans_init(gen, init_it, [gen_statem, _, _, Mod, _, _]) when is_atom(Mod) -> {Mod, init, 1};
trans_init(gen, init_it, [gen_statem, _, _, _, Mod, _, _]) when is_atom(Mod) -> {Mod, init, 1};
trans_init(gen, init_it, [gen_event | _]) -> {gen_event, init_it, 6};
trans_init(M, F, A) when is_list(A) -> {M, F, length(A)}.

initial_call(Pid) when is_pid(Pid) ->
    case erlang:process_info(Pid, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$initial_call', 1, D) of
                {_, {M, F, A}} ->
                    {M, F, [list_to_atom("Argument__" ++ integer_to_list(N)) || N <- lists:seq(1, A)]};
                false -> false
            end;
        _ -> false
    end.

translate_initial_call(Pid) when is_pid(Pid) ->
    case erlang:process_info(Pid, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$initial_call', 1, D) of
                {_, MFA} -> MFA;
                false -> {proc_lib, init_p, 5}
            end;
        _ -> {proc_lib, init_p, 5}
    end.

%% ---- synchronous start ---------------------------------------------------

start(M, F, A) -> start(M, F, A, infinity).
start(M, F, A, Timeout) -> start(M, F, A, Timeout, []).
start(M, F, A, Timeout, SpawnOpts) ->
    check_timeout(Timeout),
    {Pid, Ref} = ?MODULE:spawn_opt(M, F, A, [monitor | SpawnOpts]),
    case sync_wait(Pid, Ref, Timeout) of
        {ok, Return} ->
            erlang:demonitor(Ref, [flush]),
            Return;
        {down, Reason} -> {error, Reason};
        timeout -> {error, timeout}
    end.

start_link(M, F, A) -> start_link(M, F, A, infinity).
start_link(M, F, A, Timeout) -> start_link(M, F, A, Timeout, []).
start_link(M, F, A, Timeout, SpawnOpts) ->
    check_timeout(Timeout),
    Pid = ?MODULE:spawn_opt(M, F, A, [link | SpawnOpts]),
    case sync_wait(Pid, none, Timeout) of
        {ok, Return} -> Return;
        {down, Reason} -> {error, Reason};
        timeout -> {error, timeout}
    end.

start_monitor(M, F, A) -> start_monitor(M, F, A, infinity).
start_monitor(M, F, A, Timeout) -> start_monitor(M, F, A, Timeout, []).
start_monitor(M, F, A, Timeout, SpawnOpts) ->
    check_timeout(Timeout),
    {Pid, Ref} = ?MODULE:spawn_opt(M, F, A, [monitor | SpawnOpts]),
    case sync_wait(Pid, Ref, Timeout, keep) of
        {ok, Return} -> {Return, Ref};
        {down, Reason} ->
            self() ! {'DOWN', Ref, process, Pid, Reason},
            {{error, Reason}, Ref};
        timeout -> {{error, timeout}, Ref}
    end.

check_timeout(infinity) -> ok;
check_timeout(T) when is_integer(T), T >= 0 -> ok;
check_timeout(T) -> erlang:error(badarg, [T]).

%% A linked start learns of an early death from the 'EXIT' message (when
%% trapping exits; otherwise the link ends the caller too); a monitored
%% one from the 'DOWN' message.
sync_wait(Pid, Ref, Timeout) -> sync_wait(Pid, Ref, Timeout, flush).

%% start_monitor keeps its monitor when the start times out: the caller
%% then gets the 'DOWN' of the killed process.
sync_wait(Pid, Ref, Timeout, Monitor) ->
    receive
        {ack, Pid, Return} -> {ok, Return};
        {'DOWN', Ref, process, Pid, Reason} when Ref =/= none -> {down, Reason};
        {'EXIT', Pid, Reason} when Ref =:= none -> {down, Reason}
    after Timeout ->
        kill_flush(Pid, case Monitor of flush -> Ref; keep -> none end),
        timeout
    end.

kill_flush(Pid, Ref) ->
    unlink(Pid),
    exit(Pid, kill),
    receive {'EXIT', Pid, _} -> ok after 0 -> ok end,
    case Ref of
        none -> ok;
        _ -> erlang:demonitor(Ref, [flush])
    end,
    receive {ack, Pid, _} -> ok after 0 -> ok end.

init_ack(Return) ->
    [Parent | _] = get('$ancestors'),
    init_ack(Parent, Return).

init_ack(Parent, Return) ->
    Parent ! {ack, self(), Return},
    ok.

%% ---- stop ------------------------------------------------------------------

stop(Process) -> stop(Process, normal, infinity).

%% The process is asked to end with a system message, as sys:terminate/3
%% does; gen_server, gen_statem, gen_event and supervisor processes
%% understand it (sys:handle_system_msg/6).
stop(Process, Reason, Timeout) ->
    Pid = case Process of
              P when is_pid(P) -> P;
              Name -> case where(Name) of
                          undefined -> exit(noproc);
                          P -> P
                      end
          end,
    Mref = erlang:monitor(process, Pid),
    Pid ! {system, {self(), Mref}, {terminate, Reason}},
    receive
        {'DOWN', Mref, _, _, Reason} -> ok;
        {'DOWN', Mref, _, _, noproc} -> exit(noproc);
        {'DOWN', Mref, _, _, Reason2} -> exit(Reason2)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        exit(timeout)
    end.

where(Name) when is_atom(Name) -> whereis(Name);
where({global, Name}) -> whereis(Name);
where({via, Mod, Name}) -> Mod:whereis_name(Name);
where({Name, Node}) when is_atom(Name), Node =:= node() -> whereis(Name);
where(_) -> undefined.

%% ---- the crash report ----------------------------------------------------

crash_report(Class, Reason, Stack, InitialCall) ->
    case moat_logger:allows(error) of
        false -> ok;
        true ->
            Info = fun(K) ->
                           case erlang:process_info(self(), K) of
                               {K, V} -> V;
                               _ -> undefined
                           end
                   end,
            Reg = case Info(registered_name) of
                      undefined -> [];
                      R -> R
                  end,
            Lines = [io_lib:format("  crasher:~n    initial call: ~ts~n", [mfa_text(InitialCall)]),
                     io_lib:format("    pid: ~p~n    registered_name: ~tp~n", [self(), Reg]),
                     exception_text(Class, Reason, Stack),
                     io_lib:format("    ancestors: ~tp~n", [ancestors()]),
                     io_lib:format("    message_queue_len: ~p~n", [Info(message_queue_len)]),
                     io_lib:format("    messages: ~tp~n", [Info(messages)]),
                     io_lib:format("    links: ~p~n", [Info(links)]),
                     io_lib:format("    dictionary: ~tp~n", [dictionary(Info(dictionary))]),
                     io_lib:format("    trap_exit: ~p~n    status: ~p~n", [Info(trap_exit), Info(status)]),
                     io_lib:format("    heap_size: ~p~n    stack_size: ~p~n    reductions: ~p~n",
                                   [Info(heap_size), Info(stack_size), Info(reductions)]),
                     "  neighbours:\n"],
            io:put_chars(standard_error,
                         ["=CRASH REPORT==== ", moat_logger:timestamp(), " ===\n", Lines, "\n"])
    end.

dictionary(D) when is_list(D) ->
    [KV || {K, _} = KV <- D, K =/= '$ancestors', K =/= '$initial_call'];
dictionary(_) -> [].

mfa_text({M, F, A}) -> io_lib:format("~tw:~tw/~w", [M, F, A]);
mfa_text(_) -> "unknown".

%% The exception as moat prints an uncaught one, indented by 4 as erl's
%% crash report does; proc_lib's own frames are left out.
exception_text(Class, Reason, Stack) ->
    Own = [F || F <- Stack, element(1, F) =/= proc_lib],
    Text = unicode:characters_to_list(moat_logger:format_exception(Class, Reason, Own)),
    [["    ", Line, "\n"] || Line <- lines(Text, [], [])].

lines([$\n | T], Cur, Acc) -> lines(T, [], [lists:reverse(Cur) | Acc]);
lines([C | T], Cur, Acc) -> lines(T, [C | Cur], Acc);
lines([], [], Acc) -> lists:reverse(Acc);
lines([], Cur, Acc) -> lists:reverse([lists:reverse(Cur) | Acc]).
