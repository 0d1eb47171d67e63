%% gen.erl -- Moat standard library: what gen_server, gen_statem, gen_event
%% and supervisor share (OTP 25's internal gen module): starting a named,
%% synchronously initialised process through proc_lib, the call protocol
%% (a monitor for the call that is also an alias, erlang:monitor/3 with
%% {alias, demonitor}: From is {Pid, [alias | Mref]} and the reply
%% {[alias | Mref], Reply} goes to the alias, so one that comes after the
%% caller gave up is dropped, as in erl), and the asynchronous form
%% of it: send_request/3 and its request ids and collections, which the
%% behaviours' send_request, wait_response, receive_response,
%% check_response and reqids_* functions are thin wrappers of.
%%
%% Names: {local, N}; {global, N} is kept in the local registry (no
%% distribution yet, docs/deviations.md); {via, Mod, N} uses Mod's
%% register_name/2, unregister_name/1 and whereis_name/1.
-module(gen).

-export([start/5, start/6, init_it/6, init_it/7, call/3, call/4, reply/2,
         where/1, name/1, unregister_name/1, get_parent/0, get_proc_name/1,
         format_status_header/2, exit_reason/3]).
-export([send_request/3, send_request/5, wait_response/2, wait_response/3,
         receive_response/2, receive_response/3, check_response/2, check_response/3,
         reqids_new/0, reqids_add/3, reqids_size/1, reqids_to_list/1]).

%% start(GenMod, link | nolink | monitor, [Name,] Mod, Args, Options)
start(GenMod, LinkP, Name, Mod, Args, Options) ->
    case where(Name) of
        undefined -> do_spawn(GenMod, LinkP, Name, Mod, Args, Options);
        Pid -> {error, {already_started, Pid}}
    end.

start(GenMod, LinkP, Mod, Args, Options) ->
    do_spawn(GenMod, LinkP, self, Mod, Args, Options).

do_spawn(GenMod, LinkP, Name, Mod, Args, Options) ->
    Time = timeout(Options),
    SpawnOpts = spawn_opts(Options),
    InitArgs = case Name of
                   self -> [GenMod, self(), parent(LinkP), Mod, Args, Options];
                   _ -> [GenMod, self(), parent(LinkP), Name, Mod, Args, Options]
               end,
    case LinkP of
        link -> proc_lib:start_link(?MODULE, init_it, InitArgs, Time, SpawnOpts);
        monitor ->
            case proc_lib:start_monitor(?MODULE, init_it, InitArgs, Time, SpawnOpts) of
                {{ok, Pid}, Mon} -> {ok, {Pid, Mon}};
                {Error, Mon} ->
                    receive {'DOWN', Mon, process, _, _} -> ok end,
                    Error
            end;
        nolink -> proc_lib:start(?MODULE, init_it, InitArgs, Time, SpawnOpts)
    end.

parent(link) -> self();
parent(_) -> self.

timeout(Options) ->
    case lists:keyfind(timeout, 1, Options) of
        {timeout, T} -> T;
        false -> infinity
    end.

spawn_opts(Options) ->
    case lists:keyfind(spawn_opt, 1, Options) of
        {spawn_opt, Opts} -> Opts;
        false -> []
    end.

init_it(GenMod, Starter, Parent, Mod, Args, Options) ->
    init_it2(GenMod, Starter, Parent, self(), Mod, Args, Options).

init_it(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    case register_name(Name) of
        true ->
            init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options);
        {false, Pid} ->
            proc_lib:init_ack(Starter, {error, {already_started, Pid}})
    end.

init_it2(GenMod, Starter, self, Name, Mod, Args, Options) ->
    init_it2(GenMod, Starter, self(), Name, Mod, Args, Options);
init_it2(GenMod, Starter, Parent, Name, Mod, Args, Options) ->
    GenMod:init_it(Starter, Parent, Name, Mod, Args, Options).

register_name({local, Name}) -> try_register(Name);
register_name({global, Name}) -> try_register(Name);
register_name({via, Mod, Name}) ->
    case Mod:register_name(Name, self()) of
        yes -> true;
        no -> {false, Mod:whereis_name(Name)}
    end.

try_register(Name) ->
    try register(Name, self())
    catch error:_ -> {false, whereis(Name)}
    end.

unregister_name({local, Name}) -> try unregister(Name) catch _:_ -> ok end;
unregister_name({global, Name}) -> try unregister(Name) catch _:_ -> ok end;
unregister_name({via, Mod, Name}) -> try Mod:unregister_name(Name) catch _:_ -> ok end;
unregister_name(Pid) when is_pid(Pid) -> ok.

%% The name a report shows: the registered name, or the pid.
name({local, Name}) -> Name;
name({global, Name}) -> Name;
name({via, _, Name}) -> Name;
name(Pid) -> Pid.

%% enter_loop's name: the process must already be registered under it.
get_proc_name(Pid) when is_pid(Pid) -> Pid;
get_proc_name({local, Name}) ->
    case whereis(Name) =:= self() of
        true -> Name;
        false -> exit(process_not_registered)
    end;
get_proc_name({global, Name}) ->
    case whereis(Name) =:= self() of
        true -> Name;
        false -> exit(process_not_registered_globally)
    end;
get_proc_name({via, Mod, Name}) ->
    case Mod:whereis_name(Name) =:= self() of
        true -> Name;
        false -> exit({process_not_registered_via, Mod})
    end.

get_parent() ->
    case get('$ancestors') of
        [Parent | _] when is_pid(Parent) -> Parent;
        [Parent | _] when is_atom(Parent) -> whereis(Parent);
        _ -> exit(process_was_not_started_by_proc_lib)
    end.

where({local, Name}) -> whereis(Name);
where({global, Name}) -> whereis(Name);
where({via, Mod, Name}) -> Mod:whereis_name(Name).

%% ---- calls -------------------------------------------------------------------

call(Process, Label, Request) -> call(Process, Label, Request, 5000).

%% {ok, Reply}, or exit(Reason): noproc, timeout, or the reason the
%% server ended with during the call.
call(Process, Label, Request, Timeout)
  when Timeout =:= infinity; is_integer(Timeout), Timeout >= 0 ->
    case resolve(Process) of
        undefined -> exit(noproc);
        Pid when Pid =:= self() -> exit(calling_self);
        Pid -> do_call(Pid, Label, Request, Timeout)
    end.

resolve(Pid) when is_pid(Pid) -> Pid;
resolve(Name) when is_atom(Name) -> whereis(Name);
resolve({global, Name}) -> whereis(Name);
resolve({via, Mod, Name}) -> Mod:whereis_name(Name);
resolve({Name, Node}) when is_atom(Name), Node =:= node() -> whereis(Name);
resolve({Name, Node}) when is_atom(Name), is_atom(Node) -> exit({nodedown, Node}).

do_call(Pid, Label, Request, Timeout) ->
    Mref = erlang:monitor(process, Pid, [{alias, demonitor}]),
    Pid ! {Label, {self(), [alias | Mref]}, Request},
    receive
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        receive {[alias | Mref], Reply} -> {ok, Reply} after 0 -> exit(timeout) end
    end.

reply({_To, [alias | Alias] = Tag}, Reply) ->
    Alias ! {Tag, Reply},
    ok;
reply({To, Tag}, Reply) ->
    To ! {Tag, Reply},
    ok.

%% The header line of sys:get_status/1: "Tag name" for a pid or an atom.
format_status_header(Tag, Pid) when is_pid(Pid) -> lists:flatten(io_lib:format("~s ~w", [Tag, Pid]));
format_status_header(Tag, Name) when is_atom(Name) -> Tag ++ " " ++ atom_to_list(Name);
format_status_header(Tag, Name) -> {Tag, Name}.

%% The reason a behaviour process ends with when a callback raised: an
%% error keeps its stack trace, a throw that nothing caught is nocatch.
exit_reason(error, R, S) -> {R, S};
exit_reason(exit, R, _) -> R;
exit_reason(throw, R, S) -> {{nocatch, R}, S}.

%% ---- requests -----------------------------------------------------------------
%% A request id is the monitor of the call (and its alias); the reply is
%% {[alias | Mref], Reply} and
%% an error {error, {Reason, Object}} from the 'DOWN' message: the pid,
%% or, for a server that cannot be found, the server as the caller named
%% it, with a 'DOWN' (noproc, or noconnection for another node) already
%% in the caller's mailbox, as erl reports it. A collection is a map
%% Mref => Label.

send_request(Server, Label, Request) ->
    try resolve(Server) of
        Pid when is_pid(Pid) ->
            Mref = erlang:monitor(process, Pid, [{alias, demonitor}]),
            Pid ! {Label, {self(), [alias | Mref]}, Request},
            Mref;
        undefined -> down_now(Server, noproc)
    catch
        exit:{nodedown, _} -> down_now(Server, noconnection)
    end.

send_request(Server, Label, Request, RLabel, Coll) when is_map(Coll) ->
    reqids_add(send_request(Server, Label, Request), RLabel, Coll);
send_request(Server, Label, Request, RLabel, Coll) ->
    erlang:error(badarg, [Server, Label, Request, RLabel, Coll]).

down_now(Server, Reason) ->
    Mref = make_ref(),
    self() ! {'DOWN', Mref, process, Server, Reason},
    Mref.

wait_response(Mref, Timeout) when is_reference(Mref) ->
    receive
        {[alias | Mref], Reply} ->
            erlang:demonitor(Mref, [flush]),
            {reply, Reply};
        {'DOWN', Mref, _, Object, Reason} ->
            {error, {Reason, Object}}
    after wait_time(Timeout) -> timeout
    end;
wait_response(_NotARequest, Timeout) ->
    receive after wait_time(Timeout) -> timeout end.

wait_response(Coll, _Timeout, _Delete) when map_size(Coll) =:= 0 -> no_request;
wait_response(Coll, Timeout, Delete) when is_map(Coll) ->
    receive
        {[alias | Mref], Reply} when is_map_key(Mref, Coll) ->
            erlang:demonitor(Mref, [flush]),
            collected({reply, Reply}, Mref, Coll, Delete);
        {'DOWN', Mref, _, Object, Reason} when is_map_key(Mref, Coll) ->
            collected({error, {Reason, Object}}, Mref, Coll, Delete)
    after wait_time(Timeout) -> timeout
    end;
wait_response(Coll, Timeout, Delete) ->
    erlang:error(badarg, [Coll, Timeout, Delete]).

collected(Response, Mref, Coll, Delete) ->
    {Response, maps:get(Mref, Coll), case Delete of
                                         true -> maps:remove(Mref, Coll);
                                         false -> Coll
                                     end}.

%% As wait_response, but a request that timed out is abandoned: its
%% monitor and alias are gone (a reply arriving later is dropped).
receive_response(Mref, Timeout) ->
    case wait_response(Mref, Timeout) of
        timeout ->
            abandon(Mref),
            timeout;
        Response -> Response
    end.

receive_response(Coll, Timeout, Delete) ->
    case wait_response(Coll, Timeout, Delete) of
        timeout ->
            [abandon(Mref) || Mref <- maps:keys(Coll)],
            timeout;
        Response -> Response
    end.

abandon(Mref) when is_reference(Mref) -> erlang:demonitor(Mref, [flush]);
abandon(_) -> ok.

check_response({[alias | Mref], Reply}, Mref) when is_reference(Mref) ->
    erlang:demonitor(Mref, [flush]),
    {reply, Reply};
check_response({'DOWN', Mref, _, Object, Reason}, Mref) when is_reference(Mref) ->
    {error, {Reason, Object}};
check_response(_, _) -> no_reply.

check_response(_Msg, Coll, _Delete) when map_size(Coll) =:= 0 -> no_request;
check_response({[alias | Mref], Reply}, Coll, Delete) when is_map_key(Mref, Coll) ->
    erlang:demonitor(Mref, [flush]),
    collected({reply, Reply}, Mref, Coll, Delete);
check_response({'DOWN', Mref, _, Object, Reason}, Coll, Delete) when is_map_key(Mref, Coll) ->
    collected({error, {Reason, Object}}, Mref, Coll, Delete);
check_response(_Msg, Coll, _Delete) when is_map(Coll) -> no_reply;
check_response(Msg, Coll, Delete) -> erlang:error(badarg, [Msg, Coll, Delete]).

reqids_new() -> #{}.

reqids_add(Mref, Label, Coll)
  when is_reference(Mref), is_map(Coll), not is_map_key(Mref, Coll) ->
    Coll#{Mref => Label};
reqids_add(Mref, Label, Coll) -> erlang:error(badarg, [Mref, Label, Coll]).

reqids_size(Coll) when is_map(Coll) -> map_size(Coll);
reqids_size(Coll) -> erlang:error(badarg, [Coll]).

reqids_to_list(Coll) when is_map(Coll) -> maps:to_list(Coll);
reqids_to_list(Coll) -> erlang:error(badarg, [Coll]).

%% infinity, milliseconds, or {abs, Time} in erlang:monotonic_time(millisecond).
wait_time(infinity) -> infinity;
wait_time(T) when is_integer(T), T >= 0 -> T;
wait_time({abs, T}) when is_integer(T) -> max(0, T - erlang:monotonic_time(millisecond));
wait_time(T) -> erlang:error(badarg, [T]).
