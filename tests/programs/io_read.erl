%% Reading Erlang terms from standard input with io:read/1,2,3: terms over
%% several lines, line numbers, syntax errors, end of file.
-module(io_read).
-export([main/1]).

main(_) ->
    P = fun(X) -> io:format("~p~n", [X]) end,
    P(io:read('')),
    P(io:read(standard_io, "", 1)),
    P(io:read(standard_io, "", 10)),
    P(io:read('term> ')),
    P(io:read(standard_io, "", 1)),
    P(io:get_line('')),
    P(io:read('')),
    P(io:read(standard_io, "", 5)).
