-module(bad_export).
-export([main]).

main(_) -> io:format("hi~n").
