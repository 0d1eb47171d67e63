-module(case_if).
-export([main/1]).

classify(N) ->
    case N of
        0 -> zero;
        N when N < 0 -> negative;
        N when N rem 2 =:= 0 -> even;
        _ -> odd
    end.

sign(N) ->
    if N > 0 -> 1;
       N < 0 -> -1;
       true -> 0
    end.

nested(X, Y) ->
    case X of
        {a, A} ->
            case Y of
                [H | _] when H > A -> {a_smaller, H};
                _ -> a_other
            end;
        {b, _} = Whole -> {whole, Whole};
        [_, _ | _] -> long_list;
        <<F, _/binary>> -> {binary_first, F};
        #{key := V} -> {map_key, V};
        "str" -> string_literal;
        X when is_atom(X) -> {atom, X}
    end.

main(_) ->
    io:format("~p~n", [[classify(N) || N <- [0, -5, 4, 7]]]),
    io:format("~p~n", [[sign(N) || N <- [10, -3, 0, 0.0, -0.5]]]),
    io:format("~p~n", [nested({a, 1}, [5])]),
    io:format("~p~n", [nested({a, 10}, [5])]),
    io:format("~p~n", [nested({b, 2}, x)]),
    io:format("~p~n", [nested([1, 2, 3], x)]),
    io:format("~p~n", [nested(<<9, 8>>, x)]),
    io:format("~p~n", [nested(#{key => v, other => o}, x)]),
    io:format("~p~n", [nested("str", x)]),
    io:format("~p~n", [nested(atom, x)]),
    R = case lists:member(3, [1, 2, 3]) of true -> found; false -> missing end,
    io:format("~p~n", [R]),
    V = if length([1, 2]) > 1 -> multi; true -> single end,
    io:format("~p~n", [V]),
    Bound = 5,
    io:format("~p~n", [case 5 of Bound -> matched_bound; _ -> no end]),
    io:format("~p~n", [case {1, 2} of {Same, Same} -> same; {_, _} -> different end]),
    io:format("~p~n", [case [1, 1] of [Same2, Same2] -> same; _ -> different end]),
    io:format("~p~n", [case {ok, 3} of {ok, N} when N > 2 -> {big, N}; {ok, N} -> {small, N} end]),
    Z = case id(x) of x -> W = 1, W + 1; y -> W = 2, W end,
    io:format("~p ~p~n", [Z, W]),
    io:format("~p~n", [begin Q = 3, Q * Q end]).

id(X) -> X.
