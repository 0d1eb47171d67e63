-module(try_cleanup).
-export([main/1]).
%% Exceptions as control flow: early exit from folds, resource-like cleanup.

find_first(Pred, L) ->
    try
        lists:foreach(fun(X) -> case Pred(X) of true -> throw({found, X}); false -> ok end end, L),
        not_found
    catch
        throw:{found, X} -> {found, X}
    end.

with_resource(Name, F) ->
    io:format("open ~p~n", [Name]),
    try F(Name)
    after io:format("close ~p~n", [Name])
    end.

safe_div(A, B) ->
    try A div B of
        Q -> {ok, Q}
    catch
        error:badarith -> {error, division_by_zero}
    end.

validate(L) ->
    try
        [case X of N when is_integer(N), N >= 0 -> N; _ -> throw({invalid, X}) end || X <- L]
    catch
        throw:{invalid, Bad} -> {error, {invalid, Bad}}
    end.

main(_) ->
    io:format("~p~n", [find_first(fun(X) -> X > 3 end, [1, 2, 5, 7])]),
    io:format("~p~n", [find_first(fun(X) -> X > 30 end, [1, 2, 5, 7])]),
    io:format("~p~n", [with_resource(file_a, fun(N) -> {used, N} end)]),
    io:format("~p~n", [catch with_resource(file_b, fun(_) -> throw(failed) end)]),
    io:format("~p~n", [[safe_div(10, D) || D <- [2, 0, -3]]]),
    io:format("~p~n", [validate([1, 2, 3])]),
    io:format("~p~n", [validate([1, -2, 3])]),
    io:format("~p~n", [validate([1, x])]),
    Deep = fun D(0) -> throw(bottom); D(N) -> D(N - 1) end,
    io:format("~p~n", [catch Deep(100000)]).
