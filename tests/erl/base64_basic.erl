-module(base64_basic).

%% base64 (it raised undef): results of encode, decode and mime_decode,
%% and which inputs are refused (the error reasons are not compared: see
%% stdlib/DEVIATIONS.txt).
-export([main/1]).
t(F) -> try {ok, F()} catch _:_ -> error end.
main(_) ->
  Bins = [<<>>, <<"a">>, <<"ab">>, <<"abc">>, <<"abcd">>, <<0, 255, 128, 1>>, list_to_binary(lists:seq(0, 255)), binary:copy(<<"xyz">>, 100)],
  [io:format("~w~n", [[t(fun() -> base64:encode(B) end), t(fun() -> base64:encode(binary_to_list(B)) end), t(fun() -> base64:encode_to_string(B) end), t(fun() -> base64:decode(base64:encode(B)) end), t(fun() -> base64:mime_decode(base64:encode(B)) end), t(fun() -> base64:decode_to_string(base64:encode_to_string(B)) end)]]) || B <- Bins],
  Ins = [<<"YWJjZA==">>, "YWJjZA", <<"YWJj ZA==\n">>, <<"YWJjZA=">>, <<"Y">>, <<"!!!!">>, <<"YQ==YQ==">>, <<"YWJj!ZA==">>, <<"YW=Jj">>, <<"YWI=">>, "YWI=", <<"YWI">>, <<"YR==">>, <<"YWJjZA==", 0>>, [$Y, 300], <<>>, <<"=">>, <<"Y===">>, <<"YW\tJj\r\nZA==">>, <<"YWJjZA= =">>, <<"YWJjZA">>, <<"YWJ=">>, <<"YW==">>, <<"YWJj\nZA==\n">>, <<"Y W J j">>, <<"YWJjZA===">>, <<"YWJjZ===">>, <<"====">>, <<"YQ">>, <<"YQ=">>, <<"YWE">>, <<"YWE==">>, <<"a b c d">>, <<"-_-_">>, <<"YWJjZA==  ">>, <<"YW=JjZA">>, <<"YWJjZA=x">>, <<"Y=">>, <<"YQ=Q">>, <<"YWJjZA=xy">>, <<"YWJjZ=">>, <<"YWJ=j">>, <<"YWJ=jZA">>, "YW Jj", <<"YWJjZA=!">>, <<"YWJj=">>, <<"YWJjZ">>, <<"YWJjZ=A">>],
  [io:format("~p ~w ~w~n", [I, t(fun() -> base64:decode(I) end), t(fun() -> base64:mime_decode(I) end)]) || I <- Ins].
