-module(bin_proto).
-export([main/1]).
%% A small TLV encoder/decoder and a base64-like hex encoder written with bit syntax.

encode({int, N}) -> <<1, 8, N:64/signed>>;
encode({str, S}) -> B = list_to_binary(S), <<2, (byte_size(B)), B/binary>>;
encode({list, L}) -> Parts = << <<(encode(E))/binary>> || E <- L >>, <<3, (byte_size(Parts)), Parts/binary>>.

decode(<<1, 8, N:64/signed, Rest/binary>>) -> {{int, N}, Rest};
decode(<<2, Len, S:Len/binary, Rest/binary>>) -> {{str, binary_to_list(S)}, Rest};
decode(<<3, Len, Inner:Len/binary, Rest/binary>>) -> {{list, decode_all(Inner)}, Rest}.

decode_all(<<>>) -> [];
decode_all(B) -> {T, R} = decode(B), [T | decode_all(R)].

hex(B) -> << <<(hexd(N))>> || <<N:4>> <= B >>.
hexd(N) when N < 10 -> $0 + N;
hexd(N) -> $a + N - 10.

unhex(H) -> << <<(v(A)):4, (v(B)):4>> || <<A, B>> <= H >>.
v(C) when C >= $a -> C - $a + 10;
v(C) -> C - $0.

checksum(B) -> lists:foldl(fun(X, Acc) -> (Acc * 31 + X) band 16#FFFF end, 0, binary_to_list(B)).

main(_) ->
    T = {list, [{int, 42}, {str, "hi"}, {list, [{int, -1}]}, {str, ""}]},
    E = encode(T),
    io:format("~p~n", [E]),
    io:format("~p~n", [byte_size(E)]),
    io:format("~p~n", [decode(E)]),
    io:format("~p~n", [hex(E)]),
    io:format("~p~n", [unhex(hex(E)) =:= E]),
    io:format("~p~n", [checksum(E)]),
    io:format("~p~n", [hex(<<"Moat">>)]).
