-module(format_invalid).
-export([f/1]).

%% erl_lint parses a literal format string and names what is wrong in it
f(X) ->
    io:format("~q~n", [X]),
    io:format("~", [X]),
    io:format("~5", [X]),
    io:format("~tf", [X]),
    io:format("~lw", [X]),
    io:format("~ls", [X]),
    io:format("~te", [X]),
    io:format("~kp", [X]),
    io:format("~-p", [X]),
    io:format("~a", [X]),
    io:format("~..p", [X]),
    io:format("~..pq", [X]),
    io:format("~..", [X]),
    io:format("~.", [X]),
    io:format("~.*.p", [X]),
    io:format("~5*p", [X]),
    io:format("~t", [X]),
    io:format("~tl", [X]),
    io:format("~lt", [X]),
    io:format("~tt", [X]),
    io:format("~Kp", [X]).
