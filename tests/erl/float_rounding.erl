-module(float_rounding).
-export([main/1]).
%% Decimal rounding of ~.Nf (exact decimal value, ties up) versus
%% float_to_list(F, [{decimals, N}]) (a faster algorithm that can differ: 0.045, 1.45).

main(_) ->
    Vs = [0.5, 1.5, 2.5, 0.125, 0.375, 1.125, 2.675, 1.005, 0.045, 1.45, 8.345, 0.0049999,
          -0.5, -1.5, -2.5, -0.125, 1.0e-7, 123.456e3, 99.5, 999.9999],
    lists:foreach(fun(V) ->
                          io:format("~w: ~.1f ~.2f ~.3f | ~s ~s ~s~n",
                                    [V, V, V, V,
                                     float_to_list(V, [{decimals, 0}]),
                                     float_to_list(V, [{decimals, 1}]),
                                     float_to_list(V, [{decimals, 2}])])
                  end, Vs),
    io:format("~w~n", [[round(X) || X <- [0.5, 1.5, 2.5, -0.5, -1.5, 0.49999999999999994]]]),
    io:format("~s~n", [float_to_list(0.1, [{decimals, 30}])]),
    io:format("~s~n", [float_to_list(1.0e22, [{decimals, 2}])]),
    io:format("~s~n", [float_to_list(5.0e-324, [{scientific, 5}])]),
    io:format("~s~n", [float_to_list(123.456, [{scientific, 1}])]),
    io:format("~s~n", [float_to_list(9.99, [{scientific, 1}])]),
    io:format("~s~n", [float_to_list(9.96, [{decimals, 1}])]),
    io:format("~s~n", [float_to_list(0.0, [{decimals, 3}, compact])]),
    io:format("~s~n", [float_to_list(10.0, [{decimals, 3}, compact])]).
