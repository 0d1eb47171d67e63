-module(try_catch_expr).
-export([main/1]).
%% Old-style catch Expr.

show({'EXIT', {Reason, Stack}}) when is_list(Stack) -> {'EXIT', Reason};
show(Other) -> Other.

main(_) ->
    io:format("~p~n", [catch 42]),
    io:format("~p~n", [catch throw(thrown_value)]),
    io:format("~p~n", [catch exit(exit_reason)]),
    io:format("~p~n", [catch exit({complex, 1})]),
    io:format("~p~n", [show(catch error(err_reason))]),
    io:format("~p~n", [show(catch 1 / id(0))]),
    io:format("~p~n", [show(catch hd(id([])))]),
    io:format("~p~n", [show(catch element(5, id({a})))]),
    io:format("~p~n", [show(catch (id(fun() -> ok end))(1, 2)) =/= ok]),
    io:format("~p~n", [show(catch case id(x) of y -> y end)]),
    io:format("~p~n", [show(catch list_to_atom(id(123)))]),
    io:format("~p~n", [catch throw({'EXIT', fake})]),
    X = (catch 1 + 2),
    io:format("~p~n", [X]),
    {'EXIT', {R, [Frame | _]}} = (catch error(check_frame)),
    io:format("~p ~p~n", [R, element(1, Frame)]),
    io:format("~p~n", [[catch throw(N) || N <- [1, 2, 3]]]),
    io:format("~p~n", [catch exit(normal)]).

id(X) -> X.
