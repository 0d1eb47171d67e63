-module(fun_higher_order).
-export([main/1]).
%% Hand-written higher-order functions compared with their lists equivalents.

my_map(_, []) -> [];
my_map(F, [H | T]) -> [F(H) | my_map(F, T)].

my_foldl(_, Acc, []) -> Acc;
my_foldl(F, Acc, [H | T]) -> my_foldl(F, F(H, Acc), T).

my_filter(P, L) -> [X || X <- L, P(X)].

iterate(_, 0, X) -> X;
iterate(F, N, X) -> iterate(F, N - 1, F(X)).

until(P, F, X) -> case P(X) of true -> X; false -> until(P, F, F(X)) end.

flip(F) -> fun(A, B) -> F(B, A) end.

main(_) ->
    L = lists:seq(1, 10),
    Sq = fun(X) -> X * X end,
    io:format("~p~n", [my_map(Sq, L) =:= lists:map(Sq, L)]),
    io:format("~p~n", [my_foldl(fun(X, A) -> A - X end, 0, L)]),
    io:format("~p~n", [my_filter(fun(X) -> X rem 3 =:= 0 end, L)]),
    io:format("~p~n", [iterate(fun(X) -> X * 2 end, 10, 1)]),
    io:format("~p~n", [until(fun(X) -> X > 1000 end, fun(X) -> X * 3 end, 1)]),
    io:format("~p~n", [(flip(fun erlang:'-'/2))(1, 10)]),
    io:format("~p~n", [lists:foldr(flip(fun(X, Acc) -> [X | Acc] end), [], [a, b])]),
    Adders = [fun(X) -> X + N end || N <- lists:seq(1, 5)],
    io:format("~p~n", [lists:foldl(fun(F, A) -> F(A) end, 0, Adders)]),
    io:format("~p~n", [lists:map(fun({F, A}) -> F(A) end, [{fun atom_to_list/1, x}, {fun length/1, [1, 2]}])]),
    Y = fun(F) -> (fun(X) -> F(fun(V) -> (X(X))(V) end) end)(fun(X) -> F(fun(V) -> (X(X))(V) end) end) end,
    Fact = Y(fun(Self) -> fun(0) -> 1; (N) -> N * Self(N - 1) end end),
    io:format("~p~n", [Fact(20)]).
