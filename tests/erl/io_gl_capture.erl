-module(io_gl_capture).
-export([main/1]).

%% The capture pattern of test frameworks: an io server that keeps what it
%% is asked to write, made the group leader of a process.
main(_) ->
    Cap = spawn(fun() -> capture([]) end),
    GL = group_leader(),
    group_leader(Cap, self()),
    io:format("hello ~p~n", [x]),
    io:fwrite("fwrite ~s~n", ["y"]),
    io:format("no args~n"),
    io:put_chars("put_chars\n"),
    io:put_chars(["deep", [$l, "ist"], <<" bin">>, $\n]),
    io:nl(),
    io:write({a, [1, 2]}),
    io:format(standard_io, "standard_io ~w~n", [1]),
    group_leader(GL, self()),
    io:format("back on stdout~n"),
    io:format(Cap, "direct ~p~n", [z]),
    io:put_chars(Cap, <<"direct put_chars\n">>),
    io:nl(Cap),
    io:write(Cap, [w]),
    io:fwrite(Cap, "direct fwrite~n", []),
    register(capname, Cap),
    io:format(capname, "by name~n", []),
    io:format("~p~n", [io:request(Cap, {put_chars, unicode, "request\n"})]),
    io:format("~p~n", [io:requests(Cap, [{put_chars, unicode, "r1 "}, {format, "r~p", [2]}, nl])]),
    Cap ! {dump, self()},
    receive {captured, Reqs} -> [io:format("~p~n", [R]) || R <- Reqs] end,
    ok.

capture(Acc) ->
    receive
        {io_request, From, ReplyAs, Req} ->
            From ! {io_reply, ReplyAs, ok},
            capture([text(Req) | Acc]);
        {dump, To} ->
            To ! {captured, lists:reverse(Acc)}
    end.

text({put_chars, Enc, Chars}) -> {Enc, unicode:characters_to_list(Chars)};
text({put_chars, Enc, M, F, A}) -> {Enc, M, F, lists:flatten(apply(M, F, A))};
text({requests, Rs}) -> {requests, [text(R) || R <- Rs]};
text(Other) -> {other, Other}.
