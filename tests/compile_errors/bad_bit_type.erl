-module(bad_bit_type).
-export([main/1]).

main(_) ->
    B = <<1:8/bogus>>,
    io:format("~p~n", [B]).
