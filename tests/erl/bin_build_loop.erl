-module(bin_build_loop).
-export([main/1]).
%% Appending to binaries in loops (the VM may optimise this; results must not change).

build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, <<Acc/binary, (N rem 256)>>).

build_bits(0, Acc) -> Acc;
build_bits(N, Acc) -> build_bits(N - 1, <<Acc/bits, (N band 1):1>>).

rev(<<>>) -> <<>>;
rev(<<H, T/binary>>) -> <<(rev(T))/binary, H>>.

count(<<>>, Acc) -> Acc;
count(<<X, Rest/binary>>, Acc) -> count(Rest, Acc + X).

main(_) ->
    B = build(100000, <<>>),
    io:format("~p ~p ~p~n", [byte_size(B), binary:part(B, 0, 5), binary:last(B)]),
    io:format("~p~n", [count(B, 0)]),
    Bits = build_bits(13, <<>>),
    io:format("~p ~p~n", [Bits, bit_size(Bits)]),
    io:format("~p~n", [rev(<<"stressed">>)]),
    B1 = <<"base">>,
    B2 = <<B1/binary, "-one">>,
    B3 = <<B1/binary, "-two">>,
    io:format("~p ~p ~p~n", [B1, B2, B3]),
    L = [<<N:16>> || N <- lists:seq(1, 1000)],
    J = iolist_to_binary(L),
    io:format("~p ~p~n", [byte_size(J), binary:part(J, 1990, 10)]),
    io:format("~p~n", [byte_size(list_to_binary(lists:duplicate(100000, "ab")))]).
