-module(redefine_record).
-export([main/1]).

-record(r, {a}).
-record(r, {b}).

main(_) -> io:format("~p~n", [#r{}]).
