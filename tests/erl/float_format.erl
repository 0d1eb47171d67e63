-module(float_format).
-export([main/1]).
%% ~f ~e ~g with widths and precisions.

main(_) ->
    Fs = [0.0, 1.0, -1.0, 0.5, 3.14159265358979, -2.71828, 1/3, 123456.789, 1.0e10,
          1.0e-10, 99.995, 0.125, 1.0e100, 2.5],
    lists:foreach(fun(F) ->
                          io:format("[~f] [~e] [~g]~n", [F, F, F])
                  end, Fs),
    lists:foreach(fun(F) ->
                          io:format("[~.1f] [~.3f] [~10.2f] [~-10.2f] [~.2e] [~12.4e] [~.3g] [~.8g]~n",
                                    [F, F, F, F, F, F, F, F])
                  end, [0.5, 1.5, 2.5, 3.14159, -0.05, 1234.5678, 0.000123]),
    io:format("[~*.*f]~n", [10, 3, 3.14159]),
    io:format("[~.*f]~n", [2, 2.0]),
    io:format("[~10f]~n", [1.5]),
    io:format("[~3.1f]~n", [12345.0]),
    io:format("[~..2f]~n", [1.0]),
    io:format("~p~n", [catch_fmt("[~f]", [100])]),
    io:format("~p~n", [catch_fmt("[~.0f]", [1.5])]),
    io:format("~p~n", [catch_fmt("[~.1e]", [1.5])]),
    io:format("~p~n", [catch_fmt("[~.2e]", [15])]),
    io:format("[~g]~n", [0.0001]),
    io:format("[~g]~n", [12345678.0]).

catch_fmt(F, A) ->
    try lists:flatten(io_lib:format(F, A)) catch C:R -> {C, R} end.
