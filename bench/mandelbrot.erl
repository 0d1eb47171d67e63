%% Mandelbrot set, 400x400 points, 50 iterations: float loops.
-module(mandelbrot).
-export([main/1]).

iter(_, _, _, _, 0) -> 1;
iter(Zr, Zi, Cr, Ci, N) ->
    Zr2 = Zr * Zr, Zi2 = Zi * Zi,
    if Zr2 + Zi2 > 4.0 -> 0;
       true -> iter(Zr2 - Zi2 + Cr, 2.0 * Zr * Zi + Ci, Cr, Ci, N - 1)
    end.

rows(Y, Size, Acc) when Y >= Size -> Acc;
rows(Y, Size, Acc) -> rows(Y + 1, Size, cols(0, Y, Size, Acc)).

cols(X, _, Size, Acc) when X >= Size -> Acc;
cols(X, Y, Size, Acc) ->
    Cr = 2.0 * X / Size - 1.5, Ci = 2.0 * Y / Size - 1.0,
    cols(X + 1, Y, Size, Acc + iter(0.0, 0.0, Cr, Ci, 50)).

main(_) ->
    T0 = erlang:monotonic_time(microsecond),
    Inside = rows(0, 400, 0),
    T1 = erlang:monotonic_time(microsecond),
    true = Inside > 0,
    io:format("mandelbrot: ~w us~n", [T1 - T0]).
