%% io.erl -- Moat standard library: the reading half of OTP 25's `io`.
%%
%% format/1,2,3, fwrite/1,2,3, put_chars/1,2, nl/0,1 and write/1,2 are C
%% BIFs (vm/format.c).  Reading: standard_io (and user, or any pid) is the
%% OS process's stdin; a file opened by file:open/2 is read through its
%% descriptor.  Input is latin1 bytes, as erl's standard_io is by default.
%% A prompt is written to stdout.  What io:fread/3 reads past its format
%% stays in the device's buffer for the next read.  Not provided (undef):
%% request/1,2, requests/1,2, scan_erl_*, parse_erl_*, get_password/0,1.
%% setopts/1,2 and getopts/0,1 know binary/list and encoding.
-module(io).

-export([get_line/1, get_line/2, get_chars/2, get_chars/3, read/1, read/2,
         read/3,
         fread/2, fread/3, columns/0, columns/1, rows/0, rows/1,
         printable_range/0, setopts/1, setopts/2, getopts/0, getopts/1]).

fd(standard_io) -> 0;
fd(user) -> 0;
fd(Pid) when is_pid(Pid) -> 0;
fd({file_descriptor, moat_io, Fd}) -> Fd;
fd(Name) when is_atom(Name) -> no_server; % erl: {error, arguments}
fd(_) -> erlang:error(badarg).

prompt(_, '') -> ok;
prompt(0, Prompt) when is_atom(Prompt) -> io:put_chars(atom_to_list(Prompt));
prompt(0, Prompt) -> io:put_chars(Prompt);
prompt(_, _) -> ok.

get_line(Prompt) -> get_line(standard_io, Prompt).

get_line(Dev, Prompt) ->
    case fd(Dev) of
        no_server -> {error, arguments};
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
        Fd ->
            prompt(Fd, Prompt),
            moat_result(moat_io:read(Fd, Count))
    end.

fread(Prompt, Format) -> fread(standard_io, Prompt, Format).

fread(Dev, Prompt, Format) ->
    case fd(Dev) of
        no_server -> {error, arguments};
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
    case moat_io:read_line(Fd) of
        {ok, Line} ->
            Text = Acc ++ to_list(Line),
            case moat_term:parse_term(Text, Start) of
                more -> read_term(Fd, Text, Start);
                {ok, Term, Rest} ->
                    case Rest of
                        [_ | _] -> moat_io:unread(Fd, list_to_binary(Rest));
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

%% Moat's stdout is never a terminal in erl's sense (no tty driver).
columns() -> {error, enotsup}.
columns(_) -> {error, enotsup}.
rows() -> {error, enotsup}.
rows(_) -> {error, enotsup}.

printable_range() -> latin1.

setopts(Opts) -> setopts(standard_io, Opts).

%% standard_io is both stdin (fd 0, read mode) and stdout (fd 1, encoding).
setopts(Dev, Opts) when is_list(Opts) ->
    case setopts_parse(Opts, undefined, undefined) of
        {ok, Binary, Unicode} ->
            case fd(Dev) of
                no_server -> {error, arguments};
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
