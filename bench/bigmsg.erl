%% A big message: a 1 MiB term (a list of 65,536 small integers: 16 bytes
%% a cell) sent back and forth 200 times between two processes. Every send
%% copies the whole term into the receiver (no shared heap), so this is
%% the cost of copying and of collecting what was copied.
-module(bigmsg).
-export([main/1]).

-define(ROUNDS, 200).

echo() ->
    receive
        {From, Term} -> From ! {self(), Term}, echo();
        stop -> ok
    end.

bounce(_Echo, Term, 0) -> Term;
bounce(Echo, Term, N) ->
    Echo ! {self(), Term},
    receive {Echo, Back} -> bounce(Echo, Back, N - 1) end.

main(_) ->
    Term = lists:seq(1, 65536),
    Echo = spawn(fun echo/0),
    T0 = erlang:monotonic_time(microsecond),
    Back = bounce(Echo, Term, ?ROUNDS),
    T1 = erlang:monotonic_time(microsecond),
    Echo ! stop,
    Term = Back,
    io:format("bigmsg: ~w us (~w round trips of a 1 MiB term)~n", [T1 - T0, ?ROUNDS]).
