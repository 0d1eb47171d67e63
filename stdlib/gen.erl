%% gen.erl -- Moat standard library: what gen_server, gen_statem and
%% supervisor share (OTP 25's internal gen module): starting a named,
%% synchronously initialised process through proc_lib, and the call
%% protocol (a monitor for the call, {Tag, Reply} back).
%%
%% Names: {local, N}; {global, N} is kept in the local registry (no
%% distribution yet, docs/deviations.md); {via, Mod, N} uses Mod's
%% register_name/2, unregister_name/1 and whereis_name/1.
-module(gen).

-export([start/5, start/6, init_it/6, init_it/7, call/3, call/4, reply/2,
         where/1, name/1, unregister_name/1, get_parent/0, get_proc_name/1,
         format_status_header/2, exit_reason/3]).

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

get_proc_name(Name) -> name(Name).

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
    Mref = erlang:monitor(process, Pid),
    Pid ! {Label, {self(), Mref}, Request},
    receive
        {Mref, Reply} ->
            erlang:demonitor(Mref, [flush]),
            {ok, Reply};
        {'DOWN', Mref, _, _, Reason} ->
            exit(Reason)
    after Timeout ->
        erlang:demonitor(Mref, [flush]),
        receive {Mref, Reply} -> {ok, Reply} after 0 -> exit(timeout) end
    end.

reply({To, Tag}, Reply) ->
    To ! {Tag, Reply},
    ok.

format_status_header(Tag, Name) -> {Tag, name(Name)}.

%% The reason a behaviour process ends with when a callback raised: an
%% error keeps its stack trace, a throw that nothing caught is nocatch.
exit_reason(error, R, S) -> {R, S};
exit_reason(exit, R, _) -> R;
exit_reason(throw, R, S) -> {{nocatch, R}, S}.
