-module(io_gl_dead).
-export([main/1]).

%% Writing to an io server that is dead, that answers {error, Reason}, or
%% that is not there; and to oneself as a server.
main(_) ->
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, process, _, _} -> ok end,
    try_it("format dead", fun() -> io:format(Dead, "x~n", []) end),
    try_it("put_chars dead", fun() -> io:put_chars(Dead, "x") end),
    try_it("nl dead", fun() -> io:nl(Dead) end),
    try_it("write dead", fun() -> io:write(Dead, x) end),
    try_it("get_line dead", fun() -> io:get_line(Dead, "p> ") end),
    try_it("request dead", fun() -> io:request(Dead, {put_chars, unicode, "x"}) end),
    GL = group_leader(),
    group_leader(Dead, self()),
    R = try io:format("via group leader~n") of V -> {ok, V} catch C:E -> {C, E} end,
    group_leader(GL, self()),
    io:format("format via dead group leader: ~p~n", [R]),
    Err = spawn(fun() -> error_server() end),
    try_it("format error reply", fun() -> io:format(Err, "x", []) end),
    try_it("put_chars error reply", fun() -> io:put_chars(Err, "x") end),
    try_it("get_line error reply", fun() -> io:get_line(Err, "p> ") end),
    try_it("request error reply", fun() -> io:request(Err, {foo}) end),
    try_it("format no such name", fun() -> io:format(no_such_name, "x", []) end),
    try_it("get_line no such name", fun() -> io:get_line(no_such_name, "p> ") end),
    try_it("format bad device", fun() -> io:format(id({foo}), "x", []) end),
    group_leader(self(), self()),
    R2 = try io:format("to myself~n") of V2 -> {ok, V2} catch C2:E2 -> {C2, E2} end,
    group_leader(GL, self()),
    io:format("format to self: ~p~n", [R2]),
    ok.

try_it(What, F) ->
    try F() of
        V -> io:format("~s: ~p~n", [What, V])
    catch
        C:R -> io:format("~s: ~p:~p~n", [What, C, R])
    end.

id(X) -> X.

error_server() ->
    receive
        {io_request, From, ReplyAs, _} -> From ! {io_reply, ReplyAs, {error, some_reason}}
    end,
    error_server().
