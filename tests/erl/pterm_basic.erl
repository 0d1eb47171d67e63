-module(pterm_basic).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

main(_) ->
    Big = {config, lists:seq(1, 50), <<"a binary that is longer than sixty-four bytes, so it lives off-heap!!">>, #{a => 1, b => [x, y]}, 1 bsl 80, 2.5},
    show("put", persistent_term:put({?MODULE, cfg}, Big)),
    show("get", persistent_term:get({?MODULE, cfg}) =:= Big),
    show("get/2 hit", persistent_term:get({?MODULE, cfg}, none) =:= Big),
    show("get/2 miss", persistent_term:get({?MODULE, nokey}, default)),
    show("get miss", t(fun() -> persistent_term:get({?MODULE, nokey}) end)),
    V = persistent_term:get({?MODULE, cfg}),
    erlang:garbage_collect(),
    show("held across gc", V =:= Big),
    show("elements", {element(1, V), length(element(2, V)), byte_size(element(3, V)), element(5, V)}),
    show("replace", persistent_term:put({?MODULE, cfg}, replaced)),
    show("new value", persistent_term:get({?MODULE, cfg})),
    show("old value still held", V =:= Big),
    show("same value again", persistent_term:put({?MODULE, cfg}, replaced)),
    show("float key is another key", {persistent_term:put({?MODULE, 1}, int), persistent_term:get({?MODULE, 1.0}, none)}),
    Self = self(),
    Pids = [spawn(fun() -> Self ! {got, N, persistent_term:get({?MODULE, cfg})} end) || N <- lists:seq(1, 5)],
    show("from processes", lists:sort([receive {got, N, X} -> {N, X} end || N <- lists:seq(1, length(Pids))])),
    persistent_term:put({?MODULE, msg}, {hello, <<"world">>}),
    Self ! persistent_term:get({?MODULE, msg}),
    show("sent to self", receive M -> M end),
    show("in get/0", lists:member({{?MODULE, msg}, {hello, <<"world">>}}, persistent_term:get())),
    show("erase", persistent_term:erase({?MODULE, msg})),
    show("erase again", persistent_term:erase({?MODULE, msg})),
    show("erased", persistent_term:get({?MODULE, msg}, gone)),
    Info = persistent_term:info(),
    show("info", {is_map(Info), lists:sort(maps:keys(Info))}),
    ok.
