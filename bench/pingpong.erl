%% Ping-pong: 1,000,000 round trips between two processes (2,000,000
%% messages, each one waking the other process).
-module(pingpong).
-export([main/1]).

-define(N, 1000000).

pong() ->
    receive
        {ping, From, N} -> From ! {pong, N}, pong();
        stop -> ok
    end.

ping(_Pong, 0) -> ok;
ping(Pong, N) ->
    Pong ! {ping, self(), N},
    receive {pong, N} -> ping(Pong, N - 1) end.

main(_) ->
    Pong = spawn(fun pong/0),
    T0 = erlang:monotonic_time(microsecond),
    ping(Pong, ?N),
    T1 = erlang:monotonic_time(microsecond),
    Pong ! stop,
    io:format("pingpong: ~w us (~w round trips)~n", [T1 - T0, ?N]).
