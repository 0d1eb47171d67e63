%% A process grows its heap to many megabytes (a big list of tuples with
%% binaries inside, built across many collections), drops it and goes on
%% allocating: the data stays intact while it is live, and after a
%% collection the heap and the binaries' memory are given back.
%%
%% The binaries are counted with process_info(self(), binary): the refc
%% binaries this process refers to, exact after garbage_collect/0 in erl
%% as in Moat. erlang:memory(binary) is not used: it is node-wide, and
%% erl frees a binary that another scheduler allocated later (its
%% allocator instance's delayed deallocation), so erl itself printed
%% "binaries released false" in about half the runs.
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

%% bytes of the refc binaries this process refers to
bin_bytes() ->
    {binary, Bins} = process_info(self(), binary),
    lists:sum([Size || {_Id, Size, _Refs} <- Bins]).

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
    {Grown, bin_bytes(), lists:sublist(Big, 10)}.

run(Parent) ->
    Small = words(),
    {Grown, BinBig, Keep} = grow(Parent, Small),
    receive go -> ok end,
    churn(2000, 0),
    garbage_collect(),
    Shrunk = words(),
    BinAfter = bin_bytes(),
    {10, _} = check(Keep, 0, 0),
    Parent ! {shrunk, Shrunk * 10 < Grown, BinBig - BinAfter > 60000 * 100}.

main(_) ->
    Self = self(),
    P = spawn(fun() -> run(Self) end),
    receive {grown, G, Sum, C} -> io:format("grown ~p sum ~p churn ~p~n", [G, Sum, C]) end,
    P ! go,
    receive {shrunk, S, B} -> io:format("shrunk ~p binaries released ~p~n", [S, B]) end.
