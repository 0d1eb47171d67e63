%% Ring: 10,000 processes in a ring pass a token around 1,000 times
%% (10,000,000 messages). Times the token's trip, not building the ring.
-module(ring).
-export([main/1]).

-define(PROCS, 10000).
-define(ROUNDS, 1000).

%% Each node forwards every token to the next one; stop travels once round.
relay(Next) ->
    receive
        {token, N} -> Next ! {token, N}, relay(Next);
        stop -> Next ! stop
    end.

%% The first node counts the laps and reports to Parent after the last one.
first(Parent) ->
    receive {next, Next} -> first(Parent, Next) end.

first(Parent, Next) ->
    receive
        {token, 0} -> Next ! stop, receive stop -> Parent ! {done, ?ROUNDS} end;
        {token, N} -> Next ! {token, N - 1}, first(Parent, Next)
    end.

main(_) ->
    Parent = self(),
    First = spawn(fun() -> first(Parent) end),
    Last = lists:foldl(fun(_, Next) -> spawn(fun() -> relay(Next) end) end, First, lists:seq(2, ?PROCS)),
    First ! {next, Last},
    T0 = erlang:monotonic_time(microsecond),
    First ! {token, ?ROUNDS},
    Laps = receive {done, L} -> L end,
    T1 = erlang:monotonic_time(microsecond),
    ?ROUNDS = Laps,
    io:format("ring: ~w us (~w processes, ~w messages)~n", [T1 - T0, ?PROCS, ?PROCS * ?ROUNDS]).
