-module(bin_bifs).
-export([main/1]).

main(_) ->
    B = <<"hello world">>,
    io:format("~p~n", [byte_size(B)]),
    io:format("~p~n", [bit_size(B)]),
    io:format("~p~n", [size(B)]),
    io:format("~p~n", [byte_size(<<1:9>>)]),
    io:format("~p~n", [bit_size(<<1:9>>)]),
    io:format("~p~n", [binary_to_list(B)]),
    io:format("~p~n", [binary_to_list(B, 1, 5)]),
    io:format("~p~n", [list_to_binary([104, "ello", <<" ">>, [[$w], "orld"]])]),
    io:format("~p~n", [list_to_binary([])]),
    io:format("~p~n", [iolist_to_binary(["a", <<"b">>, [$c, [<<"d">>]]])]),
    io:format("~p~n", [iolist_to_binary(<<"already">>)]),
    io:format("~p~n", [iolist_size(["ab", <<"cd">>, $e, [[]]])]),
    io:format("~p~n", [split_binary(B, 5)]),
    io:format("~p~n", [split_binary(B, 0)]),
    io:format("~p~n", [binary_part(B, 6, 5)]),
    io:format("~p~n", [binary_part(B, {11, -5})]),
    io:format("~p~n", [bitstring_to_list(<<1, 2, 3:4>>)]),
    io:format("~p~n", [list_to_bitstring([<<1>>, <<2:4>>])]),
    io:format("~p~n", [is_binary(<<1:4>>)]),
    io:format("~p~n", [is_bitstring(<<1:4>>)]),
    io:format("~p~n", [is_binary(<<>>)]),
    io:format("~p~n", [binary_to_term(term_to_binary({a, "b", <<"c">>}))]),
    io:format("~p~n", [try binary_part(B, 10, 5) catch error:E -> E end]),
    io:format("~p~n", [try list_to_binary([256]) catch error:E2 -> E2 end]),
    io:format("~p~n", [try list_to_binary([a]) catch error:E3 -> E3 end]),
    io:format("~p~n", [try iolist_to_binary([<<1:1>>]) catch error:E4 -> E4 end]),
    io:format("~p~n", [try split_binary(B, 12) catch error:E5 -> E5 end]),
    io:format("~p~n", [try byte_size(id(abc)) catch error:E6 -> E6 end]),
    io:format("~p~n", [try binary_to_list(id(<<1:1>>)) catch error:E7 -> E7 end]).

id(X) -> X.
