-module(proc_order).
-export([main/1]).
%% Messages between one pair of processes arrive in the order sent.

collect(0) -> [];
collect(N) -> receive {n, X} -> [X | collect(N - 1)] end.

main(_) ->
    [self() ! {n, I} || I <- lists:seq(1, 10)],
    io:format("~p~n", [collect(10)]),
    Parent = self(),
    spawn(fun() -> [Parent ! {n, I} || I <- lists:seq(100, 120)] end),
    io:format("~p~n", [collect(21)]),
    P = spawn(fun() ->
                      receive {go, From} ->
                              [From ! {n, {from_child, I}} || I <- [a, b, c]]
                      end
              end),
    P ! {go, self()},
    io:format("~p~n", [collect(3)]),
    Relay = spawn(fun R() -> receive {fwd, To, M} -> To ! {n, M}, R(); stop -> ok end end),
    [Relay ! {fwd, self(), I} || I <- lists:seq(1, 5)],
    io:format("~p~n", [collect(5)]),
    Relay ! stop.
