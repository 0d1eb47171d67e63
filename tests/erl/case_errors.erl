-module(case_errors).
-export([main/1]).

t(Name, F) ->
    io:format("~s: ~p~n", [Name, try F() catch C:R -> {C, R} end]).

only_ints(X) when is_integer(X) -> X.
two(a, b) -> ab.

main(_) ->
    t("case_clause", fun() -> case id(3) of 1 -> one; 2 -> two end end),
    t("case_clause tuple", fun() -> case id({x, y}) of {x, z} -> a end end),
    t("if_clause", fun() -> X = id(5), if X > 10 -> big; X < 0 -> neg end end),
    t("function_clause", fun() -> only_ints(id(a)) end),
    t("function_clause 2 args", fun() -> two(id(a), id(c)) end),
    t("badmatch", fun() -> {A, B} = id({1, 2, 3}), {A, B} end),
    t("badmatch value", fun() -> 1 = id(2) end),
    t("badmatch list", fun() -> [_] = id([]) end),
    t("badmatch string", fun() -> "abc" = id("abd") end),
    t("badmatch map", fun() -> #{a := 1} = id(#{a => 2}) end),
    t("badmatch binary", fun() -> <<1, _/binary>> = id(<<2, 3>>) end),
    t("fun clause", fun() -> (fun(ok) -> fine end)(id(notok)) end),
    t("nested case ok", fun() -> case id(1) of 1 -> case id(2) of 2 -> both end end end).

id(X) -> X.
