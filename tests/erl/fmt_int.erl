-module(fmt_int).
-export([main/1]).
%% ~b ~B ~x ~X ~# ~+ and bases.

main(_) ->
    Ns = [0, 1, -1, 255, -255, 65535, 1 bsl 40, -(1 bsl 70)],
    lists:foreach(fun(N) ->
                          io:format("~b ~.2b ~.8b ~.16b ~.16B ~.36B ~.36b~n", [N, N, N, N, N, N, N])
                  end, Ns),
    lists:foreach(fun(N) ->
                          io:format("~x ~.16x ~.16X ~.2X ~# ~.2# ~.16+ ~+~n",
                                    [N, "pre", N, "0x", N, "0x", N, "b", N, N, N, N])
                  end, Ns),
    io:format("~.16#~n", [-255]),
    io:format("~8.16.0B~n", [255]),
    io:format("~-8.16B|~n", [255]),
    io:format("~8.16x|~n", [255, "0x"]),
    io:format("~b~n", [1 bsl 100]),
    io:format("~.16B~n", [1 bsl 100]),
    io:format("~p~n", [catch_fmt("~b", [1.5])]),
    io:format("~p~n", [catch_fmt("~.1b", [1])]),
    io:format("~p~n", [catch_fmt("~.37b", [1])]),
    io:format("~p~n", [catch_fmt("~x", [1])]).

catch_fmt(F, A) ->
    try lists:flatten(io_lib:format(F, A)) catch C:R -> {C, R} end.
