-module(str_parse).
-export([main/1]).
%% Parsing text: CSV lines, key=value pairs, integers with validation.

parse_csv(Line) -> [string:trim(F) || F <- string:split(Line, ",", all)].

parse_kv(S) ->
    maps:from_list([case string:split(P, "=") of
                        [K, V] -> {list_to_atom(string:trim(K)), string:trim(V)};
                        [K] -> {list_to_atom(string:trim(K)), true}
                    end || P <- string:lexemes(S, ";")]).

to_int(S) ->
    try list_to_integer(string:trim(S)) of
        N -> {ok, N}
    catch error:badarg -> {error, {not_an_integer, S}}
    end.

parse_time(S) ->
    case string:lexemes(S, ":") of
        [H, M, Sec] -> {list_to_integer(H), list_to_integer(M), list_to_integer(Sec)};
        _ -> invalid
    end.

main(_) ->
    io:format("~p~n", [parse_csv("a, b ,c,,  d  ")]),
    io:format("~p~n", [parse_csv("")]),
    io:format("~p~n", [parse_kv("name = moat; version=25 ;debug; mode=fast")]),
    io:format("~p~n", [[to_int(S) || S <- ["42", " -7 ", "x", "3.5", "", "0012"]]]),
    io:format("~p~n", [[parse_time(S) || S <- ["12:34:56", "1:2", "00:00:00"]]]),
    io:format("~p~n", [string:tokens("2024-01-15T10:30:00", "-T:")]),
    io:format("~p~n", [[list_to_integer(X) || X <- string:tokens("2024-01-15", "-")]]),
    io:format("~p~n", [io_lib:fread("~d ~s", "42 hello")]),
    io:format("~p~n", [io_lib:fread("~f", "3.25")]),
    io:format("~p~n", [io_lib:fread("~a~d", "abc 12")]),
    io:format("~p~n", [string:to_integer("  12")]),
    io:format("~p~n", [string:to_float("1.0e3x")]).
