%% Naive reverse of a 500-element list, 300 times: list allocation.
-module(nrev).
-export([main/1]).

app([H | T], L) -> [H | app(T, L)];
app([], L) -> L.

nrev([H | T]) -> app(nrev(T), [H]);
nrev([]) -> [].

loop(0, _, R) -> R;
loop(N, L, _) -> loop(N - 1, L, nrev(L)).

main(_) ->
    L = lists:seq(1, 500),
    T0 = erlang:monotonic_time(microsecond),
    R = loop(300, L, []),
    T1 = erlang:monotonic_time(microsecond),
    500 = hd(R),
    io:format("nrev: ~w us~n", [T1 - T0]).
