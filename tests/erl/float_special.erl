-module(float_special).
-export([main/1]).
%% Negative zero, subnormals, precision edges, integer-valued floats.

main(_) ->
    %% -0.0 is computed at run time: OTP 25 treats 0.0 =:= -0.0 as true and
    %% erlc may merge the two literals.
    NZ = id(0.0) * -1,
    io:format("~p ~p~n", [NZ, 0.0]),
    io:format("~p~n", [NZ == 0.0]),
    io:format("~p~n", [NZ =:= 0.0]),
    io:format("~p~n", [NZ < 0.0]),
    io:format("~p~n", [lists:sort([0.0, NZ, 0])]),
    io:format("~p~n", [-1 * id(0.0)]),
    io:format("~p~n", [abs(NZ)]),
    io:format("~p~n", [float_to_list(NZ)]),
    io:format("~p~n", [trunc(NZ)]),
    io:format("~p~n", [term_to_binary(NZ)]),
    io:format("~p~n", [term_to_binary(0.0)]),
    io:format("~p~n", [2.0e-308 / 4]),
    io:format("~p~n", [1.0e-300 * 1.0e-10]),
    io:format("~p~n", [1.0 + 1.0e-16]),
    io:format("~p~n", [1.0 + 2.220446049250313e-16]),
    io:format("~p~n", [[float(N) || N <- [1, 10, 100, 1000, 10000, 100000, 1000000]]]),
    io:format("~p~n", [[1.0 / N || N <- [2, 4, 8, 16, 1024]]]),
    io:format("~p~n", [[math:pow(10, E) || E <- [-5, -4, -3, -2, -1, 0, 14, 15, 16, 17, 21, 22]]]),
    io:format("~p~n", [0.1 * 3]),
    io:format("~p~n", [9.999999999999999e22]),
    io:format("~p~n", [1.0e23 == 9.999999999999999e22]).

id(X) -> X.
