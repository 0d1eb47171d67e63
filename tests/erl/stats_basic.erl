%% erlang:statistics/1: the shape of every answer, and figures that must
%% grow after work that makes them grow (no timings).
-module(stats_basic).
-export([main/1]).

loop(0) -> ok;
loop(N) -> loop(N - 1).

garbage(0, Acc) -> length(Acc);
garbage(N, _) -> garbage(N - 1, lists:seq(1, 100)).

pair({A, B}) when is_integer(A), is_integer(B), A >= 0, B >= 0, B =< A -> true;
pair(_) -> false.

main(_) ->
    S = erlang:system_info(schedulers),
    io:format("runtime ~p, wall_clock ~p~n", [pair(statistics(runtime)), pair(statistics(wall_clock))]),
    {W1, _} = statistics(wall_clock),
    timer:sleep(30),
    {W2, WSince} = statistics(wall_clock),
    io:format("wall_clock moved: ~p ~p~n", [W2 - W1 >= 30, WSince >= 30]),
    {R1, _} = statistics(exact_reductions),
    loop(100000),
    {R2, RSince} = statistics(exact_reductions),
    io:format("exact_reductions: ~p ~p~n", [R2 - R1 >= 99000, RSince >= 99000]),
    {_, _} = statistics(reductions),
    loop(100000),
    {_, Since} = statistics(reductions),
    io:format("reductions: ~p~n", [Since >= 90000]),
    {G1, _, 0} = statistics(garbage_collection),
    100 = garbage(1000, []),
    erlang:garbage_collect(),
    {G2, Words, 0} = statistics(garbage_collection),
    io:format("garbage_collection: ~p ~p~n", [G2 > G1, Words > 0]),
    {{input, I1}, {output, O1}} = statistics(io),
    io:format("0123456789~n"),
    {{input, I2}, {output, O2}} = statistics(io),
    io:format("io: ~p ~p~n", [I2 >= I1, O2 - O1 >= 11]),
    {C1, 0} = statistics(context_switches),
    Self = self(),
    spawn(fun() -> Self ! done end),
    receive done -> ok end,
    {C2, 0} = statistics(context_switches),
    io:format("context_switches: ~p~n", [C2 > C1]),
    Lists = [run_queue_lengths, run_queue_lengths_all, active_tasks, active_tasks_all],
    io:format("~p~n", [[{K, length(statistics(K)) - S} || K <- Lists]]),
    io:format("~p~n", [[{K, lists:all(fun(N) -> is_integer(N) andalso N >= 0 end, statistics(K))} || K <- Lists]]),
    Totals = [run_queue, total_run_queue_lengths, total_run_queue_lengths_all],
    io:format("~p~n", [[{K, is_integer(statistics(K)) andalso statistics(K) >= 0} || K <- Totals]]),
    io:format("~p~n", [[{K, statistics(K) >= 1} || K <- [total_active_tasks, total_active_tasks_all]]]),
    io:format("~p~n", [[{K, statistics(K)} || K <- [scheduler_wall_time, scheduler_wall_time_all]]]),
    io:format("~p~n", [[element(1, element(2, catch statistics(K))) || K <- [bogus, "runtime"]]]).
