-module(guard_bifs).
-export([main/1]).

type(X) when is_integer(X) -> integer;
type(X) when is_float(X) -> float;
type(X) when is_atom(X) -> atom;
type(X) when is_binary(X) -> binary;
type(X) when is_bitstring(X) -> bitstring;
type(X) when is_list(X) -> list;
type(X) when is_tuple(X) -> tuple;
type(X) when is_map(X) -> map;
type(X) when is_function(X) -> function;
type(_) -> other.

g1(X) when is_number(X), X > 0 -> positive_number;
g1(X) when tuple_size(X) =:= 2 -> pair;
g1(X) when length(X) > 2 -> long_list;
g1(X) when hd(X) =:= a -> starts_with_a;
g1(X) when element(1, X) =:= tag -> tagged;
g1(X) when byte_size(X) > 3 -> big_binary;
g1(X) when map_size(X) > 0 -> nonempty_map;
g1(X) when abs(X) > 100 -> big_abs;
g1(_) -> no_match.

g2(X) when X =:= 1; X =:= 2; X =:= 3 -> small;
g2(X) when is_integer(X) andalso X > 100 orelse X =:= big -> big;
g2(X) when not is_integer(X) -> not_int;
g2(_) -> other.

g3(X, Y) when X > Y, is_integer(X) -> gt;
g3(X, Y) when X == Y -> eq;
g3(_, _) -> lt_or_other.

g4(X) when (X rem 2 =:= 0) and (X > 0) -> even_positive;
g4(X) when X band 1 =:= 1 -> odd;
g4(_) -> other.

g5(X) when is_integer(X), X >= $0, X =< $9 -> digit;
g5(X) when X >= $a, X =< $z; X >= $A, X =< $Z -> letter;
g5(_) -> other.

g6(L) when is_list(L), length(L) =:= 0 -> empty;
g6(L) when erlang:is_list(L) -> list;
g6(B) when bit_size(B) rem 8 =/= 0 -> odd_bits;
g6(T) when is_tuple(T), size(T) > 1 -> sized;
g6(F) when is_function(F, 2) -> fun2;
g6(X) when is_map_key(k, X) -> has_k;
g6(X) when trunc(X) =:= 3; round(X) =:= 5 -> three_or_five;
g6(_) -> other.

main(_) ->
    io:format("~p~n", [[type(X) || X <- [1, 1.0, a, <<>>, <<1:1>>, [], {}, #{}, fun type/1]]]),
    io:format("~p~n", [[g1(X) || X <- [5, {a, b}, [1, 2, 3], [a], {tag, 1, 2}, <<"abcd">>, #{a => 1}, -200, -5, x, <<"ab">>]]]),
    io:format("~p~n", [[g2(X) || X <- [1, 3, 4, 101, big, "s", 50]]]),
    io:format("~p~n", [[g3(X, Y) || {X, Y} <- [{2, 1}, {2.0, 1}, {1, 1.0}, {0, 5}, {b, a}]]]),
    io:format("~p~n", [[g4(X) || X <- [4, -4, 3, -3, 0]]]),
    io:format("~p~n", [[g5(X) || X <- [$5, $q, $Q, $!, 500]]]),
    io:format("~p~n", [[g6(X) || X <- [[], [1], <<1:3>>, {1, 2}, fun g3/2, #{k => 1}, 3.3, 4.6, 7.0, x]]]).
