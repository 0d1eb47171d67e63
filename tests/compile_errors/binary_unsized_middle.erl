-module(binary_unsized_middle).
-export([main/1]).

main(_) ->
    <<A/binary, B/binary>> = <<"ab">>,
    io:format("~p~n", [{A, B}]).
