-module(include_basic).
-export([main/1]).
-include("rec_defs.hrl").
-include("include_helpers.hrl").

main(_) ->
    io:format("~p~n", [?ORIGIN]),
    io:format("~p~n", [?SQUARE(7)]),
    io:format("~p~n", [helper_double(21)]),
    io:format("~p~n", [?HELPER_CONST]),
    io:format("~p~n", [#person{name = "inc"}]),
    io:format("~p~n", [distance(#point{x = 3, y = 4})]).

distance(#point{x = X, y = Y}) -> math:sqrt(?SQUARE(X) + ?SQUARE(Y)).
