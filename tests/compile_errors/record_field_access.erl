-module(record_field_access).
-export([main/1]).

-record(point, {x = 0, y = 0}).

main(_) ->
    P = #point{},
    io:format("~p~n", [P#point.z]).
