-module(duplicate_field).
-export([main/1]).

-record(r, {a, b, a}).

main(_) -> io:format("~p~n", [#r{}]).
