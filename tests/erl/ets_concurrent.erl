-module(ets_concurrent).
-export([main/1]).

-define(PROCS, 6).
-define(N, 500).

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

worker(Parent, Id, T, O) ->
    [begin
         ets:update_counter(T, hits, {2, 1}),
         ets:update_counter(T, {proc, Id}, {2, I}, {{proc, Id}, 0}),
         ets:insert(O, {{Id, I}, list_to_binary(integer_to_list(I))}),
         I rem 3 =:= 0 andalso ets:delete(O, {Id, I - 1})
     end || I <- lists:seq(1, ?N)],
    Parent ! {done, Id}.

main(_) ->
    T = ets:new(counters, [set, public, {write_concurrency, true}]),
    O = ets:new(objects, [ordered_set, public, {read_concurrency, true}]),
    ets:insert(T, {hits, 0}),
    Self = self(),
    [spawn(fun() -> worker(Self, Id, T, O) end) || Id <- lists:seq(1, ?PROCS)],
    [receive {done, Id} -> ok end || Id <- lists:seq(1, ?PROCS)],
    show("hits", ets:lookup(T, hits)),
    show("per process", lists:sort([{Id, V} || {{proc, Id}, V} <- ets:tab2list(T)])),
    show("objects", ets:info(O, size)),
    Keys = [K || {K, _} <- ets:tab2list(O)],
    show("ordered", Keys =:= lists:sort(Keys)),
    show("first/last", {ets:first(O), ets:last(O)}),
    show("binaries", ets:lookup(O, {3, 500})),
    show("select count", ets:select_count(O, [{{{'$1', '_'}, '_'}, [{'==', '$1', 2}], [true]}])),
    ok.
