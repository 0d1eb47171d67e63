-module(diff_io_lib_misc).
-export([main/1]).

%% io_lib:fread's ~# (a based integer, 16#ff), write_char's
%% function_clause for what is not a character, and io_lib:format's
%% format: a flat string, a binary or an atom (a deep list is badarg).
t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    [io:format("~p ~w~n", [S, t(fun() -> io_lib:fread(F, S) end)])
     || {F, S} <- [{"~#", "16#ff"}, {"~#", "-16#ff"}, {"~#", "+2#101 x"}, {"~#", "ff"},
                   {"~#", "37#1"}, {"~#", "16#"}, {"~#", "16#zz"}, {"~#", "  10#9"},
                   {"~#", ""}, {"~3#", "16#ff"}, {"~*#~d", "2#1 5"}, {"~#", "1#1"},
                   {"~#", "16#fF"}, {"~5#", "16#ff"}, {"~#", "16#ffg"}, {"~#", "-"},
                   {"~#", "0016#1"}, {"~#", "#1"}, {"~#", "2#-1"}, {"~d~#", "1 2#11"}]],
    [io:format("~w ~w~n", [X, t(fun() -> io_lib:write_char(X) end)])
     || X <- [$a, 0, 255, 1000, -1, a, 1.0, -(1 bsl 70)]],
    [io:format("~w~n", [t(fun() -> io_lib:format(F, [x]) end)])
     || F <- [["deep ", "~p"], ["~p"], [$~, $p], [<<"~p">>], <<"~p">>, '~p', [126, [112]],
              [$a | <<"~p">>]]],
    ok.
