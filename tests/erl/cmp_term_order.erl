-module(cmp_term_order).
-export([main/1]).
%% number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring

main(_) ->
    F = fun() -> ok end,
    R = make_ref(),
    P = self(),
    Terms = [<<1>>, [a], [], #{}, {}, P, F, R, z, 1, 0.5, <<1:3>>, {a, b}, "abc", -3,
             #{a => 1}, atom, 1 bsl 70],
    Sorted = lists:sort(Terms),
    io:format("~p~n", [[kind(T) || T <- Sorted]]),
    io:format("~p~n", [1 < a]),
    io:format("~p~n", [a < R]),
    io:format("~p~n", [R < F]),
    io:format("~p~n", [F < P]),
    io:format("~p~n", [P < {}]),
    io:format("~p~n", [{} < #{}]),
    io:format("~p~n", [#{} < []]),
    io:format("~p~n", [[] < [a]]),
    io:format("~p~n", [[a] < <<>>]),
    io:format("~p~n", [<<1:3>> < <<1>>]),
    io:format("~p~n", [{1, 2} < {1, 3}]),
    io:format("~p~n", [{9} < {1, 1}]),
    io:format("~p~n", [[1, 2] < [1, 2, 3]]),
    io:format("~p~n", [[2] > [1, 2, 3]]),
    io:format("~p~n", [abc < abd]),
    io:format("~p~n", [ab < abc]),
    io:format("~p~n", ['Z' < a]),
    io:format("~p~n", [<<1, 2>> < <<1, 3>>]),
    io:format("~p~n", [<<2>> > <<1, 2>>]),
    io:format("~p~n", [#{a => 1} < #{a => 2}]),
    io:format("~p~n", [#{b => 1} < #{a => 1, b => 1}]),
    io:format("~p~n", [#{a => 2} < #{b => 1}]),
    io:format("~p~n", [#{1 => a} < #{1.0 => a}]),
    io:format("~p~n", [{1, a} < {1.0, b}]).

kind(T) when is_number(T) -> {number, T};
kind(T) when is_atom(T) -> {atom, T};
kind(T) when is_reference(T) -> reference;
kind(T) when is_function(T) -> 'fun';
kind(T) when is_port(T) -> port;
kind(T) when is_pid(T) -> pid;
kind(T) when is_tuple(T) -> {tuple, T};
kind(T) when is_map(T) -> {map, T};
kind([]) -> nil;
kind(T) when is_list(T) -> {list, T};
kind(T) when is_bitstring(T) -> {bitstring, T}.
