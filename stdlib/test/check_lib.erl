%% check_lib.erl -- helpers for the stdlib checkers that run on real erl.
%%
%% A checker compares a Moat stdlib module (compiled under another name,
%% e.g. m_lists) with OTP's module of the same API: for every case both are
%% applied to the same arguments and the outcomes must be identical: the
%% same value (=:=), or the same exception class and reason.
-module(check_lib).
-export([start/0, cmp/4, cmp/5, known/4, same/3, finish/1, exports/3,
         gen/1, pick/1, rand_list/2, int/2, times/2]).

%% Counters live in the process dictionary of the checker process (test
%% code only; the stdlib modules themselves never do this).
start() ->
    rand:seed(exsss, {17, 4711, 99}),
    put(check_pass, 0), put(check_fail, 0), put(check_fails, []),
    put(check_known, 0), put(check_known_n, 0),
    ok.

outcome(M, F, Args) ->
    try {value, apply(M, F, Args)}
    catch C:R -> {C, R}
    end.

%% cmp(Ref, Mine, F, Args): apply both and compare.
cmp(Ref, Mine, F, Args) ->
    cmp(Ref, Mine, F, Args, fun(A, B) -> A =:= B end).

cmp(Ref, Mine, F, Args, Eq) ->
    R1 = outcome(Ref, F, Args),
    R2 = outcome(Mine, F, Args),
    Same = case {R1, R2} of
               {{value, V1}, {value, V2}} -> Eq(V1, V2);
               _ -> R1 =:= R2
           end,
    record(Same, {F, Args, R1, R2}).

%% known(Ref, Mine, F, Args): a comparison where a difference is a known,
%% documented deviation: differences are counted, not failed.
known(Ref, Mine, F, Args) ->
    put(check_known_n, get(check_known_n) + 1),
    case outcome(Ref, F, Args) =:= outcome(Mine, F, Args) of
        true -> ok;
        false ->
            put(check_known, get(check_known) + 1),
            K = {check_known_fn, F},
            put(K, case get(K) of undefined -> 1; N -> N + 1 end),
            ok
    end.

%% same(Label, Expected, Got): record a hand-computed comparison.
same(Label, Expected, Got) ->
    record(Expected =:= Got, {Label, [], {value, Expected}, {value, Got}}).

record(true, _) -> put(check_pass, get(check_pass) + 1), ok;
record(false, Info) ->
    put(check_fail, get(check_fail) + 1),
    put(check_fails, [Info | get(check_fails)]),
    ok.

%% exports(Ref, Mine, Excluded): Mine must export exactly Ref's exports
%% minus Excluded.
exports(Ref, Mine, Excluded) ->
    Want = lists:sort([FA || FA <- Ref:module_info(exports),
                             not lists:member(FA, Excluded),
                             element(1, FA) =/= module_info]),
    Have = lists:sort([FA || FA <- Mine:module_info(exports),
                             element(1, FA) =/= module_info]),
    same(missing_exports, [], Want -- Have),
    same(extra_exports, [], Have -- Want).

finish(Name) ->
    P = get(check_pass), F = get(check_fail),
    Fails = lists:reverse(get(check_fails)),
    %% show at most 3 mismatches per function (or $CHECK_SHOW)
    Max = case os:getenv("CHECK_SHOW") of
              false -> 3;
              V -> list_to_integer(V)
          end,
    Shown = lists:foldl(
              fun({Fn, Args, R1, R2}, Seen) ->
                      N = maps:get(Fn, Seen, 0),
                      if N < Max ->
                              io:format("  MISMATCH ~p~n    args: ~P~n    erl:  ~P~n"
                                        "    ours: ~P~n", [Fn, Args, 30, R1, 30, R2, 30]);
                         true -> ok
                      end,
                      Seen#{Fn => N + 1}
              end, #{}, Fails),
    maps:size(Shown) > 0 andalso
        io:format("  mismatches per function: ~p~n", [lists:sort(maps:to_list(Shown))]),
    get(check_known_n) > 0 andalso
        io:format("  known-deviation cases: ~w of ~w differ ~w~n",
                  [get(check_known), get(check_known_n),
                   lists:sort([{Fn, N} || {{check_known_fn, Fn}, N} <- get()])]),
    case F of
        0 -> io:format("PASS ~s (~w cases)~n", [Name, P]), pass;
        _ -> io:format("FAIL ~s (~w passed, ~w failed)~n", [Name, P, F]), fail
    end.

%%% Random data --------------------------------------------------------

pick(L) -> lists:nth(rand:uniform(length(L)), L).

int(Lo, Hi) -> Lo + rand:uniform(Hi - Lo + 1) - 1.

times(N, F) -> lists:foreach(fun(_) -> F() end, lists:seq(1, N)).

rand_list(Len, Gen) -> [gen(Gen) || _ <- lists:seq(1, Len)].

gen(small) -> pick([int(-3, 6), int(-3, 6), int(-2, 4) + 0.5, pick([a, b, c])]);
%% num: integers and floats that never compare equal to each other
gen(num) -> case rand:uniform(3) of 1 -> int(-3, 3) + 0.5; _ -> int(-3, 3) end;
%% mixnum: also 1 and 1.0 (== but not =:=)
gen(mixnum) -> case rand:uniform(3) of 1 -> float(int(-3, 3)); _ -> int(-3, 3) end;
gen(mixlist) -> rand_list(int(0, 12), mixnum);
gen(atom) -> pick([a, b, c, d, x, '', 'A b']);
gen(term) ->
    case rand:uniform(12) of
        1 -> gen(list);
        2 -> list_to_tuple(rand_list(int(0, 3), small));
        3 -> <<"bin">>;
        4 -> #{a => 1};
        5 -> [a | b];
        6 -> "str";
        _ -> gen(small)
    end;
gen(list) ->                            % mostly proper lists of small terms
    case rand:uniform(14) of
        1 -> gen(atom);
        2 -> rand_list(int(0, 4), small) ++ x;
        3 -> [];
        _ -> rand_list(int(0, 8), small)
    end;
gen(plist) -> rand_list(int(0, 10), small);
gen(numlist) -> rand_list(int(0, 12), num);
gen(sorted) -> lists:sort(gen(numlist));
gen(usorted) -> lists:usort(gen(numlist));
gen(rsorted) -> lists:reverse(gen(sorted));
gen(rusorted) -> lists:reverse(gen(usorted));
gen(deep) ->
    case rand:uniform(10) of
        1 -> [a | b];
        _ -> deep(2)
    end;
gen(tuple) -> list_to_tuple(rand_list(int(1, 3), num));
gen(tlist) ->
    case rand:uniform(12) of
        1 -> [gen(tuple), a | rand_list(int(0, 3), tuple)];
        2 -> [{gen(num), p} || _ <- lists:seq(1, int(0, 3))] ++ x;
        _ -> [list_to_tuple([gen(num), pick([p, q, r])]) || _ <- lists:seq(1, int(0, 8))]
    end;
gen(index) -> pick([-1, 0, 1, 1, 2, 2, 3, 4, 7, a, 1.0]);
gen(count) -> pick([-1, 0, 0, 1, 2, 3, 5, 10, x]).

deep(0) -> gen(small);
deep(D) ->
    [case rand:uniform(3) of
         1 -> deep(D - 1);
         _ -> gen(small)
     end || _ <- lists:seq(1, int(0, 4))].
