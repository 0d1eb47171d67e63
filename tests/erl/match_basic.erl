-module(match_basic).
-export([main/1]).
%% Pattern matching: aliases, repeated variables, nested structures, string prefixes.

f("prefix" ++ Rest) -> {prefixed, Rest};
f([$a | _] = All) -> {starts_a, All};
f({X, X}) -> {same, X};
f({X, _} = {_, Y}) -> {alias_tuple, X, Y};
f([{K, V} | _]) when is_atom(K) -> {first_pair, K, V};
f(<<"bin", _/binary>> = B) -> {bin_prefix, byte_size(B)};
f(#{type := T} = M) when map_size(M) > 1 -> {typed_map, T};
f(_) -> other.

main(_) ->
    io:format("~p~n", [[f(X) || X <- ["prefix_rest", "abc", {1, 1}, {1, 2}, [{k, v}, x], <<"binary">>,
                                      #{type => t, x => 1}, #{type => t}, "prefix", 42]]]),
    {A, [B, {C}]} = {1, [2, {3}]},
    io:format("~p~n", [{A, B, C}]),
    [H1, H2 | T] = "hello",
    io:format("~p~n", [{H1, H2, T}]),
    X = Y = 5,
    io:format("~p~n", [{X, Y}]),
    {P, Q} = {Q0, P0} = {q, p},
    io:format("~p~n", [{P, Q, P0, Q0}]),
    [_, Second | _] = lists:seq(10, 15),
    io:format("~p~n", [Second]),
    {_, _, Third} = {a, b, c},
    io:format("~p~n", [Third]),
    <<First:8, _/binary>> = <<"xyz">>,
    io:format("~p~n", [First]),
    #{a := Av, b := #{c := Cv}} = #{a => 1, b => #{c => 2, d => 3}},
    io:format("~p~n", [{Av, Cv}]),
    [{_, V1}, {_, V2}] = [{a, 1}, {b, 2}],
    io:format("~p~n", [V1 + V2]),
    Z = 3,
    io:format("~p~n", [case [3, 4] of [Z, W] -> {z_matched, W}; _ -> no end]),
    io:format("~p~n", [case {1.0, 1} of {N, N} -> same; _ -> float_vs_int_differ end]),
    io:format("~p~n", [case "abc" of [$a | "bc"] -> yes; _ -> no end]),
    io:format("~p~n", [case <<1, 2>> of <<1, _:8>> -> bin_yes; _ -> no end]),
    io:format("~p~n", [case {a, [b, {c, <<"d">>}]} of {a, [b, {c, <<D>>}]} -> D end]).
