-module(try_basic).
-export([main/1]).

run(F) ->
    try F() of
        V -> {value, V}
    catch
        throw:T -> {thrown, T};
        error:E -> {error, E};
        exit:X -> {exited, X}
    end.

main(_) ->
    io:format("~p~n", [run(fun() -> ok end)]),
    io:format("~p~n", [run(fun() -> throw(ball) end)]),
    io:format("~p~n", [run(fun() -> error(oops) end)]),
    io:format("~p~n", [run(fun() -> exit(bye) end)]),
    io:format("~p~n", [run(fun() -> throw({complex, [1, 2], #{k => v}}) end)]),
    io:format("~p~n", [run(fun() -> error({badthing, 42}) end)]),
    io:format("~p~n", [run(fun() -> exit(normal) end)]),
    io:format("~p~n", [run(fun() -> 1 / id(0) end)]),
    io:format("~p~n", [run(fun() -> erlang:error(badarg, [1, 2]) end)]),
    io:format("~p~n", [try throw(x) catch X -> {default_class_is_throw, X} end]),
    io:format("~p~n", [try error(x) catch _:_ -> caught_all end]),
    io:format("~p~n", [try exit(x) catch exit:_ -> caught_exit end]),
    io:format("~p~n", [try id(5) of 5 -> five; _ -> other catch _ -> never end]),
    io:format("~p~n", [try 1 + 1 catch _ -> never end]),
    io:format("~p~n", [try
                           throw(first)
                       catch
                           throw:first ->
                               try throw(second) catch throw:S -> {nested, S} end
                       end]),
    io:format("~p~n", [try
                           try error(inner) catch error:inner -> throw(rethrown) end
                       catch
                           throw:R -> {outer_caught, R}
                       end]),
    io:format("~p~n", [try try exit(a) catch throw:_ -> wrong end catch exit:a -> passed_through end]),
    io:format("~p~n", [(fun() -> try throw(early) catch throw:early -> returned_from_catch end end)()]),
    io:format("~p~n", [try error(with_guard) catch error:Reason when is_atom(Reason) -> {guarded, Reason} end]),
    io:format("~p~n", [try throw(5) catch throw:N when N > 10 -> big; throw:N -> {small, N} end]).

id(X) -> X.
