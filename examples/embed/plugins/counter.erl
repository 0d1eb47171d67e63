%% A stateful plugin: an actor the host talks to with messages.
-module(counter).
-export([start/1]).

start(N) ->
    receive
        {From, add, K} -> From ! {count, N + K}, start(N + K);
        stop -> ok
    end.
