-module(bad_record_field).
-export([main/1]).

-record(point, {x = 0, y = 0}).

main(_) ->
    P = #point{x = 1, z = 2},
    io:format("~p~n", [P]).
