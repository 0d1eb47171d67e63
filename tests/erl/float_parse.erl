-module(float_parse).
-export([main/1]).
%% Float literals and parsing round trips.

main(_) ->
    Lits = [1.0, 1.50, 0.000001, 1.0e-6, 1.0E6, 12.5e+3, 3.0e0, 0.1e-1, 1.7976931348623157e308,
            4.9406564584124654e-324, 2.2250738585072009e-308, 0.30000000000000004,
            123456789012345678.0, 1.23456789012345678e17, 1_000.5, 1.0e1_0],
    lists:foreach(fun(F) -> io:format("~w~n", [F]) end, Lits),
    Strs = ["1.0", "-1.0", "1.5e10", "1.5e-10", "1.0E+2", "0.1", "123.456", "1.7976931348623157e308",
            "2.5e-324", "0.0", "-0.0", "00.5", "1.0e0001"],
    lists:foreach(fun(S) -> io:format("~s -> ~w~n", [S, list_to_float(S)]) end, Strs),
    Rt = [0.1, 1 / 3, 2 / 3, 1.0e23, 5.0e-324, 1.0e-7, 123456.789, 9007199254740993.0],
    io:format("~w~n", [[list_to_float(float_to_list(F, [short])) =:= F || F <- Rt]]),
    io:format("~w~n", [[list_to_float(float_to_list(F)) =:= F || F <- Rt]]),
    io:format("~w~n", [[binary_to_float(float_to_binary(F, [short])) =:= F || F <- Rt]]).
