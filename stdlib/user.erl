%% user.erl -- Moat standard library: the node's standard io server.
%%
%% One process per node runs start/0, spawned and registered as `user` by
%% the VM before any program runs (vm/io.c io_user_start).  It is the
%% group leader of every process that was never given another, so it is
%% what group_leader() returns in `moat file.erl`, in the shell and in an
%% embedding host.  It answers the Erlang I/O protocol:
%% {io_request, From, ReplyAs, Request} gets {io_reply, ReplyAs, Reply},
%% for put_chars (both forms), get_line, get_chars, get_until, setopts,
%% getopts, get_geometry and {requests, [...]}; anything else gets
%% {error, {request, Request}}, as erl's user does.
%%
%% The server is in Erlang over the same BIFs io:format/put_chars use and
%% over io.erl's readers: its own group leader is itself, so io:put_chars/1
%% and io:get_line/1 called here write to the node's output (stdout, or
%% the embedding host's sink) and read stdin directly.  Most writes never
%% reach this process: the io BIFs (vm/format.c) write directly when the
%% device is this server, which keeps io:format as fast as a plain write;
%% only io:request/2,3, the I/O protocol spoken by hand, and a device that
%% was passed on as a pid come here.  Both paths end in the same write
%% call, and a client waits for the reply, so one caller's output stays
%% in order.
-module(user).

-export([start/0]).

start() -> loop().

loop() ->
    receive
        {io_request, From, ReplyAs, Request} when is_pid(From) ->
            From ! {io_reply, ReplyAs, request(Request)},
            loop();
        _ ->
            loop()
    end.

request({put_chars, Encoding, Chars}) -> put_chars(Encoding, Chars);
request({put_chars, Encoding, M, F, A}) ->
    try apply(M, F, A) of
        Chars -> put_chars(Encoding, Chars)
    catch
        _:_ -> {error, put_chars}
    end;
request({get_line, _Encoding, Prompt}) -> io:get_line(Prompt);
request({get_chars, _Encoding, Prompt, N}) -> io:get_chars(Prompt, N);
request({get_until, _Encoding, Prompt, M, F, As}) -> get_until(Prompt, M, F, As);
request({setopts, Opts}) -> io:setopts(Opts);
request(getopts) -> io:getopts();
request({get_geometry, columns}) -> io:columns();
request({get_geometry, rows}) -> io:rows();
request({requests, Requests}) when is_list(Requests) -> requests(Requests, ok);
request(Request) -> {error, {request, Request}}.

requests([], Reply) -> Reply;
requests([R | Rs], _) ->
    case request(R) of
        {error, _} = Error -> Error;
        Reply -> requests(Rs, Reply)
    end.

put_chars(unicode, Chars) -> write(Chars);
put_chars(latin1, Chars) ->
    %% latin1 data is bytes, each one character (a binary given to
    %% io:put_chars is UTF-8); a character above 255 is an error
    try erlang:iolist_to_binary(Chars) of
        Bin -> write(binary_to_list(Bin))
    catch
        error:_ -> {error, put_chars}
    end;
put_chars(_, _) -> {error, put_chars}.

write(Chars) ->
    try io:put_chars(Chars)
    catch error:_ -> {error, put_chars}
    end.

%% get_until: feed lines to M:F(Cont, Data, As...) until it is done.
get_until(Prompt, M, F, As) -> get_until(io:get_line(Prompt), [], M, F, As).

get_until(Line, Cont, M, F, As) ->
    Data = case Line of
               {error, _} -> eof;
               Bin when is_binary(Bin) -> binary_to_list(Bin);
               _ -> Line
           end,
    case catch apply(M, F, [Cont, Data | As]) of
        {done, Result, Rest} ->
            case Rest of
                [_ | _] -> moat_io:unread(0, list_to_binary(Rest));
                _ -> ok
            end,
            Result;
        {more, Cont1} when Data =/= eof -> get_until(io:get_line(''), Cont1, M, F, As);
        {more, _} -> eof;
        _ -> {error, get_until}
    end.
