-module(try_clause).
-export([main/1]).

t(Name, F) ->
    io:format("~s: ~p~n", [Name, try F() catch C:R -> {C, R} end]).

main(_) ->
    t("try_clause", fun() -> try id(3) of 1 -> one; 2 -> two catch _ -> no end end),
    t("try_clause tuple", fun() -> try id({a}) of {b} -> b after ok end end),
    t("error in of-clause not caught by same try",
      fun() -> try id(1) of 1 -> error(in_of) catch error:in_of -> caught_here end end),
    t("throw in catch clause", fun() -> try throw(a) catch throw:a -> throw(b) end end),
    t("uncaught class mismatch", fun() -> try exit(x) catch error:_ -> wrong end end),
    t("error/2", fun() -> error(reason, [arg1, arg2]) end),
    t("raise error", fun() -> erlang:raise(error, raised_err, []) end),
    t("raise throw", fun() -> erlang:raise(throw, raised_throw, []) end),
    t("raise exit", fun() -> erlang:raise(exit, raised_exit, []) end),
    t("raise bad class", fun() -> erlang:raise(id(bad_class), x, []) end),
    t("rethrow with stack", fun() ->
                                    try error(orig)
                                    catch error:E:St -> erlang:raise(error, {wrapped, E}, St)
                                    end
                            end),
    t("exit/1 tuple", fun() -> exit({shutdown, reason}) end),
    t("nocatch value", fun() -> throw(value_only) end).

id(X) -> X.
