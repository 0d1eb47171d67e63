-module(ets_owner).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

%% A process that makes a table with Opts, sends it to the parent, then
%% runs the commands it is sent.
owner(Parent, Opts) ->
    T = ets:new(owned, Opts),
    ets:insert(T, {k, v}),
    Parent ! {table, self(), T},
    loop().

loop() ->
    receive
        {run, From, F} -> From ! {result, t(F)}, loop();
        stop -> exit(normal)
    end.

start(Opts) ->
    Self = self(),
    {Pid, Ref} = spawn_monitor(fun() -> owner(Self, Opts) end),
    receive {table, Pid, T} -> {Pid, Ref, T} end.

run(Pid, F) ->
    Pid ! {run, self(), F},
    receive {result, R} -> R end.

down(Ref) -> receive {'DOWN', Ref, process, _, Why} -> Why end.

main(_) ->
    {P1, R1} = begin {P, R, T1} = start([]), put(t1, T1), {P, R} end,
    T1 = get(t1),
    show("alive info", ets:info(T1, size)),
    show("owner is other", ets:info(T1, owner) =:= P1),
    show("protected read", ets:lookup(T1, k)),
    show("protected write", t(fun() -> ets:insert(T1, {x, y}) end)),
    show("protected delete", t(fun() -> ets:delete(T1) end)),
    show("owner writes", run(P1, fun() -> ets:insert(T1, {x, y}) end)),
    P1 ! stop,
    show("stopped", down(R1)),
    show("gone after exit", {ets:info(T1), t(fun() -> ets:lookup(T1, k) end)}),
    {P2, R2, T2} = start([private]),
    show("private read", t(fun() -> ets:lookup(T2, k) end)),
    show("private info allowed", ets:info(T2, protection)),
    exit(P2, kill),
    show("killed", down(R2)),
    show("gone after kill", ets:info(T2)),
    {P3, R3, T3} = start([public, named_table]),
    show("public write", ets:insert(T3, {x, y})),
    show("public read", lists:sort(ets:tab2list(T3))),
    exit(P3, kill), down(R3),
    show("named gone", {ets:whereis(owned), ets:info(owned)}),
    {P4, R4, T4} = start([{heir, self(), heir_data}]),
    exit(P4, kill), down(R4),
    receive
        {'ETS-TRANSFER', T4, P4, Data} -> show("heir got", Data)
    end,
    show("heir owns", ets:info(T4, owner) =:= self()),
    show("heir reads", ets:lookup(T4, k)),
    show("heir writes", ets:insert(T4, {new, 1})),
    {P5, R5, T5} = start([]),
    show("setopts by other", t(fun() -> ets:setopts(T5, {heir, self(), x}) end)),
    show("setopts by owner", run(P5, fun() -> ets:setopts(T5, {heir, self(), x}) end)),
    show("heir info", ets:info(T5, heir) =:= P5),
    run(P5, fun() -> ets:setopts(T5, {heir, none}) end),
    show("heir none", ets:info(T5, heir)),
    P5 ! stop, down(R5),
    show("no heir: deleted", ets:info(T5)),
    G = ets:new(gift, []),
    ets:insert(G, {g, 1}),
    {P6, R6, _} = start([]),
    show("give_away", ets:give_away(G, P6, present)),
    show("new owner", ets:info(G, owner) =:= P6),
    show("old owner writes", t(fun() -> ets:insert(G, {h, 2}) end)),
    show("new owner got", run(P6, fun() -> receive {'ETS-TRANSFER', Tab, _, D} -> {Tab =:= G, D} after 0 -> none end end)),
    show("give back", run(P6, fun() -> ets:give_away(G, self(), x) end)),
    show("give to self", run(P6, fun() -> ets:give_away(G, self(), x) end)),
    show("not owner gives", t(fun() -> ets:give_away(G, P6, x) end)),
    P6 ! stop, down(R6),
    show("give to dead", t(fun() -> ets:give_away(G, P6, x) end)),
    show("given table gone", ets:info(G)),
    F = ets:new(f, [ordered_set]),
    ets:insert(F, [{I, I * 10} || I <- lists:seq(1, 5)]),
    show("foldl", ets:foldl(fun({K, V}, Acc) -> [{K, V} | Acc] end, [], F)),
    show("foldr", ets:foldr(fun({K, _}, Acc) -> [K | Acc] end, [], F)),
    B = ets:new(b, [bag]),
    ets:insert(B, [{a, 1}, {a, 2}, {b, 3}]),
    show("foldl bag sum", ets:foldl(fun({_, V}, Acc) -> V + Acc end, 0, B)),
    show("foldl deleting", ets:foldl(fun({K, _}, N) -> ets:delete(F, K), N + 1 end, 0, F)),
    show("emptied", ets:tab2list(F)),
    ok.
