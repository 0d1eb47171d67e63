-module(msgs).
-export([main/1]).
%% Stress: 10,000 processes send 1,000 messages each (10,000,000 in all)
%% to one another; every message must arrive exactly once. Process I sends
%% {msg, I, K} for K in 1..1000 to process (I + K) rem N, so every process
%% receives exactly 1,000 messages; each sums the values it got and reports
%% its count and sum. Run with more schedulers than cores (make check uses
%% MOAT_SCHEDULERS=4).

-define(N, 10000).
-define(M, 1000).

main(_) ->
    Parent = self(),
    Pids = [spawn(fun() -> worker(Parent, I) end) || I <- lists:seq(0, ?N - 1)],
    All = list_to_tuple(Pids),
    [P ! {go, All} || P <- Pids],
    {Count, Sum} = collect(?N, 0, 0),
    io:format("messages: ~p~nchecksum: ~p~n", [Count, Sum]),
    Expected = lists:sum([I * ?M + K || I <- lists:seq(0, ?N - 1), K <- lists:seq(1, ?M)]),
    io:format("checksum ok: ~p~n", [Sum =:= Expected]).

worker(Parent, I) ->
    receive {go, All} -> ok end,
    send(All, I, 1),
    {C, S} = recv(?M, 0, 0),
    Parent ! {done, C, S}.

send(_, _, K) when K > ?M -> ok;
send(All, I, K) ->
    element((I + K) rem ?N + 1, All) ! {msg, I * ?M + K},
    send(All, I, K + 1).

recv(0, C, S) -> {C, S};
recv(N, C, S) -> receive {msg, V} -> recv(N - 1, C + 1, S + V) end.

collect(0, C, S) -> {C, S};
collect(N, C, S) -> receive {done, C1, S1} -> collect(N - 1, C + C1, S + S1) end.
