%% A process grows its heap to many megabytes (a big list of tuples with
%% binaries inside, built across many collections), drops it and goes on
%% allocating: the data stays intact while it is live, and after a
%% collection the heap and the binaries' memory are given back.
-module(proc_heap_grow_shrink).
-export([main/1]).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [{N, integer_to_list(N), <<N:32, 0:800>>} | Acc]).

check([], N, Sum) -> {N, Sum};
check([{I, S, <<I:32, 0:800>>} | T], N, Sum) ->
    I = list_to_integer(S),
    check(T, N + 1, Sum + I).

churn(0, Acc) -> Acc;
churn(N, Acc) -> churn(N - 1, length([{X, X} || X <- lists:seq(1, 100)]) + Acc).

words() ->
    {total_heap_size, W} = process_info(self(), total_heap_size),
    W.

%% Big is live only inside grow/2: what it returns is a small part
grow(Parent, Small) ->
    Big = build(60000, []),
    Grown = words(),
    {60000, Sum} = check(Big, 0, 0),
    Churned = churn(2000, 0),
    {60000, Sum} = check(Big, 0, 0),
    garbage_collect(),
    {60000, Sum} = check(Big, 0, 0),
    Parent ! {grown, Grown > 10 * Small, Sum, Churned},
    {Grown, erlang:memory(binary), lists:sublist(Big, 10)}.

run(Parent) ->
    Small = words(),
    {Grown, BinBig, Keep} = grow(Parent, Small),
    receive go -> ok end,
    churn(2000, 0),
    garbage_collect(),
    Shrunk = words(),
    BinAfter = erlang:memory(binary),
    {10, _} = check(Keep, 0, 0),
    Parent ! {shrunk, Shrunk * 10 < Grown, BinBig - BinAfter > 60000 * 100}.

main(_) ->
    Self = self(),
    P = spawn(fun() -> run(Self) end),
    receive {grown, G, Sum, C} -> io:format("grown ~p sum ~p churn ~p~n", [G, Sum, C]) end,
    P ! go,
    receive {shrunk, S, B} -> io:format("shrunk ~p binaries released ~p~n", [S, B]) end.
