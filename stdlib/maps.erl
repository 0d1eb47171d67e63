%% maps.erl -- Moat standard library: the OTP 25 `maps` module.
%%
%% Provides the maps functions that are written in Erlang: filter/2,
%% filtermap/2, fold/3, foreach/2, groups_from_list/2,3, intersect/2,
%% intersect_with/3, iterator/1, map/2, merge_with/3, next/1,
%% update_with/3,4, with/2, without/2.
%%
%% Not defined here (C BIFs in Moat): get/2, get/3, find/2, put/3,
%% remove/2, update/3, is_key/2, keys/1, values/1, to_list/1, from_list/1,
%% merge/2, new/0, size/1, take/2, from_keys/2.
%%
%% Iterators: maps:iterator(M) is [0 | M], as in OTP.  maps:next/1 turns it
%% into the chain {K1, V1, {K2, V2, ... none}} in maps:to_list/1 order (OTP
%% builds the same chain for maps of up to 32 keys; for larger ones OTP's
%% chain has continuations inside, which only shows if printed).  fold/3,
%% map/2, filter/2, filtermap/2 and foreach/2 accept a map or an iterator
%% and visit the pairs in maps:to_list/1 order.
-module(maps).

-export([filter/2, filtermap/2, fold/3, foreach/2, groups_from_list/2,
         groups_from_list/3, intersect/2, intersect_with/3, iterator/1,
         map/2, merge_with/3, next/1, update_with/3, update_with/4,
         with/2, without/2]).

%%% Iterators ----------------------------------------------------------

iterator(M) when is_map(M) -> [0 | M];
iterator(M) -> erlang:error({badmap, M}, [M]).

next({_, _, _} = I) -> I;
next(none) -> none;
next([Path | M]) when is_integer(Path), is_map(M) -> chain(maps:to_list(M));
next(I) -> erlang:error(badarg, [I]).

chain([{K, V} | T]) -> {K, V, chain(T)};
chain([]) -> none.

%% is_iter(X): X has the shape of an iterator (for choosing the error).
is_iter({_, _, _}) -> true;
is_iter(none) -> true;
is_iter([Path | M]) when is_integer(Path), is_map(M) -> true;
is_iter(_) -> false.

%% The first step of walking a map or an iterator: {K, V, NextIter},
%% none, or error if X is neither.
start(M) when is_map(M) -> chain(maps:to_list(M));
start(I) ->
    case is_iter(I) of
        true -> next(I);
        false -> error
    end.

err_map(X) when is_map(X) -> badarg;
err_map(X) -> {badmap, X}.

%%% Higher-order functions --------------------------------------------

fold(Fun, Acc, MapOrIter) when is_function(Fun, 3) ->
    case start(MapOrIter) of
        error -> erlang:error({badmap, MapOrIter}, [Fun, Acc, MapOrIter]);
        Step -> fold_1(Fun, Acc, Step)
    end;
fold(Fun, Acc, MapOrIter) ->
    erlang:error(badarg, [Fun, Acc, MapOrIter]).

fold_1(Fun, Acc, {K, V, I}) -> fold_1(Fun, Fun(K, V, Acc), next(I));
fold_1(_, Acc, none) -> Acc.

map(Fun, MapOrIter) when is_function(Fun, 2) ->
    case start(MapOrIter) of
        error -> erlang:error({badmap, MapOrIter}, [Fun, MapOrIter]);
        Step -> maps:from_list(map_1(Fun, Step, []))
    end;
map(Fun, MapOrIter) ->
    erlang:error(badarg, [Fun, MapOrIter]).

map_1(Fun, {K, V, I}, Acc) -> map_1(Fun, next(I), [{K, Fun(K, V)} | Acc]);
map_1(_, none, Acc) -> Acc.

filter(Pred, MapOrIter) when is_function(Pred, 2) ->
    case start(MapOrIter) of
        error -> erlang:error({badmap, MapOrIter}, [Pred, MapOrIter]);
        Step -> maps:from_list(filter_1(Pred, Step, []))
    end;
filter(Pred, MapOrIter) ->
    erlang:error(badarg, [Pred, MapOrIter]).

filter_1(Pred, {K, V, I}, Acc) ->
    case Pred(K, V) of
        true -> filter_1(Pred, next(I), [{K, V} | Acc]);
        false -> filter_1(Pred, next(I), Acc)
    end;
filter_1(_, none, Acc) -> Acc.

filtermap(Fun, MapOrIter) when is_function(Fun, 2) ->
    case start(MapOrIter) of
        error -> erlang:error({badmap, MapOrIter}, [Fun, MapOrIter]);
        Step -> maps:from_list(filtermap_1(Fun, Step, []))
    end;
filtermap(Fun, MapOrIter) ->
    erlang:error(badarg, [Fun, MapOrIter]).

filtermap_1(Fun, {K, V, I}, Acc) ->
    case Fun(K, V) of
        true -> filtermap_1(Fun, next(I), [{K, V} | Acc]);
        {true, NewV} -> filtermap_1(Fun, next(I), [{K, NewV} | Acc]);
        false -> filtermap_1(Fun, next(I), Acc)
    end;
filtermap_1(_, none, Acc) -> Acc.

foreach(Fun, MapOrIter) when is_function(Fun, 2) ->
    case start(MapOrIter) of
        error -> erlang:error({badmap, MapOrIter}, [Fun, MapOrIter]);
        Step -> foreach_1(Fun, Step)
    end;
foreach(Fun, MapOrIter) ->
    erlang:error(badarg, [Fun, MapOrIter]).

foreach_1(Fun, {K, V, I}) -> Fun(K, V), foreach_1(Fun, next(I));
foreach_1(_, none) -> ok.

%%% Key selection ------------------------------------------------------

with(Ks, M) when is_list(Ks), is_map(M) -> with_1(Ks, M, []);
with(Ks, M) -> erlang:error(err_map(M), [Ks, M]).

with_1([K | Ks], M, Acc) ->
    case maps:find(K, M) of
        {ok, V} -> with_1(Ks, M, [{K, V} | Acc]);
        error -> with_1(Ks, M, Acc)
    end;
with_1([], _, Acc) -> maps:from_list(Acc).

without(Ks, M) when is_list(Ks), is_map(M) -> without_1(Ks, M);
without(Ks, M) -> erlang:error(err_map(M), [Ks, M]).

without_1([K | Ks], M) -> without_1(Ks, maps:remove(K, M));
without_1([], M) -> M.

%%% Updating -----------------------------------------------------------

update_with(Key, Fun, M) when is_function(Fun, 1), is_map(M) ->
    case maps:find(Key, M) of
        {ok, V} -> maps:put(Key, Fun(V), M);
        error -> erlang:error({badkey, Key}, [Key, Fun, M])
    end;
update_with(Key, Fun, M) ->
    erlang:error(err_map(M), [Key, Fun, M]).

update_with(Key, Fun, Init, M) when is_function(Fun, 1), is_map(M) ->
    case maps:find(Key, M) of
        {ok, V} -> maps:put(Key, Fun(V), M);
        error -> maps:put(Key, Init, M)
    end;
update_with(Key, Fun, Init, M) ->
    erlang:error(err_map(M), [Key, Fun, Init, M]).

%%% Combining maps -----------------------------------------------------

merge_with(Combiner, M1, M2)
  when is_map(M1), is_map(M2), is_function(Combiner, 3) ->
    merge_with_1(Combiner, maps:to_list(M2), M1);
merge_with(Combiner, M1, M2) ->
    erlang:error(err_fun_map2(Combiner, 3, M1, M2), [Combiner, M1, M2]).

merge_with_1(C, [{K, V2} | T], Acc) ->
    case maps:find(K, Acc) of
        {ok, V1} -> merge_with_1(C, T, maps:put(K, C(K, V1, V2), Acc));
        error -> merge_with_1(C, T, maps:put(K, V2, Acc))
    end;
merge_with_1(_, [], Acc) -> Acc.

intersect(M1, M2) when is_map(M1), is_map(M2) ->
    intersect_1(maps:to_list(M1), M2, []);
intersect(M1, M2) ->
    erlang:error(err_map2(M1, M2), [M1, M2]).

intersect_1([{K, _} | T], M2, Acc) ->
    case maps:find(K, M2) of
        {ok, V2} -> intersect_1(T, M2, [{K, V2} | Acc]);
        error -> intersect_1(T, M2, Acc)
    end;
intersect_1([], _, Acc) -> maps:from_list(Acc).

intersect_with(Combiner, M1, M2)
  when is_map(M1), is_map(M2), is_function(Combiner, 3) ->
    intersect_with_1(Combiner, maps:to_list(M1), M2, []);
intersect_with(Combiner, M1, M2) ->
    erlang:error(err_fun_map2(Combiner, 3, M1, M2), [Combiner, M1, M2]).

intersect_with_1(C, [{K, V1} | T], M2, Acc) ->
    case maps:find(K, M2) of
        {ok, V2} -> intersect_with_1(C, T, M2, [{K, C(K, V1, V2)} | Acc]);
        error -> intersect_with_1(C, T, M2, Acc)
    end;
intersect_with_1(_, [], _, Acc) -> maps:from_list(Acc).

err_fun_map2(F, A, _, _) when not is_function(F, A) -> badarg;
err_fun_map2(_, _, M1, M2) -> err_map2(M1, M2).

err_map2(M1, _) when not is_map(M1) -> {badmap, M1};
err_map2(_, M2) when not is_map(M2) -> {badmap, M2};
err_map2(_, _) -> badarg.

%%% Grouping -----------------------------------------------------------

groups_from_list(Fun, List) when is_function(Fun, 1) ->
    case proper_rev(List) of
        error -> erlang:error(badarg, [Fun, List]);
        Rev -> groups_1(Fun, Rev, #{})
    end;
groups_from_list(Fun, List) ->
    erlang:error(badarg, [Fun, List]).

groups_1(Fun, [X | T], Acc) ->
    K = Fun(X),
    case maps:find(K, Acc) of
        {ok, Vs} -> groups_1(Fun, T, maps:put(K, [X | Vs], Acc));
        error -> groups_1(Fun, T, maps:put(K, [X], Acc))
    end;
groups_1(_, [], Acc) -> Acc.

groups_from_list(Fun, ValueFun, List)
  when is_function(Fun, 1), is_function(ValueFun, 1) ->
    case proper_rev(List) of
        error -> erlang:error(badarg, [Fun, ValueFun, List]);
        Rev -> groups_2(Fun, ValueFun, Rev, #{})
    end;
groups_from_list(Fun, ValueFun, List) ->
    erlang:error(badarg, [Fun, ValueFun, List]).

groups_2(Fun, VFun, [X | T], Acc) ->
    K = Fun(X),
    V = VFun(X),
    case maps:find(K, Acc) of
        {ok, Vs} -> groups_2(Fun, VFun, T, maps:put(K, [V | Vs], Acc));
        error -> groups_2(Fun, VFun, T, maps:put(K, [V], Acc))
    end;
groups_2(_, _, [], Acc) -> Acc.

%% The reverse of a proper list, or 'error'.
proper_rev(L) -> proper_rev(L, []).

proper_rev([H | T], Acc) -> proper_rev(T, [H | Acc]);
proper_rev([], Acc) -> Acc;
proper_rev(_, _) -> error.
