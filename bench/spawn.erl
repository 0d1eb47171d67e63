%% Spawn 1,000,000 processes that each wait in receive, then release them
%% all and wait until every one has answered: process creation, memory per
%% process, wake-up and exit. Prints the total time and, after it, the spawn
%% and release times and erlang:memory(processes) bytes per waiting process.
%% (erl needs +P 2000000 for this; bench/run.sh passes it.)
-module(spawn).
-export([main/1]).

-define(N, 1000000).

waiter(Parent) ->
    receive release -> Parent ! done end.

spawn_all(0, _Parent, Acc) -> Acc;
spawn_all(N, Parent, Acc) -> spawn_all(N - 1, Parent, [spawn(fun() -> waiter(Parent) end) | Acc]).

release([]) -> ok;
release([P | Ps]) -> P ! release, release(Ps).

wait_all(0) -> ok;
wait_all(N) -> receive done -> wait_all(N - 1) end.

main(_) ->
    Parent = self(),
    Mem0 = erlang:memory(processes),
    T0 = erlang:monotonic_time(microsecond),
    Pids = spawn_all(?N, Parent, []),
    T1 = erlang:monotonic_time(microsecond),
    Mem1 = erlang:memory(processes),
    release(Pids),
    wait_all(?N),
    T2 = erlang:monotonic_time(microsecond),
    ?N = length(Pids),
    io:format("spawn: ~w us (spawn ~w us, release ~w us, ~w bytes per process)~n",
              [T2 - T0, T1 - T0, T2 - T1, (Mem1 - Mem0) div ?N]).
