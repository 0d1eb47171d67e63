-module(proc_priority).
-export([main/1]).
%% Process priorities: process_flag(priority, P), spawn_opt {priority, P}.

main(_) ->
    Me = self(),
    io:format("set high: ~p~n", [process_flag(priority, high)]),
    io:format("now: ~p~n", [process_info(self(), priority)]),
    io:format("set low: ~p~n", [process_flag(priority, low)]),
    io:format("set max: ~p~n", [process_flag(priority, max)]),
    io:format("set normal: ~p~n", [process_flag(priority, normal)]),
    io:format("bad priority: ~p~n", [try process_flag(priority, id(urgent)) catch C:E -> {C, E} end]),
    io:format("unchanged: ~p~n", [process_info(self(), priority)]),
    Spawn = fun(Prio) ->
                    spawn_opt(fun() ->
                                      {priority, P} = process_info(self(), priority),
                                      Me ! {prio, Prio, P}
                              end, [{priority, Prio}])
            end,
    [begin Spawn(Pr), receive {prio, Pr, Got} -> io:format("spawn_opt ~p: ~p~n", [Pr, Got]) end end
     || Pr <- [low, normal, high, max]],
    io:format("bad spawn_opt: ~p~n", [try spawn_opt(fun() -> ok end, [{priority, id(urgent)}]) catch C2:E2 -> {C2, E2} end]),
    {_, Ref} = spawn_opt(fun() -> exit(low_done) end, [monitor, {priority, low}]),
    receive {'DOWN', Ref, process, _, Why} -> io:format("low process ends: ~p~n", [Why]) end,
    %% Low priority processes still run while normal ones are busy.
    Lows = [spawn_opt(fun() -> Me ! {low_ran, I} end, [{priority, low}]) || I <- lists:seq(1, 5)],
    Busy = [spawn(fun() -> spin(200000), Me ! busy_done end) || _ <- [1, 2]],
    Ran = lists:sort([receive {low_ran, I} -> I end || _ <- Lows]),
    [receive busy_done -> ok end || _ <- Busy],
    io:format("low processes ran: ~p~n", [Ran]),
    %% A high priority process gets its work done and answers.
    Hi = spawn_opt(fun() -> receive {sum, From, L} -> From ! {sum, lists:sum(L)} end end, [{priority, high}]),
    Hi ! {sum, self(), lists:seq(1, 1000)},
    receive {sum, S} -> io:format("high answered: ~p~n", [S]) end,
    io:format("process_flag back to normal: ~p~n", [process_flag(priority, normal)]).

spin(0) -> ok;
spin(N) -> spin(N - 1).

id(X) -> X.
