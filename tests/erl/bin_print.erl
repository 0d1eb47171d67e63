-module(bin_print).
-export([main/1]).
%% How ~p and ~w print binaries and bitstrings.

main(_) ->
    Bs = [<<>>, <<"abc">>, <<1, 2, 3>>, <<"abc", 0>>, <<"tab\there">>, <<"new\nline">>,
          <<"é">>, <<"é"/utf8>>, <<128>>, <<255>>, <<127>>, <<"a", 200>>,
          <<1:3>>, <<"ab", 1:1>>, <<255, 7:3>>, <<0:7>>, <<"quote\"d">>, <<"back\\">>,
          <<27>>, <<"\e[1m">>, <<" ">>, <<"~">>,
          list_to_binary(lists:seq(1, 40)), list_to_binary(lists:duplicate(100, $x)),
          <<"\x{263A}"/utf8>>, <<7, 8, 9>>],
    lists:foreach(fun(B) -> io:format("~p ~w~n", [B, B]) end, Bs),
    io:format("~p~n", [[<<"a">>, <<"b">>]]),
    io:format("~p~n", [{<<"key">>, <<1, 2>>}]),
    io:format("~s~n", [<<"via ~s">>]),
    io:format("~tp~n", [<<"é"/utf8>>]),
    io:format("~p~n", [list_to_binary(lists:seq(32, 126))]).
