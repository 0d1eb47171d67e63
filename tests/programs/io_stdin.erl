%% Reading standard input: io:get_line, io:fread, io:read, io:get_chars
%% and file:read_line on standard_io, until end of file.
-module(io_stdin).
-export([main/1]).

main(_) ->
    P = fun(X) -> io:format("~p~n", [X]) end,
    P(io:get_line('')),
    P(io:fread('', "~d ~d")),
    P(io:get_line('')),
    P(io:fread('', "~s ~f")),
    P(io:read('')),
    P(io:read('')),
    P(io:get_line('')),
    P(io:get_chars('', 5)),
    P(io:get_line('')),
    P(io:fread('', "~a")),
    P(sum_lines(0, 0)),
    P(io:get_line('')),
    P(io:fread('', "~d")),
    P(io:read('')).

sum_lines(N, Sum) ->
    case io:get_line('') of
        eof -> {N, Sum};
        "end\n" -> {N, Sum};
        Line -> sum_lines(N + 1, Sum + list_to_integer(string:trim(Line)))
    end.
