%% dict.erl -- Moat standard library: the OTP 25 `dict` module.
%%
%% Provides every function of OTP 25's dict.  No function of this module
%% is a C BIF in Moat.  A dict is the linear hashing table
%%   {dict, Size, N, MaxN, BSo, ExpSize, ConSize, EmptySeg, Segs}
%% (buckets hold [Key | Value] cells), built exactly as OTP builds it, so
%% that to_list/1, fold/3 and fetch_keys/1 give erl's order.  Slots are
%% chosen with erlang:phash/2, like OTP.
-module(dict).

-export([append/3, append_list/3, erase/2, fetch/2, fetch_keys/1,
         filter/2, find/2, fold/3, from_list/1, is_empty/1, is_key/2,
         map/2, merge/3, new/0, size/1, store/3, take/2, to_list/1,
         update/3, update/4, update_counter/3]).

-define(SEG, 16).
-define(EXPAND_LOAD, 5).
-define(CONTRACT_LOAD, 3).

-record(dict, {size = 0, n = ?SEG, maxn = ?SEG, bso = ?SEG div 2,
               exp_size = ?SEG * ?EXPAND_LOAD,
               con_size = ?SEG * ?CONTRACT_LOAD,
               empty, segs}).

new() ->
    Empty = erlang:make_tuple(?SEG, []),
    #dict{empty = Empty, segs = {Empty}}.

is_key(Key, D) -> find_cell(Key, bucket(D, slot(D, Key))) =/= none.

find_cell(Key, [[Key | V] | _]) -> {ok, V};
find_cell(Key, [_ | Bkt]) -> find_cell(Key, Bkt);
find_cell(_, []) -> none.

to_list(D) -> fold(fun(K, V, L) -> [{K, V} | L] end, [], D).

from_list(L) -> lists:foldl(fun({K, V}, D) -> store(K, V, D) end, new(), L).

size(#dict{size = N}) when is_integer(N), N >= 0 -> N.

is_empty(#dict{size = N}) -> N =:= 0.

fetch(Key, D) ->
    case find_cell(Key, bucket(D, slot(D, Key))) of
        {ok, V} -> V;
        none -> erlang:error(badarg, [Key, D])
    end.

find(Key, D) ->
    case find_cell(Key, bucket(D, slot(D, Key))) of
        {ok, V} -> {ok, V};
        none -> error
    end.

fetch_keys(D) -> fold(fun(K, _, L) -> [K | L] end, [], D).

erase(Key, D) ->
    Slot = slot(D, Key),
    case take_cell(Key, bucket(D, Slot), []) of
        {_, Bkt} -> maybe_contract(put_bucket(D, Slot, Bkt), 1);
        none -> D
    end.

take(Key, D) ->
    Slot = slot(D, Key),
    case take_cell(Key, bucket(D, Slot), []) of
        {V, Bkt} -> {V, maybe_contract(put_bucket(D, Slot, Bkt), 1)};
        none -> error
    end.

take_cell(Key, [[Key | V] | Bkt], Acc) -> {V, lists:reverse(Acc, Bkt)};
take_cell(Key, [C | Bkt], Acc) -> take_cell(Key, Bkt, [C | Acc]);
take_cell(_, [], _) -> none.

%% Change the cell for Key with Fun(OldValue) -> NewValue, or add
%% [Key | New] at the end of the bucket if there is none.
change(Key, Fun, New, D) ->
    Slot = slot(D, Key),
    Bkt = bucket(D, Slot),
    case change_cell(Key, Fun, Bkt) of
        {ok, Bkt1} -> put_bucket(D, Slot, Bkt1);
        none ->
            case New of
                none -> erlang:error(badarg);
                {value, V} -> maybe_expand(put_bucket(D, Slot, Bkt ++ [[Key | V]]), 1)
            end
    end.

change_cell(Key, Fun, [[Key | V] | Bkt]) -> {ok, [[Key | Fun(V)] | Bkt]};
change_cell(Key, Fun, [C | Bkt]) ->
    case change_cell(Key, Fun, Bkt) of
        {ok, Bkt1} -> {ok, [C | Bkt1]};
        none -> none
    end;
change_cell(_, _, []) -> none.

store(Key, Val, D) -> change(Key, fun(_) -> Val end, {value, Val}, D).

append(Key, Val, D) -> change(Key, fun(Old) -> Old ++ [Val] end, {value, [Val]}, D).

append_list(Key, L, D) -> change(Key, fun(Old) -> Old ++ L end, {value, L}, D).

update(Key, Fun, D) ->
    try change(Key, Fun, none, D)
    catch
        error:badarg -> erlang:error(badarg, [Key, Fun, D])
    end.

update(Key, Fun, Init, D) when is_function(Fun, 1) -> change(Key, Fun, {value, Init}, D);
update(Key, Fun, Init, D) ->
    case find(Key, D) of
        {ok, V} -> Fun(V);
        error -> erlang:error(function_clause, [Key, Fun, Init, D])
    end.

update_counter(Key, Incr, D) when is_number(Incr) ->
    change(Key, fun(Old) -> Old + Incr end, {value, Incr}, D).

fold(F, Acc, D) ->
    Segs = D#dict.segs,
    fold_segs(F, Acc, Segs, tuple_size(Segs)).

fold_segs(_, Acc, _, 0) -> Acc;
fold_segs(F, Acc, Segs, I) ->
    Seg = element(I, Segs),
    fold_segs(F, fold_seg(F, Acc, Seg, tuple_size(Seg)), Segs, I - 1).

fold_seg(_, Acc, _, 0) -> Acc;
fold_seg(F, Acc, Seg, I) -> fold_seg(F, fold_bkt(F, Acc, element(I, Seg)), Seg, I - 1).

fold_bkt(F, Acc, [[K | V] | Bkt]) -> fold_bkt(F, F(K, V, Acc), Bkt);
fold_bkt(F, Acc, []) when is_function(F, 3) -> Acc.

map(F, D) ->
    Segs = D#dict.segs,
    D#dict{segs = list_to_tuple([list_to_tuple([map_bkt(F, B) || B <- tuple_to_list(Seg)])
                                 || Seg <- tuple_to_list(Segs)])}.

map_bkt(F, [[K | V] | Bkt]) -> [[K | F(K, V)] | map_bkt(F, Bkt)];
map_bkt(F, []) when is_function(F, 2) -> [].

filter(F, D) ->
    Segs = D#dict.segs,
    {Segs1, Removed} = filter_segs(F, tuple_to_list(Segs), [], 0),
    maybe_contract(D#dict{segs = list_to_tuple(Segs1)}, Removed).

filter_segs(F, [Seg | Segs], Acc, N) ->
    {Bkts, N1} = filter_bkts(F, tuple_to_list(Seg), [], N),
    filter_segs(F, Segs, [list_to_tuple(Bkts) | Acc], N1);
filter_segs(_, [], Acc, N) -> {lists:reverse(Acc), N}.

filter_bkts(F, [B | Bs], Acc, N) ->
    {B1, N1} = filter_bkt(F, B, [], N),
    filter_bkts(F, Bs, [B1 | Acc], N1);
filter_bkts(_, [], Acc, N) -> {lists:reverse(Acc), N}.

filter_bkt(F, [[K | V] = C | Bkt], Acc, N) ->
    case F(K, V) of
        true -> filter_bkt(F, Bkt, [C | Acc], N);
        false -> filter_bkt(F, Bkt, Acc, N + 1)
    end;
filter_bkt(_, [], Acc, N) -> {lists:reverse(Acc), N}.

merge(F, D1, D2) ->
    case is_integer(size_of(D1)) andalso is_integer(size_of(D2))
        andalso size_of(D1) < size_of(D2) of
        true ->
            fold(fun(K, V1, D) -> update(K, fun(V2) -> F(K, V1, V2) end, V1, D) end, D2, D1);
        false ->
            fold(fun(K, V2, D) -> update(K, fun(V1) -> F(K, V1, V2) end, V2, D) end, D1, D2)
    end.

size_of(#dict{size = N}) -> N;
size_of(_) -> none.

%%% The hash table -------------------------------------------------------

slot(D, Key) ->
    N = D#dict.n,
    case erlang:phash(Key, D#dict.maxn) of
        H when H > N -> H - D#dict.bso;
        H -> H
    end.

bucket(#dict{segs = Segs}, Slot) ->
    I = Slot - 1,
    element(I rem ?SEG + 1, element(I div ?SEG + 1, Segs)).

put_bucket(#dict{segs = Segs} = D, Slot, Bkt) ->
    D#dict{segs = put_bkt(Segs, Slot, Bkt)}.

put_bkt(Segs, Slot, Bkt) ->
    I = Slot - 1,
    SegI = I div ?SEG + 1,
    setelement(SegI, Segs, setelement(I rem ?SEG + 1, element(SegI, Segs), Bkt)).

maybe_expand(#dict{size = Size, exp_size = ExpSize} = D0, Inc) when Size + Inc > ExpSize ->
    D = maybe_expand_segs(D0),
    N = D#dict.n + 1,
    Slot1 = N - D#dict.bso,
    {B1, B2} = rehash(bucket(D, Slot1), Slot1, N, D#dict.maxn),
    Segs = put_bkt(put_bkt(D#dict.segs, Slot1, B1), N, B2),
    D#dict{size = Size + Inc, n = N, exp_size = N * ?EXPAND_LOAD,
           con_size = N * ?CONTRACT_LOAD, segs = Segs};
maybe_expand(#dict{size = Size} = D, Inc) -> D#dict{size = Size + Inc}.

maybe_expand_segs(#dict{n = N, maxn = N, bso = BSo, segs = Segs, empty = Empty} = D) ->
    D#dict{maxn = 2 * N, bso = 2 * BSo,
           segs = list_to_tuple(tuple_to_list(Segs) ++
                                    lists:duplicate(tuple_size(Segs), Empty))};
maybe_expand_segs(D) -> D.

rehash([[K | _] = C | Cs], Slot1, Slot2, MaxN) ->
    {L1, L2} = rehash(Cs, Slot1, Slot2, MaxN),
    case erlang:phash(K, MaxN) of
        Slot1 -> {[C | L1], L2};
        Slot2 -> {L1, [C | L2]}
    end;
rehash([], _, _, _) -> {[], []}.

maybe_contract(#dict{size = Size, con_size = ConSize, n = N} = D, Dec)
  when Size - Dec < ConSize, N > ?SEG ->
    Slot1 = N - D#dict.bso,
    B1 = bucket(D, Slot1),
    B2 = bucket(D, N),
    Segs = put_bkt(put_bkt(D#dict.segs, Slot1, B1 ++ B2), N, []),
    N1 = N - 1,
    maybe_contract_segs(D#dict{size = Size - Dec, n = N1,
                               exp_size = N1 * ?EXPAND_LOAD,
                               con_size = N1 * ?CONTRACT_LOAD, segs = Segs});
maybe_contract(#dict{size = Size} = D, Dec) -> D#dict{size = Size - Dec}.

maybe_contract_segs(#dict{n = N, bso = N, maxn = MaxN, segs = Segs} = D) ->
    D#dict{maxn = MaxN div 2, bso = N div 2,
           segs = list_to_tuple(lists:sublist(tuple_to_list(Segs), tuple_size(Segs) div 2))};
maybe_contract_segs(D) -> D.
