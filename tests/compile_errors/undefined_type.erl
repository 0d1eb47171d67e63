-module(undefined_type).
-export([main/1]).

-spec main(my_args()) -> ok.
main(_) -> io:format("hi~n").
