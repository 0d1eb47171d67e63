-module(map_basic).
-export([main/1]).

main(_) ->
    M = #{a => 1, b => 2},
    io:format("~p~n", [M]),
    io:format("~p~n", [#{}]),
    io:format("~p~n", [M#{c => 3}]),
    io:format("~p~n", [M#{a => 10}]),
    io:format("~p~n", [M#{a := 100}]),
    io:format("~p~n", [M#{a := x, b => y, z => w}]),
    io:format("~p~n", [map_size(M)]),
    io:format("~p~n", [is_map(M)]),
    io:format("~p~n", [#{a => 1, a => 2}]),
    io:format("~p~n", [#{1 => one, 1.0 => onef, "1" => str, '1' => atom, <<"1">> => bin, {1} => tup, [1] => list}]),
    io:format("~w~n", [#{x => [1, 2], y => {3}}]),
    io:format("~p~n", [#{nested => #{deep => #{deeper => true}}}]),
    io:format("~p~n", [#{[] => nil, {} => tuple, #{} => map}]),
    io:format("~p~n", [#{c => 3, b => 2, a => 1, 10 => ten, 2 => two, z => 26, -1 => neg}]),
    #{a := A} = M,
    io:format("~p~n", [A]),
    #{a := A2, b := B2} = M,
    io:format("~p~n", [{A2, B2}]),
    K = b,
    #{K := V} = M,
    io:format("~p~n", [V]),
    io:format("~p~n", [case M of #{c := _} -> has_c; #{a := 1} -> a_is_1 end]),
    io:format("~p~n", [case #{} of #{} -> empty_matches_any end]),
    io:format("~p~n", [case M of #{} -> any_map end]),
    io:format("~p~n", [f(M)]),
    io:format("~p~n", [f(#{b => 5})]),
    io:format("~p~n", [f(#{})]),
    io:format("~p~n", [M =:= #{b => 2, a => 1}]),
    io:format("~p~n", [#{a => 1} == #{a => 1.0}]).

f(#{a := X}) -> {a, X};
f(#{b := X}) when X > 3 -> {big_b, X};
f(_) -> none.
