-module(proc_spawn).
-export([main/1]).
%% spawn, send and receive with replies.

main(_) ->
    Parent = self(),
    Pid = spawn(fun() -> receive {ping, From} -> From ! pong end end),
    Pid ! {ping, Parent},
    receive pong -> io:format("got pong~n") end,
    Echo = spawn(fun Loop() ->
                         receive
                             {echo, From, Msg} -> From ! {reply, Msg}, Loop();
                             stop -> ok
                         end
                 end),
    lists:foreach(fun(M) ->
                          Echo ! {echo, self(), M},
                          receive {reply, R} -> io:format("echo ~p~n", [R]) end
                  end, [1, two, "three", {4}, <<"five">>]),
    Echo ! stop,
    Sq = spawn(fun() -> receive {N, From} -> From ! {result, N * N} end end),
    Sq ! {12, self()},
    receive {result, V} -> io:format("square ~p~n", [V]) end,
    io:format("~p~n", [is_pid(Pid)]),
    io:format("~p~n", [is_pid(self())]),
    io:format("~p~n", [self() =:= Parent]),
    Ws = [spawn(fun() -> Parent ! {done, I, I * 10} end) || I <- lists:seq(1, 5)],
    io:format("~p~n", [length(Ws)]),
    Results = [receive {done, I, R} -> R end || I <- lists:seq(1, 5)],
    io:format("~p~n", [Results]).
