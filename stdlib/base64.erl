%% base64.erl -- Moat standard library: OTP 25's base64 (RFC 4648 with
%% the standard alphabet).
%%
%% encode/1 and encode_to_string/1 take a binary or a list of bytes and
%% pad with "=". decode/1 and decode_to_string/1 skip white space (space,
%% tab, CR, LF) and need the padding; any other character, a missing or
%% wrong padding or data after it is an error.
%% mime_decode/1 and mime_decode_to_string/1 skip every character outside
%% the alphabet, "=" too, but an unfinished last group needs an "=" after it.
%%
%% Results are OTP's. Bad input raises another reason than OTP (whose
%% reasons come from its internal functions): function_clause for an
%% argument that is neither a binary nor a list, badarg for bad data.
-module(base64).

-export([encode/1, encode_to_string/1, decode/1, decode_to_string/1,
         mime_decode/1, mime_decode_to_string/1]).

encode_to_string(Data) -> binary_to_list(encode(Data)).

encode(Bin) when is_binary(Bin) -> encode_binary(Bin);
encode(List) when is_list(List) -> encode_binary(list_to_binary(List)).

encode_binary(Bin) ->
    Whole = byte_size(Bin) div 3 * 3,
    <<Body:Whole/binary, Tail/binary>> = Bin,
    Main = << <<(enc(A bsr 18)), (enc(A bsr 12)), (enc(A bsr 6)), (enc(A))>>
              || <<A:24>> <= Body >>,
    case Tail of
        <<>> -> Main;
        <<B:8>> -> <<Main/binary, (enc(B bsr 2)), (enc(B bsl 4)), "==">>;
        <<B:16>> -> <<Main/binary, (enc(B bsr 10)), (enc(B bsr 4)), (enc(B bsl 2)), "=">>
    end.

enc(N) -> element((N band 63) + 1, alphabet()).

alphabet() ->
    list_to_tuple("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/").

decode_to_string(Data) -> binary_to_list(decode(Data)).

mime_decode_to_string(Data) -> binary_to_list(mime_decode(Data)).

decode(Data) when is_binary(Data); is_list(Data) ->
    strict(chars(Data), [], 0).

mime_decode(Data) when is_binary(Data); is_list(Data) ->
    mime(chars(Data), [], 0).

chars(Bin) when is_binary(Bin) -> binary_to_list(Bin);
chars(List) -> List.

%% Acc: the sextets so far (reversed), N of them.
strict([C | Rest], Acc, N) when C =:= $\s; C =:= $\t; C =:= $\r; C =:= $\n ->
    strict(Rest, Acc, N);
strict([$= | Rest], Acc, N) when N rem 4 >= 2 ->
    %% "xx==" or "xxx=": the rest may only be padding and white space
    Pad = 4 - N rem 4,
    case [C || C <- Rest, C =/= $\s, C =/= $\t, C =/= $\r, C =/= $\n] of
        Eqs when length(Eqs) =:= Pad - 1 ->
            lists:all(fun(C) -> C =:= $= end, Eqs) orelse erlang:error(badarg),
            finish(Acc, N);
        _ -> erlang:error(badarg)
    end;
strict([C | Rest], Acc, N) ->
    V = dec(C),
    V >= 0 orelse erlang:error(badarg),
    strict(Rest, [V | Acc], N + 1);
strict([], Acc, N) when N rem 4 =:= 0 ->
    finish(Acc, N);
strict(_, _, _) ->
    erlang:error(badarg).

%% Eq: whether an "=" came after the last sextet (an unfinished group
%% needs one).
mime(Chars, Acc, N) -> mime(Chars, Acc, N, false).

mime([$= | Rest], Acc, N, _) -> mime(Rest, Acc, N, true);
mime([C | Rest], Acc, N, Eq) ->
    case dec(C) of
        V when V >= 0 -> mime(Rest, [V | Acc], N + 1, false);
        _ -> mime(Rest, Acc, N, Eq)
    end;
mime([], Acc, N, _) when N rem 4 =:= 0 -> finish(Acc, N);
mime([], Acc, N, true) when N rem 4 =/= 1 -> finish(Acc, N);
mime(_, _, _, _) -> erlang:error(badarg).

%% The bytes of N sextets (reversed in Acc); a trailing group of 2 or 3
%% gives 1 or 2 bytes, its spare low bits dropped.
finish(Acc, N) ->
    Bits = << <<V:6>> || V <- lists:reverse(Acc) >>,
    Bytes = N * 6 div 8,
    <<Out:Bytes/binary, _/bitstring>> = Bits,
    Out.

dec(C) when C >= $A, C =< $Z -> C - $A;
dec(C) when C >= $a, C =< $z -> C - $a + 26;
dec(C) when C >= $0, C =< $9 -> C - $0 + 52;
dec($+) -> 62;
dec($/) -> 63;
dec(_) -> -1.
