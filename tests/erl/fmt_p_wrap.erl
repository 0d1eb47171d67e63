-module(fmt_p_wrap).
-export([main/1]).
%% ~p line breaking at 80 columns for long lists, tuples and nesting.

main(_) ->
    io:format("~p~n", [lists:seq(1, 50)]),
    io:format("~p~n", [lists:seq(1000, 1040)]),
    io:format("~p~n", [list_to_tuple(lists:seq(1, 40))]),
    io:format("~p~n", [[{N, list_to_atom("atom_" ++ integer_to_list(N))} || N <- lists:seq(1, 8)]]),
    io:format("~p~n", [{this_is_a_long_atom, [another_long_atom_here, and_one_more_long_one],
                        {nested_tuple_element, "with a string inside of it"}}]),
    io:format("~p~n", [[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]),
    io:format("~p~n", [lists:duplicate(10, "a string element")]),
    io:format("~p~n", [{a, {b, {c, {d, {e, {f, {g, {h, {i, {j, {k, {l, {m, {n, {o, {p, {q, {r, {s, {t, {u, {v, {w, {x, {y, {z}}}}}}}}}}}}}}}}}}}}}}}}}}]),
    io:format("~p~n", [[{key, "value"}, {other_key, "other value"}, {third, [1, 2, 3]},
                        {fourth, {nested, tuple}}, {fifth, <<"binary">>}]]),
    io:format("~p~n", [lists:seq(1, 30) ++ [a | b]]),
    io:format("~p~n", [{lists:seq(1, 25), lists:seq(1, 25)}]),
    io:format("~p~n", [string:copies("long string ", 10)]),
    io:format("~p~n", [[string:copies("x", 70), string:copies("y", 20)]]),
    io:format("~p~n", [{record_like, field_one_value, field_two_value, field_three_value, field_four}]),
    io:format("~p~n", [[{a, 1}, {b, 2}]]),
    io:format("~w~n", [lists:seq(1, 50)]).
