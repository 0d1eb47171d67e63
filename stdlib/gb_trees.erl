%% gb_trees.erl -- Moat standard library: the OTP 25 `gb_trees` module.
%%
%% General balanced trees (A. Andersson, "General Balanced Trees", 1999):
%% no balance information is stored; when an insertion makes the tree too
%% deep, the lowest too-deep subtree on the path is rebuilt perfectly
%% balanced.  A tree is {Size, Node}, Node = nil | {Key, Value, Smaller,
%% Bigger}; the trees built have exactly the shape OTP builds.
%%
%% Provides every function of OTP 25's gb_trees.  No function of this
%% module is a C BIF in Moat.
-module(gb_trees).

-export([balance/1, delete/2, delete_any/2, empty/0, enter/3,
         from_orddict/1, get/2, insert/3, is_defined/2, is_empty/1,
         iterator/1, iterator_from/2, keys/1, largest/1, lookup/2, map/2,
         next/1, size/1, smallest/1, take/2, take_any/2, take_largest/1,
         take_smallest/1, to_list/1, update/3, values/1]).

empty() -> {0, nil}.

is_empty({0, nil}) -> true;
is_empty(_) -> false.

size({Size, _}) when is_integer(Size), Size >= 0 -> Size.

lookup(Key, {_, T}) -> lookup_1(Key, T).

lookup_1(Key, {K, _, Smaller, _}) when Key < K -> lookup_1(Key, Smaller);
lookup_1(Key, {K, _, _, Bigger}) when Key > K -> lookup_1(Key, Bigger);
lookup_1(_, {_, V, _, _}) -> {value, V};
lookup_1(_, nil) -> none.

is_defined(Key, {_, T}) -> is_defined_1(Key, T).

is_defined_1(Key, {K, _, Smaller, _}) when Key < K -> is_defined_1(Key, Smaller);
is_defined_1(Key, {K, _, _, Bigger}) when Key > K -> is_defined_1(Key, Bigger);
is_defined_1(_, {_, _, _, _}) -> true;
is_defined_1(_, nil) -> false.

get(Key, {_, T}) -> get_1(Key, T).

get_1(Key, {K, _, Smaller, _}) when Key < K -> get_1(Key, Smaller);
get_1(Key, {K, _, _, Bigger}) when Key > K -> get_1(Key, Bigger);
get_1(_, {_, V, _, _}) -> V.

update(Key, Val, {S, T}) -> {S, update_1(Key, Val, T)}.

update_1(Key, Val, {K, V, Smaller, Bigger}) when Key < K ->
    {K, V, update_1(Key, Val, Smaller), Bigger};
update_1(Key, Val, {K, V, Smaller, Bigger}) when Key > K ->
    {K, V, Smaller, update_1(Key, Val, Bigger)};
update_1(Key, Val, {_, _, Smaller, Bigger}) ->
    {Key, Val, Smaller, Bigger}.

enter(Key, Val, T) ->
    case is_defined(Key, T) of
        true -> update(Key, Val, T);
        false -> insert(Key, Val, T)
    end.

%%% Insertion ----------------------------------------------------------
%%
%% Budget: the square of the new size, halved at each level down.  A new
%% node reached with a budget of 0 is too deep: the way back up then
%% reports {Node, H, Size} (H = 2^height) until a subtree with
%% H > Size^2 is found and rebuilt balanced.

insert(Key, Val, {S, T}) when is_integer(S) ->
    S1 = S + 1,
    {S1, ins(Key, Val, T, S1 * S1)}.

ins(Key, Val, {K, V, Smaller, Bigger}, B) when Key < K ->
    case ins(Key, Val, Smaller, B bsr 1) of
        {T1, H1, S1} ->
            {H2, S2} = count(Bigger),
            check({K, V, T1, Bigger}, erlang:max(H1, H2) bsl 1, S1 + S2 + 1);
        T1 -> {K, V, T1, Bigger}
    end;
ins(Key, Val, {K, V, Smaller, Bigger}, B) when Key > K ->
    case ins(Key, Val, Bigger, B bsr 1) of
        {T1, H1, S1} ->
            {H2, S2} = count(Smaller),
            check({K, V, Smaller, T1}, erlang:max(H1, H2) bsl 1, S1 + S2 + 1);
        T1 -> {K, V, Smaller, T1}
    end;
ins(Key, Val, nil, 0) -> {{Key, Val, nil, nil}, 1, 1};
ins(Key, Val, nil, _) -> {Key, Val, nil, nil};
ins(Key, _, _, _) -> erlang:error({key_exists, Key}).

check(T, H, S) when H > S * S -> balance_tree(T, S);
check(T, H, S) -> {T, H, S}.

%% {2^height, size} of a subtree.
count({_, _, nil, nil}) -> {1, 1};
count({_, _, Smaller, Bigger}) ->
    {H1, S1} = count(Smaller),
    {H2, S2} = count(Bigger),
    {erlang:max(H1, H2) bsl 1, S1 + S2 + 1};
count(nil) -> {1, 0}.

balance({S, T}) -> {S, balance_tree(T, S)}.

balance_tree(T, S) -> balance_list(to_list_1(T, []), S).

balance_list(L, S) ->
    {T, []} = build(L, S),
    T.

%% Perfectly balanced tree of the first S pairs: {Tree, Rest}.
build(L, S) when S > 1 ->
    S2 = (S - 1) bsr 1,
    S1 = S - 1 - S2,
    {T1, [{K, V} | L1]} = build(L, S1),
    {T2, L2} = build(L1, S2),
    {{K, V, T1, T2}, L2};
build([{K, V} | L], 1) -> {{K, V, nil, nil}, L};
build(L, 0) -> {nil, L}.

from_orddict(L) ->
    S = length(L),
    {S, balance_list(L, S)}.

%%% Deletion -----------------------------------------------------------

delete_any(Key, T) ->
    case is_defined(Key, T) of
        true -> delete(Key, T);
        false -> T
    end.

delete(Key, {S, T}) when is_integer(S), S >= 0 -> {S - 1, del(Key, T)}.

del(Key, {K, V, Smaller, Bigger}) when Key < K -> {K, V, del(Key, Smaller), Bigger};
del(Key, {K, V, Smaller, Bigger}) when Key > K -> {K, V, Smaller, del(Key, Bigger)};
del(_, {_, _, Smaller, Bigger}) -> merge(Smaller, Bigger).

merge(Smaller, nil) -> Smaller;
merge(nil, Bigger) -> Bigger;
merge(Smaller, Bigger) ->
    {K, V, Bigger1} = take_smallest_1(Bigger),
    {K, V, Smaller, Bigger1}.

take_any(Key, T) ->
    case is_defined(Key, T) of
        true -> take(Key, T);
        false -> error
    end.

take(Key, {S, T}) when is_integer(S), S >= 0 ->
    {V, T1} = take_1(Key, T),
    {V, {S - 1, T1}}.

take_1(Key, {K, V, Smaller, Bigger}) when Key < K ->
    {V1, Smaller1} = take_1(Key, Smaller),
    {V1, {K, V, Smaller1, Bigger}};
take_1(Key, {K, V, Smaller, Bigger}) when Key > K ->
    {V1, Bigger1} = take_1(Key, Bigger),
    {V1, {K, V, Smaller, Bigger1}};
take_1(_, {_, V, Smaller, Bigger}) ->
    {V, merge(Smaller, Bigger)}.

take_smallest({S, T}) ->
    {K, V, T1} = take_smallest_1(T),
    {K, V, {S - 1, T1}}.

take_smallest_1({K, V, nil, Bigger}) -> {K, V, Bigger};
take_smallest_1({K, V, Smaller, Bigger}) ->
    {K1, V1, Smaller1} = take_smallest_1(Smaller),
    {K1, V1, {K, V, Smaller1, Bigger}}.

smallest({_, T}) -> smallest_1(T).

smallest_1({K, V, nil, _}) -> {K, V};
smallest_1({_, _, Smaller, _}) -> smallest_1(Smaller).

take_largest({S, T}) ->
    {K, V, T1} = take_largest_1(T),
    {K, V, {S - 1, T1}}.

take_largest_1({K, V, Smaller, nil}) -> {K, V, Smaller};
take_largest_1({K, V, Smaller, Bigger}) ->
    {K1, V1, Bigger1} = take_largest_1(Bigger),
    {K1, V1, {K, V, Smaller, Bigger1}}.

largest({_, T}) -> largest_1(T).

largest_1({K, V, _, nil}) -> {K, V};
largest_1({_, _, _, Bigger}) -> largest_1(Bigger).

%%% Traversal ----------------------------------------------------------

to_list({_, T}) -> to_list_1(T, []).

to_list_1({K, V, Smaller, Bigger}, L) -> to_list_1(Smaller, [{K, V} | to_list_1(Bigger, L)]);
to_list_1(nil, L) -> L.

keys({_, T}) -> keys_1(T, []).

keys_1({K, _, Smaller, Bigger}, L) -> keys_1(Smaller, [K | keys_1(Bigger, L)]);
keys_1(nil, L) -> L.

values({_, T}) -> values_1(T, []).

values_1({_, V, Smaller, Bigger}, L) -> values_1(Smaller, [V | values_1(Bigger, L)]);
values_1(nil, L) -> L.

map(F, {S, T}) when is_function(F, 2) -> {S, map_1(F, T)}.

map_1(F, {K, V, Smaller, Bigger}) -> {K, F(K, V), map_1(F, Smaller), map_1(F, Bigger)};
map_1(_, nil) -> nil.

%% An iterator is the stack of nodes still to visit, smallest first.
iterator({_, T}) -> iter(T, []).

iter({_, _, nil, _} = T, As) -> [T | As];
iter({_, _, L, _} = T, As) -> iter(L, [T | As]);
iter(nil, As) -> As.

iterator_from(Key, {_, T}) -> iter_from(Key, T, []).

iter_from(Key, {K, _, _, T}, As) when K < Key -> iter_from(Key, T, As);
iter_from(_, {_, _, nil, _} = T, As) -> [T | As];
iter_from(Key, {_, _, L, _} = T, As) -> iter_from(Key, L, [T | As]);
iter_from(_, nil, As) -> As.

next([{K, V, _, T} | As]) -> {K, V, iter(T, As)};
next([]) -> none.
