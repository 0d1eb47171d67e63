-module(bin_comprehension).
-export([main/1]).

main(_) ->
    B = <<1, 2, 3, 4, 5>>,
    io:format("~p~n", [[X || <<X>> <= B]]),
    io:format("~p~n", [<< <<(X * 2)>> || <<X>> <= B >>]),
    io:format("~p~n", [<< <<X>> || <<X>> <= B, X rem 2 =:= 1 >>]),
    io:format("~p~n", [<< <<X>> || <<X:4>> <= <<16#12, 16#34>> >>]),
    io:format("~p~n", [[X || <<X:4>> <= <<16#12, 16#34>>]]),
    io:format("~p~n", [<< <<X:4>> || X <- [1, 2, 3]>>]),
    io:format("~p~n", [<< <<X:1>> || X <- [1, 0, 1, 1]>>]),
    io:format("~p~n", [[{A, B2} || <<A:8, B2:8>> <= <<"abcdef">>]]),
    io:format("~p~n", [[X || <<X:16>> <= <<1, 2, 3>>]]),
    io:format("~p~n", [<< <<C>> || <<C>> <= <<"Hello">>, C >= $a >>]),
    io:format("~p~n", [<< <<(C - 32)>> || <<C>> <= <<"shout">> >>]),
    io:format("~p~n", [<< <<X, Y>> || X <- [1, 2], Y <- [a1, a2] =:= [a1, a2] andalso [9] >>]),
    io:format("~p~n", [<< <<Bin/binary, ",">> || Bin <- [<<"x">>, <<"y">>] >>]),
    io:format("~p~n", [[Cp || <<Cp/utf8>> <= <<"héllo"/utf8>>]]),
    io:format("~p~n", [<< <<X:3>> || <<X:3>> <= <<255, 1:1>> >>]),
    io:format("~p~n", [[X + Y || <<X>> <= <<1, 2>>, <<Y>> <= <<10, 20>>]]),
    io:format("~p~n", [<< <<X/binary>> || <<X:2/binary>> <= <<"abcde">> >>]).
