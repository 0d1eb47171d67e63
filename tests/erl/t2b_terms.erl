-module(t2b_terms).
-export([main/1]).
%% term_to_binary of floats, atoms, tuples, lists, strings, binaries, maps.

main(_) ->
    Ts = [1.5, -0.25, 1.0e100, 0.1, abc, '', 'with space', true, [], "abc", [1, 2, 3],
          [1, 2 | 3], [a, "b"], {}, {a, 1}, {1, {2, {3}}}, <<>>, <<1, 2, 3>>, <<1:3>>,
          <<255, 7:5>>, #{}, #{a => 1}, #{b => [1], a => {x}}, [[]], "\x{100}",
          [256, 1000], {[], <<>>, #{}}, list_to_tuple(lists:seq(1, 300)),
          lists:duplicate(3, 300), 'é', [233]],
    lists:foreach(fun(T) ->
                          B = term_to_binary(T),
                          io:format("~w~n  ~w~n", [T, binary_to_list(B)]),
                          T = binary_to_term(B)
                  end, lists:sublist(Ts, 27)),
    lists:foreach(fun(T) ->
                          B = term_to_binary(T),
                          io:format("size=~w head=~w~n", [byte_size(B), binary_to_list(binary:part(B, 0, min(8, byte_size(B))))])
                  end, lists:nthtail(27, Ts)),
    io:format("~w~n", [binary_to_list(term_to_binary('é'))]),
    io:format("~w~n", [binary_to_list(term_to_binary(list_to_atom([9731])))]).
