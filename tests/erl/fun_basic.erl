-module(fun_basic).
-export([main/1, triple/1]).

double(X) -> X * 2.
triple(X) -> X * 3.

make_adder(N) -> fun(X) -> X + N end.
make_counter(Start) -> fun(Inc) -> Start + Inc end.
compose(F, G) -> fun(X) -> F(G(X)) end.

main(_) ->
    Sq = fun(X) -> X * X end,
    io:format("~p~n", [Sq(7)]),
    Add5 = make_adder(5),
    io:format("~p~n", [Add5(10)]),
    io:format("~p~n", [(make_adder(100))(1)]),
    io:format("~p~n", [(fun(A, B) -> A - B end)(10, 3)]),
    D = fun double/1,
    io:format("~p~n", [D(21)]),
    T = fun ?MODULE:triple/1,
    io:format("~p~n", [T(5)]),
    R = fun lists:reverse/1,
    io:format("~p~n", [R([1, 2, 3])]),
    io:format("~p~n", [lists:map(fun double/1, [1, 2, 3])]),
    io:format("~p~n", [(compose(Sq, D))(3)]),
    io:format("~p~n", [(compose(D, Sq))(3)]),
    Y = 10,
    F = fun(X) when X > Y -> bigger; (_) -> not_bigger end,
    io:format("~p~n", [[F(5), F(15)]]),
    C = make_counter(100),
    io:format("~p~n", [[C(1), C(2)]]),
    Multi = fun(0) -> zero; (N) when N < 0 -> negative; (_) -> positive end,
    io:format("~p~n", [[Multi(0), Multi(-3), Multi(8)]]),
    io:format("~p~n", [is_function(Sq)]),
    io:format("~p~n", [is_function(Sq, 1)]),
    io:format("~p~n", [is_function(Sq, 2)]),
    io:format("~p~n", [is_function(D, 1)]),
    io:format("~p~n", [erlang:fun_info(Sq, arity)]),
    io:format("~p~n", [erlang:fun_info(T, arity)]),
    io:format("~p~n", [erlang:fun_info(T, module)]),
    io:format("~p~n", [erlang:fun_info(T, name)]),
    io:format("~p~n", [erlang:fun_info(R, type)]),
    io:format("~p~n", [erlang:fun_info(Sq, type)]),
    io:format("~p~n", [D =:= fun double/1]),
    io:format("~p~n", [T =:= fun ?MODULE:triple/1]),
    io:format("~p~n", [(fun() -> no_args end)()]).
