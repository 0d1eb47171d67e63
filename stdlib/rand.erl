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
%% jump/0,1 advance a state by 2^64 draws with a precomputed GF(2) matrix.
%% Not provided (undef): the other
%% algorithms' helper functions (exro928_*, mwc59*, splitmix64_next ...).
-module(rand).

-export([seed/1, seed/2, seed_s/1, seed_s/2, export_seed/0,
         export_seed_s/1, uniform/0, uniform/1, uniform_s/1, uniform_s/2,
         uniform_real/0, uniform_real_s/1, normal/0, normal/2, normal_s/1,
         normal_s/3, bytes/1, bytes_s/2, jump/0, jump/1]).

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
      jump => fun jump/1}.

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

%%% Jumps ---------------------------------------------------------------------------

jump() ->
    store(jump(current())).

%% The state after 2^64 draws: the linear map of the generator's state
%% raised to the power 2^64, as the columns of a 116 x 116 matrix over
%% GF(2) (computed once, offline); applying it xors the columns of the
%% state's set bits.
jump({#{type := Type} = Handler, [A | B]}) ->
    Columns = jump_columns(case Type of
                               exrop -> xoroshiro116;
                               _ -> xorshift116
                           end),
    X = apply_columns(A bor (B bsl 58), Columns, 1, 0),
    {Handler, [X band ?M58 | X bsr 58]}.

apply_columns(0, _, _, Acc) -> Acc;
apply_columns(X, Columns, J, Acc) ->
    Acc1 = case X band 1 of
               1 -> Acc bxor element(J, Columns);
               0 -> Acc
           end,
    apply_columns(X bsr 1, Columns, J + 1, Acc1).

jump_columns(xorshift116) ->
    {16#34E54E16DCE7534D552D8568A2F9B,
     16#5E930F6B9675029BB3725CB334DAD,
     16#BBD7196EE109043CEFDB185F783B0,
     16#F56F629133879A6CBD68B0CD66889,
     16#60C51B67FD2D4E51F19C03AD88584,
     16#D4B2D5AD6BD5D5F3E8B6223EBD4C3,
     16#61FD96E8FB3F67DF5CBB9638511F4,
     16#33760D5D59E2B92BA9772C624BC8D,
     16#EED761EAF0F9AC9F495DB3D88233C,
     16#BB9C7BAF8B5632B68753D9BC985CD,
     16#9721CB3E98CFB3CDE4EBAFB5B448B,
     16#53319DEF51500C21C9B0C24B14FCA,
     16#4CD9D9D1FE597E03A26982F6A4230,
     16#B473CB3972429C2AE2E484AA1,
     16#80E25AA32DCF67E730630F875B269,
     16#9A63345F8DAACA4D88FA9D32CF1E1,
     16#D28E7D41119FD2C621FA4EE434D17,
     16#F505C0A4153BD104ABA186C374A3E,
     16#23B1B2F8F163DF8507CFA0FC67B05,
     16#C08D04A80E6D02FC2D38CA424AA1B,
     16#52FBD1912E8BB1EF5D8152E4A4ECB,
     16#502CBF495BB8C9651B6E8C213D925,
     16#8948F7C049399EC5727A958818F43,
     16#212CE8B27A9DD453B54D30FC49E35,
     16#16D81415A380E507F58FAABB1922E,
     16#EB728F0EE0CCE1BB83B7DD879C926,
     16#F4989B9980E26895D314B256B38BF,
     16#43B17147F0B3F2B6EF12C7B321D04,
     16#92F80AEC9018AA8704625C08050A4,
     16#8ED55C0D3E3F54273B482DA1BCF1A,
     16#28671B1AFFA8506A1445485369942,
     16#FAFF6D5D216A1033F33FDA834CB0,
     16#BADCC216D3589556C67E84112358F,
     16#26C123177A9B465CCB05B028A214B,
     16#1FA110212B39F77C04B353B0BBB1E,
     16#CD7B8616C3630908EFC687F46CDFF,
     16#640C7DEB6362ED22C64B3B809F070,
     16#3C8AC2F4819AF28BDC4415D0D5207,
     16#15F7A543BBB8C455D037B6EB75AFF,
     16#ADA80692FFE0104BC5260705FA478,
     16#1B64658EC7E87C9A36D2673CE96AC,
     16#44E3D18119E1E194877B8D1BCA345,
     16#A87EA563FBD355C8CEBB039E7EF21,
     16#2CBAEB6A662C778B08F21E07890D4,
     16#39494E13E6915D195A94FD3A58F50,
     16#56286DB00179E1D1B6CDCDBA5B27,
     16#5BFCD96DC25A399A9B42DEC8BF02,
     16#9DDE9563706E770F18487C446AB92,
     16#BE0FA9ABAE46722D9E2505B9BBE4B,
     16#B7611C396EF9CF3B087241BC1BD40,
     16#6C42DB6FACD396B219E64DC4A447A,
     16#310956A465BDB2F98214B816D6388,
     16#7141AA68D88C40EBB5387316E9095,
     16#CE709EE0EABD642A5CF202FEC64BB,
     16#338BA5E9E417F1B05076042CE02D1,
     16#55A1782787B43EEED8C7C1DB5023,
     16#5A6484344F23B71E1B750ED81E95,
     16#8544BF1B6320199E8C76EBD59923E,
     16#A96645BD73AA22A70CBCEA3448711,
     16#6C4D552ED4934740A0271706100B0,
     16#D0B235F9B0D81608C35666334E3E8,
     16#3522E7B19313F861F5D15CA9A2768,
     16#C4BACBED0398C520DF2EF8ED6E690,
     16#5BB5CFC845A2D52505C5D02FD5F97,
     16#763C64301C4BB1E844A06F820318,
     16#972630BB7AA0788E60FB02BCE3D6F,
     16#2C889D70055BCD946B7AEFD9D4C0A,
     16#C204A8C5608C1E060679E8E4BB5B5,
     16#BF1375A1652766622036C7ECFD912,
     16#855E2B586F4133C09E3A1450C4B05,
     16#24DC9E6D5FEB330A954E19A15EEFC,
     16#15F784941589D287E1CBC7E1E6DEB,
     16#8E0336AC2D92E3C4B0AEA48C3F9E6,
     16#8294635A0CCF066D2DE24BB1FCDF8,
     16#457AE6B4F9F30E577F43E3DA4812E,
     16#D959BF25E1887932FDCE4FBB16BDA,
     16#A653C51208A110EC933EE47E4FF46,
     16#4D2EE7540638F12F66811F43C49DF,
     16#CEDD7D6AC864335CEADE0856BDE06,
     16#49A358BD6CAF5AB773B8A37A1644F,
     16#9B463851F66D2CE3A3F481F583BF0,
     16#D87271747EAF9125A9D16DE3E2071,
     16#A886AC0B6639666DD424A862977B7,
     16#A0DFF6D3A0B91E93B44A696FB2D5C,
     16#7B219B11B10CAFCB1B72763AF0A00,
     16#F4F9637230A94ACBD14A1B3F0B82F,
     16#345F10CA84DA35CA13A66EA933873,
     16#6E0419CAAB4E273CBA4E5F0B6F786,
     16#E27AFAF590B86A99DAEA3852B758,
     16#75A2568050494F5E57A65DBC2698D,
     16#39AD92C83B7EDE18AD1A361FFCEF7,
     16#5E2658CB6D3DF10B429382F3ED68F,
     16#791498D8665F2CA2419565A92C7AC,
     16#59940EA8988D9B1E8AC52DD24FB93,
     16#A1C478A0DFD5A60AB75513B76A6E8,
     16#3F961B7B290CF34439C2CB1A961CA,
     16#6DF253F4EA40704EACA34BD1E5B3E,
     16#AAF207344CC712A179A7CA16CB832,
     16#8156156E19F0363A63573CBA95674,
     16#2CBA7693B34522B8A55AC3C3530DE,
     16#F09A4C476AF2D2F4480F0542D24DA,
     16#41201252CAC3055383A0EC8677F29,
     16#F6FE169E66CEF0C510C0060A493FB,
     16#7B75DBDD7F8918E31934D369299D4,
     16#8D251ED69863621FE536486546D1D,
     16#F173C8C75CEDEFADC0F04B6B71F34,
     16#2113DA9BD17EC9ABBA28A1F107802,
     16#305FB3AFBE53522374E4458A5BC02,
     16#39DA3AD37781E9FA691111FDFF668,
     16#B60C83A967468976210295A3FA0BF,
     16#3F78C8FACD769364F53059F5701DD,
     16#9C7652989F96C347D428BD787D14A,
     16#A343D154C9D3F55F614996FF720EF,
     16#B86D9CF81775CC444645E69457EF4,
     16#FAF3CF6391A0952270A6C3B815139,
     16#DD1CB21AC97F9AFEB4198EBD8ED7B};
jump_columns(xoroshiro116) ->
    {16#E401308FB8E0565F464484BEC60ED,
     16#69BEC341E573ED4E9687C3C6BBACA,
     16#6B4AFCF1129E2F96BDA32789046CD,
     16#F2089659DBFC0045771AE0C48F9BB,
     16#283C667BD69C6F2AEAA25170E1295,
     16#1533D134091AA641CED7E7D7FA192,
     16#BF47370D673743789F1DCF8B555FF,
     16#94FE6B13846A7A1BEEA345BA97E03,
     16#B75EFFF646D63833F5990107B75D4,
     16#90D66FB2453D30B06A9CAAC8C5DF2,
     16#E85224B5FA0651A286E7B5AF59397,
     16#22DB2B84661ECAA62247BB8D64ADC,
     16#689DF57044AFE4F39D52A66C5A95B,
     16#834C69284A350FFE82D6F093FA047,
     16#630BB297B5C981DA47B517343BA51,
     16#F103087568C1D87CC9522515E4346,
     16#F0E9A8AC8418F4AB507688E71B6AE,
     16#6FCEEF711660394533415FD766A19,
     16#A19971A306EC200629E227C5B5E02,
     16#AB9559A698F9E676DA7C8215FF6ED,
     16#67F1AFDA93C1AD6A5D90F4CFE087,
     16#469667AB57549964CDABE08964C1,
     16#C15A9675F858FA933D13AC8F75ACD,
     16#1EECC0CF700272018D3C3B4620626,
     16#6A83F0849E297E3F831BB16B958E0,
     16#AA306C883724C6F6A3D985EE8FAB9,
     16#831E4796732F8CAB68DDAE23F3EFE,
     16#418572DB91E73936D154A76F8E73D,
     16#4CA9A103C39732EC3DD4587397960,
     16#599D12D32A9D676C27782885B2A5D,
     16#C249FDD81921CAAF3FCAA81E57C3E,
     16#F5B9595E28379C54B4B6E6EA13EFA,
     16#63746CD44C88284CDF1CAD57B32A1,
     16#3892040FD1CD4751CDCD8BB00ED2,
     16#682879AC1EB09B8258DE068C4DBC8,
     16#56E1C327CB64C60E9E1BE0C01043A,
     16#C693C3E057853F654486A719DBC0F,
     16#D1519F577E183581E83E2550ED9A,
     16#9F32642F83020A1E10CE0FCD2B29C,
     16#364FF4D450A3987B9C28A309BE50D,
     16#FD0D2D0F009A120244598DCB821D1,
     16#DA7E06652CB3C59314F3B6A873826,
     16#357AB6CD0EE46BAC86149B852A260,
     16#C09A5882B1E33A8367EE157D0C22A,
     16#8B35CA47E99E0518F86B2729BFB0A,
     16#9350189A011A937C93A1833CDEB76,
     16#73EB729BF074CB1142445367F9B18,
     16#F93ACF33DDE5EDB87035FDB63ACE,
     16#2E40809798B26900DA386043F2E26,
     16#5B9860CFE6954021923DC464DE29B,
     16#EC597B0C37793E9FD8459C5672363,
     16#C94C8EE91587142A9C94F7472DC6E,
     16#D8D364DB98EBE748C1AEE4E8EB3E6,
     16#1D1B5557FDC9B5FBFB61717CC1B39,
     16#29B12F6D14752E5D2F79B50576547,
     16#24E99A43ABB087791E91586326E47,
     16#1F08F675D08CC51A06F44F2B28068,
     16#C3519CB7A49C682B9C26ABB806400,
     16#FF50DC85CA98AEC901FAA9E10C2F7,
     16#442706AC6A8819D4F612207814D2E,
     16#D8FE3A7D3E4380C89EF775162BF53,
     16#C4EF05C4FDA3DD13BCC2E0AF14477,
     16#AFA35DD42EBDC62B751E5CD48C0E1,
     16#38786FF8FFBDDB10F96BF8009F2EE,
     16#53809F08FE87ACB8ADD3F7BB2B2BE,
     16#8B7A969C2C723C77CA9AD5DF3C3B6,
     16#D118F413A99E4470ED8AFD777EE13,
     16#8670E3AD9288B4FDDC9C37B534F73,
     16#1EC2787F66423E6AA126947B09614,
     16#3689C60167D69EC7CF90420FA1B6C,
     16#6B645D4A6AAFE18F69C80F09EE0AF,
     16#B5BABF99C5ABE28D919F6C987517E,
     16#D78555A22292E332946C9B1514EE8,
     16#F7764695B7BC5667DE15EE2B89284,
     16#4BD4FA350BA64B647F316CC31CAC7,
     16#3A39F2751DF4A928D8B32F05A8D5,
     16#E5F454D842ABFA0E9377F4650FC31,
     16#DB761E72646510BAB491107CDC81A,
     16#ED81AE30FE0537E4A747FCBD69ED6,
     16#6B8AA1B84B21291EF4081CDB99D4F,
     16#2D1AE92F67E72AFB5302E34B05035,
     16#49A66F11E8AEEA0A382C073877D90,
     16#55C0CFD78E3D09A2A0C2288EE297E,
     16#1ADD4D564AC0FB4364435A732A67F,
     16#CCB8D1E83AFC309907971666E5CB3,
     16#B1EC845D5B50D797E999E45B69EC0,
     16#F21948098394F098E2F3660D51FDB,
     16#8AC3CDE221CC79720F76D27F8E38F,
     16#E41C4B572321F0CB0829AE199A440,
     16#3DA53F5F745683AEC6D976542CE48,
     16#DA89D50F9DE7E2AC1A634303109F1,
     16#3F3498EE0E9AAD6CC7217E01FBFF8,
     16#F9961CA2969228B7C05B4FE16519C,
     16#FA0B55C804123D4D98102698800B6,
     16#CD6CC737C013B6399914570F64354,
     16#74143B7FCFCD124D65B4C0F495B95,
     16#E8AD4079EAFA2A8C8DD497B614C2D,
     16#7314A3725FE2628C4BDE1E42C7B0E,
     16#6FC6BED0B6F0ED875A5B924BE29B4,
     16#9941D1994E40D761AB8B06F468B58,
     16#803E8A0960ACDC3F1FC16D9B02FC1,
     16#FC22DF66E16FA57A01684A7DA9B62,
     16#80D604D426051C8CBFD849ED1BE7E,
     16#D3F20AAD336DE85C37E6D7A155B0F,
     16#6B156CFF4325D7F9755636D069191,
     16#6328154A779C89A5A0AB9075E97A7,
     16#51B2885ADB7080CDD00363281A058,
     16#25E8D200981EE9B0A3094CB4F4DB9,
     16#520A5DD46283BB25DC0F34D48BDA1,
     16#6FD70CBBD28BD8AD18B864DD9082B,
     16#41F04844A5FE061AE9B84722A28DB,
     16#1341D8E1DCC6294CBEDD2039DEFE7,
     16#17448FBF6538C8CD273602C116D50,
     16#9A319E7668076459FE3EFC23E8578,
     16#30B670957074ADDF565EE8551CC80,
     16#F4405B71CBB4C03FB65714633B0C0}.
