-module(proc_registered).
-export([main/1]).
%% register/whereis/unregister and sending to a registered name.

main(_) ->
    Pid = spawn(fun Loop() -> receive {add, A, B, From} -> From ! {sum, A + B}, Loop(); stop -> ok end end),
    io:format("~p~n", [register(adder, Pid)]),
    io:format("~p~n", [whereis(adder) =:= Pid]),
    adder ! {add, 2, 3, self()},
    receive {sum, S} -> io:format("sum ~p~n", [S]) end,
    io:format("~p~n", [lists:member(adder, registered())]),
    io:format("~p~n", [try register(adder, self()) catch error:E -> E end]),
    io:format("~p~n", [unregister(adder)]),
    io:format("~p~n", [whereis(adder)]),
    io:format("~p~n", [try no_such_name ! hello catch error:E2 -> E2 end]),
    Pid ! stop.
