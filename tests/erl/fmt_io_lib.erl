-module(fmt_io_lib).
-export([main/1]).
%% io_lib functions return (deep) character lists; print them with ~p to show the structure.

main(_) ->
    io:format("~p~n", [io_lib:format("~p", [[1, 2]])]),
    io:format("~p~n", [io_lib:format("a~sb", ["X"])]),
    io:format("~p~n", [lists:flatten(io_lib:format("~5w|~-5w|", [1, 2]))]),
    io:format("~p~n", [io_lib:write(atom)]),
    io:format("~p~n", [io_lib:write("str")]),
    io:format("~p~n", [io_lib:write([a, "b"], 1)]),
    io:format("~p~n", [lists:flatten(io_lib:write({deep, [nested, {term}]}, 3))]),
    io:format("~p~n", [io_lib:write_atom(abc)]),
    io:format("~p~n", [io_lib:write_atom('needs quotes')]),
    io:format("~p~n", [io_lib:write_string("say \"hi\"")]),
    io:format("~p~n", [io_lib:write_char($a)]),
    io:format("~p~n", [io_lib:write_char($\n)]),
    io:format("~p~n", [lists:flatten(io_lib:print({a, "b"}))]),
    io:format("~p~n", [lists:flatten(io_lib:print(lists:seq(1, 30), 1, 40, -1))]),
    io:format("~p~n", [io_lib:char_list("abc")]),
    io:format("~p~n", [io_lib:deep_char_list(["a", ["b"]])]),
    io:format("~p~n", [io_lib:latin1_char_list([255])]),
    io:format("~p~n", [io_lib:quote_atom(abc, false)]),
    io:format("~p~n", [io_lib:nl()]),
    io:format("~p~n", [io_lib:indentation("  ab", 4)]),
    io:format("~p~n", [lists:flatten(io_lib:format("~*c", [3, $z]))]),
    io:format("~p~n", [iolist_to_binary(io_lib:format("~w ~w", [1.5, <<"b">>]))]),
    io:format("~p~n", [io_lib:fwrite("~w", [x])]),
    io:format("~p~n", [lists:flatten(io_lib:format("~ts", [[9731]]))]).
