-module(try_values).
-export([main/1]).
%% Any term can be thrown, raised or used as an exit reason; classes are preserved.

main(_) ->
    Terms = [atom, 42, 1.5, "string", <<"bin">>, {tuple, 1}, [list], #{map => 1}, [], {}, -1,
             1 bsl 100],
    lists:foreach(fun(T) ->
                          R = [try throw(T) catch throw:X1 -> {throw, X1 =:= T} end,
                               try error(T) catch error:X2 -> {error, X2 =:= T} end,
                               try exit(T) catch exit:X3 -> {exit, X3 =:= T} end],
                          io:format("~p: ~p~n", [T, R])
                  end, Terms),
    io:format("~p~n", [try throw(throw) catch Class:Reason -> {Class, Reason} end]),
    io:format("~p~n", [try error(error) catch Class2:Reason2 -> {Class2, Reason2} end]),
    io:format("~p~n", [try exit(exit) catch Class3:Reason3 -> {Class3, Reason3} end]),
    io:format("~p~n", [catch throw(throw)]),
    io:format("~p~n", [element(1, catch error(x))]),
    io:format("~p~n", [try [throw(N) || N <- [1, 2, 3]] catch throw:N -> {first_thrown, N} end]).
