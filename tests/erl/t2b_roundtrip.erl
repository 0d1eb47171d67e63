-module(t2b_roundtrip).
-export([main/1]).
%% term_to_binary/binary_to_term round trips, options and errors.

main(_) ->
    Ts = [42, -42, 1 bsl 90, 3.14, atom, "string", <<"bin">>, <<1:5>>, {tuple, [list], #{map => 1}},
          [1 | improper], #{1 => #{2 => #{3 => deep}}}, lists:seq(1, 1000),
          list_to_binary(lists:duplicate(1000, 7))],
    lists:foreach(fun(T) ->
                          io:format("~p~n", [binary_to_term(term_to_binary(T)) =:= T])
                  end, Ts),
    L = lists:duplicate(200, $a),
    C = term_to_binary(L, [compressed]),
    io:format("~p ~p ~p~n", [byte_size(term_to_binary(L)), binary:first(C), binary_to_term(C) =:= L]),
    io:format("~w~n", [binary_to_list(term_to_binary(1.5, [{minor_version, 0}]))]),
    io:format("~w~n", [binary_to_list(term_to_binary(abc, [{minor_version, 2}]))]),
    io:format("~p~n", [binary_to_term(<<131, 97, 5>>)]),
    io:format("~p~n", [binary_to_term(<<131, 107, 0, 3, 1, 2, 3>>)]),
    io:format("~p~n", [binary_to_term(<<131, 104, 2, 97, 1, 100, 0, 1, 120>>)]),
    io:format("~p~n", [binary_to_term(<<131, 119, 2, 104, 105>>)]),
    io:format("~p~n", [binary_to_term(<<131, 110, 9, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1>>)]),
    io:format("~p~n", [binary_to_term(<<131, 70, 64, 9, 33, 251, 84, 68, 45, 24>>)]),
    io:format("~p~n", [try binary_to_term(<<131, 200>>) catch error:E -> E end]),
    io:format("~p~n", [try binary_to_term(<<1, 2, 3>>) catch error:E2 -> E2 end]),
    io:format("~p~n", [try binary_to_term(<<131, 97>>) catch error:E3 -> E3 end]),
    io:format("~p~n", [binary_to_term(<<131, 97, 5, 99, 99>>, [used])]),
    io:format("~p~n", [erlang:external_size({a, [1, 2], <<"x">>})]).
