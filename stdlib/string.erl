%% string.erl -- Moat standard library: the OTP 25 `string` module.
%%
%% Provides the whole OTP 25 string API: the Unicode-aware functions of
%% OTP 20+ (split, join-free lexemes, trim, find, replace, pad, slice,
%% case mapping, to_integer/to_float, graphemes, ...) and the old list
%% functions (len, str, substr, tokens, strip, left, words, to_lower, ...).
%% No function of this module is a C BIF in Moat.
%%
%% Strings are lists of code points, UTF-8 binaries, or deep/mixed chardata.
%% For a flat list or a binary the result has exactly the shape erl gives
%% (lists give lists, binaries give binaries or sub-binaries, pad/replace
%% give the same nested chardata as OTP).  Deep or mixed chardata is first
%% flattened to a list of code points, so results are flat lists where OTP
%% may return a mix of lists and binaries (same characters, other shape).
%%
%% Grapheme clusters follow the Unicode 14 extended grapheme cluster rules
%% (as OTP 25): CR LF, controls, Hangul syllables, Extend/ZWJ/SpacingMark,
%% Prepend, emoji ZWJ sequences and regional-indicator pairs.  Case mapping
%% (lowercase, uppercase, titlecase, casefold) uses Unicode 14 data for
%% code points up to U+1FFFF.  Normalisation in equal/4 decomposes Latin,
%% Greek and Cyrillic letters (U+00C0-U+04FF, U+1E00-U+1FFF), Hangul
%% syllables and a few compatibility characters, without reordering
%% combining marks; other normalisations are not applied.
%% The tables at the end of this file were generated from Unicode data.
-module(string).

-export([casefold/1, centre/2, centre/3, chars/2, chars/3, chomp/1,
         chr/2, concat/2, copies/2, cspan/2, equal/2, equal/3, equal/4,
         find/2, find/3, is_empty/1, join/2, left/2, left/3, len/1,
         length/1, lexemes/2, list_to_float/1, list_to_integer/1,
         lowercase/1, next_codepoint/1, next_grapheme/1, nth_lexeme/3,
         pad/2, pad/3, pad/4, prefix/2, rchr/2, replace/3, replace/4,
         reverse/1, right/2, right/3, rstr/2, slice/2, slice/3, span/2,
         split/2, split/3, str/2, strip/1, strip/2, strip/3, sub_string/2,
         sub_string/3, sub_word/2, sub_word/3, substr/2, substr/3, take/2,
         take/3, take/4, titlecase/1, to_float/1, to_graphemes/1,
         to_integer/1, to_lower/1, to_upper/1, tokens/2, trim/1, trim/2,
         trim/3, uppercase/1, words/1, words/2]).

%%% ==================================================================
%%% Chardata basics
%%% ==================================================================

%% norm(S): a flat list of code points or a binary; deep or mixed chardata
%% is flattened to a list.
norm(S) when is_binary(S) -> S;
norm(S) when is_list(S) ->
    case is_flat(S) of
        true -> S;
        false -> deep_to_list(S)
    end.

is_flat([C | T]) when is_integer(C) -> is_flat(T);
is_flat([]) -> true;
is_flat(_) -> false.

deep_to_list(S) ->
    case catch unicode:characters_to_list(S) of
        L when is_list(L) -> L;
        _ -> erlang:error(function_clause)
    end.

%% Any chardata as a flat list of code points.
to_list(S) when is_binary(S) ->
    case unicode:characters_to_list(S) of
        L when is_list(L) -> L;
        _ -> erlang:error(badarg)
    end;
to_list(S) -> norm(S).

%% The empty string of the same kind as S.
empty(S) when is_binary(S) -> <<>>;
empty(_) -> [].

%% cpn(S): the first code point and the rest, or none.
cpn([C | T]) -> {C, T};
cpn([]) -> none;
cpn(<<C/utf8, T/binary>>) -> {C, T};
cpn(<<>>) -> none;
cpn(B) when is_binary(B) -> erlang:error({badarg, B}).

%% The part of Orig before its suffix Rest; N is the number of code points
%% in that part (used for lists).
before(Orig, Rest, _N) when is_binary(Orig) ->
    binary_part(Orig, 0, byte_size(Orig) - byte_size(Rest));
before(Orig, _Rest, N) -> take_n(N, Orig, []).

take_n(N, <<C/utf8, T/binary>>, Acc) when N > 0 -> take_n(N - 1, T, [C | Acc]);

take_n(0, _, Acc) -> lists:reverse(Acc);
take_n(N, [C | T], Acc) -> take_n(N - 1, T, [C | Acc]).

%% Code points of a grapheme.
gsize(G) when is_integer(G) -> 1;
gsize(G) -> erlang:length(G).

%%% ==================================================================
%%% Grapheme clusters
%%% ==================================================================

%% gc(S): [] or [Grapheme | Rest]; a grapheme is a code point or a list
%% of code points.
gc([C | T] = S) when is_integer(C), C >= 32, C < 127 ->
    case T of
        [D | _] when is_integer(D), D < 16#300 -> S;
        [] -> S;
        _ -> gc_slow(S)
    end;
gc(<<C, D, _/binary>> = S) when C >= 32, C < 127, D < 128 ->
    <<_, R/binary>> = S,
    [C | R];
gc(S) -> gc_slow(S).

gc_slow(S) ->
    case cpn(S) of
        none -> [];
        {C, R} ->
            Cls = gcb(C),
            gc_loop(R, Cls, ps_start(Cls), ri_start(Cls), [C])
    end.

gc_loop(R, Prev, PS, RI, Acc) ->
    case cpn(R) of
        none -> gc_done(Acc, R);
        {C, R2} ->
            Cls = gcb(C),
            case joins(Prev, Cls, PS, RI) of
                true -> gc_loop(R2, Cls, ps_next(PS, Cls), ri_next(RI, Cls), [C | Acc]);
                false -> gc_done(Acc, R)
            end
    end.

gc_done([C], R) -> [C | R];
gc_done(Acc, R) -> [lists:reverse(Acc) | R].

joins(cr, lf, _, _) -> true;
joins(P, _, _, _) when P =:= control; P =:= cr; P =:= lf -> false;
joins(_, N, _, _) when N =:= control; N =:= cr; N =:= lf -> false;
joins(l, N, _, _) when N =:= l; N =:= v; N =:= lv; N =:= lvt -> true;
joins(P, N, _, _) when (P =:= lv orelse P =:= v), (N =:= v orelse N =:= t) -> true;
joins(P, t, _, _) when P =:= lvt; P =:= t -> true;
joins(zwj, N, pict_zwj, _) -> N =:= pict;
joins(_, N, _, _) when N =:= extend; N =:= zwj; N =:= spacing -> true;
joins(prepend, _, _, _) -> true;
joins(ri, ri, _, odd) -> true;
joins(_, _, _, _) -> false.

%% Emoji sequences: ExtPict Extend* ZWJ x ExtPict.
ps_start(pict) -> pict;
ps_start(_) -> none.

ps_next(_, pict) -> pict;
ps_next(pict, extend) -> pict;
ps_next(pict, zwj) -> pict_zwj;
ps_next(_, _) -> none.

%% Regional indicators pair up.
ri_start(ri) -> odd;
ri_start(_) -> none.

ri_next(odd, ri) -> even;
ri_next(_, ri) -> odd;
ri_next(_, _) -> none.

%% Grapheme_Cluster_Break class of a code point.
gcb(C) when C < 32 ->
    case C of
        10 -> lf;
        13 -> cr;
        _ -> control
    end;
gcb(C) when C < 127 -> other;
gcb(C) when C < 160 -> control;
gcb(C) when C < 16#300 ->
    case C of
        16#A9 -> pict;
        16#AD -> control;
        16#AE -> pict;
        _ -> other
    end;
gcb(C) when C >= 16#AC00, C =< 16#D7A3 ->
    case (C - 16#AC00) rem 28 of
        0 -> lv;
        _ -> lvt
    end;
gcb(C) ->
    T = gcb_ranges(),
    case bsearch(T, C, 1, tuple_size(T)) of
        {_, _, Cls} -> Cls;
        none -> other
    end.

%% Binary search in a tuple of ranges sorted by start: {S, E, ...}.
bsearch(_, _, Lo, Hi) when Lo > Hi -> none;
bsearch(T, C, Lo, Hi) ->
    Mid = (Lo + Hi) div 2,
    R = element(Mid, T),
    if C < element(1, R) -> bsearch(T, C, Lo, Mid - 1);
       C > element(2, R) -> bsearch(T, C, Mid + 1, Hi);
       true -> R
    end.

%% Binary search in a tuple of {Key, Value} sorted by key.
ksearch(_, _, Lo, Hi) when Lo > Hi -> none;
ksearch(T, C, Lo, Hi) ->
    Mid = (Lo + Hi) div 2,
    {K, V} = element(Mid, T),
    if C < K -> ksearch(T, C, Lo, Mid - 1);
       C > K -> ksearch(T, C, Mid + 1, Hi);
       true -> {ok, V}
    end.

%%% ==================================================================
%%% Separator scanning (trim, take, lexemes)
%%%
%%% As in OTP, the string is scanned code point by code point; where a code
%%% point can start a separator, the grapheme starting there is compared
%%% with the separators.
%%% ==================================================================

seps(Seps) -> {sep_firsts(Seps, []), Seps}.

sep_firsts([C | T], Acc) when is_integer(C) -> sep_firsts(T, [C | Acc]);
sep_firsts([[C | _] | T], Acc) when is_integer(C) -> sep_firsts(T, [C | Acc]);
sep_firsts([<<C/utf8, _/binary>> | T], Acc) -> sep_firsts(T, [C | Acc]);
sep_firsts([_ | T], Acc) -> sep_firsts(T, Acc);
sep_firsts([], Acc) -> Acc.

%% step(S, Seps) -> done | {sep | other, Rest, CodePointsConsumed}
step(S, {Fs, GCs}) ->
    case cpn(S) of
        none -> done;
        {C, R} ->
            case lists:member(C, Fs) of
                false -> {other, R, 1};
                true ->
                    [G | R2] = gc(S),
                    case lists:member(G, GCs) of
                        true -> {sep, R2, gsize(G)};
                        false -> {other, R2, gsize(G)}
                    end
            end
    end.

%% Skip leading separators: the rest.
skip_seps(S, Seps) ->
    case step(S, Seps) of
        {sep, R, _} -> skip_seps(R, Seps);
        _ -> S
    end.

%% Longest prefix made of steps of kind K: {Rest, CodePointCount}.
span_kind(S, Seps, K, N) ->
    case step(S, Seps) of
        {K, R, M} -> span_kind(R, Seps, K, N + M);
        _ -> {S, N}
    end.

%% The position after the last step not of kind K: {Rest, Count}; what
%% follows it is all of kind K.
last_not(S, Seps, K) -> last_not(S, Seps, K, 0, S, 0).

last_not(S, Seps, K, N, Best, BestN) ->
    case step(S, Seps) of
        done -> {Best, BestN};
        {K, R, M} -> last_not(R, Seps, K, N + M, Best, BestN);
        {_, R, M} -> last_not(R, Seps, K, N + M, R, N + M)
    end.

%%% ==================================================================
%%% Pattern search (find, split, replace, prefix)
%%% ==================================================================

%% Match the graphemes of a pattern at the start of S: {ok, Rest} | nomatch.
match_gs(S, []) -> {ok, S};
match_gs(S, [G | Gs]) ->
    case gc(S) of
        [G | R] -> match_gs(R, Gs);
        _ -> nomatch
    end.

%% First match at or after S: {Before, BeforeCount, After} | nomatch.
search([C | R] = S, First, PGs, N) ->
    if C =:= First ->
            case match_gs(S, PGs) of
                {ok, After} -> {S, N, After};
                nomatch -> search(R, First, PGs, N + 1)
            end;
       true -> search(R, First, PGs, N + 1)
    end;
search([], _, _, _) -> nomatch;
search(S, First, PGs, N) ->
    case cpn(S) of
        none -> nomatch;
        {First, R} ->
            case match_gs(S, PGs) of
                {ok, After} -> {S, N, After};
                nomatch -> search(R, First, PGs, N + 1)
            end;
        {_, R} -> search(R, First, PGs, N + 1)
    end.

%% Last match (matches may overlap).
search_last(S, First, PGs, N, Last) ->
    case search(S, First, PGs, N) of
        nomatch -> Last;
        {At, AtN, _} = M ->
            {_, R} = cpn(At),
            search_last(R, First, PGs, AtN + 1, M)
    end.

pattern(P) ->
    case unicode:characters_to_list(P) of
        L when is_list(L) -> L;
        _ -> erlang:error(badarg)
    end.

%% The string argument of find/split/replace.
subject(S) when is_binary(S) -> S;
subject(S) when is_list(S) -> norm(S);
subject(S) -> erlang:error({badmatch, S}).

%%% ==================================================================
%%% The Unicode API
%%% ==================================================================

is_empty([]) -> true;
is_empty(<<>>) -> true;
is_empty([L | R]) -> is_empty(L) andalso is_empty(R);
is_empty(_) -> false.

length(S) -> len_g(norm(S), 0).

len_g(S, N) ->
    case gc(S) of
        [_ | R] -> len_g(R, N + 1);
        [] -> N
    end.

to_graphemes(S) -> graphemes(norm(S), []).

graphemes(S, Acc) ->
    case gc(S) of
        [G | R] -> graphemes(R, [G | Acc]);
        [] -> lists:reverse(Acc)
    end.

reverse(S) -> graphemes_rev(norm(S), []).

graphemes_rev(S, Acc) ->
    case gc(S) of
        [G | R] -> graphemes_rev(R, [G | Acc]);
        [] -> Acc
    end.

next_grapheme(S) ->
    case gc(norm(S)) of
        [G | <<>>] = R ->
            %% OTP quirk: a binary ending in a Prepend code point
            case gcb(last_cp(G)) of
                prepend -> [G];
                _ -> R
            end;
        R -> R
    end.

last_cp(G) when is_integer(G) -> G;
last_cp(G) -> lists:last(G).

next_codepoint(S) ->
    case norm(S) of
        [_ | _] = L -> L;
        [] -> [];
        <<C/utf8, R/binary>> -> [C | R];
        <<>> -> [];
        B -> {error, B}
    end.

equal(A, B) when (is_list(A) orelse is_binary(A)), (is_list(B) orelse is_binary(B)) ->
    to_list(A) =:= to_list(B).

equal(A, B, false) -> equal(A, B);
equal(A, B, true) when (is_list(A) orelse is_binary(A)), (is_list(B) orelse is_binary(B)) ->
    fold_list(to_list(A)) =:= fold_list(to_list(B)).

equal(A, B, IgnoreCase, none) -> equal(A, B, IgnoreCase);
equal(A, B, false, Norm) when Norm =:= nfc; Norm =:= nfd; Norm =:= nfkc; Norm =:= nfkd ->
    K = compat(Norm),
    decompose(to_list(A), K) =:= decompose(to_list(B), K);
equal(A, B, true, Norm) when Norm =:= nfc; Norm =:= nfd; Norm =:= nfkc; Norm =:= nfkd ->
    K = compat(Norm),
    decompose(fold_list(decompose(to_list(A), K)), K) =:=
        decompose(fold_list(decompose(to_list(B), K)), K).

compat(nfkc) -> true;
compat(nfkd) -> true;
compat(_) -> false.

slice(S, Start) when is_integer(Start), Start >= 0 ->
    slice(S, Start, infinity).

slice(S, _, 0) when is_binary(S) -> <<>>;
slice(_, _, 0) -> [];
slice(_, Start, infinity) when not is_integer(Start) -> erlang:error(badarith);
slice(S0, Start, Len)
  when is_integer(Start), Start >= 0,
       (Len =:= infinity orelse (is_integer(Len) andalso Len >= 0)) ->
    S = norm(S0),
    From = skip_g(S, Start, none),
    case Len of
        infinity -> From;
        _ when is_list(From), is_binary(S) ->
            %% see skip_g/3
            {Rest, N} = count_g(From, Len, 0),
            to_list(before(From, Rest, N));
        _ ->
            {Rest, N} = count_g(From, Len, 0),
            before(From, Rest, N)
    end.

%% Skip N graphemes.  As in OTP, in a binary, the code point after a lone
%% CR is returned decoded: [CodePoint | RestOfBinary].
skip_g(S, 0, $\r) when is_binary(S) ->
    case cpn(S) of
        {C, R} -> [C | R];
        none -> S
    end;
skip_g(S, 0, _) -> S;
skip_g(S, N, _) ->
    case gc(S) of
        [G | R] -> skip_g(R, N - 1, G);
        [] -> S
    end.

%% Skip up to K graphemes: {Rest, CodePoints}.
count_g(S, 0, N) -> {S, N};
count_g(S, K, N) ->
    case gc(S) of
        [G | R] -> count_g(R, K - 1, N + gsize(G));
        [] -> {S, N}
    end.

pad(S, Len) -> pad(S, Len, trailing, $\s).

pad(S, Len, Dir) -> pad(S, Len, Dir, $\s).

pad(S, Len, Dir, Char) when is_integer(Len) ->
    Diff = erlang:max(0, Len - len_g(norm(S), 0)),
    case Dir of
        trailing -> [S | lists:duplicate(Diff, Char)];
        leading -> [lists:duplicate(Diff, Char), S];
        both ->
            LPad = lists:duplicate(Diff div 2, Char),
            RPad = case Diff rem 2 of
                       1 -> [Char];
                       0 -> []
                   end,
            [LPad, S, LPad | RPad]
    end.

whitespace() ->
    [[$\r, $\n], $\t, $\n, $\v, $\f, $\r, $\s, 16#85, 16#200E, 16#200F,
     16#2028, 16#2029].

trim(S) -> trim(S, both, whitespace()).

trim(S, Dir) -> trim(S, Dir, whitespace()).

trim(S0, Dir, Seps0)
  when (Dir =:= leading orelse Dir =:= trailing orelse Dir =:= both), is_list(Seps0) ->
    S = norm(S0),
    Seps = seps(Seps0),
    case Dir of
        leading -> skip_seps(S, Seps);
        trailing -> trim_t(S, Seps);
        both -> trim_t(skip_seps(S, Seps), Seps)
    end.

trim_t(S, Seps) ->
    {Rest, N} = last_not(S, Seps, sep),
    before(S, Rest, N).

chomp(S) -> trim(S, trailing, [[$\r, $\n], $\n]).

take(S, Seps) -> take(S, Seps, false, leading).

take(S, Seps, Complement) -> take(S, Seps, Complement, leading).

take(S0, Seps0, Complement, Dir) when is_list(Seps0), is_boolean(Complement) ->
    S = norm(S0),
    Seps = seps(Seps0),
    K = case Complement of
            false -> sep;
            true -> other
        end,
    case Dir of
        leading ->
            {Rest, N} = span_kind(S, Seps, K, 0),
            {before(S, Rest, N), Rest};
        trailing when K =:= other, is_list(S) ->
            %% OTP compares whole graphemes here
            {Rest, N} = last_sep_g(S, Seps0, 0, S, 0),
            {before(S, Rest, N), Rest};
        trailing ->
            {Rest, N} = last_not(S, Seps, K),
            {before(S, Rest, N), Rest}
    end;
take(S, Seps, _, _) when not is_list(Seps) ->
    _ = norm(S),
    erlang:error(badarg).

%% The position after the last grapheme that is a separator.
last_sep_g(S, Seps, N, Best, BestN) ->
    case gc(S) of
        [] -> {Best, BestN};
        [G | R] ->
            N2 = N + gsize(G),
            case lists:member(G, Seps) of
                true -> last_sep_g(R, Seps, N2, R, N2);
                false -> last_sep_g(R, Seps, N2, Best, BestN)
            end
    end.

lexemes(S, []) when is_binary(S) -> [S];
lexemes(S0, Seps0) when is_list(Seps0) ->
    S = norm(S0),
    lexemes_1(S, seps(Seps0), []).

lexemes_1(S, Seps, Acc) ->
    S1 = skip_seps(S, Seps),
    case span_kind(S1, Seps, other, 0) of
        {_, 0} -> lists:reverse(Acc);
        {Rest, N} -> lexemes_1(Rest, Seps, [before(S1, Rest, N) | Acc])
    end.

nth_lexeme(S, 1, []) when is_binary(S) -> S;
nth_lexeme(S, N, []) when is_binary(S), is_integer(N), N > 1 -> erlang:error(badarg);
nth_lexeme(S0, N, Seps0) when is_integer(N), N > 0, is_list(Seps0) ->
    S = norm(S0),
    nth_lexeme_1(S, N, seps(Seps0)).

nth_lexeme_1(S, N, Seps) ->
    S1 = skip_seps(S, Seps),
    case span_kind(S1, Seps, other, 0) of
        {_, 0} -> empty(S);
        {Rest, M} when N =:= 1 -> before(S1, Rest, M);
        {Rest, _} -> nth_lexeme_1(Rest, N - 1, Seps)
    end.

find(S, P) -> find(S, P, leading).

find(S0, P0, Dir) ->
    P = pattern(P0),
    S = subject(S0),
    case P of
        [] when Dir =:= leading; Dir =:= trailing -> S0;
        [First | _] ->
            PGs = graphemes(P, []),
            case Dir of
                leading ->
                    case search(S, First, PGs, 0) of
                        {At, _, _} -> At;
                        nomatch -> nomatch
                    end;
                trailing ->
                    case search_last(S, First, PGs, 0, nomatch) of
                        {At, _, _} -> At;
                        nomatch -> nomatch
                    end
            end
    end.

split(S, P) -> split(S, P, leading).

split(S0, P0, Where) ->
    P = pattern(P0),
    S = subject(S0),
    case P of
        [] when Where =:= leading; Where =:= trailing; Where =:= all -> [S0];
        [First | _] ->
            PGs = graphemes(P, []),
            case Where of
                leading ->
                    case search(S, First, PGs, 0) of
                        {At, N, After} -> [before(S, At, N), After];
                        nomatch -> [S]
                    end;
                trailing ->
                    case search_last(S, First, PGs, 0, nomatch) of
                        {At, N, After} -> [before(S, At, N), After];
                        nomatch -> [S]
                    end;
                all -> split_all(S, First, PGs, [])
            end
    end.

split_all(S, First, PGs, Acc) ->
    case search(S, First, PGs, 0) of
        {At, N, After} -> split_all(After, First, PGs, [before(S, At, N) | Acc]);
        nomatch -> lists:reverse(Acc, [S])
    end.

replace(S, P, R) -> replace(S, P, R, leading).

replace(S, P, R, Where) -> lists:join(R, split(S, P, Where)).

prefix(S0, P0) ->
    P = pattern(P0),
    case P of
        [] -> S0;
        _ ->
            S = prefix_subject(S0),
            case match_gs(S, graphemes(P, [])) of
                {ok, Rest} -> Rest;
                nomatch -> nomatch
            end
    end.

prefix_subject(S) when is_binary(S); is_list(S) -> norm(S).

%%% Case mapping ---------------------------------------------------------

lowercase(S) -> map_case(S, lower).

uppercase(S) -> map_case(S, upper).

casefold(S) -> map_case(S, fold).

map_case(S, How) when is_binary(S) ->
    unicode:characters_to_binary(map_bin(S, How, []));
map_case(S, How) when is_list(S) ->
    case is_flat(S) of
        true -> map_list(S, How, []);
        false ->
            case catch unicode:characters_to_list(S) of
                [] -> S;
                L when is_list(L) -> map_list(L, How, []);
                _ -> erlang:error({badarg, S})
            end
    end;
map_case(S, _) -> erlang:error({badarg, S}).

map_list([C | T], How, Acc) -> map_list(T, How, add_cp(map_cp(How, C), Acc));
map_list([], _, Acc) -> lists:reverse(Acc).

map_bin(<<C/utf8, T/binary>>, How, Acc) -> map_bin(T, How, add_cp(map_cp(How, C), Acc));
map_bin(<<>>, _, Acc) -> lists:reverse(Acc);
map_bin(B, _, _) -> erlang:error({badarg, B}).

add_cp(C, Acc) when is_integer(C) -> [C | Acc];
add_cp(L, Acc) -> lists:reverse(L, Acc).

fold_list(L) -> map_list(L, fold, []).

%% map_cp(How, C): a code point or a list of code points.
map_cp(lower, C) when C < 128 ->
    if C >= $A, C =< $Z -> C + 32;
       true -> C
    end;
map_cp(upper, C) when C < 128 ->
    if C >= $a, C =< $z -> C - 32;
       true -> C
    end;
map_cp(fold, C) when C < 128 -> map_cp(lower, C);
map_cp(title, C) when C < 128 -> map_cp(upper, C);
map_cp(How, C) when is_integer(C), C >= 0 ->
    case How of
        lower -> table_map(lower_special(), lower_runs(), C, C);
        upper -> table_map(upper_special(), upper_runs(), C, C);
        fold -> table_map(fold_special(), fold_runs(), C, map_cp(lower, C));
        title -> table_map(title_special(), title_runs(), C, map_cp(upper, C))
    end;
map_cp(_, C) -> C.

%% Look C up in a table of special mappings, then in a table of runs;
%% Default if it is in neither.
table_map(Special, Runs, C, Default) ->
    case ksearch(Special, C, 1, tuple_size(Special)) of
        {ok, L} -> L;
        none ->
            case run_lookup(Runs, C) of
                none -> Default;
                X -> X
            end
    end.


run_lookup(T, C) ->
    case bsearch(T, C, 1, tuple_size(T)) of
        {S, _, D, Step} when (C - S) rem Step =:= 0 -> C + D;
        _ -> none
    end.

titlecase(S0) when is_binary(S0); is_list(S0) ->
    S = norm(S0),
    case cpn(S) of
        none -> S;
        {C, R} ->
            case map_cp(title, C) of
                T when is_integer(T), is_binary(S) -> <<T/utf8, R/binary>>;
                T when is_integer(T) -> [T | R];
                L when is_binary(S) -> <<(unicode:characters_to_binary(L))/binary, R/binary>>;
                L -> L ++ R
            end
    end.

%%% Normalisation (partial, see the header) ---------------------------

decompose(L, Compat) -> decompose(L, Compat, []).

decompose([C | T], Compat, Acc) when C < 16#A0 -> decompose(T, Compat, [C | Acc]);
decompose([C | T], Compat, Acc) ->
    decompose(T, Compat, lists:reverse(decomp_cp(C, Compat), Acc));
decompose([], _, Acc) -> lists:reverse(Acc).

decomp_cp(C, _) when C >= 16#AC00, C =< 16#D7A3 ->
    I = C - 16#AC00,
    L = 16#1100 + I div 588,
    V = 16#1161 + (I rem 588) div 28,
    case I rem 28 of
        0 -> [L, V];
        T -> [L, V, 16#11A7 + T]
    end;
decomp_cp(C, true) when C >= 16#FF01, C =< 16#FF5E -> [C - 16#FEE0];
decomp_cp(C, true) when C >= 16#2000, C =< 16#200A -> [$\s];
decomp_cp(C, Compat) ->
    K = case Compat of
            true ->
                T = nfkd_table(),
                ksearch(T, C, 1, tuple_size(T));
            false -> none
        end,
    case K of
        {ok, L} -> L;
        none ->
            T2 = nfd_table(),
            case ksearch(T2, C, 1, tuple_size(T2)) of
                {ok, L} -> L;
                none -> [C]
            end
    end.

%%% Numbers --------------------------------------------------------------

to_integer(S) when is_binary(S); is_list(S) ->
    case catch to_integer_1(norm(S)) of
        {'EXIT', _} -> {error, badarg};
        R -> R
    end;
to_integer(_) -> {error, badarg}.

to_integer_1(S) ->
    {Sign, S1} = sign(S),
    case digits(S1, []) of
        {[], _} -> {error, no_integer};
        {Ds, Rest} ->
            _ = cpn(Rest),
            {Sign * erlang:list_to_integer(Ds), Rest}
    end.

sign(S) ->
    case cpn(S) of
        {$-, R} -> {-1, R};
        {$+, R} -> {1, R};
        _ -> {1, S}
    end.

sign_str(-1) -> "-";
sign_str(1) -> "".

digits(S, Acc) ->
    case cpn(S) of
        {C, R} when C >= $0, C =< $9 -> digits(R, [C | Acc]);
        _ -> {lists:reverse(Acc), S}
    end.

to_float(S) when is_binary(S); is_list(S) ->
    case catch to_float_1(norm(S)) of
        {'EXIT', _} -> {error, badarg};
        R -> R
    end;
to_float(_) -> {error, badarg}.

to_float_1(S) ->
    {Sign, S1} = sign(S),
    case digits(S1, []) of
        {[], _} -> {error, no_float};
        {Int, S2} ->
            case cpn(S2) of
                {Dot, S3} when Dot =:= $.; Dot =:= $, ->
                    case digits(S3, []) of
                        {[], _} -> {error, no_float};
                        {Frac, S4} ->
                            {Exp, Rest} = exponent(S4),
                            _ = cpn(Rest),
                            make_float(sign_str(Sign) ++ Int ++ "." ++ Frac ++ Exp, Rest)
                    end;
                _ -> {error, no_float}
            end
    end.

exponent(S) ->
    case cpn(S) of
        {E, S1} when E =:= $e; E =:= $E ->
            {ESign, S2} = case cpn(S1) of
                              {$-, R} -> {"-", R};
                              {$+, R} -> {"+", R};
                              _ -> {"", S1}
                          end,
            case digits(S2, []) of
                {[], _} -> {"", S};
                {Ds, S3} -> {[E | ESign] ++ Ds, S3}
            end;
        _ -> {"", S}
    end.

make_float(Str, Rest) ->
    case catch erlang:list_to_float(Str) of
        F when is_float(F) -> {F, Rest};
        _ -> {error, no_float}
    end.

list_to_integer(S) when is_list(S) ->
    case catch list_to_integer_1(S) of
        {'EXIT', _} -> {error, not_a_list};
        R -> R
    end;
list_to_integer(_) -> {error, not_a_list}.

list_to_integer_1(S) ->
    case to_integer_1(S) of
        {error, no_integer} -> {error, no_integer};
        R -> R
    end.

list_to_float(S) when is_list(S) ->
    case catch to_float_1(S) of
        {'EXIT', _} -> {error, not_a_list};
        R -> R
    end;
list_to_float(_) -> {error, not_a_list}.

%%% ==================================================================
%%% The old list API
%%% ==================================================================

len(S) -> erlang:length(S).

concat(S1, S2) -> S1 ++ S2.

chr(S, C) when is_integer(C) -> chr_1(S, C, 1).

chr_1([C | _], C, I) -> I;
chr_1([_ | T], C, I) -> chr_1(T, C, I + 1);
chr_1([], _, _) -> 0.

rchr(S, C) when is_integer(C) -> rchr_1(S, C, 1, 0).

rchr_1([C | T], C, I, _) -> rchr_1(T, C, I + 1, I);
rchr_1([_ | T], C, I, L) -> rchr_1(T, C, I + 1, L);
rchr_1([], _, _, L) -> L.

str(S, Sub) when is_list(Sub) -> str_1(S, Sub, 1).

str_1([C | S], [C | Sub], I) ->
    case lists:prefix(Sub, S) of
        true -> I;
        false -> str_1(S, [C | Sub], I + 1)
    end;
str_1([_ | S], Sub, I) -> str_1(S, Sub, I + 1);
str_1([], _, _) -> 0.

rstr(S, Sub) when is_list(Sub) -> rstr_1(S, Sub, 1, 0).

rstr_1([C | S], [C | Sub], I, L) ->
    case lists:prefix(Sub, S) of
        true -> rstr_1(S, [C | Sub], I + 1, I);
        false -> rstr_1(S, [C | Sub], I + 1, L)
    end;
rstr_1([_ | S], Sub, I, L) -> rstr_1(S, Sub, I + 1, L);
rstr_1([], _, _, L) -> L.

span(S, Cs) when is_list(Cs) -> span_1(S, Cs, 0).

span_1([C | T], Cs, I) ->
    case lists:member(C, Cs) of
        true -> span_1(T, Cs, I + 1);
        false -> I
    end;
span_1([], _, I) -> I.

cspan(S, Cs) when is_list(Cs) -> cspan_1(S, Cs, 0).

cspan_1([C | T], Cs, I) ->
    case lists:member(C, Cs) of
        true -> I;
        false -> cspan_1(T, Cs, I + 1)
    end;
cspan_1([], _, I) -> I.

substr(S, 1) when is_list(S) -> S;
substr([_ | T], N) when is_integer(N), N > 1 -> substr(T, N - 1).

substr(S, Start, Len) when is_integer(Start), Start >= 1, is_integer(Len), Len >= 0 ->
    lists:sublist(substr(S, Start), Len).

sub_string(S, Start) -> substr(S, Start).

sub_string(S, Start, Stop) -> substr(S, Start, Stop - Start + 1).

tokens(S, Seps) -> tokens_1(lists:reverse(S), Seps, []).

tokens_1([C | T], Seps, Toks) ->
    case lists:member(C, Seps) of
        true -> tokens_1(T, Seps, Toks);
        false -> tokens_2(T, Seps, Toks, [C])
    end;
tokens_1([], _, Toks) -> Toks.

tokens_2([C | T], Seps, Toks, Cur) ->
    case lists:member(C, Seps) of
        true -> tokens_1(T, Seps, [Cur | Toks]);
        false -> tokens_2(T, Seps, Toks, [C | Cur])
    end;
tokens_2([], _, Toks, Cur) -> [Cur | Toks].

chars(C, N) -> chars(C, N, []).

chars(C, N, Tail) when is_integer(N), N >= 0 -> chars_1(C, N, Tail).

chars_1(_, 0, Tail) -> Tail;
chars_1(C, N, Tail) -> chars_1(C, N - 1, [C | Tail]).

copies(S, N) when is_list(S), is_integer(N), N >= 0 -> copies_1(S, N, []).

copies_1(_, 0, Acc) -> Acc;
copies_1(S, N, Acc) -> copies_1(S, N - 1, S ++ Acc).

words(S) -> words(S, $\s).

words(S, Char) when is_integer(Char) ->
    words_1(strip(S, both, Char), Char, 0).

words_1([], _, N) -> N + 1;
words_1([C | T], C, N) -> words_1(strip(T, left, C), C, N + 1);
words_1([_ | T], C, N) -> words_1(T, C, N).

sub_word(S, Index) -> sub_word(S, Index, $\s).

sub_word(S, Index, Char) when is_integer(Index), is_integer(Char) ->
    case words(S, Char) of
        N when N < Index -> [];
        _ -> sub_word_1(strip(S, left, Char), Index, Char, 1, [])
    end.

sub_word_1([], _, _, _, Acc) -> lists:reverse(Acc);
sub_word_1([C | _], I, C, I, Acc) -> lists:reverse(Acc);
sub_word_1([X | T], I, C, I, Acc) -> sub_word_1(T, I, C, I, [X | Acc]);
sub_word_1([C | T], Stop, C, I, Acc) when I < Stop ->
    sub_word_1(strip(T, left, C), Stop, C, I + 1, Acc);
sub_word_1([_ | T], Stop, C, I, Acc) when I < Stop ->
    sub_word_1(T, Stop, C, I, Acc).

strip(S) -> strip(S, both).

strip(S, Dir) -> strip(S, Dir, $\s).

strip(S, left, Char) when is_integer(Char) -> strip_left(S, Char);
strip(S, right, Char) when is_integer(Char) -> strip_right(S, Char);
strip(S, both, Char) when is_integer(Char) -> strip_right(strip_left(S, Char), Char).

strip_left([C | T], C) -> strip_left(T, C);
strip_left(S, _) when is_list(S) -> S.

strip_right(S, C) -> lists:reverse(strip_left(lists:reverse(S), C)).

left(S, Len) when is_integer(Len) -> left(S, Len, $\s).

left(S, Len, Char) when is_integer(Char) ->
    SLen = erlang:length(S),
    if SLen > Len -> substr(S, 1, Len);
       SLen < Len -> S ++ chars(Char, Len - SLen);
       true -> S
    end.

right(S, Len) when is_integer(Len) -> right(S, Len, $\s).

right(S, Len, Char) when is_integer(Char) ->
    SLen = erlang:length(S),
    if SLen > Len -> substr(S, SLen - Len + 1);
       SLen < Len -> chars(Char, Len - SLen, S);
       true -> S
    end.

centre(S, Len) when is_integer(Len) -> centre(S, Len, $\s).

centre(S, 0, Char) when is_list(S), is_integer(Char) -> [];
centre(S, Len, Char) when is_integer(Char) ->
    SLen = erlang:length(S),
    if SLen > Len -> substr(S, (SLen - Len) div 2 + 1, Len);
       SLen < Len ->
            N = (Len - SLen) div 2,
            chars(Char, N, S ++ chars(Char, Len - (SLen + N)));
       true -> S
    end.

join([], Sep) when is_list(Sep) -> [];
join([H | T], Sep) -> H ++ lists:append([Sep ++ X || X <- T]).

to_lower(S) when is_list(S) -> [lower_l1(C) || C <- S];
to_lower(C) when is_integer(C) -> lower_l1(C).

to_upper(S) when is_list(S) -> [upper_l1(C) || C <- S];
to_upper(C) when is_integer(C) -> upper_l1(C).

lower_l1(C) when C >= $A, C =< $Z -> C + 32;
lower_l1(C) when C >= 16#C0, C =< 16#D6 -> C + 32;
lower_l1(C) when C >= 16#D8, C =< 16#DE -> C + 32;
lower_l1(C) -> C.

upper_l1(C) when C >= $a, C =< $z -> C - 32;
upper_l1(C) when C >= 16#E0, C =< 16#F6 -> C - 32;
upper_l1(C) when C >= 16#F8, C =< 16#FE -> C - 32;
upper_l1(C) -> C.

%%% ==================================================================
%%% Generated tables (Unicode 14, as used by OTP 25)
%%%
%%% *_runs: {First, Last, Delta, Step}: code points First, First+Step, ...
%%% up to Last map to C + Delta.  *_special: {C, CodePoints} for mappings
%%% to several code points.  fold_* and title_* only list where casefold
%%% differs from lowercase and titlecase from uppercase.
%%% gcb_ranges: {First, Last, GraphemeClusterBreakClass}.
%%% nfd_table / nfkd_table: {C, Decomposition}.
%%% ==================================================================

lower_runs() ->
    {{65,90,32,1},{192,214,32,1},{216,222,32,1},{256,302,1,2},{306,310,1,2},
     {313,327,1,2},{330,374,1,2},{376,376,-121,1},{377,381,1,2},
     {385,385,210,1},{386,388,1,2},{390,390,206,1},{391,391,1,1},
     {393,394,205,1},{395,395,1,1},{398,398,79,1},{399,399,202,1},
     {400,400,203,1},{401,401,1,1},{403,403,205,1},{404,404,207,1},
     {406,406,211,1},{407,407,209,1},{408,408,1,1},{412,412,211,1},
     {413,413,213,1},{415,415,214,1},{416,420,1,2},{422,422,218,1},
     {423,423,1,1},{425,425,218,1},{428,428,1,1},{430,430,218,1},
     {431,431,1,1},{433,434,217,1},{435,437,1,2},{439,439,219,1},
     {440,440,1,1},{444,444,1,1},{452,452,2,1},{453,453,1,1},{455,455,2,1},
     {456,456,1,1},{458,458,2,1},{459,475,1,2},{478,494,1,2},{497,497,2,1},
     {498,500,1,2},{502,502,-97,1},{503,503,-56,1},{504,542,1,2},
     {544,544,-130,1},{546,562,1,2},{570,570,10795,1},{571,571,1,1},
     {573,573,-163,1},{574,574,10792,1},{577,577,1,1},{579,579,-195,1},
     {580,580,69,1},{581,581,71,1},{582,590,1,2},{880,882,1,2},{886,886,1,1},
     {895,895,116,1},{902,902,38,1},{904,906,37,1},{908,908,64,1},
     {910,911,63,1},{913,929,32,1},{931,939,32,1},{975,975,8,1},
     {984,1006,1,2},{1012,1012,-60,1},{1015,1015,1,1},{1017,1017,-7,1},
     {1018,1018,1,1},{1021,1023,-130,1},{1024,1039,80,1},{1040,1071,32,1},
     {1120,1152,1,2},{1162,1214,1,2},{1216,1216,15,1},{1217,1229,1,2},
     {1232,1326,1,2},{1329,1366,48,1},{4256,4293,7264,1},{4295,4295,7264,1},
     {4301,4301,7264,1},{5024,5103,38864,1},{5104,5109,8,1},
     {7312,7354,-3008,1},{7357,7359,-3008,1},{7680,7828,1,2},
     {7838,7838,-7615,1},{7840,7934,1,2},{7944,7951,-8,1},{7960,7965,-8,1},
     {7976,7983,-8,1},{7992,7999,-8,1},{8008,8013,-8,1},{8025,8031,-8,2},
     {8040,8047,-8,1},{8072,8079,-8,1},{8088,8095,-8,1},{8104,8111,-8,1},
     {8120,8121,-8,1},{8122,8123,-74,1},{8124,8124,-9,1},{8136,8139,-86,1},
     {8140,8140,-9,1},{8152,8153,-8,1},{8154,8155,-100,1},{8168,8169,-8,1},
     {8170,8171,-112,1},{8172,8172,-7,1},{8184,8185,-128,1},
     {8186,8187,-126,1},{8188,8188,-9,1},{8486,8486,-7517,1},
     {8490,8490,-8383,1},{8491,8491,-8262,1},{8498,8498,28,1},
     {8544,8559,16,1},{8579,8579,1,1},{9398,9423,26,1},{11264,11311,48,1},
     {11360,11360,1,1},{11362,11362,-10743,1},{11363,11363,-3814,1},
     {11364,11364,-10727,1},{11367,11371,1,2},{11373,11373,-10780,1},
     {11374,11374,-10749,1},{11375,11375,-10783,1},{11376,11376,-10782,1},
     {11378,11378,1,1},{11381,11381,1,1},{11390,11391,-10815,1},
     {11392,11490,1,2},{11499,11501,1,2},{11506,11506,1,1},{42560,42604,1,2},
     {42624,42650,1,2},{42786,42798,1,2},{42802,42862,1,2},{42873,42875,1,2},
     {42877,42877,-35332,1},{42878,42886,1,2},{42891,42891,1,1},
     {42893,42893,-42280,1},{42896,42898,1,2},{42902,42920,1,2},
     {42922,42922,-42308,1},{42923,42923,-42319,1},{42924,42924,-42315,1},
     {42925,42925,-42305,1},{42926,42926,-42308,1},{42928,42928,-42258,1},
     {42929,42929,-42282,1},{42930,42930,-42261,1},{42931,42931,928,1},
     {42932,42946,1,2},{42948,42948,-48,1},{42949,42949,-42307,1},
     {42950,42950,-35384,1},{42951,42953,1,2},{42960,42960,1,1},
     {42966,42968,1,2},{42997,42997,1,1},{65313,65338,32,1},
     {66560,66599,40,1},{66736,66771,40,1},{66928,66938,39,1},
     {66940,66954,39,1},{66956,66962,39,1},{66964,66965,39,1},
     {68736,68786,64,1},{71840,71871,32,1},{93760,93791,32,1},
     {125184,125217,34,1}}.

lower_special() ->
    {{304,[105,775]}}.

upper_runs() ->
    {{97,122,-32,1},{181,181,743,1},{224,246,-32,1},{248,254,-32,1},
     {255,255,121,1},{257,303,-1,2},{305,305,-232,1},{307,311,-1,2},
     {314,328,-1,2},{331,375,-1,2},{378,382,-1,2},{383,383,-300,1},
     {384,384,195,1},{387,389,-1,2},{392,392,-1,1},{396,396,-1,1},
     {402,402,-1,1},{405,405,97,1},{409,409,-1,1},{410,410,163,1},
     {414,414,130,1},{417,421,-1,2},{424,424,-1,1},{429,429,-1,1},
     {432,432,-1,1},{436,438,-1,2},{441,441,-1,1},{445,445,-1,1},
     {447,447,56,1},{453,453,-1,1},{454,454,-2,1},{456,456,-1,1},
     {457,457,-2,1},{459,459,-1,1},{460,460,-2,1},{462,476,-1,2},
     {477,477,-79,1},{479,495,-1,2},{498,498,-1,1},{499,499,-2,1},
     {501,501,-1,1},{505,543,-1,2},{547,563,-1,2},{572,572,-1,1},
     {575,576,10815,1},{578,578,-1,1},{583,591,-1,2},{592,592,10783,1},
     {593,593,10780,1},{594,594,10782,1},{595,595,-210,1},{596,596,-206,1},
     {598,599,-205,1},{601,601,-202,1},{603,603,-203,1},{604,604,42319,1},
     {608,608,-205,1},{609,609,42315,1},{611,611,-207,1},{613,613,42280,1},
     {614,614,42308,1},{616,616,-209,1},{617,617,-211,1},{618,618,42308,1},
     {619,619,10743,1},{620,620,42305,1},{623,623,-211,1},{625,625,10749,1},
     {626,626,-213,1},{629,629,-214,1},{637,637,10727,1},{640,640,-218,1},
     {642,642,42307,1},{643,643,-218,1},{647,647,42282,1},{648,648,-218,1},
     {649,649,-69,1},{650,651,-217,1},{652,652,-71,1},{658,658,-219,1},
     {669,669,42261,1},{670,670,42258,1},{837,837,84,1},{881,883,-1,2},
     {887,887,-1,1},{891,893,130,1},{940,940,-38,1},{941,943,-37,1},
     {945,961,-32,1},{962,962,-31,1},{963,971,-32,1},{972,972,-64,1},
     {973,974,-63,1},{976,976,-62,1},{977,977,-57,1},{981,981,-47,1},
     {982,982,-54,1},{983,983,-8,1},{985,1007,-1,2},{1008,1008,-86,1},
     {1009,1009,-80,1},{1010,1010,7,1},{1011,1011,-116,1},{1013,1013,-96,1},
     {1016,1016,-1,1},{1019,1019,-1,1},{1072,1103,-32,1},{1104,1119,-80,1},
     {1121,1153,-1,2},{1163,1215,-1,2},{1218,1230,-1,2},{1231,1231,-15,1},
     {1233,1327,-1,2},{1377,1414,-48,1},{4304,4346,3008,1},
     {4349,4351,3008,1},{5112,5117,-8,1},{7296,7296,-6254,1},
     {7297,7297,-6253,1},{7298,7298,-6244,1},{7299,7300,-6242,1},
     {7301,7301,-6243,1},{7302,7302,-6236,1},{7303,7303,-6181,1},
     {7304,7304,35266,1},{7545,7545,35332,1},{7549,7549,3814,1},
     {7566,7566,35384,1},{7681,7829,-1,2},{7835,7835,-59,1},{7841,7935,-1,2},
     {7936,7943,8,1},{7952,7957,8,1},{7968,7975,8,1},{7984,7991,8,1},
     {8000,8005,8,1},{8017,8023,8,2},{8032,8039,8,1},{8048,8049,74,1},
     {8050,8053,86,1},{8054,8055,100,1},{8056,8057,128,1},{8058,8059,112,1},
     {8060,8061,126,1},{8112,8113,8,1},{8126,8126,-7205,1},{8144,8145,8,1},
     {8160,8161,8,1},{8165,8165,7,1},{8526,8526,-28,1},{8560,8575,-16,1},
     {8580,8580,-1,1},{9424,9449,-26,1},{11312,11359,-48,1},
     {11361,11361,-1,1},{11365,11365,-10795,1},{11366,11366,-10792,1},
     {11368,11372,-1,2},{11379,11379,-1,1},{11382,11382,-1,1},
     {11393,11491,-1,2},{11500,11502,-1,2},{11507,11507,-1,1},
     {11520,11557,-7264,1},{11559,11559,-7264,1},{11565,11565,-7264,1},
     {42561,42605,-1,2},{42625,42651,-1,2},{42787,42799,-1,2},
     {42803,42863,-1,2},{42874,42876,-1,2},{42879,42887,-1,2},
     {42892,42892,-1,1},{42897,42899,-1,2},{42900,42900,48,1},
     {42903,42921,-1,2},{42933,42947,-1,2},{42952,42954,-1,2},
     {42961,42961,-1,1},{42967,42969,-1,2},{42998,42998,-1,1},
     {43859,43859,-928,1},{43888,43967,-38864,1},{65345,65370,-32,1},
     {66600,66639,-40,1},{66776,66811,-40,1},{66967,66977,-39,1},
     {66979,66993,-39,1},{66995,67001,-39,1},{67003,67004,-39,1},
     {68800,68850,-64,1},{71872,71903,-32,1},{93792,93823,-32,1},
     {125218,125251,-34,1}}.

upper_special() ->
    {{223,[83,83]},{329,[700,78]},{496,[74,780]},{912,[921,776,769]},
     {944,[933,776,769]},{1415,[1333,1362]},{7830,[72,817]},{7831,[84,776]},
     {7832,[87,778]},{7833,[89,778]},{7834,[65,702]},{8016,[933,787]},
     {8018,[933,787,768]},{8020,[933,787,769]},{8022,[933,787,834]},
     {8064,[7944,921]},{8065,[7945,921]},{8066,[7946,921]},{8067,[7947,921]},
     {8068,[7948,921]},{8069,[7949,921]},{8070,[7950,921]},{8071,[7951,921]},
     {8072,[7944,921]},{8073,[7945,921]},{8074,[7946,921]},{8075,[7947,921]},
     {8076,[7948,921]},{8077,[7949,921]},{8078,[7950,921]},{8079,[7951,921]},
     {8080,[7976,921]},{8081,[7977,921]},{8082,[7978,921]},{8083,[7979,921]},
     {8084,[7980,921]},{8085,[7981,921]},{8086,[7982,921]},{8087,[7983,921]},
     {8088,[7976,921]},{8089,[7977,921]},{8090,[7978,921]},{8091,[7979,921]},
     {8092,[7980,921]},{8093,[7981,921]},{8094,[7982,921]},{8095,[7983,921]},
     {8096,[8040,921]},{8097,[8041,921]},{8098,[8042,921]},{8099,[8043,921]},
     {8100,[8044,921]},{8101,[8045,921]},{8102,[8046,921]},{8103,[8047,921]},
     {8104,[8040,921]},{8105,[8041,921]},{8106,[8042,921]},{8107,[8043,921]},
     {8108,[8044,921]},{8109,[8045,921]},{8110,[8046,921]},{8111,[8047,921]},
     {8114,[8122,921]},{8115,[913,921]},{8116,[902,921]},{8118,[913,834]},
     {8119,[913,834,921]},{8124,[913,921]},{8130,[8138,921]},
     {8131,[919,921]},{8132,[905,921]},{8134,[919,834]},{8135,[919,834,921]},
     {8140,[919,921]},{8146,[921,776,768]},{8147,[921,776,769]},
     {8150,[921,834]},{8151,[921,776,834]},{8162,[933,776,768]},
     {8163,[933,776,769]},{8164,[929,787]},{8166,[933,834]},
     {8167,[933,776,834]},{8178,[8186,921]},{8179,[937,921]},
     {8180,[911,921]},{8182,[937,834]},{8183,[937,834,921]},{8188,[937,921]},
     {64256,[70,70]},{64257,[70,73]},{64258,[70,76]},{64259,[70,70,73]},
     {64260,[70,70,76]},{64261,[83,84]},{64262,[83,84]},{64275,[1348,1350]},
     {64276,[1348,1333]},{64277,[1348,1339]},{64278,[1358,1350]},
     {64279,[1348,1341]}}.

fold_runs() ->
    {{181,181,775,1},{383,383,-268,1},{837,837,116,1},{962,962,1,1},
     {976,976,-30,1},{977,977,-25,1},{981,981,-15,1},{982,982,-22,1},
     {1008,1008,-54,1},{1009,1009,-48,1},{1013,1013,-64,1},{5024,5109,0,1},
     {5112,5117,-8,1},{7296,7296,-6222,1},{7297,7297,-6221,1},
     {7298,7298,-6212,1},{7299,7300,-6210,1},{7301,7301,-6211,1},
     {7302,7302,-6204,1},{7303,7303,-6180,1},{7304,7304,35267,1},
     {7835,7835,-58,1},{8126,8126,-7173,1},{43888,43967,-38864,1}}.

fold_special() ->
    {{223,[115,115]},{329,[700,110]},{496,[106,780]},{912,[953,776,769]},
     {944,[965,776,769]},{1415,[1381,1410]},{7830,[104,817]},
     {7831,[116,776]},{7832,[119,778]},{7833,[121,778]},{7834,[97,702]},
     {7838,[115,115]},{8016,[965,787]},{8018,[965,787,768]},
     {8020,[965,787,769]},{8022,[965,787,834]},{8064,[7936,953]},
     {8065,[7937,953]},{8066,[7938,953]},{8067,[7939,953]},{8068,[7940,953]},
     {8069,[7941,953]},{8070,[7942,953]},{8071,[7943,953]},{8072,[7936,953]},
     {8073,[7937,953]},{8074,[7938,953]},{8075,[7939,953]},{8076,[7940,953]},
     {8077,[7941,953]},{8078,[7942,953]},{8079,[7943,953]},{8080,[7968,953]},
     {8081,[7969,953]},{8082,[7970,953]},{8083,[7971,953]},{8084,[7972,953]},
     {8085,[7973,953]},{8086,[7974,953]},{8087,[7975,953]},{8088,[7968,953]},
     {8089,[7969,953]},{8090,[7970,953]},{8091,[7971,953]},{8092,[7972,953]},
     {8093,[7973,953]},{8094,[7974,953]},{8095,[7975,953]},{8096,[8032,953]},
     {8097,[8033,953]},{8098,[8034,953]},{8099,[8035,953]},{8100,[8036,953]},
     {8101,[8037,953]},{8102,[8038,953]},{8103,[8039,953]},{8104,[8032,953]},
     {8105,[8033,953]},{8106,[8034,953]},{8107,[8035,953]},{8108,[8036,953]},
     {8109,[8037,953]},{8110,[8038,953]},{8111,[8039,953]},{8114,[8048,953]},
     {8115,[945,953]},{8116,[940,953]},{8118,[945,834]},{8119,[945,834,953]},
     {8124,[945,953]},{8130,[8052,953]},{8131,[951,953]},{8132,[942,953]},
     {8134,[951,834]},{8135,[951,834,953]},{8140,[951,953]},
     {8146,[953,776,768]},{8147,[953,776,769]},{8150,[953,834]},
     {8151,[953,776,834]},{8162,[965,776,768]},{8163,[965,776,769]},
     {8164,[961,787]},{8166,[965,834]},{8167,[965,776,834]},
     {8178,[8060,953]},{8179,[969,953]},{8180,[974,953]},{8182,[969,834]},
     {8183,[969,834,953]},{8188,[969,953]},{64256,[102,102]},
     {64257,[102,105]},{64258,[102,108]},{64259,[102,102,105]},
     {64260,[102,102,108]},{64261,[115,116]},{64262,[115,116]},
     {64275,[1396,1398]},{64276,[1396,1381]},{64277,[1396,1387]},
     {64278,[1406,1398]},{64279,[1396,1389]}}.

title_runs() ->
    {{452,452,1,1},{453,453,0,1},{454,454,-1,1},{455,455,1,1},{456,456,0,1},
     {457,457,-1,1},{458,458,1,1},{459,459,0,1},{460,460,-1,1},{497,497,1,1},
     {498,498,0,1},{499,499,-1,1},{4304,4346,0,1},{4349,4351,0,1},
     {8064,8071,8,1},{8072,8079,0,1},{8080,8087,8,1},{8088,8095,0,1},
     {8096,8103,8,1},{8104,8111,0,1},{8115,8115,9,1},{8124,8124,0,1},
     {8131,8131,9,1},{8140,8140,0,1},{8179,8179,9,1},{8188,8188,0,1}}.

title_special() ->
    {{223,[83,115]},{1415,[1333,1410]},{8114,[8122,837]},{8116,[902,837]},
     {8119,[913,834,837]},{8130,[8138,837]},{8132,[905,837]},
     {8135,[919,834,837]},{8178,[8186,837]},{8180,[911,837]},
     {8183,[937,834,837]},{64256,[70,102]},{64257,[70,105]},{64258,[70,108]},
     {64259,[70,102,105]},{64260,[70,102,108]},{64261,[83,116]},
     {64262,[83,116]},{64275,[1348,1398]},{64276,[1348,1381]},
     {64277,[1348,1387]},{64278,[1358,1398]},{64279,[1348,1389]}}.

gcb_ranges() ->
    {{0,9,control},{10,10,lf},{11,12,control},{13,13,cr},{14,31,control},
     {127,159,control},{169,169,pict},{173,173,control},{174,174,pict},
     {768,879,extend},{1155,1161,extend},{1425,1469,extend},
     {1471,1471,extend},{1473,1474,extend},{1476,1477,extend},
     {1479,1479,extend},{1536,1541,prepend},{1552,1562,extend},
     {1564,1564,control},{1611,1631,extend},{1648,1648,extend},
     {1750,1756,extend},{1757,1757,prepend},{1759,1764,extend},
     {1767,1768,extend},{1770,1773,extend},{1807,1807,prepend},
     {1809,1809,extend},{1840,1866,extend},{1958,1968,extend},
     {2027,2035,extend},{2045,2045,extend},{2070,2073,extend},
     {2075,2083,extend},{2085,2087,extend},{2089,2093,extend},
     {2137,2139,extend},{2192,2193,prepend},{2200,2207,extend},
     {2250,2273,extend},{2274,2274,prepend},{2275,2307,extend},
     {2362,2364,extend},{2366,2383,extend},{2385,2391,extend},
     {2402,2403,extend},{2433,2435,extend},{2492,2492,extend},
     {2494,2500,extend},{2503,2504,extend},{2507,2509,extend},
     {2519,2519,extend},{2530,2531,extend},{2558,2558,extend},
     {2561,2563,extend},{2620,2620,extend},{2622,2626,extend},
     {2631,2632,extend},{2635,2637,extend},{2641,2641,extend},
     {2672,2673,extend},{2677,2677,extend},{2689,2691,extend},
     {2748,2748,extend},{2750,2757,extend},{2759,2761,extend},
     {2763,2765,extend},{2786,2787,extend},{2810,2815,extend},
     {2817,2819,extend},{2876,2876,extend},{2878,2884,extend},
     {2887,2888,extend},{2891,2893,extend},{2901,2903,extend},
     {2914,2915,extend},{2946,2946,extend},{3006,3010,extend},
     {3014,3016,extend},{3018,3021,extend},{3031,3031,extend},
     {3072,3076,extend},{3132,3132,extend},{3134,3140,extend},
     {3142,3144,extend},{3146,3149,extend},{3157,3158,extend},
     {3170,3171,extend},{3201,3203,extend},{3260,3260,extend},
     {3262,3268,extend},{3270,3272,extend},{3274,3277,extend},
     {3285,3286,extend},{3298,3299,extend},{3328,3331,extend},
     {3387,3388,extend},{3390,3396,extend},{3398,3400,extend},
     {3402,3405,extend},{3406,3406,prepend},{3415,3415,extend},
     {3426,3427,extend},{3457,3459,extend},{3530,3530,extend},
     {3535,3540,extend},{3542,3542,extend},{3544,3551,extend},
     {3570,3571,extend},{3633,3633,extend},{3635,3642,extend},
     {3655,3662,extend},{3761,3761,extend},{3763,3772,extend},
     {3784,3789,extend},{3864,3865,extend},{3893,3893,extend},
     {3895,3895,extend},{3897,3897,extend},{3902,3903,extend},
     {3953,3972,extend},{3974,3975,extend},{3981,3991,extend},
     {3993,4028,extend},{4038,4038,extend},{4141,4151,extend},
     {4153,4158,extend},{4182,4185,extend},{4190,4192,extend},
     {4209,4212,extend},{4226,4226,extend},{4228,4230,extend},
     {4237,4237,extend},{4253,4253,extend},{4352,4447,l},{4448,4519,v},
     {4520,4607,t},{4957,4959,extend},{5906,5909,extend},{5938,5940,extend},
     {5970,5971,extend},{6002,6003,extend},{6068,6099,extend},
     {6109,6109,extend},{6155,6157,extend},{6158,6158,control},
     {6159,6159,extend},{6277,6278,extend},{6313,6313,extend},
     {6432,6443,extend},{6448,6459,extend},{6679,6683,extend},
     {6741,6750,extend},{6752,6752,extend},{6754,6754,extend},
     {6757,6780,extend},{6783,6783,extend},{6832,6862,extend},
     {6912,6916,extend},{6964,6980,extend},{7019,7027,extend},
     {7040,7042,extend},{7073,7085,extend},{7142,7155,extend},
     {7204,7223,extend},{7376,7378,extend},{7380,7400,extend},
     {7405,7405,extend},{7412,7412,extend},{7415,7417,extend},
     {7616,7679,extend},{8203,8203,control},{8204,8204,extend},
     {8205,8205,zwj},{8206,8207,control},{8232,8238,control},
     {8252,8252,pict},{8265,8265,pict},{8288,8303,control},
     {8400,8432,extend},{8482,8482,pict},{8505,8505,pict},{8596,8601,pict},
     {8617,8618,pict},{8986,8987,pict},{9000,9000,pict},{9096,9096,pict},
     {9167,9167,pict},{9193,9203,pict},{9208,9210,pict},{9410,9410,pict},
     {9642,9643,pict},{9654,9654,pict},{9664,9664,pict},{9723,9726,pict},
     {9728,9733,pict},{9735,9746,pict},{9748,9861,pict},{9872,9989,pict},
     {9992,10002,pict},{10004,10004,pict},{10006,10006,pict},
     {10013,10013,pict},{10017,10017,pict},{10024,10024,pict},
     {10035,10036,pict},{10052,10052,pict},{10055,10055,pict},
     {10060,10060,pict},{10062,10062,pict},{10067,10069,pict},
     {10071,10071,pict},{10083,10087,pict},{10133,10135,pict},
     {10145,10145,pict},{10160,10160,pict},{10175,10175,pict},
     {10548,10549,pict},{11013,11015,pict},{11035,11036,pict},
     {11088,11088,pict},{11093,11093,pict},{11503,11505,extend},
     {11647,11647,extend},{11744,11775,extend},{12330,12335,extend},
     {12336,12336,pict},{12349,12349,pict},{12441,12442,extend},
     {12951,12951,pict},{12953,12953,pict},{42607,42610,extend},
     {42612,42621,extend},{42654,42655,extend},{42736,42737,extend},
     {43010,43010,extend},{43014,43014,extend},{43019,43019,extend},
     {43043,43047,extend},{43052,43052,extend},{43136,43137,extend},
     {43188,43205,extend},{43232,43249,extend},{43263,43263,extend},
     {43302,43309,extend},{43335,43347,extend},{43360,43388,l},
     {43392,43395,extend},{43443,43456,extend},{43493,43493,extend},
     {43561,43574,extend},{43587,43587,extend},{43596,43597,extend},
     {43644,43644,extend},{43696,43696,extend},{43698,43700,extend},
     {43703,43704,extend},{43710,43711,extend},{43713,43713,extend},
     {43755,43759,extend},{43765,43766,extend},{44003,44010,extend},
     {44012,44013,extend},{44032,55203,hangul_syllable},{55216,55238,v},
     {55243,55291,t},{64286,64286,extend},{65024,65039,extend},
     {65056,65071,extend},{65279,65279,control},{65438,65439,extend},
     {65520,65531,control},{66045,66045,extend},{66272,66272,extend},
     {66422,66426,extend},{68097,68099,extend},{68101,68102,extend},
     {68108,68111,extend},{68152,68154,extend},{68159,68159,extend},
     {68325,68326,extend},{68900,68903,extend},{69291,69292,extend},
     {69446,69456,extend},{69506,69509,extend},{69632,69634,extend},
     {69688,69702,extend},{69744,69744,extend},{69747,69748,extend},
     {69759,69762,extend},{69808,69818,extend},{69821,69821,prepend},
     {69826,69826,extend},{69837,69837,prepend},{69888,69890,extend},
     {69927,69940,extend},{69957,69958,extend},{70003,70003,extend},
     {70016,70018,extend},{70067,70080,extend},{70082,70083,prepend},
     {70089,70092,extend},{70094,70095,extend},{70188,70199,extend},
     {70206,70206,extend},{70367,70378,extend},{70400,70403,extend},
     {70459,70460,extend},{70462,70468,extend},{70471,70472,extend},
     {70475,70477,extend},{70487,70487,extend},{70498,70499,extend},
     {70502,70508,extend},{70512,70516,extend},{70709,70726,extend},
     {70750,70750,extend},{70832,70851,extend},{71087,71093,extend},
     {71096,71104,extend},{71132,71133,extend},{71216,71232,extend},
     {71339,71351,extend},{71453,71455,extend},{71458,71467,extend},
     {71724,71738,extend},{71984,71989,extend},{71991,71992,extend},
     {71995,71998,extend},{71999,71999,prepend},{72000,72000,extend},
     {72001,72001,prepend},{72002,72003,extend},{72145,72151,extend},
     {72154,72160,extend},{72164,72164,extend},{72193,72202,extend},
     {72243,72249,extend},{72250,72250,prepend},{72251,72254,extend},
     {72263,72263,extend},{72273,72283,extend},{72324,72329,prepend},
     {72330,72345,extend},{72751,72758,extend},{72760,72767,extend},
     {72850,72871,extend},{72873,72886,extend},{73009,73014,extend},
     {73018,73018,extend},{73020,73021,extend},{73023,73029,extend},
     {73030,73030,prepend},{73031,73031,extend},{73098,73102,extend},
     {73104,73105,extend},{73107,73111,extend},{73459,73462,extend},
     {78896,78904,control},{92912,92916,extend},{92976,92982,extend},
     {94031,94031,extend},{94033,94087,extend},{94095,94098,extend},
     {94180,94180,extend},{94192,94193,extend},{113821,113822,extend},
     {113824,113827,control},{118528,118573,extend},{118576,118598,extend},
     {119141,119145,extend},{119149,119154,extend},{119155,119162,control},
     {119163,119170,extend},{119173,119179,extend},{119210,119213,extend},
     {119362,119364,extend},{121344,121398,extend},{121403,121452,extend},
     {121461,121461,extend},{121476,121476,extend},{121499,121503,extend},
     {121505,121519,extend},{122880,122886,extend},{122888,122904,extend},
     {122907,122913,extend},{122915,122916,extend},{122918,122922,extend},
     {123184,123190,extend},{123566,123566,extend},{123628,123631,extend},
     {125136,125142,extend},{125252,125258,extend},{126976,127231,pict},
     {127245,127247,pict},{127279,127279,pict},{127340,127345,pict},
     {127358,127359,pict},{127374,127374,pict},{127377,127386,pict},
     {127405,127461,pict},{127462,127487,ri},{127489,127503,pict},
     {127514,127514,pict},{127535,127535,pict},{127538,127546,pict},
     {127548,127551,pict},{127561,127994,pict},{127995,127999,extend},
     {128000,128317,pict},{128326,128591,pict},{128640,128767,pict},
     {128884,128895,pict},{128981,129023,pict},{129036,129039,pict},
     {129096,129103,pict},{129114,129119,pict},{129160,129167,pict},
     {129198,129279,pict},{129292,129338,pict},{129340,129349,pict},
     {129351,129791,pict},{130048,131069,pict},{917504,917535,control},
     {917536,917631,extend},{917632,917759,control},{917760,917999,extend},
     {918000,921599,control}}.

nfd_table() ->
    {{192,[65,768]},{193,[65,769]},{194,[65,770]},{195,[65,771]},
     {196,[65,776]},{197,[65,778]},{199,[67,807]},{200,[69,768]},
     {201,[69,769]},{202,[69,770]},{203,[69,776]},{204,[73,768]},
     {205,[73,769]},{206,[73,770]},{207,[73,776]},{209,[78,771]},
     {210,[79,768]},{211,[79,769]},{212,[79,770]},{213,[79,771]},
     {214,[79,776]},{217,[85,768]},{218,[85,769]},{219,[85,770]},
     {220,[85,776]},{221,[89,769]},{224,[97,768]},{225,[97,769]},
     {226,[97,770]},{227,[97,771]},{228,[97,776]},{229,[97,778]},
     {231,[99,807]},{232,[101,768]},{233,[101,769]},{234,[101,770]},
     {235,[101,776]},{236,[105,768]},{237,[105,769]},{238,[105,770]},
     {239,[105,776]},{241,[110,771]},{242,[111,768]},{243,[111,769]},
     {244,[111,770]},{245,[111,771]},{246,[111,776]},{249,[117,768]},
     {250,[117,769]},{251,[117,770]},{252,[117,776]},{253,[121,769]},
     {255,[121,776]},{256,[65,772]},{257,[97,772]},{258,[65,774]},
     {259,[97,774]},{260,[65,808]},{261,[97,808]},{262,[67,769]},
     {263,[99,769]},{264,[67,770]},{265,[99,770]},{266,[67,775]},
     {267,[99,775]},{268,[67,780]},{269,[99,780]},{270,[68,780]},
     {271,[100,780]},{274,[69,772]},{275,[101,772]},{276,[69,774]},
     {277,[101,774]},{278,[69,775]},{279,[101,775]},{280,[69,808]},
     {281,[101,808]},{282,[69,780]},{283,[101,780]},{284,[71,770]},
     {285,[103,770]},{286,[71,774]},{287,[103,774]},{288,[71,775]},
     {289,[103,775]},{290,[71,807]},{291,[103,807]},{292,[72,770]},
     {293,[104,770]},{296,[73,771]},{297,[105,771]},{298,[73,772]},
     {299,[105,772]},{300,[73,774]},{301,[105,774]},{302,[73,808]},
     {303,[105,808]},{304,[73,775]},{308,[74,770]},{309,[106,770]},
     {310,[75,807]},{311,[107,807]},{313,[76,769]},{314,[108,769]},
     {315,[76,807]},{316,[108,807]},{317,[76,780]},{318,[108,780]},
     {323,[78,769]},{324,[110,769]},{325,[78,807]},{326,[110,807]},
     {327,[78,780]},{328,[110,780]},{332,[79,772]},{333,[111,772]},
     {334,[79,774]},{335,[111,774]},{336,[79,779]},{337,[111,779]},
     {340,[82,769]},{341,[114,769]},{342,[82,807]},{343,[114,807]},
     {344,[82,780]},{345,[114,780]},{346,[83,769]},{347,[115,769]},
     {348,[83,770]},{349,[115,770]},{350,[83,807]},{351,[115,807]},
     {352,[83,780]},{353,[115,780]},{354,[84,807]},{355,[116,807]},
     {356,[84,780]},{357,[116,780]},{360,[85,771]},{361,[117,771]},
     {362,[85,772]},{363,[117,772]},{364,[85,774]},{365,[117,774]},
     {366,[85,778]},{367,[117,778]},{368,[85,779]},{369,[117,779]},
     {370,[85,808]},{371,[117,808]},{372,[87,770]},{373,[119,770]},
     {374,[89,770]},{375,[121,770]},{376,[89,776]},{377,[90,769]},
     {378,[122,769]},{379,[90,775]},{380,[122,775]},{381,[90,780]},
     {382,[122,780]},{416,[79,795]},{417,[111,795]},{431,[85,795]},
     {432,[117,795]},{461,[65,780]},{462,[97,780]},{463,[73,780]},
     {464,[105,780]},{465,[79,780]},{466,[111,780]},{467,[85,780]},
     {468,[117,780]},{469,[85,776,772]},{470,[117,776,772]},
     {471,[85,776,769]},{472,[117,776,769]},{473,[85,776,780]},
     {474,[117,776,780]},{475,[85,776,768]},{476,[117,776,768]},
     {478,[65,776,772]},{479,[97,776,772]},{480,[65,775,772]},
     {481,[97,775,772]},{482,[198,772]},{483,[230,772]},{486,[71,780]},
     {487,[103,780]},{488,[75,780]},{489,[107,780]},{490,[79,808]},
     {491,[111,808]},{492,[79,808,772]},{493,[111,808,772]},{494,[439,780]},
     {495,[658,780]},{496,[106,780]},{500,[71,769]},{501,[103,769]},
     {504,[78,768]},{505,[110,768]},{506,[65,778,769]},{507,[97,778,769]},
     {508,[198,769]},{509,[230,769]},{510,[216,769]},{511,[248,769]},
     {512,[65,783]},{513,[97,783]},{514,[65,785]},{515,[97,785]},
     {516,[69,783]},{517,[101,783]},{518,[69,785]},{519,[101,785]},
     {520,[73,783]},{521,[105,783]},{522,[73,785]},{523,[105,785]},
     {524,[79,783]},{525,[111,783]},{526,[79,785]},{527,[111,785]},
     {528,[82,783]},{529,[114,783]},{530,[82,785]},{531,[114,785]},
     {532,[85,783]},{533,[117,783]},{534,[85,785]},{535,[117,785]},
     {536,[83,806]},{537,[115,806]},{538,[84,806]},{539,[116,806]},
     {542,[72,780]},{543,[104,780]},{550,[65,775]},{551,[97,775]},
     {552,[69,807]},{553,[101,807]},{554,[79,776,772]},{555,[111,776,772]},
     {556,[79,771,772]},{557,[111,771,772]},{558,[79,775]},{559,[111,775]},
     {560,[79,775,772]},{561,[111,775,772]},{562,[89,772]},{563,[121,772]},
     {832,[768]},{833,[769]},{835,[787]},{836,[776,769]},{884,[697]},
     {894,[59]},{901,[168,769]},{902,[913,769]},{903,[183]},{904,[917,769]},
     {905,[919,769]},{906,[921,769]},{908,[927,769]},{910,[933,769]},
     {911,[937,769]},{912,[953,776,769]},{938,[921,776]},{939,[933,776]},
     {940,[945,769]},{941,[949,769]},{942,[951,769]},{943,[953,769]},
     {944,[965,776,769]},{970,[953,776]},{971,[965,776]},{972,[959,769]},
     {973,[965,769]},{974,[969,769]},{979,[978,769]},{980,[978,776]},
     {1024,[1045,768]},{1025,[1045,776]},{1027,[1043,769]},
     {1031,[1030,776]},{1036,[1050,769]},{1037,[1048,768]},
     {1038,[1059,774]},{1049,[1048,774]},{1081,[1080,774]},
     {1104,[1077,768]},{1105,[1077,776]},{1107,[1075,769]},
     {1111,[1110,776]},{1116,[1082,769]},{1117,[1080,768]},
     {1118,[1091,774]},{1142,[1140,783]},{1143,[1141,783]},
     {1217,[1046,774]},{1218,[1078,774]},{1232,[1040,774]},
     {1233,[1072,774]},{1234,[1040,776]},{1235,[1072,776]},
     {1238,[1045,774]},{1239,[1077,774]},{1242,[1240,776]},
     {1243,[1241,776]},{1244,[1046,776]},{1245,[1078,776]},
     {1246,[1047,776]},{1247,[1079,776]},{1250,[1048,772]},
     {1251,[1080,772]},{1252,[1048,776]},{1253,[1080,776]},
     {1254,[1054,776]},{1255,[1086,776]},{1258,[1256,776]},
     {1259,[1257,776]},{1260,[1069,776]},{1261,[1101,776]},
     {1262,[1059,772]},{1263,[1091,772]},{1264,[1059,776]},
     {1265,[1091,776]},{1266,[1059,779]},{1267,[1091,779]},
     {1268,[1063,776]},{1269,[1095,776]},{1272,[1067,776]},
     {1273,[1099,776]},{7680,[65,805]},{7681,[97,805]},{7682,[66,775]},
     {7683,[98,775]},{7684,[66,803]},{7685,[98,803]},{7686,[66,817]},
     {7687,[98,817]},{7688,[67,807,769]},{7689,[99,807,769]},
     {7690,[68,775]},{7691,[100,775]},{7692,[68,803]},{7693,[100,803]},
     {7694,[68,817]},{7695,[100,817]},{7696,[68,807]},{7697,[100,807]},
     {7698,[68,813]},{7699,[100,813]},{7700,[69,772,768]},
     {7701,[101,772,768]},{7702,[69,772,769]},{7703,[101,772,769]},
     {7704,[69,813]},{7705,[101,813]},{7706,[69,816]},{7707,[101,816]},
     {7708,[69,807,774]},{7709,[101,807,774]},{7710,[70,775]},
     {7711,[102,775]},{7712,[71,772]},{7713,[103,772]},{7714,[72,775]},
     {7715,[104,775]},{7716,[72,803]},{7717,[104,803]},{7718,[72,776]},
     {7719,[104,776]},{7720,[72,807]},{7721,[104,807]},{7722,[72,814]},
     {7723,[104,814]},{7724,[73,816]},{7725,[105,816]},{7726,[73,776,769]},
     {7727,[105,776,769]},{7728,[75,769]},{7729,[107,769]},{7730,[75,803]},
     {7731,[107,803]},{7732,[75,817]},{7733,[107,817]},{7734,[76,803]},
     {7735,[108,803]},{7736,[76,803,772]},{7737,[108,803,772]},
     {7738,[76,817]},{7739,[108,817]},{7740,[76,813]},{7741,[108,813]},
     {7742,[77,769]},{7743,[109,769]},{7744,[77,775]},{7745,[109,775]},
     {7746,[77,803]},{7747,[109,803]},{7748,[78,775]},{7749,[110,775]},
     {7750,[78,803]},{7751,[110,803]},{7752,[78,817]},{7753,[110,817]},
     {7754,[78,813]},{7755,[110,813]},{7756,[79,771,769]},
     {7757,[111,771,769]},{7758,[79,771,776]},{7759,[111,771,776]},
     {7760,[79,772,768]},{7761,[111,772,768]},{7762,[79,772,769]},
     {7763,[111,772,769]},{7764,[80,769]},{7765,[112,769]},{7766,[80,775]},
     {7767,[112,775]},{7768,[82,775]},{7769,[114,775]},{7770,[82,803]},
     {7771,[114,803]},{7772,[82,803,772]},{7773,[114,803,772]},
     {7774,[82,817]},{7775,[114,817]},{7776,[83,775]},{7777,[115,775]},
     {7778,[83,803]},{7779,[115,803]},{7780,[83,769,775]},
     {7781,[115,769,775]},{7782,[83,780,775]},{7783,[115,780,775]},
     {7784,[83,803,775]},{7785,[115,803,775]},{7786,[84,775]},
     {7787,[116,775]},{7788,[84,803]},{7789,[116,803]},{7790,[84,817]},
     {7791,[116,817]},{7792,[84,813]},{7793,[116,813]},{7794,[85,804]},
     {7795,[117,804]},{7796,[85,816]},{7797,[117,816]},{7798,[85,813]},
     {7799,[117,813]},{7800,[85,771,769]},{7801,[117,771,769]},
     {7802,[85,772,776]},{7803,[117,772,776]},{7804,[86,771]},
     {7805,[118,771]},{7806,[86,803]},{7807,[118,803]},{7808,[87,768]},
     {7809,[119,768]},{7810,[87,769]},{7811,[119,769]},{7812,[87,776]},
     {7813,[119,776]},{7814,[87,775]},{7815,[119,775]},{7816,[87,803]},
     {7817,[119,803]},{7818,[88,775]},{7819,[120,775]},{7820,[88,776]},
     {7821,[120,776]},{7822,[89,775]},{7823,[121,775]},{7824,[90,770]},
     {7825,[122,770]},{7826,[90,803]},{7827,[122,803]},{7828,[90,817]},
     {7829,[122,817]},{7830,[104,817]},{7831,[116,776]},{7832,[119,778]},
     {7833,[121,778]},{7835,[383,775]},{7840,[65,803]},{7841,[97,803]},
     {7842,[65,777]},{7843,[97,777]},{7844,[65,770,769]},
     {7845,[97,770,769]},{7846,[65,770,768]},{7847,[97,770,768]},
     {7848,[65,770,777]},{7849,[97,770,777]},{7850,[65,770,771]},
     {7851,[97,770,771]},{7852,[65,803,770]},{7853,[97,803,770]},
     {7854,[65,774,769]},{7855,[97,774,769]},{7856,[65,774,768]},
     {7857,[97,774,768]},{7858,[65,774,777]},{7859,[97,774,777]},
     {7860,[65,774,771]},{7861,[97,774,771]},{7862,[65,803,774]},
     {7863,[97,803,774]},{7864,[69,803]},{7865,[101,803]},{7866,[69,777]},
     {7867,[101,777]},{7868,[69,771]},{7869,[101,771]},{7870,[69,770,769]},
     {7871,[101,770,769]},{7872,[69,770,768]},{7873,[101,770,768]},
     {7874,[69,770,777]},{7875,[101,770,777]},{7876,[69,770,771]},
     {7877,[101,770,771]},{7878,[69,803,770]},{7879,[101,803,770]},
     {7880,[73,777]},{7881,[105,777]},{7882,[73,803]},{7883,[105,803]},
     {7884,[79,803]},{7885,[111,803]},{7886,[79,777]},{7887,[111,777]},
     {7888,[79,770,769]},{7889,[111,770,769]},{7890,[79,770,768]},
     {7891,[111,770,768]},{7892,[79,770,777]},{7893,[111,770,777]},
     {7894,[79,770,771]},{7895,[111,770,771]},{7896,[79,803,770]},
     {7897,[111,803,770]},{7898,[79,795,769]},{7899,[111,795,769]},
     {7900,[79,795,768]},{7901,[111,795,768]},{7902,[79,795,777]},
     {7903,[111,795,777]},{7904,[79,795,771]},{7905,[111,795,771]},
     {7906,[79,795,803]},{7907,[111,795,803]},{7908,[85,803]},
     {7909,[117,803]},{7910,[85,777]},{7911,[117,777]},{7912,[85,795,769]},
     {7913,[117,795,769]},{7914,[85,795,768]},{7915,[117,795,768]},
     {7916,[85,795,777]},{7917,[117,795,777]},{7918,[85,795,771]},
     {7919,[117,795,771]},{7920,[85,795,803]},{7921,[117,795,803]},
     {7922,[89,768]},{7923,[121,768]},{7924,[89,803]},{7925,[121,803]},
     {7926,[89,777]},{7927,[121,777]},{7928,[89,771]},{7929,[121,771]},
     {7936,[945,787]},{7937,[945,788]},{7938,[945,787,768]},
     {7939,[945,788,768]},{7940,[945,787,769]},{7941,[945,788,769]},
     {7942,[945,787,834]},{7943,[945,788,834]},{7944,[913,787]},
     {7945,[913,788]},{7946,[913,787,768]},{7947,[913,788,768]},
     {7948,[913,787,769]},{7949,[913,788,769]},{7950,[913,787,834]},
     {7951,[913,788,834]},{7952,[949,787]},{7953,[949,788]},
     {7954,[949,787,768]},{7955,[949,788,768]},{7956,[949,787,769]},
     {7957,[949,788,769]},{7960,[917,787]},{7961,[917,788]},
     {7962,[917,787,768]},{7963,[917,788,768]},{7964,[917,787,769]},
     {7965,[917,788,769]},{7968,[951,787]},{7969,[951,788]},
     {7970,[951,787,768]},{7971,[951,788,768]},{7972,[951,787,769]},
     {7973,[951,788,769]},{7974,[951,787,834]},{7975,[951,788,834]},
     {7976,[919,787]},{7977,[919,788]},{7978,[919,787,768]},
     {7979,[919,788,768]},{7980,[919,787,769]},{7981,[919,788,769]},
     {7982,[919,787,834]},{7983,[919,788,834]},{7984,[953,787]},
     {7985,[953,788]},{7986,[953,787,768]},{7987,[953,788,768]},
     {7988,[953,787,769]},{7989,[953,788,769]},{7990,[953,787,834]},
     {7991,[953,788,834]},{7992,[921,787]},{7993,[921,788]},
     {7994,[921,787,768]},{7995,[921,788,768]},{7996,[921,787,769]},
     {7997,[921,788,769]},{7998,[921,787,834]},{7999,[921,788,834]},
     {8000,[959,787]},{8001,[959,788]},{8002,[959,787,768]},
     {8003,[959,788,768]},{8004,[959,787,769]},{8005,[959,788,769]},
     {8008,[927,787]},{8009,[927,788]},{8010,[927,787,768]},
     {8011,[927,788,768]},{8012,[927,787,769]},{8013,[927,788,769]},
     {8016,[965,787]},{8017,[965,788]},{8018,[965,787,768]},
     {8019,[965,788,768]},{8020,[965,787,769]},{8021,[965,788,769]},
     {8022,[965,787,834]},{8023,[965,788,834]},{8025,[933,788]},
     {8027,[933,788,768]},{8029,[933,788,769]},{8031,[933,788,834]},
     {8032,[969,787]},{8033,[969,788]},{8034,[969,787,768]},
     {8035,[969,788,768]},{8036,[969,787,769]},{8037,[969,788,769]},
     {8038,[969,787,834]},{8039,[969,788,834]},{8040,[937,787]},
     {8041,[937,788]},{8042,[937,787,768]},{8043,[937,788,768]},
     {8044,[937,787,769]},{8045,[937,788,769]},{8046,[937,787,834]},
     {8047,[937,788,834]},{8048,[945,768]},{8049,[945,769]},
     {8050,[949,768]},{8051,[949,769]},{8052,[951,768]},{8053,[951,769]},
     {8054,[953,768]},{8055,[953,769]},{8056,[959,768]},{8057,[959,769]},
     {8058,[965,768]},{8059,[965,769]},{8060,[969,768]},{8061,[969,769]},
     {8064,[945,787,837]},{8065,[945,788,837]},{8066,[945,787,768,837]},
     {8067,[945,788,768,837]},{8068,[945,787,769,837]},
     {8069,[945,788,769,837]},{8070,[945,787,834,837]},
     {8071,[945,788,834,837]},{8072,[913,787,837]},{8073,[913,788,837]},
     {8074,[913,787,768,837]},{8075,[913,788,768,837]},
     {8076,[913,787,769,837]},{8077,[913,788,769,837]},
     {8078,[913,787,834,837]},{8079,[913,788,834,837]},{8080,[951,787,837]},
     {8081,[951,788,837]},{8082,[951,787,768,837]},{8083,[951,788,768,837]},
     {8084,[951,787,769,837]},{8085,[951,788,769,837]},
     {8086,[951,787,834,837]},{8087,[951,788,834,837]},{8088,[919,787,837]},
     {8089,[919,788,837]},{8090,[919,787,768,837]},{8091,[919,788,768,837]},
     {8092,[919,787,769,837]},{8093,[919,788,769,837]},
     {8094,[919,787,834,837]},{8095,[919,788,834,837]},{8096,[969,787,837]},
     {8097,[969,788,837]},{8098,[969,787,768,837]},{8099,[969,788,768,837]},
     {8100,[969,787,769,837]},{8101,[969,788,769,837]},
     {8102,[969,787,834,837]},{8103,[969,788,834,837]},{8104,[937,787,837]},
     {8105,[937,788,837]},{8106,[937,787,768,837]},{8107,[937,788,768,837]},
     {8108,[937,787,769,837]},{8109,[937,788,769,837]},
     {8110,[937,787,834,837]},{8111,[937,788,834,837]},{8112,[945,774]},
     {8113,[945,772]},{8114,[945,768,837]},{8115,[945,837]},
     {8116,[945,769,837]},{8118,[945,834]},{8119,[945,834,837]},
     {8120,[913,774]},{8121,[913,772]},{8122,[913,768]},{8123,[913,769]},
     {8124,[913,837]},{8126,[953]},{8129,[168,834]},{8130,[951,768,837]},
     {8131,[951,837]},{8132,[951,769,837]},{8134,[951,834]},
     {8135,[951,834,837]},{8136,[917,768]},{8137,[917,769]},
     {8138,[919,768]},{8139,[919,769]},{8140,[919,837]},{8141,[8127,768]},
     {8142,[8127,769]},{8143,[8127,834]},{8144,[953,774]},{8145,[953,772]},
     {8146,[953,776,768]},{8147,[953,776,769]},{8150,[953,834]},
     {8151,[953,776,834]},{8152,[921,774]},{8153,[921,772]},
     {8154,[921,768]},{8155,[921,769]},{8157,[8190,768]},{8158,[8190,769]},
     {8159,[8190,834]},{8160,[965,774]},{8161,[965,772]},
     {8162,[965,776,768]},{8163,[965,776,769]},{8164,[961,787]},
     {8165,[961,788]},{8166,[965,834]},{8167,[965,776,834]},
     {8168,[933,774]},{8169,[933,772]},{8170,[933,768]},{8171,[933,769]},
     {8172,[929,788]},{8173,[168,768]},{8174,[168,769]},{8175,[96]},
     {8178,[969,768,837]},{8179,[969,837]},{8180,[969,769,837]},
     {8182,[969,834]},{8183,[969,834,837]},{8184,[927,768]},
     {8185,[927,769]},{8186,[937,768]},{8187,[937,769]},{8188,[937,837]},
     {8189,[180]}}.

nfkd_table() ->
    {{160,[32]},{168,[32,776]},{170,[97]},{175,[32,772]},{178,[50]},
     {179,[51]},{180,[32,769]},{181,[956]},{184,[32,807]},{185,[49]},
     {186,[111]},{188,[49,8260,52]},{189,[49,8260,50]},{190,[51,8260,52]},
     {306,[73,74]},{307,[105,106]},{319,[76,183]},{320,[108,183]},
     {329,[700,110]},{383,[115]},{452,[68,90,780]},{453,[68,122,780]},
     {454,[100,122,780]},{455,[76,74]},{456,[76,106]},{457,[108,106]},
     {458,[78,74]},{459,[78,106]},{460,[110,106]},{497,[68,90]},
     {498,[68,122]},{499,[100,122]},{688,[104]},{689,[614]},{690,[106]},
     {691,[114]},{692,[633]},{693,[635]},{694,[641]},{695,[119]},
     {696,[121]},{728,[32,774]},{729,[32,775]},{730,[32,778]},
     {731,[32,808]},{732,[32,771]},{733,[32,779]},{736,[611]},{737,[108]},
     {738,[115]},{739,[120]},{740,[661]},{64256,[102,102]},
     {64257,[102,105]},{64258,[102,108]},{64259,[102,102,105]},
     {64260,[102,102,108]},{64261,[115,116]},{64262,[115,116]}}.
