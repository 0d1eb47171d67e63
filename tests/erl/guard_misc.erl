-module(guard_misc).
-export([main/1]).
%% Less common guard BIFs and guard sequences.

g(X) when is_map(X), map_get(k, X) > 1 -> map_get_big;
g(X) when is_binary(X), binary_part(X, 0, 1) =:= <<"a">> -> starts_a;
g(X) when is_bitstring(X), bit_size(X) < 8 -> short_bits;
g(X) when is_list(X), length(X) > 1, hd(tl(X)) =:= 2 -> second_is_2;
g(X) when is_tuple(X), tuple_size(X) > 0, is_atom(element(1, X)) -> tagged_tuple;
g(X) when is_float(X), X > 1.0e10 -> huge_float;
g(X) when is_integer(X), X band 16#FF =:= 0 -> low_byte_zero;
g(X) when is_integer(X), (X bsr 4) =:= 1 -> sixteen_range;
g(X) when is_atom(X), X =/= undefined -> atom;
g(X) when node(X) =:= nonode@nohost -> local_pid;
g(_) -> other.

h(X) when -X > 5 -> neg_big;
h(X) when X * 2 =:= 10 -> five;
h(X) when float(X) =:= 3.0 -> three;
h(_) -> other.

main(_) ->
    io:format("~p~n", [[g(X) || X <- [#{k => 2}, #{k => 1}, <<"abc">>, <<1:3>>, [1, 2, 3], {tag, 1},
                                      1.0e11, 512, 17, ok, undefined, self(), "x", <<>>]]]),
    io:format("~p~n", [[h(X) || X <- [-10, 5, 3, 150, 7, 5.0, 3.0]]]).
