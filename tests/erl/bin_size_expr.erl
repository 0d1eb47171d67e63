-module(bin_size_expr).
-export([main/1]).
%% Size expressions, units and type defaults in bit syntax.

main(_) ->
    N = 3,
    io:format("~p~n", [<<5:(N * 2)>>]),
    io:format("~p~n", [<<1:N/unit:8>>]),
    B = <<"abcdef">>,
    io:format("~p~n", [<<B:N/binary>>]),
    io:format("~p~n", [<<B:2/binary-unit:16>>]),
    <<X:N/unit:4, Rest/bits>> = <<16#ABC:12, 1:4>>,
    io:format("~p ~p~n", [X, Rest]),
    <<Len:8, Payload:Len/binary-unit:8, Tail/binary>> = <<2, "hi", "!">>,
    io:format("~p ~p ~p~n", [Len, Payload, Tail]),
    <<A:4, B2:A, C/bits>> = <<3:4, 5:3, 1:1>>,
    io:format("~p ~p ~p~n", [A, B2, C]),
    io:format("~p~n", [<<1:1/unit:7>>]),
    io:format("~p~n", [bit_size(<<0:3/unit:3>>)]),
    io:format("~p~n", [<<(<<"xyz">>):2/binary>>]),
    io:format("~p~n", [<<(<<1:5>>):3/bits>>]),
    io:format("~p~n", [<<1.0:32/float-unit:1>>]),
    F = fun(Sz) -> <<255:Sz>> end,
    io:format("~p~n", [[F(S) || S <- [0, 1, 4, 8, 12]]]),
    io:format("~p~n", [try <<(id(<<"ab">>)):3/binary>> catch error:E -> E end]),
    io:format("~p~n", [try <<1:(id(a))>> catch error:E2 -> E2 end]),
    M = #{size => 16},
    <<V:(map_get(size, M))>> = <<1, 2>>,
    io:format("~p~n", [V]).

id(X) -> X.
