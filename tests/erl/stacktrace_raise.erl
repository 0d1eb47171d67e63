-module(stacktrace_raise).
-export([main/1]).
%% erlang:raise/3 keeps a given stacktrace; erlang:error/2 records arguments.

frame({M, F, A, Loc}) -> {M, F, A, proplists:get_value(line, Loc, none)}.

inner() ->
    [error(inner_failure)].

outer() ->
    try inner()
    catch error:R:St -> erlang:raise(error, {outer, R}, St)
    end.

with_args(X, Y) ->
    [erlang:error(bad_args, [X, Y])].

main(_) ->
    try outer()
    catch error:R1:St1 -> io:format("~p ~p~n", [R1, [frame(F) || F <- lists:sublist(St1, 2)]])
    end,
    try with_args(id(1), "two")
    catch error:R2:St2 -> io:format("~p ~p~n", [R2, frame(hd(St2))])
    end,
    St = [{fake_mod, fake_fun, 3, [{file, "fake.erl"}, {line, 42}]}],
    try erlang:raise(throw, custom, St)
    catch throw:R3:St3 -> io:format("~p ~p~n", [R3, St3])
    end,
    try erlang:raise(exit, custom_exit, [])
    catch exit:R4:St4 -> io:format("~p ~p~n", [R4, St4])
    end.

id(X) -> X.
