-module(map_print).
-export([main/1]).
%% ~p / ~w printing of maps, including line breaking.

main(_) ->
    io:format("~p~n", [#{a => "string", b => <<"bin">>, c => [1, 2, 3], d => {x, y}}]),
    io:format("~w~n", [#{a => "string", b => <<"bin">>}]),
    io:format("~p~n", [#{key_number_one => "a fairly long string value here",
                         key_number_two => "another fairly long string value",
                         key_number_three => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}]),
    io:format("~p~n", [[#{a => 1}, #{b => 2}]]),
    io:format("~p~n", [{#{}, #{x => #{}}}]),
    io:format("~p~n", [#{list => lists:seq(1, 40)}]),
    io:format("~p~n", [#{level1 => #{level2 => #{level3 => #{level4 => #{level5 => deep_value_here}}}}}]),
    S = io_lib:format("~p", [#{a => 1, b => 2}]),
    io:format("~p~n", [lists:flatten(S)]),
    io:format("~s~n", [io_lib:write(#{k => v})]),
    io:format("~p~n", [#{'quoted atom' => 'Another', 3.5 => -2}]).
