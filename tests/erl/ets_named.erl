-module(ets_named).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.
id(X) -> X.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

main(_) ->
    show("new named", ets:new(tab_a, [named_table, public])),
    show("insert by name", ets:insert(tab_a, {k, v})),
    show("lookup by name", ets:lookup(tab_a, k)),
    show("duplicate name", t(fun() -> ets:new(tab_a, [named_table]) end)),
    Tid = ets:whereis(tab_a),
    show("whereis is ref", is_reference(Tid)),
    show("lookup by tid", ets:lookup(Tid, k)),
    show("whereis none", ets:whereis(no_such_tab)),
    show("info name", {ets:info(tab_a, name), ets:info(tab_a, named_table)}),
    show("in all", {lists:member(tab_a, ets:all()), lists:member(Tid, ets:all())}),
    show("rename", ets:rename(tab_a, tab_b)),
    show("old name", t(fun() -> ets:lookup(tab_a, k) end)),
    show("new name", ets:lookup(tab_b, k)),
    show("info after rename", ets:info(tab_b, name)),
    ets:new(tab_c, [named_table]),
    show("rename taken", t(fun() -> ets:rename(tab_b, tab_c) end)),
    U = ets:new(unnamed, []),
    show("unnamed is ref", is_reference(U)),
    show("unnamed by name", t(fun() -> ets:insert(unnamed, {a}) end)),
    show("unnamed info", {ets:info(U, name), ets:info(U, named_table)}),
    show("rename unnamed", is_reference(ets:rename(U, newname))),
    show("unnamed renamed", {ets:info(U, name), ets:whereis(newname)}),
    show("two unnamed same name", is_reference(ets:new(unnamed, []))),
    show("delete named", ets:delete(tab_b)),
    show("after delete", {ets:whereis(tab_b), ets:info(tab_b), lists:member(tab_b, ets:all())}),
    show("reuse name", ets:new(tab_b, [named_table])),
    show("bad name", t(fun() -> ets:new(id("str"), []) end)),
    show("bad option", t(fun() -> ets:new(x, [id(foo)]) end)),
    show("bad keypos", t(fun() -> ets:new(x, [{keypos, id(0)}]) end)),
    show("improper opts", t(fun() -> ets:new(x, id([set | bag])) end)),
    show("last type wins", ets:info(ets:new(x, [set, bag]), type)),
    show("options accepted", ets:info(ets:new(x, [{read_concurrency, true}, {write_concurrency, true}, compressed]), type)),
    show("info bad item", t(fun() -> ets:info(tab_c, id(bogus)) end)),
    show("info of non-table", t(fun() -> ets:info(id(123)) end)),
    show("no such atom table", t(fun() -> ets:lookup(nosuchtable, a) end)),
    show("info protection", [ets:info(ets:new(x, [P]), protection) || P <- [public, protected, private]]),
    ok.
