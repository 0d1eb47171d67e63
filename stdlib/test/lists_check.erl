%% lists_check.erl -- compare stdlib/lists.erl (compiled as m_lists) with
%% OTP's lists on erl.  Run through run-on-erl.sh.
-module(lists_check).
-export([run/0]).

-import(check_lib, [cmp/4, gen/1, pick/1, times/2, int/2, rand_list/2]).

-define(R, lists).
-define(M, m_lists).

c(F, Args) -> cmp(?R, ?M, F, Args).

pred() ->
    pick([fun(X) -> is_integer(X) end, fun(X) -> X == 1 end,
          fun(X) -> is_atom(X) end, fun(_) -> true end, fun(_) -> false end,
          fun(X) -> X end, notfun, fun(A, B) -> A < B end]).

mapper() ->
    pick([fun(X) -> {X} end, fun(X) -> [X, X] end, fun(X) -> X end,
          fun(X) when is_integer(X) -> X * 2 end, notfun, fun(A, _) -> A end]).

fold2() ->
    pick([fun(X, A) -> [X | A] end, fun(X, A) -> {X, A} end,
          fun(X, A) when is_number(X), is_number(A) -> X + A end,
          notfun, fun(X) -> X end]).

mapfold() ->
    pick([fun(X, A) -> {{X}, [X | A]} end, fun(X, A) -> {X, A + 1} end,
          fun(X, _) -> X end, notfun]).

fmap() ->
    pick([fun(X) when is_integer(X) -> {true, X * 2}; (_) -> false end,
          fun(X) -> is_atom(X) end, fun(X) -> X end, notfun]).

ord() ->
    pick([fun(A, B) -> A =< B end, fun(A, B) -> A < B end,
          fun(A, B) -> A >= B end, fun(A, B) -> A > B end,
          fun(A, B) -> abs(A) =< abs(B) end,
          fun(A, B) -> abs(A) < abs(B) end,
          fun(A, B) -> abs(A) >= abs(B) end,
          notfun, fun(A) -> A end]).

%% orderings that are not total preorders: OTP's result depends on its
%% algorithm; differences are known deviations.
bad_ord() ->
    pick([fun(A, B) -> A == B end, fun(A, _) -> A > 0 end,
          fun(_, _) -> false end, fun(_, _) -> true end]).

keyfn() -> pick([fun(X) -> X end, fun(X) -> {X} end, fun(_) -> x end, notfun]).

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, [{reverse, 1}, {reverse, 2}, {keyfind, 3},
                               {keymember, 3}, {keysearch, 3}, {member, 2}]),
    edge(),
    times(600, fun random_round/0),
    sorting(),
    check_lib:finish("lists").

edge() ->
    Ls = [[], [a], [a, b], [a | b], x, "abc", [[a], [b, [c]]], [1, 1.0, 2]],
    Ns = [-1, 0, 1, 2, 3, 4, a, 1.5],
    [c(F, [N, L]) || F <- [nth, nthtail, split, sublist, duplicate], N <- Ns, L <- Ls],
    [c(sublist, [L, S, N]) || L <- Ls, S <- Ns, N <- Ns],
    [c(F, [L]) || F <- [append, last, droplast, flatten, flatlength, sum, max, min,
                       sort, usort, unzip, unzip3, merge, umerge, concat, enumerate, uniq],
                 L <- Ls ++ [[[a], [b]], [[a] | b], [{a, b}], [{a, b, c}], [x, [a]],
                             [1, a, 2.5, "x"], [1, <<"b">>]]],
    [c(F, [A, B]) || F <- [append, subtract, prefix, suffix, zip, flatten, merge, umerge,
                          rmerge, rumerge, delete, join, enumerate],
                    A <- Ls ++ Ns, B <- Ls],
    [c(seq, [A, B]) || A <- [-2, 0, 1, 5, a, 1.0], B <- [-2, 0, 1, 5, 10, a, 1.0]],
    [c(seq, [A, B, I]) || A <- [-2, 0, 1, 5, a], B <- [-2, 0, 1, 5, 10, a],
                          I <- [-3, -1, 0, 1, 2, 3, a, 1.0]],
    %% rmerge3/rumerge3 (undocumented) with an improper list: OTP may
    %% raise function_clause where Moat raises badarg
    [check_lib:known(?R, ?M, F, [A, B, C]) || F <- [rmerge3, rumerge3],
                       A <- [[], [1], x, [2 | y]], B <- [[], [2], x, [1 | y]],
                       C <- [[], [3], x, [1 | y], [0, 2]]],
    [c(F, [A, B, C]) || F <- [merge3, umerge3, zip3],
                       A <- [[], [1], x, [2 | y]], B <- [[], [2], x, [1 | y]],
                       C <- [[], [3], x, [1 | y], [0, 2]]],
    [c(F, [Fn, A, B]) || F <- [merge, umerge, rmerge, rumerge, zipwith],
                        Fn <- [fun(X, Y) -> X =< Y end, x],
                        A <- [[], [1], x, [1 | y]], B <- [[], [2], x, [0 | y]]],
    [c(F, [I, A, B]) || F <- [keymerge, ukeymerge, rkeymerge, rukeymerge],
                       I <- [0, 1, 2, a],
                       A <- [[], [{1}], x, [a], [{1} | y]], B <- [[], [{2}], x, [b], [{0} | y]]],
    [c(F, [I, L]) || F <- [keysort, ukeysort], I <- [0, 1, 2, a],
                    L <- [[], [a], [a, b], [{1}], [{1}, {0}], [{1}, a], x, [{1} | x],
                          [{2}, {1} | x]]],
    [c(F, [Fn, L]) || F <- [sort, usort, map, filter, foreach, all, any, flatmap,
                           takewhile, dropwhile, splitwith, partition, filtermap, zf,
                           search, uniq],
                     Fn <- [x, fun(X) -> X end, fun(_, _) -> true end],
                     L <- Ls],
    [c(F, [Fn, 0, L]) || F <- [foldl, foldr, mapfoldl, mapfoldr],
                        Fn <- [x, fun(X) -> X end, fun(X, A) -> {X, A} end],
                        L <- Ls],
    [c(F, [K, N, L]) || F <- [keydelete, keytake], K <- [a, 1],
                       N <- [0, 1, 2, a], L <- [[], [{a}], [{1.0, a}], [a, {a}], [x | y], x]],
    [c(F, [K, N, L, New]) || F <- [keyreplace, keystore], K <- [a, 1],
                            N <- [0, 1, 2, a], L <- [[], [{a}], [{1.0, a}], [a, {a}], [x | y], x],
                            New <- [{new}, new]],
    [c(keymap, [Fn, N, L]) || Fn <- [x, fun(X) -> {X} end], N <- [0, 1, 2, a],
                             L <- [[], [{a}], [{1, a}], [a, {a}], [x | y], x]],
    [c(zipwith3, [Fn, A, B, C]) || Fn <- [x, fun(X, Y, Z) -> X + Y + Z end],
                                 A <- [[], [1], x], B <- [[], [2], [a]], C <- [[], [3], [1 | y]]],
    c(seq, [1, 100000]),
    c(sort, [[rand:uniform(1000) || _ <- lists:seq(1, 5000)]]),
    c(flatten, [[a, [b, [c, []], "d"], [[[]]]], [tail]]),
    c(join, [x, [a, b, c]]),
    ok.

random_round() ->
    L = gen(list), L2 = gen(list),
    c(append, [L, L2]), c(subtract, [L, L2]),
    c(append, [[gen(list) || _ <- lists:seq(1, int(0, 3))]]),
    c(nth, [gen(index), L]), c(nthtail, [gen(count), L]),
    c(prefix, [lists:sublist(gen(plist), 2), L]), c(suffix, [gen(list), L]),
    c(droplast, [L]), c(last, [L]),
    c(seq, [gen(count), gen(count)]),
    c(seq, [int(-5, 10), int(-5, 10), int(-3, 3)]),
    c(sum, [gen(numlist)]), c(max, [gen(list)]), c(min, [gen(list)]),
    c(duplicate, [gen(count), gen(small)]),
    c(sublist, [L, gen(count)]), c(sublist, [L, gen(index), gen(count)]),
    c(delete, [gen(small), L]),
    c(zip, [L, gen(list)]), c(zip3, [L, gen(list), gen(list)]),
    c(unzip, [gen(tlist)]), c(unzip3, [gen(tlist)]),
    c(zipwith, [pick([fun(A, B) -> {A, B} end, x]), L, gen(list)]),
    c(zipwith3, [pick([fun(A, B, C) -> {A, B, C} end, x]), L, gen(list), gen(list)]),
    c(concat, [gen(list)]),
    c(flatten, [gen(deep)]), c(flatten, [gen(deep), gen(list)]),
    c(flatlength, [gen(deep)]),
    c(join, [gen(small), L]),
    c(enumerate, [L]), c(enumerate, [pick([0, 1, 5, -3, a]), L]),
    c(uniq, [gen(numlist)]), c(uniq, [keyfn(), gen(numlist)]),
    TL = gen(tlist), K = gen(num), N = pick([1, 2, 1, 2, 3, 0]),
    c(keydelete, [K, N, TL]), c(keyreplace, [K, N, TL, {new}]),
    c(keytake, [K, N, TL]), c(keystore, [K, N, TL, {new, ok}]),
    c(keymap, [pick([fun(X) -> {X} end, notfun]), N, TL]),
    c(keysort, [N, TL]), c(ukeysort, [N, TL]),
    c(all, [pred(), L]), c(any, [pred(), L]),
    c(map, [mapper(), L]), c(flatmap, [mapper(), L]),
    c(foldl, [fold2(), pick([[], 0]), L]), c(foldr, [fold2(), pick([[], 0]), L]),
    c(filter, [pred(), L]), c(partition, [pred(), L]),
    c(filtermap, [fmap(), L]), c(zf, [fmap(), L]),
    c(foreach, [pick([fun(X) -> X end, notfun]), L]),
    c(mapfoldl, [mapfold(), 0, L]), c(mapfoldr, [mapfold(), 0, L]),
    c(takewhile, [pred(), L]), c(dropwhile, [pred(), L]),
    c(search, [pred(), L]), c(splitwith, [pred(), L]),
    c(split, [gen(count), L]),
    ok.

sorting() ->
    times(1500, fun sort_round/0),
    ok.

sort_round() ->
    NL = gen(numlist),
    c(sort, [NL]), c(usort, [NL]),
    c(sort, [gen(list)]), c(usort, [gen(list)]),
    Ord = ord(),
    c(sort, [Ord, NL]), c(usort, [Ord, NL]),
    BadOrd = bad_ord(),
    check_lib:known(?R, ?M, sort, [BadOrd, NL]),
    check_lib:known(?R, ?M, usort, [BadOrd, NL]),
    TL = [list_to_tuple([gen(num), gen(num)]) || _ <- lists:seq(1, int(0, 12))],
    c(keysort, [pick([1, 2]), TL]), c(ukeysort, [pick([1, 2]), TL]),
    %% valid merges
    S1 = gen(sorted), S2 = gen(sorted), S3 = gen(sorted),
    c(merge, [S1, S2]), c(merge3, [S1, S2, S3]), c(merge, [[S1, S2, S3]]),
    c(merge, [[gen(sorted) || _ <- lists:seq(1, int(0, 7))]]),
    U1 = gen(usorted), U2 = gen(usorted), U3 = gen(usorted),
    c(umerge, [U1, U2]), c(umerge3, [U1, U2, U3]), c(umerge, [[U1, U2, U3]]),
    c(umerge, [[gen(usorted) || _ <- lists:seq(1, int(0, 7))]]),
    R1 = gen(rsorted), R2 = gen(rsorted), R3 = gen(rsorted),
    c(rmerge, [R1, R2]), c(rmerge3, [R1, R2, R3]),
    RU1 = gen(rusorted), RU2 = gen(rusorted), RU3 = gen(rusorted),
    c(rumerge, [RU1, RU2]), c(rumerge3, [RU1, RU2, RU3]),
    Le = fun(A, B) -> A =< B end,
    c(merge, [Le, S1, S2]), c(umerge, [Le, U1, U2]),
    c(rmerge, [Le, R1, R2]), c(rumerge, [Le, RU1, RU2]),
    KS1 = lists:keysort(1, TL), KS2 = lists:keysort(1, [list_to_tuple([gen(num), z]) || _ <- lists:seq(1, int(0, 6))]),
    c(keymerge, [1, KS1, KS2]), c(ukeymerge, [1, lists:ukeysort(1, KS1), lists:ukeysort(1, KS2)]),
    c(rkeymerge, [1, lists:reverse(KS1), lists:reverse(KS2)]),
    c(rukeymerge, [1, lists:reverse(lists:ukeysort(1, KS1)), lists:reverse(lists:ukeysort(1, KS2))]),
    %% unspecified inputs (unsorted / duplicates): try anyway
    X1 = gen(numlist), X2 = gen(numlist), X3 = gen(numlist),
    c(merge, [X1, X2]), c(rmerge, [X1, X2]), c(merge, [Le, X1, X2]),
    c(merge3, [X1, X2, X3]), c(rmerge3, [X1, X2, X3]),
    c(umerge, [S1, S2]), c(rumerge, [R1, R2]),
    c(umerge3, [S1, S2, S3]), c(rumerge3, [R1, R2, R3]),
    c(umerge, [Le, S1, S2]), c(rumerge, [Le, R1, R2]),
    c(umerge, [X1, X2]), c(rumerge, [X1, X2]), c(umerge3, [X1, X2, X3]),
    c(rumerge3, [X1, X2, X3]), c(umerge, [Le, X1, X2]), c(rumerge, [Le, X1, X2]),
    c(merge, [[X1, X2, X3]]), c(umerge, [[X1, X2, X3]]),
    %% merge/1 of four or more unsorted lists: OTP's order depends on its
    %% merge tree
    check_lib:known(?R, ?M, merge, [[X1, X2, X3, S1, X2]]),
    check_lib:known(?R, ?M, umerge, [[X1, X2, X3, S1, X2]]),
    %% 1 and 1.0: the order of equal but distinguishable elements
    ML = gen(mixlist), ML2 = gen(mixlist),
    c(sort, [Le, ML]), c(usort, [Le, ML]),
    MTL = [{gen(mixnum), gen(mixnum)} || _ <- lists:seq(1, int(0, 12))],
    [check_lib:known(?R, ?M, F, A) ||
        {F, A} <- [{sort, [ML]}, {usort, [ML]}, {keysort, [1, MTL]}, {keysort, [2, MTL]},
                   {ukeysort, [1, MTL]}, {ukeysort, [2, MTL]},
                   {merge, [lists:sort(ML), lists:sort(ML2)]},
                   {umerge, [lists:usort(ML), lists:usort(ML2)]}]],
    ok.
