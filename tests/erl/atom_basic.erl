-module(atom_basic).
-export([main/1]).

main(_) ->
    As = [abc, 'ABC', 'hello world', 'it\'s', '', 'a.b', a@b, 'a-b', 'café', 'Ünïcode',
          '1abc', '_x', x_1, 'true', 'else', 'case', '\n', 'tab\there', 'q"uote',
          'back\\slash', [], aBC, 'Abc', '$'],
    lists:foreach(fun(A) when is_atom(A) -> io:format("~p ~w ~s~n", [A, A, A]);
                     (X) -> io:format("not atom ~p~n", [X])
                  end, As),
    io:format("~p~n", [atom_to_list('hello world')]),
    io:format("~p~n", [list_to_atom("foo bar")]),
    io:format("~p~n", [list_to_atom("")]),
    io:format("~p~n", [list_to_existing_atom("abc")]),
    io:format("~p~n", [try list_to_existing_atom("no_such_atom_zq8v") catch error:E -> E end]),
    io:format("~p~n", [atom_to_binary(abc)]),
    io:format("~p~n", [atom_to_binary(abc, utf8)]),
    io:format("~p~n", [binary_to_atom(<<"xyz">>, utf8)]),
    io:format("~p~n", [binary_to_atom(<<"xyz">>)]),
    io:format("~p~n", [is_atom(true)]),
    io:format("~p~n", [is_boolean(true)]),
    io:format("~p~n", [is_boolean(yes)]),
    io:format("~p~n", [true =:= 'true']),
    io:format("~p~n", [length(atom_to_list(abcdefghij))]),
    io:format("~p~n", [try atom_to_list("abc") catch error:E2 -> E2 end]),
    io:format("~p~n", [try list_to_atom(lists:duplicate(256, $a)) catch error:E3 -> E3 end]),
    io:format("~p~n", [length(atom_to_list(list_to_atom(lists:duplicate(255, $a))))]).
