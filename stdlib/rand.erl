%% rand.erl -- Moat standard library: OTP 25's `rand` module, exsss only.
%%
%% The algorithms are exsss (Xorshift116**, 58-bit words), OTP 25's
%% default, which `default` names too, and the older exsp (Xorshift116+)
%% and exrop (Xoroshiro116+).  For the same explicit seed the numbers
%% are the ones erl gives: seeds are spread with SplitMix64 (an integer
%% seeds the first word and its successor, a triple {A1, A2, A3} is chained
%% through three SplitMix64 steps, each xor-ed with the next integer).
%% uniform/1 rejects draws that would bias the range, uniform_real/0 keeps
%% 53 significant bits even for small results, as documented.
%%
%% The state is {AlgHandler, [S1 | S0]} like OTP's, with the same keys in
%% the handler map; the seed lives in the process dictionary under
%% rand_seed.  normal/0,2 use the polar (Marsaglia) method, so their
%% values differ from erl's (which uses a ziggurat); see docs/deviations.md.
%% Not provided (undef): jump/0,1 and the other
%% algorithms' helper functions (exro928_*, mwc59*, splitmix64_next ...).
-module(rand).

-export([seed/1, seed/2, seed_s/1, seed_s/2, export_seed/0,
         export_seed_s/1, uniform/0, uniform/1, uniform_s/1, uniform_s/2,
         uniform_real/0, uniform_real_s/1, normal/0, normal/2, normal_s/1,
         normal_s/3, bytes/1, bytes_s/2]).

-define(M58, 16#3FFFFFFFFFFFFFF).
-define(M64, 16#FFFFFFFFFFFFFFFF).
-define(KEY, rand_seed).

%%% Seeding ---------------------------------------------------------------

seed(Alg) ->
    store(seed_s(Alg)).

seed(Alg, Seed) ->
    store(seed_s(Alg, Seed)).

seed_s({#{type := _}, _} = State) -> State;
seed_s({Alg, [_ | _] = Words}) -> {handler(Alg), Words};
seed_s(Alg) ->
    seed_s(Alg, {erlang:phash2([{node(), self()}]),
                 erlang:system_time(),
                 erlang:unique_integer()}).

seed_s(Alg, Seed) ->
    Handler = handler(Alg),
    {Handler, seed_words(Alg, Seed)}.

%% An integer seeds every algorithm through SplitMix64; a triple is spread
%% by SplitMix64 for exsss and by two steps of the generator for the
%% older exsp and exrop.
seed_words(Alg, {A1, A2, A3}) when Alg =:= exsp; Alg =:= exrop ->
    Next = maps:get(next, handler(Alg)),
    {_, [_ | S1]} = Next([((A1 * 4294967197) + 1) band ?M58 | ((A2 * 4294967231) + 1) band ?M58]),
    {_, Words} = Next([((A3 * 4294967279) + 1) band ?M58 | S1]),
    Words;
seed_words(_, Seed) ->
    exsss_seed(Seed).

store(State) ->
    put(?KEY, State),
    State.

handler(Alg) when Alg =:= exsss; Alg =:= default -> handler(exsss, fun exsss_next/1);
handler(exsp) -> handler(exsp, fun exsp_next/1);
handler(exrop) -> handler(exrop, fun exrop_next/1).

handler(Type, Next) ->
    #{type => Type, bits => 58, next => Next,
      uniform => fun uniform_s/1, uniform_n => fun uniform_s/2,
      jump => fun no_jump/1}.

no_jump(_) -> erlang:error(undef).

exsss_seed([A1, A2, A3]) ->
    exsss_seed({A1, A2, A3});
exsss_seed(X) when is_integer(X) ->
    {S0, Next} = seed58(X band ?M64),
    {S1, _} = seed58(Next),
    [S0 | S1];
exsss_seed({A1, A2, A3}) ->
    {_, X0} = seed58(A1 band ?M64),
    {S0, X1} = seed58((A2 band ?M64) bxor X0),
    {S1, _} = seed58((A3 band ?M64) bxor X1),
    [S0 | S1].

%% One SplitMix64 step: the advanced counter and its mixed output.
splitmix(X0) ->
    X = (X0 + 16#9E3779B97F4A7C15) band ?M64,
    Z1 = ((X bxor (X bsr 30)) * 16#BF58476D1CE4E5B9) band ?M64,
    Z2 = ((Z1 bxor (Z1 bsr 27)) * 16#94D049BB133111EB) band ?M64,
    {X, Z2 bxor (Z2 bsr 31)}.

%% A non-zero 58-bit word from SplitMix64, and the counter to go on from.
seed58(X0) ->
    {X, Z} = splitmix(X0),
    case Z band ?M58 of
        0 -> seed58(X);
        W -> {W, X}
    end.

export_seed() ->
    case get(?KEY) of
        undefined -> undefined;
        State -> export_seed_s(State)
    end.

export_seed_s({#{type := Type}, Words}) -> {Type, Words}.

%%% The generator -----------------------------------------------------------

exsss_next([S1 | S0]) ->
    Mixed = S1 bxor ((S1 bsl 24) band ?M58),
    New1 = Mixed bxor S0 bxor (Mixed bsr 11) bxor (S0 bsr 41),
    Times5 = (S0 * 5) band ?M58,
    Rotated = ((Times5 bsl 7) bor (Times5 bsr 51)) band ?M58,
    {(Rotated * 9) band ?M58, [S0 | New1]}.

%% Xorshift116+ (exsp).
exsp_next([S1 | S0]) ->
    Mixed = S1 bxor ((S1 bsl 24) band ?M58),
    New1 = Mixed bxor S0 bxor (Mixed bsr 11) bxor (S0 bsr 41),
    {(S0 + New1) band ?M58, [S0 | New1]}.

%% Xoroshiro116+ (exrop).
exrop_next([S0 | S1]) ->
    S1a = S1 bxor S0,
    {(S0 + S1) band ?M58,
     [rotl58(S0, 24) bxor S1a bxor ((S1a bsl 2) band ?M58) | rotl58(S1a, 35)]}.

rotl58(V, K) -> ((V bsl K) bor (V bsr (58 - K))) band ?M58.

next(#{next := Next}, Words) -> Next(Words).

current() ->
    case get(?KEY) of
        undefined -> seed(exsss);
        State -> State
    end.

%%% Uniform numbers --------------------------------------------------------

uniform() ->
    {X, State} = uniform_s(current()),
    put(?KEY, State),
    X.

uniform(N) ->
    {X, State} = uniform_s(N, current()),
    put(?KEY, State),
    X.

uniform_s({Handler, Words}) ->
    {V, Words1} = next(Handler, Words),
    {(V bsr 5) * (1.0 / (1 bsl 53)), {Handler, Words1}}.

uniform_s(N, {Handler, Words}) when is_integer(N), N >= 1 ->
    {V, Words1} = draw(Handler, N, Words),
    Limit = (1 bsl bits(N)) - N,
    case V rem N of
        I when V - I =< Limit ->
            {I + 1, {Handler, Words1}};
        _ ->
            uniform_s(N, {Handler, Words1})
    end.

%% Enough 58-bit words for a range of N: one while N fits in 58 bits.
bits(N) when N =< 1 bsl 58 -> 58;
bits(N) -> 58 + bits(N bsr 58).

draw(Handler, N, Words) when N =< 1 bsl 58 ->
    next(Handler, Words);
draw(Handler, N, Words) ->
    {V, Words1} = next(Handler, Words),
    {Rest, Words2} = draw(Handler, N bsr 58, Words1),
    {(V bsl (bits(N bsr 58))) + Rest, Words2}.

uniform_real() ->
    {X, State} = uniform_real_s(current()),
    put(?KEY, State),
    X.

uniform_real_s({Handler, Words}) ->
    {V, Words1} = next(Handler, Words),
    {X, Words2} = real(Handler, V bsr 2, -56, Words1),
    {X, {Handler, Words2}}.

%% M * 2^Exp kept to 53 significant bits; while M has fewer, 56 more bits
%% (the high ones of the next word) are appended.
real(Handler, M, Exp, Words) when M < 1 bsl 52, Exp > -1074 ->
    {V, Words1} = next(Handler, Words),
    real(Handler, (M bsl 56) bor (V bsr 2), Exp - 56, Words1);
real(_, 0, _, Words) ->
    {0.0, Words};
real(_, M, Exp, Words) ->
    Shift = max(bit_length(M) - 53, 0),
    {(M bsr Shift) * math:pow(2.0, Shift + Exp), Words}.

bit_length(M) -> bit_length(M, 0).
bit_length(0, N) -> N;
bit_length(M, N) -> bit_length(M bsr 1, N + 1).

%%% Normal distribution (polar method) -------------------------------------

normal() ->
    {X, State} = normal_s(current()),
    put(?KEY, State),
    X.

normal(Mean, Variance) ->
    Mean + math:sqrt(Variance) * normal().

normal_s(State0) ->
    {U1, State1} = uniform_s(State0),
    {U2, State2} = uniform_s(State1),
    X = 2.0 * U1 - 1.0,
    Y = 2.0 * U2 - 1.0,
    S = X * X + Y * Y,
    if
        S >= 1.0; S == 0.0 -> normal_s(State2);
        true -> {X * math:sqrt(-2.0 * math:log(S) / S), State2}
    end.

normal_s(Mean, Variance, State0) when Variance >= 0 ->
    {X, State} = normal_s(State0),
    {Mean + math:sqrt(Variance) * X, State}.

%%% Bytes -------------------------------------------------------------------------

bytes(N) ->
    {Bytes, State} = bytes_s(N, current()),
    put(?KEY, State),
    Bytes.

%% Seven bytes a word: the high 56 bits of every word but the last, whose
%% low 56 bits give the remaining bytes from the top (erl's order).
bytes_s(0, {Handler, Words}) ->
    {_, Words1} = next(Handler, Words), % erl draws a word even for no bytes
    {<<>>, {Handler, Words1}};
bytes_s(N, {Handler, Words}) when is_integer(N), N >= 0 ->
    {Bin, Words1} = bytes_words(Handler, N, Words, []),
    {Bin, {Handler, Words1}}.

bytes_words(_, 0, Words, Acc) ->
    {list_to_binary(lists:reverse(Acc)), Words};
bytes_words(Handler, N, Words, Acc) when N > 7 ->
    {V, Words1} = next(Handler, Words),
    bytes_words(Handler, N - 7, Words1, [<<(V bsr 2):56>> | Acc]);
bytes_words(Handler, N, Words, Acc) ->
    {V, Words1} = next(Handler, Words),
    Low = V band 16#FFFFFFFFFFFFFF,
    Bits = 8 * N,
    bytes_words(Handler, 0, Words1, [<<(Low bsr (56 - Bits)):Bits>> | Acc]).
