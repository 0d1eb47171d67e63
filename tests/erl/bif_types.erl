-module(bif_types).
-export([main/1]).
%% Type-test BIFs over a table of values.

main(_) ->
    Vals = [{int, 1}, {big, 1 bsl 70}, {float, 1.0}, {atom, a}, {true, true}, {nil, []},
            {list, [1]}, {string, "s"}, {tuple, {}}, {map, #{}}, {bin, <<>>}, {bits, <<1:1>>},
            {'fun', fun() -> ok end}, {pid, self()}, {ref, make_ref()}],
    Tests = [{is_integer, fun erlang:is_integer/1}, {is_float, fun erlang:is_float/1},
             {is_number, fun erlang:is_number/1}, {is_atom, fun erlang:is_atom/1},
             {is_boolean, fun erlang:is_boolean/1}, {is_list, fun erlang:is_list/1},
             {is_tuple, fun erlang:is_tuple/1}, {is_map, fun erlang:is_map/1},
             {is_binary, fun erlang:is_binary/1}, {is_bitstring, fun erlang:is_bitstring/1},
             {is_function, fun erlang:is_function/1}, {is_pid, fun erlang:is_pid/1},
             {is_reference, fun erlang:is_reference/1}, {is_port, fun erlang:is_port/1}],
    lists:foreach(fun({Name, V}) ->
                          Trues = [T || {T, F} <- Tests, F(V)],
                          io:format("~-7s ~p~n", [atom_to_list(Name), Trues])
                  end, Vals),
    io:format("~p~n", [is_function(fun lists:map/2, 2)]),
    io:format("~p~n", [is_record({r, 1}, r, 2)]),
    io:format("~p~n", [try is_function(id(fun() -> ok end), id(-1)) catch error:E -> E end]).

id(X) -> X.
