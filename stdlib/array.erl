%% array.erl -- Moat standard library: OTP 25's `array` module (functional,
%% extendible arrays indexed from 0).
%%
%% An array is {array, Size, Fixed, Default, Depth, Tree}: Tree is `e`
%% (every element is the default) or a tuple of ten subtrees, of values at
%% depth 0; a tree of depth D holds 10^(D+1) elements.  The functions give
%% OTP's results and errors; the term itself is not OTP's record, so
%% printing or comparing arrays with =:= can differ from erl (see
%% docs/deviations.md).  Unset entries are those equal to the default, as
%% in OTP.
-module(array).

-compile({no_auto_import, [size/1]}).

-export([new/0, new/1, new/2, is_array/1, size/1, sparse_size/1,
         default/1, fix/1, relax/1, is_fix/1, get/2, set/3, reset/2,
         resize/1, resize/2, to_list/1, sparse_to_list/1, from_list/1,
         from_list/2, to_orddict/1, sparse_to_orddict/1, from_orddict/1,
         from_orddict/2, map/2, sparse_map/2, foldl/3, foldr/3,
         sparse_foldl/3, sparse_foldr/3]).

-define(A(Size, Fixed, Default, Depth, Tree), {array, Size, Fixed, Default, Depth, Tree}).
-define(W, 10).

%%% Making arrays ---------------------------------------------------------------

new() -> new([]).

new(Opts) -> new_opts(Opts, 0, false, undefined, false).

new(Size, Opts) -> new([{size, Size} | opt_list(Opts)]).

opt_list(L) when is_list(L) -> L;
opt_list(X) -> [X].

new_opts([], Size, Fixed, Default, _) -> empty(Size, Fixed, Default);
new_opts([H | T], Size, Fixed, Default, SizeSet) ->
    case H of
        N when is_integer(N), N >= 0 -> new_opts(T, N, fixed_default(SizeSet, Fixed), Default, true);
        {size, N} when is_integer(N), N >= 0 -> new_opts(T, N, fixed_default(SizeSet, Fixed), Default, true);
        fixed -> new_opts(T, Size, true, Default, SizeSet);
        {fixed, B} when is_boolean(B) -> new_opts(T, Size, B, Default, explicit);
        {default, D} -> new_opts(T, Size, Fixed, D, SizeSet);
        _ -> erlang:error(badarg)
    end;
new_opts(Opt, Size, Fixed, Default, SizeSet) when not is_list(Opt) ->
    new_opts([Opt], Size, Fixed, Default, SizeSet);
new_opts(_, _, _, _, _) -> erlang:error(badarg).

%% A size makes the array fixed unless {fixed, false} was given.
fixed_default(explicit, Fixed) -> Fixed;
fixed_default(_, _) -> true.

empty(Size, Fixed, Default) ->
    ?A(Size, Fixed, Default, depth_for(Size), e).

depth_for(N) -> depth_for(N, 0, ?W).
depth_for(N, D, Cap) when N =< Cap -> D;
depth_for(N, D, Cap) -> depth_for(N, D + 1, Cap * ?W).

capacity(Depth) -> pow(Depth + 1).

pow(0) -> 1;
pow(N) -> ?W * pow(N - 1).

is_array(?A(Size, Fixed, _, Depth, _)) when is_integer(Size), is_boolean(Fixed), is_integer(Depth) -> true;
is_array(_) -> false.

size(?A(Size, _, _, _, _)) -> Size;
size(_) -> erlang:error(badarg).

default(?A(_, _, Default, _, _)) -> Default;
default(_) -> erlang:error(badarg).

fix(?A(S, _, D, Dp, T)) -> ?A(S, true, D, Dp, T);
fix(_) -> erlang:error(badarg).

relax(?A(S, _, D, Dp, T)) -> ?A(S, false, D, Dp, T);
relax(_) -> erlang:error(badarg).

is_fix(?A(_, Fixed, _, _, _)) -> Fixed;
is_fix(_) -> erlang:error(badarg).

%%% Elements ------------------------------------------------------------------

get(I, ?A(Size, Fixed, Default, Depth, Tree)) when is_integer(I), I >= 0 ->
    if
        I < Size -> lookup(Tree, Depth, I, Default);
        Fixed -> erlang:error(badarg);
        true -> Default
    end;
get(_, _) -> erlang:error(badarg).

lookup(e, _, _, Default) -> Default;
lookup(T, 0, I, _) -> element(I + 1, T);
lookup(T, Depth, I, Default) ->
    Sub = pow(Depth),
    lookup(element(I div Sub + 1, T), Depth - 1, I rem Sub, Default).

set(I, V, ?A(Size, Fixed, Default, Depth, Tree)) when is_integer(I), I >= 0 ->
    if
        I < Size ->
            ?A(Size, Fixed, Default, Depth, store(Tree, Depth, I, V, Default));
        Fixed -> erlang:error(badarg);
        true ->
            {Depth1, Tree1} = grow(Depth, Tree, I + 1),
            ?A(I + 1, Fixed, Default, Depth1, store(Tree1, Depth1, I, V, Default))
    end;
set(_, _, _) -> erlang:error(badarg).

grow(Depth, Tree, N) ->
    case N > capacity(Depth) of
        false -> {Depth, Tree};
        true ->
            Tree1 = case Tree of
                        e -> e;
                        _ -> erlang:setelement(1, erlang:make_tuple(?W, e), Tree)
                    end,
            grow(Depth + 1, Tree1, N)
    end.

store(e, 0, I, V, Default) ->
    setelement(I + 1, erlang:make_tuple(?W, Default), V);
store(e, Depth, I, V, Default) ->
    store(erlang:make_tuple(?W, e), Depth, I, V, Default);
store(T, 0, I, V, _) -> setelement(I + 1, T, V);
store(T, Depth, I, V, Default) ->
    Sub = pow(Depth),
    K = I div Sub + 1,
    setelement(K, T, store(element(K, T), Depth - 1, I rem Sub, V, Default)).

reset(I, ?A(Size, Fixed, Default, _, _) = A) when is_integer(I), I >= 0 ->
    if
        I < Size -> set(I, Default, A);
        Fixed -> erlang:error(badarg);
        true -> A
    end;
reset(_, _) -> erlang:error(badarg).

resize(?A(_, _, _, _, _) = A) -> resize(sparse_size(A), A);
resize(_) -> erlang:error(badarg).

resize(N, ?A(Size, Fixed, Default, _, _) = A) when is_integer(N), N >= 0 ->
    if
        N >= Size ->
            setelement(2, A, N);
        true ->
            Kept = [{I, V} || {I, V} <- sparse_to_orddict(A), I < N],
            from_pairs(Kept, empty(N, Fixed, Default))
    end;
resize(_, _) -> erlang:error(badarg).

%%% Lists and dictionaries -----------------------------------------------------------

to_list(?A(Size, _, Default, Depth, Tree)) -> take(Tree, Depth, Size, Default);
to_list(_) -> erlang:error(badarg).

%% The first N elements of a tree.
take(_, _, 0, _) -> [];
take(e, _, N, Default) -> lists:duplicate(N, Default);
take(T, 0, N, _) -> lists:sublist(tuple_to_list(T), N);
take(T, Depth, N, Default) ->
    take_children(T, 1, Depth, pow(Depth), N, Default).

take_children(_, _, _, _, 0, _) -> [];
take_children(T, K, Depth, Sub, N, Default) ->
    M = min(N, Sub),
    take(element(K, T), Depth - 1, M, Default)
        ++ take_children(T, K + 1, Depth, Sub, N - M, Default).

sparse_to_list(A) -> [V || {_, V} <- sparse_to_orddict(A)].

to_orddict(A) -> lists:zip(lists:seq(0, size(A) - 1), to_list(A)).

sparse_to_orddict(?A(_, _, Default, _, _) = A) ->
    [P || {_, V} = P <- to_orddict(A), V =/= Default];
sparse_to_orddict(_) -> erlang:error(badarg).

sparse_size(A) ->
    case lists:reverse(sparse_to_orddict(A)) of
        [] -> 0;
        [{I, _} | _] -> I + 1
    end.

from_list(L) -> from_list(L, undefined).

from_list(L, Default) when is_list(L) ->
    Pairs = try lists:enumerate(0, L) catch error:_ -> erlang:error(badarg) end,
    from_pairs(Pairs, empty(length(L), false, Default));
from_list(_, _) -> erlang:error(badarg).

from_orddict(L) -> from_orddict(L, undefined).

from_orddict(L, Default) when is_list(L) ->
    check_orddict(L, -1),
    Size = case L of [] -> 0; _ -> element(1, lists:last(L)) + 1 end,
    from_pairs(L, empty(Size, false, Default));
from_orddict(_, _) -> erlang:error(badarg).

check_orddict([], _) -> ok;
check_orddict([{I, _} | T], Prev) when is_integer(I), I > Prev -> check_orddict(T, I);
check_orddict(Rest, _) -> erlang:error({badarg, Rest}).

from_pairs(Pairs, ?A(Size, Fixed, Default, _, _)) ->
    Depth = depth_for(Size),
    Tree = lists:foldl(fun({I, V}, T) -> store(T, Depth, I, V, Default) end, e, Pairs),
    ?A(Size, Fixed, Default, Depth, Tree).

%%% Traversals ------------------------------------------------------------------------

map(F, ?A(_, _, _, _, _) = A) when is_function(F, 2) ->
    rebuild(A, [{I, F(I, V)} || {I, V} <- to_orddict(A)]);
map(_, _) -> erlang:error(badarg).

sparse_map(F, ?A(_, _, _, _, _) = A) when is_function(F, 2) ->
    rebuild(A, [{I, F(I, V)} || {I, V} <- sparse_to_orddict(A)]);
sparse_map(_, _) -> erlang:error(badarg).

rebuild(?A(Size, Fixed, Default, _, _), Pairs) ->
    from_pairs(Pairs, empty(Size, Fixed, Default)).

foldl(F, Acc, ?A(_, _, _, _, _) = A) when is_function(F, 3) ->
    lists:foldl(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, to_orddict(A));
foldl(_, _, _) -> erlang:error(badarg).

foldr(F, Acc, ?A(_, _, _, _, _) = A) when is_function(F, 3) ->
    lists:foldr(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, to_orddict(A));
foldr(_, _, _) -> erlang:error(badarg).

sparse_foldl(F, Acc, ?A(_, _, _, _, _) = A) when is_function(F, 3) ->
    lists:foldl(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, sparse_to_orddict(A));
sparse_foldl(_, _, _) -> erlang:error(badarg).

sparse_foldr(F, Acc, ?A(_, _, _, _, _) = A) when is_function(F, 3) ->
    lists:foldr(fun({I, V}, Ac) -> F(I, V, Ac) end, Acc, sparse_to_orddict(A));
sparse_foldr(_, _, _) -> erlang:error(badarg).
