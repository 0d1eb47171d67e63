%% Selective receive with a long queue: 10,000 unrelated messages wait in
%% the caller's mailbox while it makes 100,000 calls to a server, each a
%% make_ref() then a receive that matches only that reference. A runtime
%% that rescans the queue on every receive does 10^9 comparisons here; one
%% that starts the scan at the reference's creation does 100,000.
-module(selrecv).
-export([main/1]).

-define(QUEUED, 10000).
-define(CALLS, 100000).

server() ->
    receive
        {call, From, Ref, X} -> From ! {Ref, X + 1}, server();
        stop -> ok
    end.

call(Server, X) ->
    Ref = make_ref(),
    Server ! {call, self(), Ref, X},
    receive {Ref, Y} -> Y end.

calls(_Server, 0, Acc) -> Acc;
calls(Server, N, Acc) -> calls(Server, N - 1, call(Server, Acc)).

main(_) ->
    Server = spawn(fun server/0),
    [self() ! {unrelated, I} || I <- lists:seq(1, ?QUEUED)],
    T0 = erlang:monotonic_time(microsecond),
    ?CALLS = calls(Server, ?CALLS, 0),
    T1 = erlang:monotonic_time(microsecond),
    Server ! stop,
    {message_queue_len, ?QUEUED} = process_info(self(), message_queue_len),
    io:format("selrecv: ~w us (~w calls past ~w queued messages)~n", [T1 - T0, ?CALLS, ?QUEUED]).
