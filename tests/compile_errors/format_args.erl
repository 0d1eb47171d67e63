-module(format_args).
-export([f/1]).

%% erl_lint counts the arguments a literal format string needs and warns
%% when a literal argument list has another length
f(X) ->
    io:format("~p~n"),
    io:format("~p ~p~n", [X]),
    io:format("~p~n", [X, X]),
    io:format("~p~n", []),
    io:format("abc~n", [X]),
    io:format("~*p~n", [X]),
    io:format(standard_io, "~p~p~n", [X]),
    io:fwrite("~s", []),
    io_lib:format("~w ~w", [X]),
    io_lib:fwrite("~w ~w", [X]),
    io:format(X, [X]),
    io:format("~p", [X | X]),
    io:format(<<"~p~p">>, [X]),
    io:format("~10.2.xf~i~n", [X]),
    io:format("~.*f", [X]),
    io:format("~#~+", [X]),
    io:format("~-5.3.ab", [X]),
    io:format("~p~n", "ab"),
    io:format("~c~c", "ab"),
    io:format("~p" "~p", [X]),
    io:format("~P", [X]),
    io:format("~x", [X]),
    io:format('~p', []),
    io:format("~p", [X | []]),
    io:format("~*.*.*p", []),
    io:format("~-*p", []),
    io:format("~.5.*p", []),
    io:format("~..xp", []),
    io:format("~ltp~tlp~tP~ts~tc~lP", [X]).
