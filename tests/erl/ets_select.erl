-module(ets_select).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.
id(X) -> X.

show(Label, V) -> io:format("~s: ~p~n", [Label, V]).

chunks('$end_of_table') -> [];
chunks({L, Cont}) -> [L | chunks(ets:select(Cont))].

mchunks('$end_of_table') -> [];
mchunks({L, Cont}) -> [L | mchunks(ets:match(Cont))].

main(_) ->
    T = ets:new(t, [set]),
    ets:insert(T, [{I, I * I, if I rem 2 =:= 0 -> even; true -> odd end} || I <- lists:seq(1, 10)]),
    S = fun(MS) -> lists:sort(ets:select(T, MS)) end,
    show("all", S([{'_', [], ['$_']}])),
    show("vars", S([{{'$1', '$2', '_'}, [], [['$1', '$2']]}])),
    show("guard >", S([{{'$1', '$2', '_'}, [{'>', '$2', 50}], ['$1']}])),
    show("guard and", S([{{'$1', '_', '$3'}, [{'andalso', {'==', '$3', even}, {'<', '$1', 7}}], ['$1']}])),
    show("guard orelse", S([{{'$1', '_', '_'}, [{'orelse', {'=:=', '$1', 1}, {'=:=', '$1', 10}}], ['$1']}])),
    show("two guards", S([{{'$1', '_', '_'}, [{'>', '$1', 3}, {'<', '$1', 6}], ['$1']}])),
    show("arith body", S([{{'$1', '$2', '_'}, [{'<', '$1', 4}], [{'+', {'*', '$1', 100}, '$2'}]}])),
    show("tuple body", S([{{'$1', '_', odd}, [{'<', '$1', 6}], [{{'$1', {const, {c}}, [a | '$1']}}]}])),
    show("$$", S([{{'$1', '$2', even}, [{'<', '$1', 5}], ['$$']}])),
    show("bound twice", begin ets:insert(T, {sq, sq, x}), S([{{'$1', '$1', '_'}, [], ['$1']}]) end),
    show("type guards", S([{{'$1', '_', '_'}, [{is_atom, '$1'}], ['$1']}])),
    show("element", S([{'$1', [{'==', {element, 3, '$1'}, x}], [{element, 1, '$1'}]}])),
    show("rem div", S([{{'$1', '_', '_'}, [{is_integer, '$1'}, {'==', {'rem', '$1', 3}, 0}], [{'div', '$1', 3}]}])),
    show("not", S([{{'$1', '_', even}, [{'not', {'>', '$1', 4}}], ['$1']}])),
    show("abs/length/hd", S([{{'$1', '_', odd}, [{'==', '$1', 3}], [{{{abs, -5}, {length, [a, b]}, {hd, [x]}, {size, '$_'}}}]}])),
    show("guard error fails", S([{{'$1', '_', '_'}, [{'>', {'+', '$1', a}, 1}], ['$1']}])),
    show("body error", lists:usort(ets:select(T, [{{'$1', '_', '_'}, [], [{'div', '$1', 0}]}]))),
    show("first clause wins", S([{{'$1', '_', even}, [], [e]}, {{'$1', '_', '_'}, [{'<', '$1', 4}], [o]}])),
    show("no match head", ets:select(T, [{foo, [], ['$_']}])),
    show("select_count", ets:select_count(T, [{{'_', '_', even}, [], [true]}])),
    show("select_count non-true", ets:select_count(T, [{{'_', '_', even}, [], [yes]}])),
    show("match", lists:sort(ets:match(T, {'$1', '_', even}))),
    show("match two vars", lists:sort(ets:match(T, {'$2', '$1', odd}))),
    show("match_object", lists:sort(ets:match_object(T, {'_', 49, '_'}))),
    show("select_delete", ets:select_delete(T, [{{'$1', '_', odd}, [{is_integer, '$1'}], [true]}])),
    show("after delete", lists:sort(ets:tab2list(T))),
    show("match_delete", {ets:match_delete(T, {'_', '_', even}), ets:tab2list(T)}),
    show("bad ms", t(fun() -> ets:select(T, id(notalist)) end)),
    show("bad clause", t(fun() -> ets:select(T, [id({a, b})]) end)),
    show("unbound var", t(fun() -> ets:select(T, [{{'$1'}, [{'>', '$2', 1}], ['$1']}]) end)),
    show("unknown fun", t(fun() -> ets:select(T, [{{'$1'}, [{foo, '$1'}], ['$1']}]) end)),
    show("bad arity", t(fun() -> ets:select(T, [{{'$1'}, [{'>', '$1'}], ['$1']}]) end)),
    show("empty body", t(fun() -> ets:select(T, [{'_', [], id([])}]) end)),
    show("empty spec", ets:select(T, [])),
    show("improper guards", t(fun() -> ets:select(T, [{'_', id([a | b]), [x]}]) end)),
    O = ets:new(o, [ordered_set]),
    ets:insert(O, [{I, I * I} || I <- lists:seq(1, 7)]),
    show("ordered select", ets:select(O, [{{'$1', '$2'}, [{'>', '$1', 3}], ['$2']}])),
    show("chunks of 3", chunks(ets:select(O, [{{'$1', '$2'}, [], ['$2']}], 3))),
    show("chunks of 7", chunks(ets:select(O, [{{'$1', '$2'}, [], ['$1']}], 7))),
    show("chunks of 10", chunks(ets:select(O, [{{'$1', '$2'}, [], ['$1']}], 10))),
    show("chunks none", ets:select(O, [{{'$1', '$2'}, [{'>', '$1', 100}], ['$1']}], 2)),
    show("select end", ets:select('$end_of_table')),
    show("match chunks", mchunks(ets:match(O, {'$1', '_'}, 4))),
    show("ordered exact head", ets:select(O, [{{1.0, '$1'}, [], ['$1']}])),
    show("bad limit", t(fun() -> ets:select(O, [{'_', [], ['$_']}], id(0)) end)),
    H = ets:new(h, [set]),
    ets:insert(H, [{I} || I <- lists:seq(1, 50)]),
    HC = chunks(ets:select(H, [{{'$1'}, [], ['$1']}], 5)),
    show("set chunks cover all", {[length(C) || C <- HC], lists:sort(lists:append(HC)) =:= lists:seq(1, 50)}),
    B = ets:new(b, [bag]),
    ets:insert(B, [{I rem 3, I} || I <- lists:seq(1, 10)]),
    BC = chunks(ets:select(B, [{{'_', '$1'}, [], ['$1']}], 3)),
    show("bag chunks", {[length(C) || C <- BC], lists:sort(lists:append(BC))}),
    show("set last chunk", [length(C) || C <- chunks(ets:select(H, [{{'$1'}, [{'>', '$1', 45}], ['$1']}], 2))]),
    ok.
