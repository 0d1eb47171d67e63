-module(io_gl_other).
-export([main/1]).

%% group_leader/2 on another process: its output goes to the new leader;
%% bad arguments are badarg.
main(_) ->
    Cap = spawn(fun() -> capture([]) end),
    Self = self(),
    Child = spawn(fun() -> receive go -> io:format("from child ~p~n", [1]), Self ! done end end),
    io:format("set: ~p~n", [group_leader(Cap, Child)]),
    io:format("seen: ~p~n", [process_info(Child, group_leader) =:= {group_leader, Cap}]),
    io:format("mine unchanged: ~p~n", [group_leader() =:= whereis(user)]),
    Child ! go,
    receive done -> ok end,
    Cap ! {dump, self()},
    receive {captured, Text} -> io:format("captured: ~p~n", [Text]) end,
    Dead = spawn(fun() -> ok end),
    Ref = monitor(process, Dead),
    receive {'DOWN', Ref, process, _, _} -> ok end,
    try_it("leader not a pid", fun() -> group_leader(id(foo), self()) end),
    try_it("target not a pid", fun() -> group_leader(self(), id(foo)) end),
    try_it("target dead", fun() -> group_leader(self(), Dead) end),
    Waiter = spawn(fun() -> receive stop -> ok end end),
    try_it("leader dead", fun() -> group_leader(Dead, Waiter) end),
    Waiter ! stop,
    ok.

try_it(What, F) ->
    try F() of
        V -> io:format("~s: ~p~n", [What, V])
    catch
        C:R -> io:format("~s: ~p:~p~n", [What, C, R])
    end.

id(X) -> X.

capture(Acc) ->
    receive
        {io_request, From, ReplyAs, {put_chars, _, M, F, A}} ->
            From ! {io_reply, ReplyAs, ok},
            capture([lists:flatten(apply(M, F, A)) | Acc]);
        {io_request, From, ReplyAs, {put_chars, _, Chars}} ->
            From ! {io_reply, ReplyAs, ok},
            capture([unicode:characters_to_list(Chars) | Acc]);
        {dump, To} ->
            To ! {captured, lists:append(lists:reverse(Acc))}
    end.
