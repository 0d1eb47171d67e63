%% sets.erl -- Moat standard library: the OTP 25 `sets` module.
%%
%% Provides every function of OTP 25's sets, for both representations:
%% version 1 (the default), a linear hashing table
%%   {set, Size, N, MaxN, BSo, ExpSize, ConSize, EmptySeg, Segs}
%% built exactly as OTP builds it, so that to_list/1 and fold/2 give the
%% same order as erl; and version 2 (new([{version, 2}])), a map with the
%% elements as keys and [] as values.  No function of this module is a C
%% BIF in Moat; slots are chosen with erlang:phash/2, like OTP.
-module(sets).

-export([add_element/2, del_element/2, filter/2, fold/3, from_list/1,
         from_list/2, intersection/1, intersection/2, is_disjoint/2,
         is_element/2, is_empty/1, is_set/1, is_subset/2, new/0, new/1,
         size/1, subtract/2, to_list/1, union/1, union/2]).

-define(SEG, 16).          % slots per segment
-define(EXPAND_LOAD, 5).
-define(CONTRACT_LOAD, 3).

-record(set, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
              exp_size = ?SEG * ?EXPAND_LOAD,
              con_size = ?SEG * ?CONTRACT_LOAD,
              empty, segs}).

new() ->
    Empty = erlang:make_tuple(?SEG, []),
    #set{empty = Empty, segs = {Empty}}.

new([{version, 2}]) -> #{};
new(Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> new();
        2 -> #{}
    end.

from_list(L) -> lists:foldl(fun add_element/2, new(), L).

from_list(L, [{version, 2}]) -> maps:from_keys(L, []);
from_list(L, Opts) ->
    case proplists:get_value(version, Opts, 1) of
        1 -> from_list(L);
        2 -> maps:from_keys(L, [])
    end.

is_set(#set{}) -> true;
is_set(#{}) -> true;
is_set(_) -> false.

size(S) -> set_size(S).

set_size(#set{size = Size}) -> Size;
set_size(#{} = S) -> maps:size(S).

is_empty(#set{size = Size}) -> Size =:= 0;
is_empty(#{} = S) -> maps:size(S) =:= 0.

to_list(#set{} = S) -> fold(fun(E, Acc) -> [E | Acc] end, [], S);
to_list(#{} = S) -> maps:keys(S).

is_element(E, #set{} = S) -> lists:member(E, bucket(S, slot(S, E)));
is_element(E, #{} = S) -> maps:is_key(E, S).

add_element(E, #set{} = S) ->
    Slot = slot(S, E),
    Bkt = bucket(S, Slot),
    case lists:member(E, Bkt) of
        true -> S;
        false -> maybe_expand(put_bucket(S, Slot, [E | Bkt]), 1)
    end;
add_element(E, #{} = S) -> maps:put(E, [], S).

del_element(E, #set{} = S) ->
    Slot = slot(S, E),
    case del_first(E, bucket(S, Slot)) of
        {ok, Bkt} -> maybe_contract(put_bucket(S, Slot, Bkt), 1);
        none -> S
    end;
del_element(E, #{} = S) -> maps:remove(E, S).

del_first(E, L) -> del_first(E, L, []).

del_first(E, [E | T], Acc) -> {ok, lists:reverse(Acc, T)};
del_first(E, [X | T], Acc) -> del_first(E, T, [X | Acc]);
del_first(_, [], _) -> none.

%% The elements of the smaller set are added to the larger one.
union(#{} = S1, #{} = S2) -> maps:merge(S1, S2);
union(S1, S2) ->
    case set_size(S1) < set_size(S2) of
        true -> fold(fun add_element/2, S2, S1);
        false -> fold(fun add_element/2, S1, S2)
    end.

union([S | Ss]) -> union_list(S, Ss);
union([]) -> new().

union_list(S, [S1 | Ss]) -> union_list(union(S, S1), Ss);
union_list(S, []) -> S.

intersection(#{} = S1, #{} = S2) ->
    filter(fun(E) -> maps:is_key(E, S2) end, S1);
intersection(S1, S2) ->
    case set_size(S1) < set_size(S2) of
        true -> filter(fun(E) -> is_element(E, S2) end, S1);
        false -> filter(fun(E) -> is_element(E, S1) end, S2)
    end.

intersection([S | Ss]) -> intersection_list(S, Ss).

intersection_list(S, [S1 | Ss]) -> intersection_list(intersection(S, S1), Ss);
intersection_list(S, []) -> S.

is_disjoint(S1, S2) ->
    case set_size(S1) < set_size(S2) of
        true -> fold(fun(_, false) -> false; (E, true) -> not is_element(E, S2) end, true, S1);
        false -> fold(fun(_, false) -> false; (E, true) -> not is_element(E, S1) end, true, S2)
    end.

subtract(S1, S2) -> filter(fun(E) -> not is_element(E, S2) end, S1).

is_subset(S1, S2) ->
    fold(fun(_, false) -> false; (E, true) -> is_element(E, S2) end, true, S1).

fold(F, Acc, #set{segs = Segs}) when is_function(F, 2) ->
    fold_segs(F, Acc, Segs, tuple_size(Segs));
fold(F, Acc, #{} = S) when is_function(F, 2) ->
    lists:foldl(F, Acc, maps:keys(S)).

fold_segs(_, Acc, _, 0) -> Acc;
fold_segs(F, Acc, Segs, I) ->
    Seg = element(I, Segs),
    fold_segs(F, fold_seg(F, Acc, Seg, tuple_size(Seg)), Segs, I - 1).

fold_seg(_, Acc, _, 0) -> Acc;
fold_seg(F, Acc, Seg, I) ->
    fold_seg(F, lists:foldl(F, Acc, element(I, Seg)), Seg, I - 1).

filter(F, #set{segs = Segs} = S) when is_function(F, 1) ->
    {Segs1, Removed} = filter_segs(F, tuple_to_list(Segs), [], 0),
    maybe_contract(S#set{segs = list_to_tuple(Segs1)}, Removed);
filter(F, #{} = S) when is_function(F, 1) ->
    maps:from_keys([E || E <- maps:keys(S), F(E)], []).

filter_segs(F, [Seg | Segs], Acc, N) ->
    {Bkts, N1} = filter_bkts(F, tuple_to_list(Seg), [], N),
    filter_segs(F, Segs, [list_to_tuple(Bkts) | Acc], N1);
filter_segs(_, [], Acc, N) -> {lists:reverse(Acc), N}.

filter_bkts(F, [B | Bs], Acc, N) ->
    {B1, N1} = filter_bkt(F, B, [], N),
    filter_bkts(F, Bs, [B1 | Acc], N1);
filter_bkts(_, [], Acc, N) -> {lists:reverse(Acc), N}.

filter_bkt(F, [E | Es], Acc, N) ->
    case F(E) of
        true -> filter_bkt(F, Es, [E | Acc], N);
        false -> filter_bkt(F, Es, Acc, N + 1)
    end;
filter_bkt(_, [], Acc, N) -> {Acc, N}.   % reversed, as in OTP

%%% The hash table -------------------------------------------------------

slot(#set{maxn = MaxN, n = N, bso = BSo}, E) ->
    case erlang:phash(E, MaxN) of
        H when H > N -> H - BSo;
        H -> H
    end.

bucket(#set{segs = Segs}, Slot) ->
    I = Slot - 1,
    element(I rem ?SEG + 1, element(I div ?SEG + 1, Segs)).

put_bucket(#set{segs = Segs} = S, Slot, Bkt) ->
    S#set{segs = put_bkt(Segs, Slot, Bkt)}.

put_bkt(Segs, Slot, Bkt) ->
    I = Slot - 1,
    SegI = I div ?SEG + 1,
    Seg = element(SegI, Segs),
    setelement(SegI, Segs, setelement(I rem ?SEG + 1, Seg, Bkt)).

%% Size grows by Inc; split one bucket if the table is now too full.
maybe_expand(#set{size = Size, exp_size = ExpSize} = S0, Inc) when Size + Inc > ExpSize ->
    S = maybe_expand_segs(S0),
    N = S#set.n + 1,
    Slot1 = N - S#set.bso,
    {B1, B2} = rehash(bucket(S, Slot1), Slot1, N, S#set.maxn),
    Segs = put_bkt(put_bkt(S#set.segs, Slot1, B1), N, B2),
    S#set{size = Size + Inc, n = N, exp_size = N * ?EXPAND_LOAD,
          con_size = N * ?CONTRACT_LOAD, segs = Segs};
maybe_expand(#set{size = Size} = S, Inc) -> S#set{size = Size + Inc}.

maybe_expand_segs(#set{n = N, maxn = N, bso = BSo, segs = Segs, empty = Empty} = S) ->
    S#set{maxn = 2 * N, bso = 2 * BSo,
          segs = list_to_tuple(tuple_to_list(Segs) ++
                                   lists:duplicate(tuple_size(Segs), Empty))};
maybe_expand_segs(S) -> S.

rehash([E | Es], Slot1, Slot2, MaxN) ->
    {L1, L2} = rehash(Es, Slot1, Slot2, MaxN),
    case erlang:phash(E, MaxN) of
        Slot1 -> {[E | L1], L2};
        Slot2 -> {L1, [E | L2]}
    end;
rehash([], _, _, _) -> {[], []}.

%% Size shrinks by Dec; join two buckets if the table is now too empty.
maybe_contract(#set{size = Size, con_size = ConSize, n = N} = S, Dec)
  when Size - Dec < ConSize, N > ?SEG ->
    Slot1 = N - S#set.bso,
    B1 = bucket(S, Slot1),
    B2 = bucket(S, N),
    Segs = put_bkt(put_bkt(S#set.segs, Slot1, B1 ++ B2), N, []),
    N1 = N - 1,
    maybe_contract_segs(S#set{size = Size - Dec, n = N1,
                              exp_size = N1 * ?EXPAND_LOAD,
                              con_size = N1 * ?CONTRACT_LOAD, segs = Segs});
maybe_contract(#set{size = Size} = S, Dec) -> S#set{size = Size - Dec}.

maybe_contract_segs(#set{n = N, bso = N, maxn = MaxN, segs = Segs} = S) ->
    S#set{maxn = MaxN div 2, bso = N div 2,
          segs = list_to_tuple(lists:sublist(tuple_to_list(Segs), tuple_size(Segs) div 2))};
maybe_contract_segs(S) -> S.
