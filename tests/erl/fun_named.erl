-module(fun_named).
-export([main/1]).
%% Named (recursive) anonymous funs.

main(_) ->
    Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
    io:format("~p~n", [Fact(10)]),
    io:format("~p~n", [Fact(25)]),
    Fib = fun Fib(N) when N < 2 -> N; Fib(N) -> Fib(N - 1) + Fib(N - 2) end,
    io:format("~p~n", [[Fib(N) || N <- lists:seq(0, 15)]]),
    Len = fun L([]) -> 0; L([_ | T]) -> 1 + L(T) end,
    io:format("~p~n", [Len("hello")]),
    Loop = fun Lp(0, Acc) -> Acc; Lp(N, Acc) -> Lp(N - 1, Acc + N) end,
    io:format("~p~n", [Loop(1000000, 0)]),
    Flatten = fun Fl([]) -> []; Fl([H | T]) when is_list(H) -> Fl(H) ++ Fl(T); Fl([H | T]) -> [H | Fl(T)] end,
    io:format("~p~n", [Flatten([1, [2, [3, [4]], 5], [[6]]])]),
    Ack = fun A(0, N) -> N + 1; A(M, 0) -> A(M - 1, 1); A(M, N) -> A(M - 1, A(M, N - 1)) end,
    io:format("~p~n", [Ack(2, 3)]),
    Base = 7,
    Pow = fun P(0) -> 1; P(E) -> Base * P(E - 1) end,
    io:format("~p~n", [Pow(30)]),
    io:format("~p~n", [erlang:fun_info(Fact, arity)]).
