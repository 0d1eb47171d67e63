-module(io_gl_get_line).
-export([main/1]).

%% Reading from a user-written io server: get_line, get_chars, fread
%% (a get_until request), and options, directly and as group leader.
main(_) ->
    Srv = spawn(fun() -> server(["first line\n", "7 rest\n", "abcdef\n", "second\n"]) end),
    io:format("~p~n", [io:get_line(Srv, "p1> ")]),
    io:format("~p~n", [io:fread(Srv, "p2> ", "~d")]),
    io:format("~p~n", [io:get_chars(Srv, "p3> ", 3)]),
    GL = group_leader(),
    group_leader(Srv, self()),
    Line = io:get_line("p4> "),
    Opts = io:getopts(),
    Set = io:setopts([binary]),
    group_leader(GL, self()),
    io:format("~p ~p ~p~n", [Line, Opts, Set]),
    io:format("~p~n", [io:get_line(Srv, '')]),
    Srv ! {prompts, self()},
    receive {prompts, Ps} -> io:format("prompts: ~p~n", [Ps]) end,
    ok.

server(Lines) -> server(Lines, []).

server(Lines, Prompts) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            {Reply, Lines1, P} = request(Req, Lines),
            From ! {io_reply, ReplyAs, Reply},
            server(Lines1, [P || P =/= none] ++ Prompts);
        {prompts, To} ->
            To ! {prompts, lists:reverse(Prompts)}
    end.

request({get_line, _, Prompt}, [L | Ls]) -> {L, Ls, Prompt};
request({get_line, _, Prompt}, []) -> {eof, [], Prompt};
request({get_chars, _, Prompt, N}, [L | Ls]) ->
    {lists:sublist(L, N), [lists:nthtail(N, L) | Ls], Prompt};
request({get_until, _, Prompt, M, F, As}, [L | Ls]) ->
    case apply(M, F, [[], L | As]) of
        {done, Result, Rest} -> {Result, [Rest | Ls], Prompt};
        {more, _} -> {{error, more}, Ls, Prompt}
    end;
request(getopts, Ls) -> {[{binary, false}, {encoding, unicode}], Ls, none};
request({setopts, Opts}, Ls) -> {{set, Opts}, Ls, none};
request(_, Ls) -> {{error, request}, Ls, none}.
