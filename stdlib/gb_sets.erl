%% gb_sets.erl -- Moat standard library: the OTP 25 `gb_sets` module.
%%
%% General balanced trees as sets (see gb_trees.erl): a set is {Size,
%% Node}, Node = nil | {Key, Smaller, Bigger}.  The sets built have
%% exactly the shape OTP builds: union/2 inserts the elements of the
%% smaller set into the larger one when that is cheaper (size test with
%% 1.46 * ln), otherwise, like intersection/2 and difference/2, it rebuilds
%% a balanced tree from the merged list.
%%
%% Provides every function of OTP 25's gb_sets.  No function of this
%% module is a C BIF in Moat.
-module(gb_sets).

-export([add/2, add_element/2, balance/1, del_element/2, delete/2,
         delete_any/2, difference/2, empty/0, filter/2, fold/3,
         from_list/1, from_ordset/1, insert/2, intersection/1,
         intersection/2, is_disjoint/2, is_element/2, is_empty/1,
         is_member/2, is_set/1, is_subset/2, iterator/1, iterator_from/2,
         largest/1, new/0, next/1, singleton/1, size/1, smallest/1,
         subtract/2, take_largest/1, take_smallest/1, to_list/1,
         union/1, union/2]).

empty() -> {0, nil}.

new() -> empty().

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({Size, _}) -> Size.

singleton(Key) -> {1, {Key, nil, nil}}.

is_element(Key, {_, T}) -> is_member_1(Key, T).

is_member(Key, S) -> is_element(Key, S).

is_member_1(Key, {K, Smaller, _}) when Key < K -> is_member_1(Key, Smaller);
is_member_1(Key, {K, _, Bigger}) when Key > K -> is_member_1(Key, Bigger);
is_member_1(_, {_, _, _}) -> true;
is_member_1(_, nil) -> false.

%%% Insertion (same balancing scheme as gb_trees; a subtree still too
%%% deep is reported as {deep, Tree, H, Size}) -------------------------

insert(Key, {S, T}) ->
    S1 = S + 1,
    {S1, ins(Key, T, S1 * S1)}.

ins(Key, {K, Smaller, Bigger}, B) when Key < K ->
    case ins(Key, Smaller, B bsr 1) of
        {deep, T1, H1, S1} ->
            {H2, S2} = count(Bigger),
            check({K, T1, Bigger}, erlang:max(H1, H2) bsl 1, S1 + S2 + 1);
        T1 -> {K, T1, Bigger}
    end;
ins(Key, {K, Smaller, Bigger}, B) when Key > K ->
    case ins(Key, Bigger, B bsr 1) of
        {deep, T1, H1, S1} ->
            {H2, S2} = count(Smaller),
            check({K, Smaller, T1}, erlang:max(H1, H2) bsl 1, S1 + S2 + 1);
        T1 -> {K, Smaller, T1}
    end;
ins(Key, nil, 0) -> {deep, {Key, nil, nil}, 1, 1};
ins(Key, nil, _) -> {Key, nil, nil};
ins(Key, _, _) -> erlang:error({key_exists, Key}).

check(T, H, S) when H > S * S -> balance_tree(T, S);
check(T, H, S) -> {deep, T, H, S}.

count({_, nil, nil}) -> {1, 1};
count({_, Smaller, Bigger}) ->
    {H1, S1} = count(Smaller),
    {H2, S2} = count(Bigger),
    {erlang:max(H1, H2) bsl 1, S1 + S2 + 1};
count(nil) -> {1, 0}.

add_element(Key, S) -> add(Key, S).

add(Key, S) ->
    case is_element(Key, S) of
        true -> S;
        false -> insert(Key, S)
    end.

balance({S, T}) -> {S, balance_tree(T, S)}.

balance_tree(T, S) -> balance_list(to_list_1(T, []), S).

%% Perfectly balanced tree of a sorted list; the smaller half of an odd
%% split goes right.
balance_list(L, S) ->
    {T, []} = build(L, S),
    T.

build(L, S) when S > 1 ->
    S2 = (S - 1) bsr 1,
    S1 = S - 1 - S2,
    {T1, [K | L1]} = build(L, S1),
    {T2, L2} = build(L1, S2),
    {{K, T1, T2}, L2};
build([K | L], 1) -> {{K, nil, nil}, L};
build(L, 0) -> {nil, L}.

%% The same, with the smaller half of an odd split going left (used for
%% the results of the set operations).
balance_list_r(L, S) ->
    {T, []} = build_r(L, S),
    T.

build_r(L, S) when S > 1 ->
    S1 = (S - 1) bsr 1,
    S2 = S - 1 - S1,
    {T1, [K | L1]} = build_r(L, S1),
    {T2, L2} = build_r(L1, S2),
    {{K, T1, T2}, L2};
build_r([K | L], 1) -> {{K, nil, nil}, L};
build_r(L, 0) -> {nil, L}.

from_ordset(L) ->
    S = length(L),
    {S, balance_list(L, S)}.

from_list(L) -> from_ordset(lists:usort(L)).

rebuilt(L) ->
    S = length(L),
    {S, balance_list_r(L, S)}.

%%% Deletion -----------------------------------------------------------

del_element(Key, S) -> delete_any(Key, S).

delete_any(Key, S) ->
    case is_element(Key, S) of
        true -> delete(Key, S);
        false -> S
    end.

delete(Key, {S, T}) -> {S - 1, del(Key, T)}.

del(Key, {K, Smaller, Bigger}) when Key < K -> {K, del(Key, Smaller), Bigger};
del(Key, {K, Smaller, Bigger}) when Key > K -> {K, Smaller, del(Key, Bigger)};
del(_, {_, Smaller, Bigger}) -> merge(Smaller, Bigger).

merge(Smaller, nil) -> Smaller;
merge(nil, Bigger) -> Bigger;
merge(Smaller, Bigger) ->
    {K, Bigger1} = take_smallest_1(Bigger),
    {K, Smaller, Bigger1}.

take_smallest({S, T}) ->
    {K, T1} = take_smallest_1(T),
    {K, {S - 1, T1}}.

take_smallest_1({K, nil, Bigger}) -> {K, Bigger};
take_smallest_1({K, Smaller, Bigger}) ->
    {K1, Smaller1} = take_smallest_1(Smaller),
    {K1, {K, Smaller1, Bigger}}.

smallest({_, T}) -> smallest_1(T).

smallest_1({K, nil, _}) -> K;
smallest_1({_, Smaller, _}) -> smallest_1(Smaller).

take_largest({S, T}) ->
    {K, T1} = take_largest_1(T),
    {K, {S - 1, T1}}.

take_largest_1({K, Smaller, nil}) -> {K, Smaller};
take_largest_1({K, Smaller, Bigger}) ->
    {K1, Bigger1} = take_largest_1(Bigger),
    {K1, {K, Smaller, Bigger1}}.

largest({_, T}) -> largest_1(T).

largest_1({K, _, nil}) -> K;
largest_1({_, _, Bigger}) -> largest_1(Bigger).

%%% Traversal ----------------------------------------------------------

to_list({_, T}) -> to_list_1(T, []).

to_list_1({K, Smaller, Bigger}, L) -> to_list_1(Smaller, [K | to_list_1(Bigger, L)]);
to_list_1(nil, L) -> L.

iterator({_, T}) -> iter(T, []).

iter({_, nil, _} = T, As) -> [T | As];
iter({_, L, _} = T, As) -> iter(L, [T | As]);
iter(nil, As) -> As.

iterator_from(Key, {_, T}) -> iter_from(Key, T, []).

iter_from(Key, {K, _, T}, As) when K < Key -> iter_from(Key, T, As);
iter_from(_, {_, nil, _} = T, As) -> [T | As];
iter_from(Key, {_, L, _} = T, As) -> iter_from(Key, L, [T | As]);
iter_from(_, nil, As) -> As.

next([{K, _, T} | As]) -> {K, iter(T, As)};
next([]) -> none.

fold(F, A, {_, T}) when is_function(F, 2) -> fold_1(F, A, T).

fold_1(F, A, {K, Smaller, Bigger}) -> fold_1(F, F(K, fold_1(F, A, Smaller)), Bigger);
fold_1(_, A, nil) -> A.

filter(F, S) -> from_ordset([X || X <- to_list(S), F(X)]).

is_set({0, nil}) -> true;
is_set({N, {_, _, _}}) when is_integer(N), N >= 0 -> true;
is_set(_) -> false.

%%% Set operations -----------------------------------------------------

union({N1, T1}, {N2, T2}) when N2 < N1 -> union_1(to_list_1(T2, []), N2, T1, N1);
union({N1, T1}, {N2, T2}) -> union_1(to_list_1(T1, []), N1, T2, N2).

%% The elements L (N1 of them) of the smaller set, and the larger set.
union_1(L, _, T2, N2) when N2 < 10 -> union_merge(L, T2);
union_1(L, N1, T2, N2) ->
    X = N1 * round(1.46 * math:log(N2)),
    if N2 < X -> union_merge(L, T2);
       true -> lists:foldl(fun add/2, {N2, T2}, L)
    end.

union_merge(L, T2) -> rebuilt(lists:umerge(L, to_list_1(T2, []))).

union([S | Ss]) -> union_list(S, Ss);
union([]) -> empty().

union_list(S, [S1 | Ss]) -> union_list(union(S, S1), Ss);
union_list(S, []) -> S.

intersection({_, T1}, {_, T2}) ->
    rebuilt(inter(to_list_1(T1, []), to_list_1(T2, []))).

inter([X | Xs] = L1, [Y | Ys] = L2) ->
    if X < Y -> inter(Xs, L2);
       X > Y -> inter(L1, Ys);
       true -> [X | inter(Xs, Ys)]
    end;
inter(_, _) -> [].

intersection([S | Ss]) -> intersection_list(S, Ss).

intersection_list(S, [S1 | Ss]) -> intersection_list(intersection(S, S1), Ss);
intersection_list(S, []) -> S.

difference({_, T1}, {_, T2}) ->
    rebuilt(diff(to_list_1(T1, []), to_list_1(T2, []))).

subtract(S1, S2) -> difference(S1, S2).

diff([X | Xs] = L1, [Y | Ys] = L2) ->
    if X < Y -> [X | diff(Xs, L2)];
       X > Y -> diff(L1, Ys);
       true -> diff(Xs, Ys)
    end;
diff(L1, _) -> L1.

is_disjoint({_, T1}, {_, T2}) -> inter(to_list_1(T1, []), to_list_1(T2, [])) =:= [].

is_subset({_, T1}, {_, T2}) -> diff(to_list_1(T1, []), to_list_1(T2, [])) =:= [].
