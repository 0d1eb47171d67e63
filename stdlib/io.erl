%% io.erl -- Moat standard library: OTP 25's `io`, routed by device.
%%
%% format/1,2,3, fwrite/1,2,3, put_chars/1,2, nl/0,1 and write/1,2 are C
%% BIFs (vm/format.c).  Devices go where erl sends them: standard_io is
%% the caller's group leader (erlang:group_leader/0), user the registered
%% standard io server (stdlib/user.erl), standard_error stderr, a pid or
%% a registered name that io server process, and a file opened by
%% file:open/2 its descriptor.  The node's own standard io server is
%% skipped: the BIFs write to stdout directly, and the readers here read
%% stdin directly (moat_io:device/1 says which).  To any other server the
%% BIFs hand the call on to o_request/3 below (a BIF trap, vm/bif.h),
%% which speaks the I/O protocol: {io_request, self(), Ref, Request} to
%% the server, its {io_reply, Ref, Reply} awaited under a monitor.  A
%% server that dies raises terminated; an {error, Reason} reply raises
%% badarg (reading functions return it instead), as erl does.
%%
%% Reading the standard input: input is latin1 bytes, as erl's
%% standard_io is by default.  A prompt is written to stdout.  What
%% io:fread/3 reads past its format stays in the device's buffer for the
%% next read.  From an io server process, read/2,3 ask for lines
%% (get_line) and parse them here, where erl asks for erl_scan tokens;
%% text after the term on its last line is dropped (docs/deviations.md).
%% Not provided (undef): scan_erl_*, parse_erl_*, get_password/0,1.
%% setopts/1,2 and getopts/0,1 know binary/list and encoding.
-module(io).

-export([get_line/1, get_line/2, get_chars/2, get_chars/3, read/1, read/2,
         read/3,
         fread/2, fread/3, columns/0, columns/1, rows/0, rows/1,
         printable_range/0, setopts/1, setopts/2, getopts/0, getopts/1,
         request/1, request/2, requests/1, requests/2]).
%% called by the io BIFs (vm/format.c) only
-export([o_request/3]).

%% A device to read from or set options of: a file's descriptor, 0 for
%% the node's standard io (stdin and stdout), {server, Pid}, or no_server.
fd({file_descriptor, moat_io, Fd}) -> Fd;
fd(Dev) when is_atom(Dev); is_pid(Dev) ->
    case moat_io:device(Dev) of
        standard_io -> 0;
        undefined -> no_server; % erl: {error, arguments}
        Pid -> {server, Pid}
    end;
fd(_) -> erlang:error(badarg).

%% The prompt of a read from stdin goes to the node's standard output
%% (user), whatever the caller's group leader is.
prompt(_, '') -> ok;
prompt(0, Prompt) when is_atom(Prompt) -> io:put_chars(user, atom_to_list(Prompt));
prompt(0, Prompt) -> io:put_chars(user, Prompt);
prompt({server, Pid}, Prompt) -> request(Pid, {put_chars, unicode, prompt_chars(Prompt)});
prompt(_, _) -> ok.

prompt_chars(Prompt) when is_atom(Prompt) -> atom_to_list(Prompt);
prompt_chars(Prompt) -> Prompt.

%% A line of a read/2,3: from stdin or a file, or a get_line request.
read_line({server, Pid}) ->
    case request(Pid, {get_line, unicode, ''}) of
        eof -> eof;
        {error, _} = Error -> Error;
        Data -> {ok, Data}
    end;
read_line(Fd) -> moat_io:read_line(Fd).

%% What a read left of its line: read again first (lost from a server).
unread({server, _}, _) -> ok;
unread(Fd, Rest) -> moat_io:unread(Fd, list_to_binary(Rest)).

get_line(Prompt) -> get_line(standard_io, Prompt).

get_line(Dev, Prompt) ->
    case fd(Dev) of
        no_server -> {error, arguments};
        {server, Pid} -> request(Pid, {get_line, unicode, Prompt});
        Fd ->
            prompt(Fd, Prompt),
            moat_result(moat_io:read_line(Fd))
    end.

moat_result({ok, Data}) -> Data;
moat_result(eof) -> eof;
moat_result({error, _} = Error) -> Error.

get_chars(Prompt, Count) -> get_chars(standard_io, Prompt, Count).

get_chars(Dev, Prompt, Count) when is_integer(Count), Count >= 0 ->
    case fd(Dev) of
        no_server -> {error, arguments};
        {server, Pid} -> request(Pid, {get_chars, unicode, Prompt, Count});
        Fd ->
            prompt(Fd, Prompt),
            moat_result(moat_io:read(Fd, Count))
    end.

fread(Prompt, Format) -> fread(standard_io, Prompt, Format).

fread(Dev, Prompt, Format) ->
    case fd(Dev) of
        no_server -> {error, arguments};
        {server, Pid} -> request(Pid, {get_until, unicode, Prompt, io_lib, fread, [Format]});
        Fd ->
            prompt(Fd, Prompt),
            fread_more(Fd, [], Format)
    end.

fread_more(Fd, Cont, Format) ->
    Chars = case moat_io:read_line(Fd) of
                {ok, Line} when is_binary(Line) -> binary_to_list(Line);
                {ok, Line} -> Line;
                eof -> eof;
                {error, _} -> eof
            end,
    case io_lib:fread(Cont, Chars, Format) of
        {more, Cont1} -> fread_more(Fd, Cont1, Format);
        {done, Result, Rest} ->
            case Rest of
                [_ | _] -> moat_io:unread(Fd, list_to_binary(Rest));
                _ -> ok
            end,
            Result
    end.

%% Read one term ended by a full stop.
read(Prompt) -> read(standard_io, Prompt).

read(Dev, Prompt) ->
    case fd(Dev) of
        no_server -> {error, arguments};
        Fd ->
            prompt(Fd, Prompt),
            read_term(Fd, [])
    end.

read_term(Fd, Acc) ->
    case read_term(Fd, Acc, 1) of
        {ok, Term, _} -> {ok, Term};
        {error, Info, _} -> {error, Info};
        Other -> Other
    end.

%% {ok, Term, EndLine} | {error, Info, EndLine} | eof
read_term(Fd, Acc, Start) ->
    case read_line(Fd) of
        {ok, Line} ->
            Text = Acc ++ to_list(Line),
            case moat_term:parse_term(Text, Start) of
                more -> read_term(Fd, Text, Start);
                {ok, Term, Rest} ->
                    case Rest of
                        [_ | _] -> unread(Fd, Rest);
                        _ -> ok
                    end,
                    Used = lists:sublist(Text, length(Text) - length(Rest)),
                    {ok, Term, Start + newlines(Used)};
                {error, Info, _} -> {error, Info, Start + newlines(Text)}
            end;
        eof when Acc =:= [] -> eof;
        eof ->
            case moat_term:parse_term(Acc ++ " ", Start) of
                {ok, Term, _} -> {ok, Term, Start + newlines(Acc)};
                more ->
                    End = Start + newlines(Acc),
                    {error, {End, erl_parse, ["syntax error before: ", ""]}, End};
                {error, Info, _} -> {error, Info, Start + newlines(Acc)}
            end;
        {error, _} = Error -> Error
    end.

newlines(Text) -> length([C || C <- Text, C =:= $\n]).

%% As read/2, with line numbers from StartLine: {ok, Term, EndLine}.
read(Dev, Prompt, StartLine) when is_integer(StartLine) ->
    case fd(Dev) of
        no_server -> {error, arguments};
        Fd ->
            prompt(Fd, Prompt),
            read_term(Fd, [], StartLine)
    end.

to_list(B) when is_binary(B) -> binary_to_list(B);
to_list(L) -> L.

%% Moat's stdout is never a terminal in erl's sense (no tty driver); an
%% io server process is asked.
columns() -> columns(standard_io).
columns(Dev) -> geometry(Dev, columns).
rows() -> rows(standard_io).
rows(Dev) -> geometry(Dev, rows).

geometry(Dev, What) ->
    case catch fd(Dev) of
        {server, Pid} ->
            case request(Pid, {get_geometry, What}) of
                N when is_integer(N), N > 0 -> {ok, N};
                _ -> {error, enotsup}
            end;
        _ -> {error, enotsup}
    end.

printable_range() -> latin1.

setopts(Opts) -> setopts(standard_io, Opts).

%% standard_io is both stdin (fd 0, read mode) and stdout (fd 1, encoding).
setopts(Dev, Opts) when is_list(Opts) ->
    case setopts_parse(Opts, undefined, undefined) of
        {ok, Binary, Unicode} ->
            case fd(Dev) of
                no_server -> {error, arguments};
                {server, Pid} -> request(Pid, {setopts, Opts});
                0 ->
                    moat_io:setopts(0, Binary, undefined),
                    moat_io:setopts(1, undefined, Unicode);
                Fd ->
                    moat_io:setopts(Fd, Binary, Unicode)
            end;
        Error -> Error
    end;
setopts(_, _) -> {error, enotsup}.

setopts_parse([], Binary, Unicode) -> {ok, Binary, Unicode};
setopts_parse([binary | T], _, U) -> setopts_parse(T, true, U);
setopts_parse([list | T], _, U) -> setopts_parse(T, false, U);
setopts_parse([{binary, B} | T], _, U) when is_boolean(B) -> setopts_parse(T, B, U);
setopts_parse([{encoding, E} | T], B, _) when E =:= unicode; E =:= utf8 -> setopts_parse(T, B, true);
setopts_parse([{encoding, latin1} | T], B, _) -> setopts_parse(T, B, false);
setopts_parse(_, _, _) -> {error, enotsup}.

getopts() -> getopts(standard_io).

getopts(standard_error) ->
    {_, Unicode} = moat_io:getopts(2),
    [{encoding, encoding(Unicode)}];
getopts(Dev) ->
    case fd(Dev) of
        no_server -> {error, arguments};
        {server, Pid} -> request(Pid, getopts);
        0 ->
            {Binary, _} = moat_io:getopts(0),
            {_, Unicode} = moat_io:getopts(1),
            [{binary, Binary}, {encoding, encoding(Unicode)}];
        Fd ->
            case moat_io:getopts(Fd) of
                {Binary, Unicode} -> [{binary, Binary}, {encoding, encoding(Unicode)}];
                Error -> Error
            end
    end.

encoding(true) -> unicode;
encoding(false) -> latin1.

%% ---- the I/O protocol -----------------------------------------------------

%% A write the io BIFs (vm/format.c) handed on because Dev is an io server
%% other than the node's own: Request is {format, F, A}, {put_chars,
%% unicode, Chars}, nl or {write, Term}; Func the io function called.
o_request(Dev, Request, Func) ->
    case request(Dev, Request) of
        {error, Reason} ->
            Args = case Request of
                       {format, F, A} -> [F, A];
                       {put_chars, _, Chars} -> [Chars];
                       {write, Term} -> [Term];
                       nl -> []
                   end,
            Trace = try erlang:error(trace) catch error:trace:St -> tl(St) end,
            erlang:raise(error, conv_reason(Reason), [{io, Func, [Dev | Args], []} | Trace]);
        Other -> Other
    end.

conv_reason(terminated) -> terminated;
conv_reason(calling_self) -> calling_self;
conv_reason(_) -> badarg.

request(Request) -> request(standard_io, Request).

%% Send Request to the io server Dev and wait for its reply: {error,
%% terminated} if it dies first, {error, arguments} for a name nobody has.
request(Pid, Request) when is_pid(Pid) -> execute(Pid, io_request(Request));
request(standard_io, Request) -> request(group_leader(), Request);
request(Name, Request) when is_atom(Name) ->
    case whereis(Name) of
        undefined -> {error, arguments};
        Pid -> request(Pid, Request)
    end.

requests(Requests) -> requests(standard_io, Requests).

requests(Dev, Requests) -> request(Dev, {requests, Requests}).

execute(Pid, _) when Pid =:= self() -> {error, calling_self};
execute(Pid, Request) ->
    Ref = erlang:monitor(process, Pid),
    Pid ! {io_request, self(), Ref, Request},
    receive
        {io_reply, Ref, Reply} ->
            erlang:demonitor(Ref, [flush]),
            Reply;
        {'DOWN', Ref, _, _, _} ->
            receive {'EXIT', Pid, _} -> true after 0 -> true end,
            {error, terminated}
    end.

%% The requests of io's functions as erl's io sends them to a server.
io_request({format, F, A}) -> {put_chars, unicode, io_lib, format, [F, A]};
io_request({write, Term}) -> {put_chars, unicode, io_lib, write, [Term]};
io_request(nl) -> {put_chars, unicode, "\n"};
io_request({put_chars, Encoding, Chars} = Request) when is_list(Chars) ->
    case catch unicode:characters_to_binary(Chars, Encoding) of
        Bin when is_binary(Bin) -> {put_chars, Encoding, Bin};
        _ -> Request
    end;
io_request({requests, Requests}) when is_list(Requests) ->
    {requests, [io_request(R) || R <- Requests]};
io_request(Request) -> Request.
