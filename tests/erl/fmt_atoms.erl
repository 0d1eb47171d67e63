-module(fmt_atoms).
-export([main/1]).
%% When ~p/~w quote atoms, and how ~p prints special characters in strings.

main(_) ->
    As = [ok, 'OK', 'ok ok', 'ok-ok', ok@host, 'ok.ok', 'a+b', '[]', '{}', '!', 'a\'b',
          'after', 'and', 'begin', 'catch', 'end', 'fun', 'if', 'not', 'of', 'receive',
          'try', 'when', 'xor', 'maybe', 'else', 'cond', 'let', 'spec', 'nil', 'undefined',
          'Élan', 'çà', 'a1', '1a', '_', 'a_B_9', 'tab\t', 'nl\n', 'del\d', 'nul\0'],
    lists:foreach(fun(A) -> io:format("~w ~p~n", [A, A]) end, As),
    io:format("~p~n", [[0, 1, 2, 3, 4, 5, 6]]),
    io:format("~p~n", ["\a\b\t\n\v\f\r\e"]),
    io:format("~p~n", ["\"quotes\" and 'apostrophes' and \\backslash"]),
    io:format("~p~n", [<<"\"q\" \\">>]),
    io:format("~p~n", ['it\'s']),
    io:format("~p~n", [{'A', "A", <<"A">>, $A}]).
