-module(missing_include).
-export([main/1]).
-include("no_such_file.hrl").

main(_) -> io:format("hi~n").
