%% unicode.erl -- Moat standard library: the normalization functions of
%% OTP 25's `unicode` module.
%%
%% characters_to_list/1,2, characters_to_binary/1,2,3, bom_to_encoding/1
%% and encoding_to_bom/1 are C BIFs (vm/bif_unicode.c).  The four
%% normalization forms run in C on code points (vm/unicode_norm.c, Unicode
%% 14.0 like OTP 25).  Input that is not valid chardata gives the error
%% tuple of characters_to_list/1, its converted part normalized.
-module(unicode).

-export([characters_to_nfd_list/1, characters_to_nfd_binary/1,
         characters_to_nfc_list/1, characters_to_nfc_binary/1,
         characters_to_nfkd_list/1, characters_to_nfkd_binary/1,
         characters_to_nfkc_list/1, characters_to_nfkc_binary/1]).

characters_to_nfd_list(CD) -> to_list(CD, nfd).
characters_to_nfc_list(CD) -> to_list(CD, nfc).
characters_to_nfkd_list(CD) -> to_list(CD, nfkd).
characters_to_nfkc_list(CD) -> to_list(CD, nfkc).

characters_to_nfd_binary(CD) -> to_binary(CD, nfd).
characters_to_nfc_binary(CD) -> to_binary(CD, nfc).
characters_to_nfkd_binary(CD) -> to_binary(CD, nfkd).
characters_to_nfkc_binary(CD) -> to_binary(CD, nfkc).

to_list(CD, Form) ->
    case unicode:characters_to_list(CD) of
        L when is_list(L) -> moat_unicode:normalize(L, Form);
        {Tag, Converted, Rest} -> {Tag, moat_unicode:normalize(Converted, Form), Rest}
    end.

to_binary(CD, Form) ->
    case to_list(CD, Form) of
        L when is_list(L) -> unicode:characters_to_binary(L);
        {Tag, Converted, Rest} -> {Tag, unicode:characters_to_binary(Converted), Rest}
    end.
