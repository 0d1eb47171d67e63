%% file.erl -- Moat standard library: OTP 25's `file` module, on the
%% descriptors of moat_io (vm/bif_io.c).
%%
%% read_file/1, write_file/2, list_dir/1, delete/1, make_dir/1, del_dir/1
%% and rename/2 are C BIFs (vm/bif_file.c).  An open file is the tuple
%% {file_descriptor, moat_io, Fd} (OTP returns a pid unless `raw`); io:format,
%% io:put_chars and io:get_line accept it as a device.  It is not closed when
%% the process that opened it ends.  The calls block the scheduler thread.
%% Not provided (undef): advise, allocate, change_group, change_owner,
%% change_time, eval, script, path_*, sendfile,
%% write_file_info, pid2name, altname, ipread_*, raw_* and copy_opened.
-module(file).

-export([open/2, close/1, read/2, read_line/1, write/2, position/2,
         pread/2, pread/3, pwrite/2, pwrite/3, truncate/1, sync/1,
         datasync/1, read_file_info/1, read_file_info/2,
         read_link_info/1, read_link_info/2, write_file/3, copy/2,
         copy/3, consult/1, get_cwd/0, get_cwd/1, list_dir_all/1,
         del_dir_r/1, native_name_encoding/0, set_cwd/1, read_link/1,
         read_link_all/1, make_symlink/2, make_link/2, change_mode/2,
         format_error/1, delete/2]).

-define(DEV(Fd), {file_descriptor, moat_io, Fd}).

%%% Opening -------------------------------------------------------------------

open(Name, Modes) when is_list(Modes) ->
    case open_flags(Modes, 0) of
        badarg -> {error, badarg};
        Flags0 ->
            Flags = if
                        Flags0 band 7 =:= 0 -> Flags0 bor 1;  % read
                        Flags0 band 7 =:= 2 -> Flags0 bor 16; % truncate
                        true -> Flags0
                    end,
            try moat_io:open(Name, Flags) of
                {ok, Fd} -> {ok, ?DEV(Fd)};
                Error -> Error
            catch
                error:badarg -> {error, badarg}
            end
    end;
open(_, _) ->
    {error, badarg}.

open_flags([], F) -> F;
open_flags([read | T], F) -> open_flags(T, F bor 1);
open_flags([write | T], F) -> open_flags(T, F bor 2);
open_flags([append | T], F) -> open_flags(T, F bor 4);
open_flags([exclusive | T], F) -> open_flags(T, F bor 8);
open_flags([binary | T], F) -> open_flags(T, F bor 32);
open_flags([list | T], F) -> open_flags(T, F band bnot 32);
open_flags([M | T], F)
  when M =:= raw; M =:= read_ahead; M =:= delayed_write; M =:= sync;
       M =:= directory ->
    open_flags(T, F);
open_flags([{read_ahead, N} | T], F) when is_integer(N), N > 0 ->
    open_flags(T, F);
open_flags([{delayed_write, _, _} | T], F) -> open_flags(T, F);
open_flags([{encoding, E} | T], F) when E =:= utf8; E =:= unicode -> open_flags(T, F bor 64);
open_flags([{encoding, latin1} | T], F) -> open_flags(T, F band bnot 64);
open_flags([A | T], F) when is_atom(A) -> open_flags(T, F); % erl ignores them
open_flags(_, _) -> badarg.

close(?DEV(Fd)) -> moat_io:close(Fd);
close(_) -> {error, badarg}.

%%% Reading and writing ------------------------------------------------------

read(?DEV(Fd), N) when is_integer(N), N >= 0 -> moat_io:read(Fd, N);
read(standard_io, N) when is_integer(N), N >= 0 -> moat_io:read(0, N);
read(Dev, _) -> bad_device(Dev).

read_line(?DEV(Fd)) -> moat_io:read_line(Fd);
read_line(standard_io) -> moat_io:read_line(0);
read_line(Dev) -> bad_device(Dev).

%% An atom names an io server in erl: one that is not there is
%% {error, arguments}.
bad_device(Dev) when is_atom(Dev) -> {error, arguments};
bad_device(_) -> {error, badarg}.

write(?DEV(Fd), Bytes) ->
    try moat_io:write(Fd, Bytes)
    catch error:badarg -> {error, badarg}
    end;
write(standard_io, Bytes) ->
    io:put_chars(Bytes);
write(Dev, _) -> bad_device(Dev).

position(?DEV(Fd), Location) ->
    case location(Location) of
        {Whence, Offset} -> moat_io:position(Fd, Whence, Offset);
        badarg -> {error, einval}
    end;
position(_, _) -> {error, badarg}.

location(N) when is_integer(N) -> {0, N};
location(bof) -> {0, 0};
location(cur) -> {1, 0};
location(eof) -> {2, 0};
location({bof, N}) when is_integer(N) -> {0, N};
location({cur, N}) when is_integer(N) -> {1, N};
location({eof, N}) when is_integer(N) -> {2, N};
location(_) -> badarg.

pread(Dev, Pos, N) ->
    case position(Dev, Pos) of
        {ok, _} -> read(Dev, N);
        Error -> Error
    end.

pread(Dev, LocNums) -> pread_all(Dev, LocNums, []).

pread_all(_, [], Acc) -> {ok, lists:reverse(Acc)};
pread_all(Dev, [{Pos, N} | T], Acc) ->
    case pread(Dev, Pos, N) of
        {ok, Data} -> pread_all(Dev, T, [Data | Acc]);
        eof -> pread_all(Dev, T, [eof | Acc]);
        Error -> Error
    end.

pwrite(Dev, Pos, Bytes) ->
    case position(Dev, Pos) of
        {ok, _} -> write(Dev, Bytes);
        Error -> Error
    end.

pwrite(Dev, LocBytes) -> pwrite_all(Dev, LocBytes, 0).

pwrite_all(_, [], _) -> ok;
pwrite_all(Dev, [{Pos, Bytes} | T], I) ->
    case pwrite(Dev, Pos, Bytes) of
        ok -> pwrite_all(Dev, T, I + 1);
        {error, Reason} -> {error, {I, Reason}}
    end.

truncate(?DEV(Fd)) -> moat_io:truncate(Fd);
truncate(_) -> {error, badarg}.

sync(?DEV(_)) -> ok;
sync(_) -> {error, badarg}.

datasync(Dev) -> sync(Dev).

write_file(Name, Bytes, Modes) when is_list(Modes) ->
    case open(Name, [write, binary | Modes]) of
        {ok, Dev} ->
            try write(Dev, Bytes) after close(Dev) end;
        Error -> Error
    end.

%%% Information ---------------------------------------------------------------

read_file_info(Name) -> read_file_info(Name, []).

read_file_info(Name, Opts) -> file_info(Name, Opts, true).

read_link_info(Name) -> read_link_info(Name, []).

read_link_info(Name, Opts) -> file_info(Name, Opts, false).

file_info(Name, Opts, Follow) ->
    Unit = proplists:get_value(time, Opts, local),
    try moat_io:file_info(Name, Follow) of
        {ok, {Size, Type, Access, A, M, C, Mode, Links, Major, Minor, Inode,
              Uid, Gid}} ->
            {ok, {file_info, Size, Type, Access, time(A, Unit),
                  time(M, Unit), time(C, Unit), Mode, Links, Major, Minor,
                  Inode, Uid, Gid}};
        Error -> Error
    catch
        error:badarg -> {error, badarg}
    end.

time(Secs, posix) -> Secs;
time(Secs, universal) ->
    calendar:gregorian_seconds_to_datetime(Secs + 62167219200);
time(Secs, local) ->
    erlang:universaltime_to_localtime(time(Secs, universal)).

get_cwd() ->
    case moat_io:cwd() of
        {error, _} = Error -> Error;
        Dir -> {ok, Dir}
    end.

get_cwd(_Drive) -> {error, enotsup}.

native_name_encoding() -> utf8.

list_dir_all(Dir) -> file:list_dir(Dir).

del_dir_r(Name) ->
    case read_link_info(Name) of
        {ok, {file_info, _, directory, _, _, _, _, _, _, _, _, _, _, _}} ->
            case file:list_dir(Name) of
                {ok, Names} ->
                    del_all(Name, Names);
                Error -> Error
            end;
        {ok, _} -> file:delete(Name);
        Error -> Error
    end.

del_all(Dir, []) -> file:del_dir(Dir);
del_all(Dir, [N | T]) ->
    case del_dir_r(filename:join(Dir, N)) of
        ok -> del_all(Dir, T);
        Error -> Error
    end.

%%% Copying ------------------------------------------------------------------

copy(Source, Dest) -> copy(Source, Dest, infinity).

copy(Source, Dest, Count) ->
    case copy_open(Source, [read, binary]) of
        {ok, In, CloseIn} ->
            case copy_open(Dest, [write, binary]) of
                {ok, Out, CloseOut} ->
                    try copy_loop(In, Out, Count, 0)
                    after
                        CloseOut(),
                        CloseIn()
                    end;
                Error ->
                    CloseIn(),
                    Error
            end;
        Error -> Error
    end.

copy_open(?DEV(_) = Dev, _) -> {ok, Dev, fun() -> ok end};
copy_open({Name, Modes}, Base) -> copy_open_name(Name, Base ++ Modes);
copy_open(Name, Base) -> copy_open_name(Name, Base).

copy_open_name(Name, Modes) ->
    case open(Name, Modes) of
        {ok, Dev} -> {ok, Dev, fun() -> close(Dev) end};
        Error -> Error
    end.

copy_loop(_, _, 0, Done) -> {ok, Done};
copy_loop(In, Out, Count, Done) ->
    Chunk = case Count of
                infinity -> 65536;
                _ -> min(Count, 65536)
            end,
    case read(In, Chunk) of
        {ok, Data} ->
            case write(Out, Data) of
                ok ->
                    N = iolist_size(Data),
                    Left = case Count of infinity -> infinity; _ -> Count - N end,
                    copy_loop(In, Out, Left, Done + N);
                Error -> Error
            end;
        eof -> {ok, Done};
        Error -> Error
    end.

%%% consult ----------------------------------------------------------------------

consult(Name) ->
    case file:read_file(Name) of
        {ok, Bin} ->
            case moat_term:parse_all(unicode:characters_to_list(Bin)) of
                {ok, Terms} -> {ok, Terms};
                {error, _} = Error -> Error
            end;
        Error -> Error
    end.

%%% One-call operations --------------------------------------------------------

path_op(Op, Name, Arg) ->
    try moat_io:path_op(Op, Name, Arg)
    catch error:badarg -> {error, badarg}
    end.

%% The working directory of the whole OS process, as in erl.
set_cwd(Dir) -> path_op(set_cwd, Dir, []).

read_link(Name) -> path_op(read_link, Name, []).

read_link_all(Name) -> read_link(Name).

make_symlink(Existing, New) -> path_op(make_symlink, Existing, New).

make_link(Existing, New) -> path_op(make_link, Existing, New).

change_mode(Name, Mode) when is_integer(Mode) -> path_op(change_mode, Name, Mode);
change_mode(_, _) -> {error, badarg}.

delete(Name, _Opts) -> file:delete(Name).

%%% Error messages -------------------------------------------------------------

%% "Line: Message" as the deep list erl builds.
format_error({Line, erl_parse, Message}) when is_list(Message) ->
    [integer_to_list(Line), $:, $\s, Message];
format_error({Line, erl_scan, {illegal, What}}) ->
    [integer_to_list(Line), $:, $\s, "illegal " ++ atom_to_list(What)];
format_error({Line, Module, Reason}) ->
    [integer_to_list(Line), $:, $\s, Module:format_error(Reason)];
format_error(badarg) -> "bad argument";
format_error(terminated) -> "the file server process is terminated";
format_error(system_limit) -> "a system limit was hit, probably not enough ports";
format_error(Posix) -> posix_message(Posix).

%% erl's texts for the POSIX error codes (erl_posix_msg).
posix_message(eacces) -> "permission denied";
posix_message(eagain) -> "resource temporarily unavailable";
posix_message(ebadf) -> "bad file number";
posix_message(ebusy) -> "file busy";
posix_message(edeadlk) -> "resource deadlock avoided";
posix_message(eexist) -> "file already exists";
posix_message(efault) -> "bad address in system call argument";
posix_message(efbig) -> "file too large";
posix_message(eintr) -> "interrupted system call";
posix_message(einval) -> "invalid argument";
posix_message(eio) -> "I/O error";
posix_message(eisdir) -> "illegal operation on a directory";
posix_message(eloop) -> "too many levels of symbolic links";
posix_message(emfile) -> "too many open files";
posix_message(emlink) -> "too many links";
posix_message(enametoolong) -> "file name too long";
posix_message(enfile) -> "file table overflow";
posix_message(enodev) -> "no such device";
posix_message(enoent) -> "no such file or directory";
posix_message(enomem) -> "not enough memory";
posix_message(enospc) -> "no space left on device";
posix_message(enotblk) -> "block device required";
posix_message(enotdir) -> "not a directory";
posix_message(enotempty) -> "directory not empty";
posix_message(enotsup) -> "operation not supported";
posix_message(enxio) -> "no such device or address";
posix_message(eperm) -> "not owner";
posix_message(epipe) -> "broken pipe";
posix_message(erofs) -> "read-only file system";
posix_message(espipe) -> "invalid seek";
posix_message(esrch) -> "no such process";
posix_message(estale) -> "stale remote file handle";
posix_message(etxtbsy) -> "text file or pseudo-device busy";
posix_message(exdev) -> "cross-domain link";
posix_message(eoverflow) -> "offset too large for file system";
posix_message(eopnotsupp) -> "operation not supported on socket";
posix_message(econnrefused) -> "connection refused";
posix_message(etimedout) -> "connection timed out";
posix_message(_) -> "unknown POSIX error".
