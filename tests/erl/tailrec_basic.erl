-module(tailrec_basic).
-export([main/1]).
%% Tail recursion in constant stack: 10,000,000 iterations; mutual recursion.

count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, Acc + 1).

sum_to(N) -> sum_to(N, 0).
sum_to(0, Acc) -> Acc;
sum_to(N, Acc) -> sum_to(N - 1, Acc + N).

is_even(0) -> true;
is_even(N) -> is_odd(N - 1).
is_odd(0) -> false;
is_odd(N) -> is_even(N - 1).

loop_case(N, Acc) ->
    case N of
        0 -> Acc;
        _ when N rem 3 =:= 0 -> loop_case(N - 1, Acc + 3);
        _ -> loop_case(N - 1, Acc + 1)
    end.

loop_try(0, Acc) -> Acc;
loop_try(N, Acc) -> V = try N catch _ -> 0 end, loop_try(N - 1, Acc + V rem 2).

main(_) ->
    io:format("~p~n", [count(10000000, 0)]),
    io:format("~p~n", [sum_to(10000000)]),
    io:format("~p~n", [is_even(1000001)]),
    io:format("~p~n", [is_odd(1000001)]),
    io:format("~p~n", [loop_case(3000000, 0)]),
    io:format("~p~n", [loop_try(1000000, 0)]),
    io:format("~p~n", [lists:foldl(fun(X, A) -> A + X end, 0, lists:seq(1, 1000000))]).
