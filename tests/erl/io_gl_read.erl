-module(io_gl_read).
-export([main/1]).

%% io:read/2 from a user-written io server. erl asks it for erl_scan
%% tokens (get_until), Moat for lines (get_line): this server answers
%% both, one line at a time, and ignores prompts.
main(_) ->
    Srv = spawn(fun() -> server(["{a, [1, 2]}.\n", "\"two\n", "lines\".\n", "foo(.\n"]) end),
    io:format("~p~n", [io:read(Srv, "t> ")]),
    io:format("~p~n", [io:read(Srv, "t> ")]),
    io:format("~p~n", [element(1, io:read(Srv, "t> "))]),
    io:format("~p~n", [io:read(Srv, "t> ")]),
    ok.

server(Lines) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            {Reply, Rest} = request(Req, Lines),
            From ! {io_reply, ReplyAs, Reply},
            server(Rest)
    end.

request({get_line, _, _}, [L | Ls]) -> {L, Ls};
request({get_line, _, _}, []) -> {eof, []};
request({get_until, _, _, M, F, As}, Lines) -> get_until(M, F, As, [], Lines);
request({put_chars, _, _}, Ls) -> {ok, Ls};
request(_, Ls) -> {{error, request}, Ls}.

get_until(M, F, As, Cont, [L | Ls]) ->
    case apply(M, F, [Cont, L | As]) of
        {done, Result, _} -> {Result, Ls};
        {more, Cont1} -> get_until(M, F, As, Cont1, Ls)
    end;
get_until(M, F, As, Cont, []) ->
    {done, Result, _} = apply(M, F, [Cont, eof | As]),
    {Result, []}.
