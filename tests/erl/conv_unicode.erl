-module(conv_unicode).
-export([main/1]).
%% unicode module conversions, printed with ~w / ~p only (no raw output above 255).

main(_) ->
    S = [104, 233, 9786, 128512],
    B = unicode:characters_to_binary(S),
    io:format("~w~n", [B]),
    io:format("~w~n", [unicode:characters_to_list(B)]),
    io:format("~w~n", [unicode:characters_to_list(B, utf8)]),
    io:format("~w~n", [unicode:characters_to_binary(S, unicode, utf16)]),
    io:format("~w~n", [unicode:characters_to_binary(S, unicode, {utf16, little})]),
    io:format("~w~n", [unicode:characters_to_binary(S, unicode, utf32)]),
    io:format("~w~n", [unicode:characters_to_binary([233], unicode, latin1)]),
    io:format("~w~n", [unicode:characters_to_binary(<<233>>, latin1, utf8)]),
    io:format("~w~n", [unicode:characters_to_list(<<195, 169>>, unicode)]),
    io:format("~w~n", [unicode:characters_to_binary([9786], unicode, latin1)]),
    io:format("~w~n", [unicode:characters_to_list(<<104, 255, 105>>)]),
    io:format("~w~n", [unicode:characters_to_list(<<104, 226, 152>>)]),
    io:format("~w~n", [unicode:characters_to_binary(["ab", <<"cd">>, [$e, [$f]]])]),
    io:format("~w~n", [unicode:bom_to_encoding(<<239, 187, 191, 1>>)]),
    io:format("~w~n", [unicode:encoding_to_bom(utf8)]),
    io:format("~w~n", [unicode:characters_to_nfd_list([233])]),
    io:format("~w~n", [unicode:characters_to_nfc_list([101, 769])]),
    io:format("~w~n", [[C || <<C/utf8>> <= B]]),
    io:format("~w~n", [byte_size(B)]),
    io:format("~w~n", [string:length(B)]),
    io:format("~w~n", [length(binary_to_list(B))]),
    io:format("~w~n", [string:uppercase([233, 97])]),
    io:format("~w~n", [atom_to_list(binary_to_atom(<<"caf", 195, 169>>, utf8))]),
    io:format("~w~n", [atom_to_binary(list_to_atom([9731]), utf8)]),
    io:format("~w~n", [try atom_to_binary(list_to_atom([9731]), latin1) catch error:E -> E end]).
