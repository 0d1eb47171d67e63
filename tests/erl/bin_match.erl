-module(bin_match).
-export([main/1]).

main(_) ->
    <<A, B, C>> = <<1, 2, 3>>,
    io:format("~p~n", [{A, B, C}]),
    <<X:16, Rest/binary>> = <<1, 2, 3, 4>>,
    io:format("~p ~p~n", [X, Rest]),
    <<L:16/little, _/binary>> = <<1, 2, 3>>,
    io:format("~p~n", [L]),
    <<S:8/signed>> = <<255>>,
    io:format("~p~n", [S]),
    <<U:8/unsigned>> = <<255>>,
    io:format("~p~n", [U]),
    <<S16:16/signed-little>> = <<254, 255>>,
    io:format("~p~n", [S16]),
    <<H:4, Lo:4>> = <<16#AB>>,
    io:format("~p ~p~n", [H, Lo]),
    <<B1:1, B2:1, B3:6>> = <<2#10111111>>,
    io:format("~p ~p ~p~n", [B1, B2, B3]),
    <<F/float>> = <<1.5/float>>,
    io:format("~p~n", [F]),
    <<F32:32/float>> = <<0.25:32/float>>,
    io:format("~p~n", [F32]),
    <<Len, Data:Len/binary, Tail/binary>> = <<3, "abcdef">>,
    io:format("~p ~p ~p~n", [Len, Data, Tail]),
    <<Sz:4, Val:Sz, _/bits>> = <<3:4, 5:3, 0:1>>,
    io:format("~p ~p~n", [Sz, Val]),
    <<Bits:3/bits, More/bitstring>> = <<255, 0>>,
    io:format("~p ~p~n", [Bits, More]),
    <<Bytes:2/bytes, _/binary>> = <<"hello">>,
    io:format("~p~n", [Bytes]),
    <<"he", Suffix/binary>> = <<"hello">>,
    io:format("~p~n", [Suffix]),
    <<Cp/utf8, R2/binary>> = <<"é!"/utf8>>,
    io:format("~p ~p~n", [Cp, R2]),
    <<Cp16/utf16, _/binary>> = <<16#1F600/utf16>>,
    io:format("~p~n", [Cp16]),
    <<Cp32/utf32-little>> = <<16#263A/utf32-little>>,
    io:format("~p~n", [Cp32]),
    <<Big:72>> = <<1, 0, 0, 0, 0, 0, 0, 0, 1>>,
    io:format("~p~n", [Big]),
    <<NegBig:72/signed>> = <<255, 0, 0, 0, 0, 0, 0, 0, 0>>,
    io:format("~p~n", [NegBig]),
    io:format("~p~n", [m(<<1, 2>>)]),
    io:format("~p~n", [m(<<"GET /">>)]),
    io:format("~p~n", [m(<<0:7>>)]),
    io:format("~p~n", [m(<<>>)]),
    io:format("~p~n", [m(<<9, 9, 9>>)]),
    io:format("~p~n", [try <<_:32>> = id(<<1, 2>>) catch error:E -> E end]),
    io:format("~p~n", [case <<1.0e300:64/float>> of <<Ff:32/float, _/binary>> -> Ff; _ -> nomatch end]),
    io:format("~p~n", [case <<16#7FF0000000000000:64>> of <<Fi:64/float>> -> Fi; _ -> not_a_float end]),
    io:format("~p~n", [case <<255, 255>> of <<C1/utf8, _/binary>> -> C1; _ -> bad_utf8 end]).

m(<<A, B>>) -> {two, A, B};
m(<<"GET ", Path/binary>>) -> {get, Path};
m(<<X:7>>) -> {seven, X};
m(<<>>) -> empty;
m(_) -> other.

id(X) -> X.
