%% lists.erl -- Moat standard library: the OTP 25 `lists` module.
%%
%% Provides every function that OTP 25's lists exports, with the same
%% results and the same exception class and reason as erl.
%%
%% Not defined here: reverse/1, reverse/2, keyfind/3, keymember/3,
%% keysearch/3 and member/2 are C BIFs in Moat.
%%
%% Sorting is a bottom-up merge sort of our own.  For every ordering fun
%% that is a total preorder (`=<`-like) it gives the stable result, as OTP
%% does; for a strict ordering (`<`-like) equal elements come out in reverse
%% input order, as in OTP.  Deviations: elements that are == but not =:=
%% (1 and 1.0) are kept in input order by sort/1, keysort/2 and the merges,
%% where OTP's order depends on its algorithm; merge/1 and umerge/1 of four
%% or more unsorted sublists may give another (equally unspecified) order.
-module(lists).

-export([all/2, any/2, append/1, append/2, concat/1, delete/2,
         droplast/1, dropwhile/2, duplicate/2, enumerate/1, enumerate/2,
         filter/2, filtermap/2, flatlength/1, flatmap/2, flatten/1,
         flatten/2, foldl/3, foldr/3, foreach/2, join/2, keydelete/3,
         keymap/3, keymerge/3, keyreplace/4, keysort/2, keystore/4,
         keytake/3, last/1, map/2, mapfoldl/3, mapfoldr/3, max/1,
         merge/1, merge/2, merge/3, merge3/3, min/1, nth/2, nthtail/2,
         partition/2, prefix/2, rkeymerge/3, rmerge/2, rmerge/3,
         rmerge3/3, rukeymerge/3, rumerge/2, rumerge/3, rumerge3/3,
         search/2, seq/2, seq/3, sort/1, sort/2, split/2, splitwith/2,
         sublist/2, sublist/3, subtract/2, suffix/2, sum/1, takewhile/2,
         ukeymerge/3, ukeysort/2, umerge/1, umerge/2, umerge/3,
         umerge3/3, uniq/1, uniq/2, unzip/1, unzip3/1, usort/1, usort/2,
         zf/2, zip/2, zip3/3, zipwith/3, zipwith3/4]).

%%% ------------------------------------------------------------------
%%% Simple list functions
%%% ------------------------------------------------------------------

append(L1, L2) -> L1 ++ L2.

append([E]) -> E;
append([H | T]) -> H ++ append(T);
append([]) -> [].

subtract(L1, L2) -> L1 -- L2.

nth(1, [H | _]) -> H;
nth(N, [_ | T]) when N > 1 -> nth(N - 1, T).

nthtail(1, [_ | T]) -> T;
nthtail(N, [_ | T]) when N > 1 -> nthtail(N - 1, T);
nthtail(0, L) when is_list(L) -> L.

prefix([X | P], [X | L]) -> prefix(P, L);
prefix([], L) when is_list(L) -> true;
prefix([_ | _], L) when is_list(L) -> false.

suffix(Suffix, List) ->
    D = length(List) - length(Suffix),
    D >= 0 andalso nthtail(D, List) =:= Suffix.

droplast([_]) -> [];
droplast([H | T]) -> [H | droplast(T)].

last([E | Es]) -> last_1(E, Es).

last_1(_, [E | Es]) -> last_1(E, Es);
last_1(E, []) -> E.

seq(First, Last)
  when is_integer(First), is_integer(Last), First - 1 =< Last ->
    seq_down(Last, First, []).

seq_down(N, First, Acc) when N >= First -> seq_down(N - 1, First, [N | Acc]);
seq_down(_, _, Acc) -> Acc.

seq(First, Last, Inc)
  when is_integer(First), is_integer(Last), is_integer(Inc),
       ((Inc > 0 andalso First - Inc =< Last) orelse
        (Inc < 0 andalso First - Inc >= Last)) ->
    Count = (Last - First + Inc) div Inc,
    seq_step(Count, First + Inc * (Count - 1), Inc, []);
seq(Same, Same, 0) when is_integer(Same) ->
    [Same];
seq(First, Last, Inc) ->
    erlang:error(badarg, [First, Last, Inc]).

seq_step(0, _, _, Acc) -> Acc;
seq_step(Count, X, Inc, Acc) -> seq_step(Count - 1, X - Inc, Inc, [X | Acc]).

sum(L) -> sum_1(L, 0).

sum_1([H | T], S) -> sum_1(T, S + H);
sum_1([], S) -> S.

duplicate(N, X) when is_integer(N), N >= 0 -> dup_1(N, X, []).

dup_1(0, _, Acc) -> Acc;
dup_1(N, X, Acc) -> dup_1(N - 1, X, [X | Acc]).

min([H | T]) -> min_1(T, H).

min_1([H | T], M) when H < M -> min_1(T, H);
min_1([_ | T], M) -> min_1(T, M);
min_1([], M) -> M.

max([H | T]) -> max_1(T, H).

max_1([H | T], M) when H > M -> max_1(T, H);
max_1([_ | T], M) -> max_1(T, M);
max_1([], M) -> M.

sublist(List, L) when is_integer(L), is_list(List) -> sublist_2(List, L).

sublist_2([H | T], L) when L > 0 -> [H | sublist_2(T, L - 1)];
sublist_2(_, 0) -> [];
sublist_2(List, L) when is_list(List), L > 0 -> [].

sublist(List, 1, L) when is_list(List), is_integer(L), L >= 0 ->
    sublist(List, L);
sublist([], S, _L) when is_integer(S), S >= 2 ->
    [];
sublist([_ | T], S, L) when is_integer(S), S >= 2 ->
    sublist(T, S - 1, L).

delete(X, [X | T]) -> T;
delete(X, [H | T]) -> [H | delete(X, T)];
delete(_, []) -> [].

zip([X | Xs], [Y | Ys]) -> [{X, Y} | zip(Xs, Ys)];
zip([], []) -> [].

unzip(Ts) -> unzip_1(Ts, [], []).

unzip_1([{X, Y} | Ts], Xs, Ys) -> unzip_1(Ts, [X | Xs], [Y | Ys]);
unzip_1([], Xs, Ys) -> {lists:reverse(Xs), lists:reverse(Ys)}.

zip3([X | Xs], [Y | Ys], [Z | Zs]) -> [{X, Y, Z} | zip3(Xs, Ys, Zs)];
zip3([], [], []) -> [].

unzip3(Ts) -> unzip3_1(Ts, [], [], []).

unzip3_1([{X, Y, Z} | Ts], Xs, Ys, Zs) ->
    unzip3_1(Ts, [X | Xs], [Y | Ys], [Z | Zs]);
unzip3_1([], Xs, Ys, Zs) ->
    {lists:reverse(Xs), lists:reverse(Ys), lists:reverse(Zs)}.

zipwith(F, [X | Xs], [Y | Ys]) -> [F(X, Y) | zipwith(F, Xs, Ys)];
zipwith(F, [], []) when is_function(F, 2) -> [].

zipwith3(F, [X | Xs], [Y | Ys], [Z | Zs]) ->
    [F(X, Y, Z) | zipwith3(F, Xs, Ys, Zs)];
zipwith3(F, [], [], []) when is_function(F, 3) -> [].

concat(List) -> flatmap(fun thing_to_list/1, List).

thing_to_list(X) when is_integer(X) -> integer_to_list(X);
thing_to_list(X) when is_float(X) -> float_to_list(X);
thing_to_list(X) when is_atom(X) -> atom_to_list(X);
thing_to_list(X) when is_list(X) -> X.

flatten(List) when is_list(List) -> flat_1(List, []).

flatten(List, Tail) when is_list(List), is_list(Tail) -> flat_1(List, Tail).

flat_1([H | T], Tail) when is_list(H) -> flat_1(H, flat_1(T, Tail));
flat_1([H | T], Tail) -> [H | flat_1(T, Tail)];
flat_1([], Tail) -> Tail.

flatlength(List) -> flatlen_1(List, 0).

flatlen_1([H | T], N) when is_list(H) -> flatlen_1(T, flatlen_1(H, N));
flatlen_1([_ | T], N) -> flatlen_1(T, N + 1);
flatlen_1([], N) -> N.

join(_Sep, []) -> [];
join(Sep, [H | T]) -> [H | join_1(Sep, T)].

join_1(_Sep, []) -> [];
join_1(Sep, [H | T]) -> [Sep, H | join_1(Sep, T)].

enumerate(List) -> enumerate(1, List).

enumerate(Index, List) when is_integer(Index), is_list(List) ->
    enum_1(Index, List).

enum_1(I, [H | T]) -> [{I, H} | enum_1(I + 1, T)];
enum_1(_, []) -> [].

uniq(List) -> uniq_1(List, #{}).

uniq_1([X | Xs], Seen) ->
    case maps:is_key(X, Seen) of
        true -> uniq_1(Xs, Seen);
        false -> [X | uniq_1(Xs, maps:put(X, true, Seen))]
    end;
uniq_1([], _) -> [].

uniq(F, List) when is_function(F, 1) -> uniq_2(List, F, #{}).

uniq_2([X | Xs], F, Seen) ->
    K = F(X),
    case maps:is_key(K, Seen) of
        true -> uniq_2(Xs, F, Seen);
        false -> [X | uniq_2(Xs, F, maps:put(K, true, Seen))]
    end;
uniq_2([], _, _) -> [].

%%% ------------------------------------------------------------------
%%% Key (tuple list) functions
%%% ------------------------------------------------------------------

keydelete(Key, N, List) when is_integer(N), N > 0 -> keydel_1(Key, N, List).

keydel_1(Key, N, [H | T]) when element(N, H) == Key -> T;
keydel_1(Key, N, [H | T]) -> [H | keydel_1(Key, N, T)];
keydel_1(_, _, []) -> [].

keyreplace(Key, N, List, New) when is_integer(N), N > 0, is_tuple(New) ->
    keyrep_1(Key, N, List, New).

keyrep_1(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keyrep_1(Key, N, [H | T], New) -> [H | keyrep_1(Key, N, T, New)];
keyrep_1(_, _, [], _) -> [].

keytake(Key, N, List) when is_integer(N), N > 0 -> keytake_1(Key, N, List, []).

keytake_1(Key, N, [H | T], Acc) when element(N, H) == Key ->
    {value, H, lists:reverse(Acc, T)};
keytake_1(Key, N, [H | T], Acc) -> keytake_1(Key, N, T, [H | Acc]);
keytake_1(_, _, [], _) -> false.

keystore(Key, N, List, New) when is_integer(N), N > 0, is_tuple(New) ->
    keystore_1(Key, N, List, New).

keystore_1(Key, N, [H | T], New) when element(N, H) == Key -> [New | T];
keystore_1(Key, N, [H | T], New) -> [H | keystore_1(Key, N, T, New)];
keystore_1(_, _, [], New) -> [New].

keymap(Fun, Index, [Tup | Tail]) ->
    [setelement(Index, Tup, Fun(element(Index, Tup))) | keymap(Fun, Index, Tail)];
keymap(Fun, Index, []) when is_integer(Index), Index >= 1, is_function(Fun, 1) ->
    [].

%%% ------------------------------------------------------------------
%%% Higher-order functions
%%% ------------------------------------------------------------------

all(Pred, List) when is_function(Pred, 1) ->
    case List of
        [H | T] ->
            case Pred(H) of
                true -> all_1(Pred, T);
                false -> false
            end;
        [] -> true
    end.

all_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> all_1(Pred, T);
        false -> false
    end;
all_1(_, []) -> true.

any(Pred, List) when is_function(Pred, 1) ->
    case List of
        [H | T] ->
            case Pred(H) of
                true -> true;
                false -> any_1(Pred, T)
            end;
        [] -> false
    end.

any_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> true;
        false -> any_1(Pred, T)
    end;
any_1(_, []) -> false.

map(F, List) when is_function(F, 1) ->
    case List of
        [H | T] -> [F(H) | map_1(F, T)];
        [] -> []
    end.

map_1(F, [H | T]) -> [F(H) | map_1(F, T)];
map_1(_, []) -> [].

flatmap(F, List) when is_function(F, 1) -> flatmap_1(F, List).

flatmap_1(F, [H | T]) -> F(H) ++ flatmap_1(F, T);
flatmap_1(_, []) -> [].

foldl(F, Acc, List) when is_function(F, 2) ->
    case List of
        [H | T] -> foldl_1(F, F(H, Acc), T);
        [] -> Acc
    end.

foldl_1(F, Acc, [H | T]) -> foldl_1(F, F(H, Acc), T);
foldl_1(_, Acc, []) -> Acc.

foldr(F, Acc, List) when is_function(F, 2) -> foldr_1(F, Acc, List).

foldr_1(F, Acc, [H | T]) -> F(H, foldr_1(F, Acc, T));
foldr_1(_, Acc, []) -> Acc.

filter(Pred, List) when is_function(Pred, 1) ->
    [E || E <- List, Pred(E)].

partition(Pred, List) when is_function(Pred, 1) -> partition_1(Pred, List, [], []).

partition_1(Pred, [H | T], Yes, No) ->
    case Pred(H) of
        true -> partition_1(Pred, T, [H | Yes], No);
        false -> partition_1(Pred, T, Yes, [H | No])
    end;
partition_1(_, [], Yes, No) ->
    {lists:reverse(Yes), lists:reverse(No)}.

filtermap(F, List) when is_function(F, 1) -> filtermap_1(F, List).

filtermap_1(F, [H | T]) ->
    case F(H) of
        false -> filtermap_1(F, T);
        true -> [H | filtermap_1(F, T)];
        {true, V} -> [V | filtermap_1(F, T)]
    end;
filtermap_1(_, []) -> [].

zf(F, List) -> filtermap(F, List).

foreach(F, List) when is_function(F, 1) -> foreach_1(F, List).

foreach_1(F, [H | T]) -> F(H), foreach_1(F, T);
foreach_1(_, []) -> ok.

mapfoldl(F, Acc, List) when is_function(F, 2) -> mapfoldl_1(F, Acc, List, []).

mapfoldl_1(F, Acc0, [H | T], Rs) ->
    {R, Acc1} = F(H, Acc0),
    mapfoldl_1(F, Acc1, T, [R | Rs]);
mapfoldl_1(_, Acc, [], Rs) -> {lists:reverse(Rs), Acc}.

mapfoldr(F, Acc, List) when is_function(F, 2) -> mapfoldr_1(F, Acc, List).

mapfoldr_1(F, Acc0, [H | T]) ->
    {Rs, Acc1} = mapfoldr_1(F, Acc0, T),
    {R, Acc2} = F(H, Acc1),
    {[R | Rs], Acc2};
mapfoldr_1(_, Acc, []) -> {[], Acc}.

takewhile(Pred, List) when is_function(Pred, 1) -> takewhile_1(Pred, List).

takewhile_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> [H | takewhile_1(Pred, T)];
        false -> []
    end;
takewhile_1(_, []) -> [].

dropwhile(Pred, List) when is_function(Pred, 1) -> dropwhile_1(Pred, List).

dropwhile_1(Pred, [H | T] = L) ->
    case Pred(H) of
        true -> dropwhile_1(Pred, T);
        false -> L
    end;
dropwhile_1(_, []) -> [].

search(Pred, List) when is_function(Pred, 1) -> search_1(Pred, List).

search_1(Pred, [H | T]) ->
    case Pred(H) of
        true -> {value, H};
        false -> search_1(Pred, T)
    end;
search_1(_, []) -> false.

splitwith(Pred, List) when is_function(Pred, 1) -> splitwith_1(Pred, List, []).

splitwith_1(Pred, [H | T] = L, Taken) ->
    case Pred(H) of
        true -> splitwith_1(Pred, T, [H | Taken]);
        false -> {lists:reverse(Taken), L}
    end;
splitwith_1(_, [], Taken) -> {lists:reverse(Taken), []}.

split(N, List) when is_integer(N), N >= 0, is_list(List) ->
    case split_1(N, List, []) of
        {_, _} = R -> R;
        error -> erlang:error(badarg, [N, List])
    end;
split(N, List) ->
    erlang:error(badarg, [N, List]).

split_1(0, L, Acc) -> {lists:reverse(Acc), L};
split_1(N, [H | T], Acc) -> split_1(N - 1, T, [H | Acc]);
split_1(_, [], _) -> error.

%%% ------------------------------------------------------------------
%%% Sorting: bottom-up merge sort.
%%%
%%% Runs are lists; a pass merges neighbouring runs pairwise.  Merges are
%%% tail recursive and so produce their result reversed: passes alternate
%%% between ascending runs (merged into descending ones) and descending
%%% runs (merged into ascending ones).  A descending run is always the
%%% exact reverse of the stable ascending run, so ties are handled by
%%% taking the right-hand run first when merging descending runs.
%%% ------------------------------------------------------------------

sort([_, _ | _] = L) -> s_asc(s_pairs(L, []));
sort([_] = L) -> L;
sort([] = L) -> L.

%% Build ascending runs of two elements (in input order).
s_pairs([A, B | T], Acc) when A =< B -> s_pairs(T, [[A, B] | Acc]);
s_pairs([A, B | T], Acc) -> s_pairs(T, [[B, A] | Acc]);
s_pairs([A], Acc) -> lists:reverse(Acc, [[A]]);
s_pairs([], Acc) -> lists:reverse(Acc).

%% Runs is a list of ascending runs in input order.
s_asc([Run]) -> Run;
s_asc(Runs) -> s_desc(s_asc_pass(Runs, [])).

s_asc_pass([A, B | T], Acc) -> s_asc_pass(T, [s_merge_a(A, B, []) | Acc]);
s_asc_pass([A], Acc) -> lists:reverse(Acc, [lists:reverse(A)]);
s_asc_pass([], Acc) -> lists:reverse(Acc).

%% Runs is a list of descending runs in input order.
s_desc([Run]) -> lists:reverse(Run);
s_desc(Runs) -> s_asc(s_desc_pass(Runs, [])).

s_desc_pass([A, B | T], Acc) -> s_desc_pass(T, [s_merge_d(A, B, []) | Acc]);
s_desc_pass([A], Acc) -> lists:reverse(Acc, [lists:reverse(A)]);
s_desc_pass([], Acc) -> lists:reverse(Acc).

%% Merge two ascending runs into a descending one.
s_merge_a([H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    if H1 =< H2 -> s_merge_a(T1, L2, [H1 | Acc]);
       true -> s_merge_a(L1, T2, [H2 | Acc])
    end;
s_merge_a([], L2, Acc) -> lists:reverse(L2, Acc);
s_merge_a(L1, [], Acc) -> lists:reverse(L1, Acc).

%% Merge two descending runs (L1 from earlier input) into an ascending one.
s_merge_d([H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    if H1 > H2 -> s_merge_d(T1, L2, [H1 | Acc]);
       true -> s_merge_d(L1, T2, [H2 | Acc])
    end;
s_merge_d([], L2, Acc) -> lists:reverse(L2, Acc);
s_merge_d(L1, [], Acc) -> lists:reverse(L1, Acc).

%% Generic version with an ordering fun Le(A, B): true if A may precede B.
sort(Fun, []) when is_function(Fun, 2) -> [];
sort(Fun, [_] = L) when is_function(Fun, 2) -> L;
sort(Fun, [_, _ | _] = L) -> f_sort(Fun, L).

f_sort(Le, L) -> f_asc(Le, f_pairs(Le, L, [])).

f_pairs(Le, [A, B | T], Acc) ->
    case Le(A, B) of
        true -> f_pairs(Le, T, [[A, B] | Acc]);
        false -> f_pairs(Le, T, [[B, A] | Acc])
    end;
f_pairs(_, [A], Acc) -> lists:reverse(Acc, [[A]]);
f_pairs(_, [], Acc) -> lists:reverse(Acc).

f_asc(_, [Run]) -> Run;
f_asc(Le, Runs) -> f_desc(Le, f_asc_pass(Le, Runs, [])).

f_asc_pass(Le, [A, B | T], Acc) -> f_asc_pass(Le, T, [f_merge_a(Le, A, B, []) | Acc]);
f_asc_pass(_, [A], Acc) -> lists:reverse(Acc, [lists:reverse(A)]);
f_asc_pass(_, [], Acc) -> lists:reverse(Acc).

f_desc(_, [Run]) -> lists:reverse(Run);
f_desc(Le, Runs) -> f_asc(Le, f_desc_pass(Le, Runs, [])).

f_desc_pass(Le, [A, B | T], Acc) -> f_desc_pass(Le, T, [f_merge_d(Le, A, B, []) | Acc]);
f_desc_pass(_, [A], Acc) -> lists:reverse(Acc, [lists:reverse(A)]);
f_desc_pass(_, [], Acc) -> lists:reverse(Acc).

f_merge_a(Le, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Le(H1, H2) of
        true -> f_merge_a(Le, T1, L2, [H1 | Acc]);
        false -> f_merge_a(Le, L1, T2, [H2 | Acc])
    end;
f_merge_a(_, [], L2, Acc) -> lists:reverse(L2, Acc);
f_merge_a(_, L1, [], Acc) -> lists:reverse(L1, Acc).

f_merge_d(Le, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Le(H1, H2) of
        true -> f_merge_d(Le, L1, T2, [H2 | Acc]);
        false -> f_merge_d(Le, T1, L2, [H1 | Acc])
    end;
f_merge_d(_, [], L2, Acc) -> lists:reverse(L2, Acc);
f_merge_d(_, L1, [], Acc) -> lists:reverse(L1, Acc).

usort([_, _ | _] = L) -> usort_dedup(sort(L));
usort([_] = L) -> L;
usort([] = L) -> L.

usort_dedup([H | T]) -> usort_dedup(T, H, [H]).

usort_dedup([X | T], Prev, Acc) when X == Prev -> usort_dedup(T, Prev, Acc);
usort_dedup([X | T], _, Acc) -> usort_dedup(T, X, [X | Acc]);
usort_dedup([], _, Acc) -> lists:reverse(Acc).

usort(Fun, []) when is_function(Fun, 2) -> [];
usort(Fun, [_] = L) when is_function(Fun, 2) -> L;
usort(Fun, [_, _ | _] = L) when is_function(Fun, 2) -> f_dedup(Fun, f_sort(Fun, L)).

f_dedup(Le, [H | T]) -> f_dedup(Le, T, H, [H]).

f_dedup(Le, [X | T], Prev, Acc) ->
    case Le(X, Prev) andalso Le(Prev, X) of
        true -> f_dedup(Le, T, Prev, Acc);
        false -> f_dedup(Le, T, X, [X | Acc])
    end;
f_dedup(_, [], _, Acc) -> lists:reverse(Acc).

keysort(I, L) when is_integer(I), I > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] -> f_sort(fun(A, B) -> element(I, A) =< element(I, B) end, L)
    end.

ukeysort(I, L) when is_integer(I), I > 0 ->
    case L of
        [] -> L;
        [_] -> L;
        [_, _ | _] ->
            [H | T] = keysort(I, L),
            ukey_dedup(I, T, element(I, H), [H])
    end.

ukey_dedup(I, [X | T], K, Acc) ->
    case element(I, X) of
        KX when KX == K -> ukey_dedup(I, T, K, Acc);
        KX -> ukey_dedup(I, T, KX, [X | Acc])
    end;
ukey_dedup(_, [], _, Acc) -> lists:reverse(Acc).

%%% ------------------------------------------------------------------
%%% Merging.  All merges are tail recursive, building the result reversed
%%% in an accumulator.  When one list runs out, the rest of the other is
%%% appended; it must be a proper list (badarg otherwise, as in OTP).
%%% ------------------------------------------------------------------

rev_app(Acc, Rest) ->
    _ = length(Rest),
    lists:reverse(Acc, Rest).

%% merge/1, umerge/1: merge neighbouring lists pairwise until one is left;
%% on ties the earlier list comes first.
merge([]) -> [];
merge([L]) -> L;
merge(Lists) -> mergel_check(Lists), mergel(Lists).

mergel_check([L | T]) when is_list(L) -> mergel_check(T);
mergel_check([]) -> ok.

mergel([L]) -> L;
mergel(Lists) -> mergel(mergel_pass(Lists, [])).

mergel_pass([A, B | T], Acc) -> mergel_pass(T, [merge(A, B) | Acc]);
mergel_pass([A], Acc) -> lists:reverse(Acc, [A]);
mergel_pass([], Acc) -> lists:reverse(Acc).

umerge([]) -> [];
umerge([L]) -> L;
umerge(Lists) -> mergel_check(Lists), umergel(Lists).

umergel([L]) -> L;
umergel(Lists) -> umergel(umergel_pass(Lists, [])).

umergel_pass([A, B | T], Acc) -> umergel_pass(T, [umerge(A, B) | Acc]);
umergel_pass([A], Acc) -> lists:reverse(Acc, [A]);
umergel_pass([], Acc) -> lists:reverse(Acc).

%% merge/2: ties take the element of L1 first.
merge(L1, []) -> L1;
merge(L1, L2) when is_list(L2) -> merge_1(L1, L2, []).

merge_1([H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    if H1 =< H2 -> merge_1(T1, L2, [H1 | Acc]);
       true -> merge_1(L1, T2, [H2 | Acc])
    end;
merge_1([], L2, Acc) -> rev_app(Acc, L2);
merge_1(L1, [], Acc) -> rev_app(Acc, L1).

%% rmerge/2: both lists sorted descending; ties take L2 first.
rmerge(L1, []) -> L1;
rmerge(L1, L2) when is_list(L2) -> rmerge_1(L1, L2, []).

rmerge_1([H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    if H1 > H2 -> rmerge_1(T1, L2, [H1 | Acc]);
       true -> rmerge_1(L1, T2, [H2 | Acc])
    end;
rmerge_1([], L2, Acc) -> rev_app(Acc, L2);
rmerge_1(L1, [], Acc) -> rev_app(Acc, L1).

merge3(L1, [], L3) -> merge(L1, L3);
merge3(L1, L2, []) -> merge(L1, L2);
merge3(L1, L2, L3) -> merge(L1, merge(L2, L3)).

rmerge3(L1, L2, []) -> rmerge(L1, L2);
rmerge3([], L2, L3) -> rmerge(L2, L3);
rmerge3(L1, L2, L3) -> rmerge(rmerge(L1, L2), L3).

%% umerge/2.  When the head of L2 is about to be taken, it is dropped
%% instead if it equals the element just taken from L1.
umerge([], L2) -> L2;
umerge(L1, L2) when is_list(L1) -> umerge_1(L1, L2, none, []).

umerge_1([H1 | T1] = L1, [H2 | T2] = L2, Last, Acc) ->
    if H1 =< H2 -> umerge_1(T1, L2, {H1}, [H1 | Acc]);
       Last =/= none, H2 == element(1, Last) -> umerge_1(L1, T2, none, Acc);
       true -> umerge_1(L1, T2, none, [H2 | Acc])
    end;
umerge_1([], [H2 | T2], {Last}, Acc) when H2 == Last -> rev_app(Acc, T2);
umerge_1([], L2, _, Acc) -> rev_app(Acc, L2);
umerge_1(L1, [], _, Acc) -> rev_app(Acc, L1).

%% rumerge/2 (descending lists).  When the head of L1 is about to be
%% taken and equals the element just taken from L2, it replaces that one.
rumerge(L1, []) -> L1;
rumerge(L1, L2) when is_list(L2) -> rumerge_1(L1, L2, none, []).

rumerge_1([H1 | T1] = L1, [H2 | T2] = L2, Last, Acc) ->
    if H1 =< H2 -> rumerge_1(L1, T2, {H2}, [H2 | Acc]);
       true -> rumerge_1(T1, L2, none, ru_put(H1, Last, Acc))
    end;
rumerge_1([H1 | T1], [], Last, Acc) -> rev_app(ru_put(H1, Last, Acc), T1);
rumerge_1([], L2, _, Acc) -> rev_app(Acc, L2).

ru_put(H1, {Last}, [_ | Acc]) when H1 == Last -> [H1 | Acc];
ru_put(H1, _, Acc) -> [H1 | Acc].

umerge3(L1, L2, []) -> umerge(L1, L2);
umerge3(L1, [], L3) -> umerge(L1, L3);
umerge3(L1, L2, L3) -> umerge(L1, umerge(L2, L3)).

rumerge3(L1, L2, []) -> rumerge(L1, L2);
rumerge3([], L2, L3) -> rumerge(L2, L3);
rumerge3(L1, L2, L3) -> rumerge(rumerge(L1, L2), L3).

%% Versions with an ordering fun.
merge(Fun, L1, []) when is_function(Fun, 2) -> L1;
merge(Fun, L1, L2) when is_function(Fun, 2), is_list(L2) -> fmerge_1(Fun, L1, L2, []).

fmerge_1(Fun, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Fun(H1, H2) of
        true -> fmerge_1(Fun, T1, L2, [H1 | Acc]);
        false -> fmerge_1(Fun, L1, T2, [H2 | Acc])
    end;
fmerge_1(_, [], L2, Acc) -> rev_app(Acc, L2);
fmerge_1(_, L1, [], Acc) -> rev_app(Acc, L1).

rmerge(Fun, L1, []) when is_function(Fun, 2) -> L1;
rmerge(Fun, L1, L2) when is_function(Fun, 2), is_list(L2) -> frmerge_1(Fun, L1, L2, []).

frmerge_1(Fun, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case Fun(H1, H2) of
        true -> frmerge_1(Fun, L1, T2, [H2 | Acc]);
        false -> frmerge_1(Fun, T1, L2, [H1 | Acc])
    end;
frmerge_1(_, [], L2, Acc) -> rev_app(Acc, L2);
frmerge_1(_, L1, [], Acc) -> rev_app(Acc, L1).

umerge(Fun, [], L2) when is_function(Fun, 2) -> L2;
umerge(Fun, L1, L2) when is_function(Fun, 2), is_list(L1) -> fumerge_1(Fun, L1, L2, none, []).

fumerge_1(Fun, [H1 | T1] = L1, [H2 | T2] = L2, Last, Acc) ->
    case Fun(H1, H2) of
        true -> fumerge_1(Fun, T1, L2, {H1}, [H1 | Acc]);
        false ->
            case Last =/= none andalso Fun(H2, element(1, Last)) of
                true -> fumerge_1(Fun, L1, T2, none, Acc);
                false -> fumerge_1(Fun, L1, T2, none, [H2 | Acc])
            end
    end;
fumerge_1(Fun, [], [H2 | T2] = L2, {Last}, Acc) ->
    case Fun(H2, Last) of
        true -> rev_app(Acc, T2);
        false -> rev_app(Acc, L2)
    end;
fumerge_1(_, [], L2, _, Acc) -> rev_app(Acc, L2);
fumerge_1(_, L1, [], _, Acc) -> rev_app(Acc, L1).

rumerge(Fun, L1, []) when is_function(Fun, 2) -> L1;
rumerge(Fun, L1, L2) when is_function(Fun, 2), is_list(L2) -> frumerge_1(Fun, L1, L2, none, []).

frumerge_1(Fun, [H1 | T1] = L1, [H2 | T2] = L2, Last, Acc) ->
    case Fun(H1, H2) of
        true -> frumerge_1(Fun, L1, T2, {H2}, [H2 | Acc]);
        false -> frumerge_1(Fun, T1, L2, none, fru_put(Fun, H1, Last, Acc))
    end;
frumerge_1(Fun, [H1 | T1], [], Last, Acc) ->
    rev_app(fru_put(Fun, H1, Last, Acc), T1);
frumerge_1(_, [], L2, _, Acc) ->
    rev_app(Acc, L2).

fru_put(Fun, H1, {Last}, [_ | Acc] = Acc0) ->
    case Fun(Last, H1) of
        true -> [H1 | Acc];
        false -> [H1 | Acc0]
    end;
fru_put(_, H1, none, Acc) -> [H1 | Acc].

%% Versions on tuple lists, comparing element I.
keymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] -> _ = element(I, H2), keymerge_1(I, L1, L2, [])
    end.

keymerge_1(I, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case element(I, H1) =< element(I, H2) of
        true -> keymerge_1(I, T1, L2, [H1 | Acc]);
        false -> keymerge_1(I, L1, T2, [H2 | Acc])
    end;
keymerge_1(_, [], L2, Acc) -> rev_app(Acc, L2);
keymerge_1(_, L1, [], Acc) -> rev_app(Acc, L1).

rkeymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] -> _ = element(I, H2), rkeymerge_1(I, L1, L2, [])
    end.

rkeymerge_1(I, [H1 | T1] = L1, [H2 | T2] = L2, Acc) ->
    case element(I, H1) > element(I, H2) of
        true -> rkeymerge_1(I, T1, L2, [H1 | Acc]);
        false -> rkeymerge_1(I, L1, T2, [H2 | Acc])
    end;
rkeymerge_1(_, [], L2, Acc) -> rev_app(Acc, L2);
rkeymerge_1(_, L1, [], Acc) -> rev_app(Acc, L1).

ukeymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L1 of
        [] -> L2;
        [H1 | _] -> _ = element(I, H1), ukeymerge_1(I, L1, L2, none, [])
    end.

ukeymerge_1(I, [H1 | T1] = L1, [H2 | T2] = L2, Last, Acc) ->
    K1 = element(I, H1),
    K2 = element(I, H2),
    if K1 =< K2 -> ukeymerge_1(I, T1, L2, {K1}, [H1 | Acc]);
       Last =/= none, K2 == element(1, Last) -> ukeymerge_1(I, L1, T2, none, Acc);
       true -> ukeymerge_1(I, L1, T2, none, [H2 | Acc])
    end;
ukeymerge_1(I, [], [H2 | T2] = L2, {Last}, Acc) ->
    case element(I, H2) == Last of
        true -> rev_app(Acc, T2);
        false -> rev_app(Acc, L2)
    end;
ukeymerge_1(_, [], L2, _, Acc) -> rev_app(Acc, L2);
ukeymerge_1(_, L1, [], _, Acc) -> rev_app(Acc, L1).

rukeymerge(I, L1, L2) when is_integer(I), I > 0 ->
    case L2 of
        [] -> L1;
        [H2 | _] -> _ = element(I, H2), rukeymerge_1(I, L1, L2, none, [])
    end.

rukeymerge_1(I, [H1 | T1] = L1, [H2 | T2] = L2, Last, Acc) ->
    K2 = element(I, H2),
    case element(I, H1) =< K2 of
        true -> rukeymerge_1(I, L1, T2, {K2}, [H2 | Acc]);
        false -> rukeymerge_1(I, T1, L2, none, ruk_put(I, H1, Last, Acc))
    end;
rukeymerge_1(I, [H1 | T1], [], Last, Acc) ->
    rev_app(ruk_put(I, H1, Last, Acc), T1);
rukeymerge_1(_, [], L2, _, Acc) ->
    rev_app(Acc, L2).

ruk_put(I, H1, {Last}, [_ | Acc] = Acc0) ->
    case element(I, H1) == Last of
        true -> [H1 | Acc];
        false -> [H1 | Acc0]
    end;
ruk_put(_, H1, none, Acc) -> [H1 | Acc].
