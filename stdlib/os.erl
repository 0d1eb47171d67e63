%% os.erl -- Moat standard library: OTP 25's `os` module on Unix.
%%
%% system_time/0,1 and timestamp/0 are C BIFs (vm/bif_erlang2.c); the
%% environment, cmd/1 and getpid/0 come from moat_io (vm/bif_io.c).  cmd/1
%% runs `sh -c` and blocks the scheduler thread until the command ends.
%% Not provided (undef): set_signal/2.
-module(os).

-export([getenv/0, getenv/1, getenv/2, putenv/2, unsetenv/1, env/0, cmd/1,
         cmd/2, type/0, getpid/0, find_executable/1, find_executable/2,
         perf_counter/0, perf_counter/1, version/0]).

getenv() -> moat_io:environ().

getenv(Name) ->
    check_name(Name),
    moat_io:getenv(Name).

getenv(Name, Default) ->
    case getenv(Name) of
        false -> Default;
        Value -> Value
    end.

putenv(Name, Value) ->
    check_name(Name),
    check_name(Value),
    moat_io:putenv(Name, Value).

unsetenv(Name) ->
    check_name(Name),
    moat_io:putenv(Name, false).

check_name(Name) when is_list(Name); is_atom(Name); is_binary(Name) -> ok;
check_name(_) -> erlang:error(badarg).

env() ->
    [split_env(E) || E <- moat_io:environ()].

split_env(E) ->
    {Name, [$= | Value]} = lists:splitwith(fun(C) -> C =/= $= end, E),
    {Name, Value}.

cmd(Command) -> cmd(Command, #{}).

cmd(Command, Opts) when is_map(Opts) ->
    case is_list(Command) orelse is_atom(Command) orelse is_binary(Command) of
        true ->
            Out = binary_to_list(moat_io:cmd(Command)),
            case Opts of
                #{max_size := Max} when is_integer(Max), length(Out) > Max ->
                    lists:sublist(Out, Max);
                _ -> Out
            end;
        false ->
            erlang:error(badarg)
    end.

type() -> {unix, linux}.

getpid() -> integer_to_list(moat_io:getpid()).

find_executable(Name) ->
    find_executable(Name, getenv("PATH", "")).

find_executable(Name, Path) ->
    case lists:member($/, Name) of
        true -> executable(Name);
        false -> search(Name, string:split(Path, ":", all))
    end.

search(_, []) -> false;
search(Name, [Dir | Dirs]) ->
    Full = filename:join(case Dir of "" -> "."; _ -> Dir end, Name),
    case executable(Full) of
        false -> search(Name, Dirs);
        Found -> Found
    end.

executable(File) ->
    case file:read_file_info(File) of
        {ok, {file_info, _, regular, _, _, _, _, Mode, _, _, _, _, _, _}}
          when Mode band 8#111 =/= 0 ->
            filename:absname(File);
        _ -> false
    end.

perf_counter() -> erlang:monotonic_time(nanosecond).

perf_counter(Unit) -> erlang:monotonic_time(Unit).

version() -> moat_io:os_version().
