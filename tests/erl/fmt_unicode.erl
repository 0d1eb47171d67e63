-module(fmt_unicode).
-export([main/1]).
%% Unicode and latin-1 output. erl -noshell runs with a latin1 standard_io,
%% so characters 128..255 are written as single bytes, and characters above
%% 255 written with ~ts are escaped as \x{...}.

main(_) ->
    S = [104, 233, 108, 108, 111],
    U = [9731, 32, 115, 110, 111, 119],
    io:format("~p~n", [S]),
    io:format("~tp~n", [S]),
    io:format("~p~n", [U]),
    io:format("~tp~n", [U]),
    io:format("~s~n", [S]),
    io:format("~ts~n", [S]),
    io:format("~ts~n", [U]),
    io:format("~w~n", [U]),
    io:format("~p~n", [<<"h", 233, "llo">>]),
    io:format("~tp~n", [unicode:characters_to_binary(S)]),
    io:format("~tp~n", [unicode:characters_to_binary(U)]),
    io:format("~p~n", [unicode:characters_to_binary(U)]),
    io:format("~ts~n", [unicode:characters_to_binary(S)]),
    io:format("~s~n", [unicode:characters_to_binary(S)]),
    io:format("~tc~n", [233]),
    io:format("~c~n", [233]),
    io:format("~tc~n", [9731]),
    io:format("~p~n", ['atom_é']),
    io:format("~p~n", [list_to_atom(U)]),
    io:format("~tp~n", [{key, U}]),
    io:format("~p~n", [lists:flatten(io_lib:format("~ts", [U]))]),
    io:format("~p~n", [lists:flatten(io_lib:format("~tp", [U]))]),
    io:format("~p~n", [io_lib:format("~tc", [9731])]),
    io:format("~10ts|~n", [U]),
    io:format("~-10ts|~n", [S]),
    io:format("~p~n", [try lists:flatten(io_lib:format("~s", [U])) catch C:R -> {C, R} end]).
