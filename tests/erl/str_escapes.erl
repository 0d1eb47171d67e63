-module(str_escapes).
-export([main/1]).
%% String and character literal escapes.

main(_) ->
    Ss = ["a\nb", "tab\there", "back\\slash", "quote\"d", "\x41\x42", "\x{41}",
          "\101\102\103", "\0", "\^A\^Z\^[", "\s", "\e\d\b\f\v\r", "\'", "\7",
          "\1234", "\x7f", "\x{ff}", "caf\x{e9}", "hello" " " "world", "" "",
          "multi
line"],
    lists:foreach(fun(S) -> io:format("~w~n~p~n", [S, S]) end, Ss),
    Cs = [$a, $A, $\n, $\s, $\t, $\\, $\", $\', $0, $\0, $\x41, $\101, $\^a, $\e,
          $\d, $ , $é, $\x{263A}, $$],
    io:format("~w~n", [Cs]),
    io:format("~p~n", [[$h, $i]]),
    io:format("~p~n", ["\x{263A}"]),
    io:format("~w~n", ["\x{263A}smile"]),
    io:format("~p~n", [length("\x{1F600}")]),
    io:format("~p~n", ['quote\'s']).
