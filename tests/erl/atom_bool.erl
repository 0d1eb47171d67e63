-module(atom_bool).
-export([main/1]).
%% Boolean operators: and, or, xor, not, andalso, orelse.

main(_) ->
    Bs = [true, false],
    [io:format("~p and ~p = ~p, or = ~p, xor = ~p~n", [A, B, A and B, A or B, A xor B])
     || A <- Bs, B <- Bs],
    io:format("~p ~p~n", [not true, not false]),
    io:format("~p~n", [false andalso error(never)]),
    io:format("~p~n", [true orelse error(never)]),
    io:format("~p~n", [true andalso 42]),
    io:format("~p~n", [false orelse foo]),
    io:format("~p~n", [try id(1) and true catch error:E -> E end]),
    io:format("~p~n", [try not id(1) catch error:E2 -> E2 end]),
    io:format("~p~n", [try id(true) andalso id(false) orelse id(x) catch error:E3 -> E3 end]),
    io:format("~p~n", [try id(x) andalso true catch error:E4 -> E4 end]),
    io:format("~p~n", [try id(x) orelse true catch error:E5 -> E5 end]),
    io:format("~p~n", [1 < 2 andalso 2 < 3]),
    io:format("~p~n", [(1 > 2) or (2 < 3)]),
    io:format("~p~n", [lists:all(fun(X) -> X end, [true, true])]),
    io:format("~p~n", [lists:any(fun(X) -> X end, [false, false])]).

id(X) -> X.
