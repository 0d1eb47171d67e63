-module(fmt_table).
-export([main/1]).
%% Formatting a table with padded columns.

rows() ->
    [{"apple", 3, 0.5}, {"banana", 12, 0.25}, {"cherry", 100, 12.0}, {"kiwi", 7, 1.125},
     {"watermelon", 1, 3.5}].

main(_) ->
    io:format("~-12s~6s~10s~n", ["name", "qty", "price"]),
    io:format("~s~n", [lists:duplicate(28, $=)]),
    lists:foreach(fun({N, Q, P}) -> io:format("~-12s~6w~10.2f~n", [N, Q, P]) end, rows()),
    Total = lists:sum([Q * P || {_, Q, P} <- rows()]),
    io:format("~-12s~16.3f~n", ["total", Total]),
    io:format("~12.12.0B~n", [2022]),
    io:format("~s~n", [lists:flatten([io_lib:format("~3w", [N]) || N <- lists:seq(1, 10)])]),
    lists:foreach(fun(R) ->
                          io:format("~s~n", [[io_lib:format("~4w", [R * C]) || C <- lists:seq(1, 9)]])
                  end, lists:seq(1, 9)).
