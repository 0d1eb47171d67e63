-module(diff_erlang_bifs).
-export([main/1]).

%% erlang BIFs that raised undef: crc32/adler32 (and _combine), md5 and
%% its context functions, pid/port/ref/fun to text and back, nodes/0,1,
%% is_alive/0, get_cookie/0, bump_reductions/1, append/2, subtract/2,
%% universaltime_to_posixtime/1 and posixtime_to_universaltime/1; and the
%% dates the local time conversions take (leap days, years from 1902).
t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    Big = list_to_binary([X rem 251 || X <- lists:seq(1, 100000)]),
    Cases = [
        fun() -> erlang:crc32(<<"abc">>) end,
        fun() -> erlang:crc32(["a", <<"b">>, [$c]]) end,
        fun() -> {erlang:crc32(Big), erlang:adler32(Big), erlang:md5(Big)} end,
        fun() -> erlang:crc32_combine(erlang:crc32(<<"ab">>), erlang:crc32(<<"c">>), 1) end,
        fun() -> erlang:adler32_combine(erlang:adler32(<<"ab">>), erlang:adler32(<<"c">>), 1) end,
        fun() -> erlang:crc32(-1, <<>>) end,
        fun() -> erlang:crc32((1 bsl 32) - 1, <<"a">>) end,
        fun() -> erlang:crc32_combine(1, 2, -1) end,
        fun() -> [erlang:crc32_combine(1, 2, N) || N <- [0, (1 bsl 31) - 1, 1 bsl 31, (1 bsl 32) - 1]] end,
        fun() -> erlang:crc32_combine(1, 2, 1 bsl 32) end,
        fun() -> erlang:crc32_combine(16#FFFFFFFF, 16#12345678, 12345) end,
        fun() -> [erlang:adler32_combine(16#FFF0FFF0, 16#FFF0FFF0, N) || N <- [0, 65520, 65521, (1 bsl 32) - 1]] end,
        fun() -> {erlang:adler32(0, <<>>), erlang:adler32(16#FFF0FFF0, <<255, 255>>)} end,
        fun() -> {erlang:crc32([]), erlang:adler32([])} end,
        fun() -> erlang:crc32(<<1:3>>) end,
        fun() -> erlang:crc32([256]) end,
        fun() -> erlang:md5([1 | 2]) end,
        fun() -> [erlang:md5(binary:copy(<<"a">>, N)) || N <- [0, 3, 55, 56, 64]] end,
        fun() -> byte_size(erlang:md5_init()) end,
        fun() -> erlang:md5_update(<<1, 2>>, <<>>) end,
        fun() -> erlang:md5_final(<<>>) end,
        fun() ->
            Ctx = lists:foldl(fun(C, Acc) -> erlang:md5_update(Acc, C) end, erlang:md5_init(),
                              [<<"a">>, "bc", binary:copy(<<"x">>, 70), [], <<"y">>]),
            erlang:md5_final(Ctx) =:= erlang:md5(["abc", binary:copy(<<"x">>, 70), "y"])
        end,
        fun() -> {erlang:nodes(), erlang:nodes(this), erlang:nodes([known, visible]), erlang:nodes(hidden)} end,
        fun() -> erlang:nodes(bad) end,
        fun() -> {erlang:is_alive(), erlang:get_cookie(), erlang:bump_reductions(10)} end,
        fun() -> erlang:bump_reductions(-1) end,
        fun() -> {erlang:append([1], 2), erlang:subtract([1, 2, 1], [1])} end,
        fun() -> erlang:subtract(a, [2]) end,
        fun() -> erlang:fun_to_list(fun lists:map/2) end,
        fun() -> erlang:pid_to_list(a) end,
        fun() -> erlang:ref_to_list(a) end,
        fun() -> {erlang:list_to_pid("<0.01.2>"), erlang:list_to_pid("<0.0.0>")} end,
        fun() -> erlang:list_to_pid("<0.1>") end,
        fun() -> erlang:list_to_pid("<0.1.2> ") end,
        fun() -> erlang:list_to_pid(<<"<0.1.2>">>) end,
        fun() -> erlang:list_to_ref("#Ref<0.1.2.3>") end,
        fun() -> erlang:list_to_ref("#Ref<0.1.2>") end,
        fun() -> erlang:list_to_ref("#Ref<0.4294967296.2.3>") end
    ],
    [io:format("~w~n", [t(F)]) || F <- Cases],
    Dates = [{{2023, 2, 29}, {0, 0, 0}}, {{2024, 2, 29}, {0, 0, 0}}, {{1900, 2, 29}, {0, 0, 0}},
             {{2100, 2, 29}, {0, 0, 0}}, {{2000, 4, 31}, {0, 0, 0}}, {{2000, 1, 1}, {24, 0, 0}},
             {{2000, 1, 1}, {23, 59, 60}}, {{1901, 12, 31}, {23, 59, 59}}, {{1599, 12, 31}, {0, 0, 0}},
             {{1600, 1, 1}, {0, 0, 0}}, {{1969, 12, 31}, {23, 59, 59}}, {{50057, 8, 9}, {11, 28, 43}},
             {{2147483646, 12, 31}, {23, 59, 59}}, {{2147483647, 1, 1}, {0, 0, 0}},
             {{2000, 1, 1}, {0, 0, 0.0}}],
    [io:format("~w ~w~n", [D, t(fun() -> erlang:universaltime_to_posixtime(D) end)]) || D <- Dates],
    %% whether a local time conversion takes the date (the zone may vary)
    [io:format("~w ~w~n", [D, t(fun() -> is_tuple(erlang:universaltime_to_localtime(D)) end)])
     || D <- Dates],
    [io:format("~w ~w~n", [S, t(fun() -> erlang:posixtime_to_universaltime(S) end)])
     || S <- [0, -1, 86399, -86401, 951782400, -2145916801, -11676096001, -62135596800,
              1 bsl 40, 1 bsl 60, (1 bsl 63) - 1, 1 bsl 63, 1.0]],
    ok.
