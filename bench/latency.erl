%% Latency under load: how long a ping takes to be answered while two
%% processes spin in tight loops and two build and drop large heaps
%% (preemption and garbage-collection pauses). 5,000 pings, one every
%% millisecond; prints the 99th percentile, then the median and maximum.
-module(latency).
-export([main/1]).

-define(PINGS, 5000).

spin(N) ->
    receive stop -> ok
    after 0 -> spin(N + 1)
    end.

churn() ->
    receive stop -> ok
    after 0 ->
        L = lists:seq(1, 400000),
        _ = length(lists:reverse(L)),
        churn()
    end.

echo() ->
    receive
        {ping, From} -> From ! pong, echo();
        stop -> ok
    end.

pings(_Echo, 0, Acc) -> Acc;
pings(Echo, N, Acc) ->
    receive after 1 -> ok end,
    T0 = erlang:monotonic_time(microsecond),
    Echo ! {ping, self()},
    receive pong -> ok end,
    T1 = erlang:monotonic_time(microsecond),
    pings(Echo, N - 1, [T1 - T0 | Acc]).

main(_) ->
    Load = [spawn(fun() -> spin(0) end) || _ <- [1, 2]] ++
           [spawn(fun churn/0) || _ <- [1, 2]],
    Echo = spawn(fun echo/0),
    Times = lists:sort(pings(Echo, ?PINGS, [])),
    [P ! stop || P <- [Echo | Load]],
    At = fun(Q) -> lists:nth(max(1, round(Q * ?PINGS)), Times) end,
    io:format("latency: ~w us p99 (p50 ~w us, max ~w us)~n", [At(0.99), At(0.50), lists:last(Times)]).
