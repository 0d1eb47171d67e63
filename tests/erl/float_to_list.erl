-module(float_to_list).
-export([main/1]).

main(_) ->
    Fs = [0.1, 1.0, -1.5, 1/3, 1.0e10, 1.0e100, 2.5e-300, 123456789.0, -0.0, 3.0e-5],
    lists:foreach(fun(F) -> io:format("~s~n", [float_to_list(F)]) end, Fs),
    Opts = [[{decimals, 0}], [{decimals, 2}], [{decimals, 5}], [{decimals, 10}],
            [{decimals, 4}, compact], [{scientific, 0}], [{scientific, 3}],
            [{scientific, 10}], [short], [], [{decimals, 20}]],
    lists:foreach(fun(O) ->
                          io:format("~w:", [O]),
                          lists:foreach(fun(F) -> io:format(" ~s", [float_to_list(F, O)]) end,
                                        [0.1, 1.5, 2.5, -3.14159, 1/3, 1.0e10, 100.0, 0.005]),
                          io:format("~n")
                  end, Opts),
    io:format("~p~n", [float_to_binary(1.25)]),
    io:format("~p~n", [float_to_binary(1.25, [{decimals, 1}])]),
    io:format("~p~n", [float_to_binary(0.125, [{decimals, 2}])]),
    io:format("~p~n", [float_to_binary(1.0e3, [{decimals, 3}, compact])]),
    io:format("~p~n", [float_to_binary(7.0, [short])]),
    io:format("~p~n", [list_to_float("1.5")]),
    io:format("~p~n", [list_to_float("-2.5e3")]),
    io:format("~p~n", [list_to_float("1.0E-2")]),
    io:format("~p~n", [binary_to_float(<<"3.25">>)]),
    io:format("~p~n", [try list_to_float("1") catch error:E -> E end]),
    io:format("~p~n", [try list_to_float("1.") catch error:E2 -> E2 end]),
    io:format("~p~n", [try list_to_float(".5") catch error:E3 -> E3 end]),
    io:format("~p~n", [try binary_to_float(<<"1e5">>) catch error:E4 -> E4 end]).
