-module(conv_roundtrip).
-export([main/1]).
%% Round trips through textual and binary representations.

main(_) ->
    Ints = [0, 1, -1, 255, 1 bsl 59, (1 bsl 59) - 1, -(1 bsl 59), 1 bsl 64, -(1 bsl 64), 1 bsl 200],
    io:format("~p~n", [[list_to_integer(integer_to_list(I)) =:= I || I <- Ints]]),
    io:format("~p~n", [[binary_to_integer(integer_to_binary(I, B), B) =:= I || I <- Ints, B <- [2, 16, 36]]]),
    Floats = [0.0, 1.0, -1.5, 0.1, 1.0e100, 5.0e-324, 1.7976931348623157e308, 1 / 3],
    io:format("~p~n", [[list_to_float(float_to_list(F)) =:= F || F <- Floats]]),
    io:format("~p~n", [[list_to_float(float_to_list(F, [short])) =:= F || F <- Floats]]),
    Atoms = [a, 'A b', '', 'hello_world', 'ü'],
    io:format("~p~n", [[list_to_atom(atom_to_list(A)) =:= A || A <- Atoms]]),
    io:format("~p~n", [[binary_to_atom(atom_to_binary(A, utf8), utf8) =:= A || A <- Atoms]]),
    Lists = ["", "abc", [0, 255], lists:seq(0, 255)],
    io:format("~p~n", [[binary_to_list(list_to_binary(L)) =:= L || L <- Lists]]),
    Tuples = [{}, {a}, {1, {2, 3}}],
    io:format("~p~n", [[list_to_tuple(tuple_to_list(T)) =:= T || T <- Tuples]]),
    io:format("~p~n", [[integer_to_list(I, 16) || I <- [10, 255, 4096, -4096]]]),
    io:format("~p~n", [[list_to_integer(S, 16) || S <- ["a", "FF", "1000", "-1000", "dEaDbEeF"]]]),
    io:format("~p~n", [[erlang:float_to_list(float(I)) || I <- [1, 10, 100]]]),
    io:format("~p~n", [list_to_binary(io_lib:format("~w", [{1, [2, <<3>>]}]))]),
    io:format("~p~n", [atom_to_list(list_to_atom(integer_to_list(123)))]).
