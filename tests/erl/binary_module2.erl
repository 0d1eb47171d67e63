-module(binary_module2).
-export([main/1]).
%% binary module: options (scope), compiled patterns, multiple patterns.

main(_) ->
    B = <<"one two three two one">>,
    io:format("~p~n", [binary:match(B, <<"two">>, [{scope, {5, 16}}])]),
    io:format("~p~n", [binary:match(B, <<"two">>, [{scope, {8, 13}}])]),
    io:format("~p~n", [binary:matches(B, [<<"one">>, <<"two">>])]),
    io:format("~p~n", [binary:matches(B, [<<"t">>, <<"th">>])]),
    io:format("~p~n", [binary:matches(B, [<<"th">>, <<"thr">>])]),
    io:format("~p~n", [binary:split(B, [<<"two">>, <<" ">>], [global, trim_all])]),
    io:format("~p~n", [binary:split(B, <<" ">>, [{scope, {0, 8}}])]),
    P = binary:compile_pattern([<<"o">>, <<"e">>]),
    io:format("~p~n", [binary:matches(B, P)]),
    io:format("~p~n", [binary:replace(B, P, <<"_">>, [global])]),
    io:format("~p~n", [binary:replace(<<"aaa">>, <<"a">>, <<"bb">>, [global])]),
    io:format("~p~n", [binary:replace(<<"abc">>, <<"b">>, <<"[X]">>, [{insert_replaced, [1, 2]}])]),
    io:format("~p~n", [binary:split(<<>>, <<",">>)]),
    io:format("~p~n", [binary:split(<<"abc">>, <<"abc">>)]),
    io:format("~p~n", [binary:bin_to_list(<<"hello">>, {1, 3})]),
    io:format("~p~n", [binary:part(<<"hello">>, {5, -5})]),
    io:format("~p~n", [binary:decode_unsigned(<<>>)]),
    io:format("~p~n", [binary:encode_unsigned(16#123456, big)]),
    io:format("~p~n", [binary:longest_common_prefix([<<"abc">>, <<"xyz">>])]),
    io:format("~p~n", [binary:longest_common_prefix([<<"same">>, <<"same">>])]),
    io:format("~p~n", [try binary:split(B, <<>>) catch error:E -> E end]),
    io:format("~p~n", [try binary:copy(<<"x">>, -1) catch error:E2 -> E2 end]).
