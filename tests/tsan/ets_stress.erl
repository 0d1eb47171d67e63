%% ets_stress.erl — run by make check-tsan on a ThreadSanitizer build with
%% 4 schedulers: processes on every scheduler write and read one public
%% table of each type, update counters, create and delete their own
%% tables (some with heirs, some dying with them), and share atomics and
%% persistent terms. Prints totals that do not depend on scheduling.
-module(ets_stress).
-export([main/1]).

-define(PROCS, 8).
-define(ROUNDS, 300).

worker(Parent, N, Tabs, Atomics) ->
    [begin
         [ets:insert(T, {I rem 50, N, I}) || T <- Tabs],
         [ets:lookup(T, (I * 7) rem 50) || T <- Tabs],
         ets:update_counter(hd(Tabs), counter, {2, 1}, {counter, 0}),
         atomics:add(Atomics, 1, 1),
         _ = ets:select(lists:last(Tabs), [{{'$1', N, '_'}, [{'<', '$1', 10}], ['$1']}]),
         own_table(I),
         persistent_term:get({ets_stress, N rem 3}, none),
         I rem 97 =:= 0 andalso ets:delete_all_objects(lists:nth(2, Tabs))
     end || I <- lists:seq(1, ?ROUNDS)],
    Parent ! {done, N}.

own_table(I) ->
    T = ets:new(own, [ordered_set]),
    ets:insert(T, [{K, I} || K <- lists:seq(1, 5)]),
    5 = ets:info(T, size),
    I rem 2 =:= 0 andalso ets:delete(T).

main(_) ->
    Self = self(),
    Tabs = [ets:new(shared, [Type, public]) || Type <- [set, bag, duplicate_bag, ordered_set]],
    A = atomics:new(1, []),
    [persistent_term:put({ets_stress, K}, {value, K}) || K <- lists:seq(0, 2)],
    [spawn(fun() -> worker(Self, N, Tabs, A) end) || N <- lists:seq(1, ?PROCS)],
    [receive {done, N} -> ok end || N <- lists:seq(1, ?PROCS)],
    Heir = spawn(fun() -> receive stop -> ok end end),
    Owners = [spawn(fun() -> ets:new(t, [{heir, Heir, x}]), receive stop -> ok end end) || _ <- lists:seq(1, 20)],
    [exit(P, kill) || P <- Owners],
    io:format("counter ~p~n", [ets:lookup_element(hd(Tabs), counter, 2)]),
    io:format("atomics ~p~n", [atomics:get(A, 1)]),
    io:format("set size ~p~n", [ets:info(hd(Tabs), size)]),
    io:format("ordered keys ~p~n", [length(ets:select(lists:last(Tabs), [{{'$1', '_', '_'}, [], ['$1']}]))]),
    Heir ! stop,
    ok.
