%% List comprehensions whose element variables live in x registers (no
%% call until the next element) beside ones that need y slots.
-module(lc_regs).
-export([main/1]).

id(X) -> X.

main(_) ->
    L = [3, 1, 4, 1, 5, 9, 2, 6],
    P = 4,
    io:format("~p~n", [[X || X <- L, X < P]]),
    io:format("~p~n", [[{X, P} || X <- L, X >= P]]),
    io:format("~p~n", [[A + B || {A, B} <- [{1, 2}, {3, 4}, x, {5}]]]),
    io:format("~p~n", [[A || {A, A} <- [{1, 1}, {2, 3}, {4, 4}]]]),
    io:format("~p~n", [[id(X) * 2 || X <- L, X > 2]]),
    io:format("~p~n", [[X || X <- L, id(X) > 3]]),
    io:format("~p~n", [[{X, Y} || X <- [1, 2], Y <- [a, b]]]),
    io:format("~p~n", [[X || X <- L, X rem 2 =:= 0, X > 2]]),
    io:format("~p~n", [[H || [H | _] <- ["ab", "", "cd"]]]),
    X = 100,
    io:format("~p~n", [[X || X <- [1, 2]]]),
    io:format("~p~n", [X]),
    io:format("~p~n", [[X + Y || Y <- [1, 2]]]),
    Big = lists:seq(1, 20000),
    io:format("~p~n", [length([{Y, Y} || Y <- Big, Y rem 3 =:= 0])]),
    io:format("~p~n", [<< <<(B + 1)>> || <<B>> <= <<1, 2, 3>> >>]).
