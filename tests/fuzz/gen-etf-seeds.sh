#!/bin/sh
# Writes etf-seeds.txt: term_to_binary of varied terms, one hex line each,
# made by erl. The ETF fuzzer (fuzz.c) mutates them; regenerate with
#   tests/fuzz/gen-etf-seeds.sh
cd "$(dirname "$0")"
erl -noshell -eval '
Terms = [0, 1, -1, 255, 256, -256, 134217727, -134217728, 1 bsl 59, -(1 bsl 59), 1 bsl 64,
         -(1 bsl 100), 1 bsl 1000, 3.14, -0.5, 1.0e300, 2.2250738585072014e-308,
         a, ok, true, '"'"'hello world'"'"', list_to_atom([1046, 1047]), list_to_atom(lists:duplicate(255, $x)),
         [], "abc", [1, 2, 3], [a | b], [[1], [2, [3]]], lists:seq(1, 300), "\x{1F600}",
         {}, {a}, {a, b, c}, list_to_tuple(lists:seq(1, 300)), {{}, [{}], #{}},
         #{}, #{a => 1}, #{1 => [2], {x} => #{y => z}}, maps:from_list([{I, I * I} || I <- lists:seq(1, 40)]),
         <<>>, <<1, 2, 3>>, list_to_binary(lists:seq(0, 255)), <<1:3>>, <<255, 7:5>>,
         fun lists:map/2, fun erlang:abs/1,
         {[#{k => <<"v">>}], 1.5, -7, [x | 1]}, [{I, <<I>>, float(I)} || I <- lists:seq(1, 20)],
         lists:foldl(fun(_, A) -> [A] end, [], lists:seq(1, 50)),
         lists:foldl(fun(_, A) -> {A, A} end, leaf, lists:seq(1, 10))],
Line = fun(B) -> [io_lib:format("~2.16.0b", [X]) || <<X>> <= B] ++ "\n" end,
Out = [Line(term_to_binary(T)) || T <- Terms] ++ [Line(term_to_binary(T, [{minor_version, 1}])) || T <- [1.5, a, "x"]],
ok = file:write_file("etf-seeds.txt", Out), halt().'
