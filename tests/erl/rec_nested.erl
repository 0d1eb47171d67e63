-module(rec_nested).
-export([main/1]).
-include("rec_defs.hrl").

-record(line, {from = #point{}, to = #point{x = 1, y = 1}, label = <<"line">>}).
-record(doc, {title = "", lines = [] :: [#line{}], meta = #{}}).

main(_) ->
    L = #line{},
    io:format("~p~n", [L]),
    io:format("~p~n", [L#line.to#point.x]),
    L2 = L#line{to = (L#line.to)#point{y = 99}},
    io:format("~p~n", [L2]),
    D = #doc{title = "T", lines = [L, L2], meta = #{author => "me"}},
    io:format("~p~n", [D]),
    io:format("~p~n", [[(X#line.to)#point.y || X <- D#doc.lines]]),
    #doc{lines = [_, #line{to = #point{y = Y}}]} = D,
    io:format("~p~n", [Y]),
    io:format("~p~n", [record_info(fields, line)]),
    io:format("~p~n", [#person{name = "n", tags = [#point{}]}]),
    io:format("~p~n", [setelement(#point.x, #point{}, 5)]).
