%% Takeuchi function: deep non-tail calls with three arguments.
-module(tak).
-export([main/1]).

tak(X, Y, Z) when Y < X -> tak(tak(X - 1, Y, Z), tak(Y - 1, Z, X), tak(Z - 1, X, Y));
tak(_, _, Z) -> Z.

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    9 = tak(24, 16, 8),
    T1 = erlang:monotonic_time(microsecond),
    io:format("tak: ~w us~n", [T1 - T0]).
