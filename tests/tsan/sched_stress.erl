%% sched_stress.erl — run by make check-tsan on a ThreadSanitizer build with
%% 4 and with 2 schedulers: the run queues under stealing. A burst of
%% spawns far past one scheduler's ring (overflow into its locked queue,
%% thieves taking half), at every priority; a tree of processes spawning
%% on every scheduler at once; preempted busy loops; wake-ups from the
%% timer thread. Prints totals that do not depend on scheduling.
-module(sched_stress).
-export([main/1]).

-define(BURST, 3000).
-define(DEPTH, 10).
-define(SLEEPERS, 100).

prio(I) -> lists:nth(I rem 4 + 1, [low, normal, high, max]).

%% Waits for go, then loops long enough to be preempted now and then.
burst_worker(Parent, I) ->
    receive go -> ok end,
    Parent ! {done, I, spin(I rem 7 * 300, 0)}.

spin(0, Acc) -> Acc;
spin(N, Acc) -> spin(N - 1, Acc + 1).

burst() ->
    Parent = self(),
    Pids = [spawn_opt(fun() -> burst_worker(Parent, I) end, [{priority, prio(I)}])
            || I <- lists:seq(1, ?BURST)],
    [P ! go || P <- Pids],
    collect(?BURST, 0, 0).

collect(0, SumI, SumSpin) -> {SumI, SumSpin};
collect(N, SumI, SumSpin) ->
    receive {done, I, S} -> collect(N - 1, SumI + I, SumSpin + S) end.

%% Each node spawns two children and answers with the size of its subtree.
tree(Parent, 0) -> Parent ! {size, self(), 1};
tree(Parent, D) ->
    Self = self(),
    A = spawn(fun() -> tree(Self, D - 1) end),
    B = spawn(fun() -> tree(Self, D - 1) end),
    SA = receive {size, A, X} -> X end,
    SB = receive {size, B, Y} -> Y end,
    Parent ! {size, Self, SA + SB + 1}.

%% Woken by the timer thread (a push from a thread that is no scheduler).
sleeper(Parent, I) ->
    receive after I rem 5 -> ok end,
    Parent ! {slept, I}.

main(_) ->
    {SumI, SumSpin} = burst(),
    io:format("burst: ~w processes, sum ~w, spins ~w~n", [?BURST, SumI, SumSpin]),
    Self = self(),
    Root = spawn(fun() -> tree(Self, ?DEPTH) end),
    Size = receive {size, Root, S} -> S end,
    io:format("tree: ~w processes~n", [Size]),
    [spawn(fun() -> sleeper(Self, I) end) || I <- lists:seq(1, ?SLEEPERS)],
    Slept = lists:sum([receive {slept, I} -> I end || I <- lists:seq(1, ?SLEEPERS)]),
    io:format("sleepers: ~w~n", [Slept]),
    {SumI2, _} = burst(),
    io:format("burst again: sum ~w~n", [SumI2]).
