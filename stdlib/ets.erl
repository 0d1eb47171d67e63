%% ets.erl -- Moat standard library: the parts of OTP 25's `ets` module
%% that are written in Erlang: foldl/3, foldr/3, match_delete/2.
%%
%% Not defined here (C BIFs in Moat, vm/ets*.c): new/2, delete/1,2,
%% insert/2, insert_new/2, lookup/2, lookup_element/3, member/2,
%% delete_object/2, delete_all_objects/1, take/2, tab2list/1, first/1,
%% next/2, last/1, prev/2, info/1,2, update_counter/3,4,
%% update_element/3, give_away/3, rename/2, setopts/2, all/0, whereis/1,
%% select/1,2,3, select_count/2, select_delete/2, match/1,2,3,
%% match_object/2.
%%
%% foldl/3 and foldr/3 walk the keys with first/next (last/prev); the
%% next key is read before the fun runs, so the fun may delete the key it
%% is given. ets:fun2ms/1 is a parse transform and is not provided.
-module(ets).

-export([foldl/3, foldr/3, match_delete/2]).

foldl(F, Acc, T) when is_function(F, 2) ->
    fold(F, Acc, T, ets:first(T), next).

foldr(F, Acc, T) when is_function(F, 2) ->
    fold(F, Acc, T, ets:last(T), prev).

fold(_F, Acc, _T, '$end_of_table', _Dir) ->
    Acc;
fold(F, Acc, T, Key, Dir) ->
    Objects = ets:lookup(T, Key),
    Next = ets:Dir(T, Key),
    fold(F, lists:foldl(F, Acc, Objects), T, Next, Dir).

match_delete(T, Pattern) ->
    _ = ets:select_delete(T, [{Pattern, [], [true]}]),
    true.
