-module(proc_ring).
-export([main/1]).
%% A ring of processes passing a counter around.

start(N, Rounds) ->
    Parent = self(),
    First = spawn(fun() -> first(Parent) end),
    Last = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, First, lists:seq(2, N)),
    First ! {set_next, Last},
    First ! {token, 0, Rounds},
    receive {done, Count} -> Count end.

first(Parent) ->
    receive {set_next, Next} -> first_loop(Parent, Next) end.

first_loop(Parent, Next) ->
    receive
        {token, C, 0} -> Next ! stop, Parent ! {done, C};
        {token, C, R} -> Next ! {token, C + 1, R - 1}, first_loop(Parent, Next)
    end.

relay(Next) ->
    receive
        {token, C, R} -> Next ! {token, C + 1, R}, relay(Next);
        stop -> Next ! stop
    end.

main(_) ->
    io:format("~p~n", [start(10, 10)]),
    io:format("~p~n", [start(100, 50)]),
    io:format("~p~n", [start(2, 1000)]).
