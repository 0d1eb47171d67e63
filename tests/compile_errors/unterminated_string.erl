-module(unterminated_string).
-export([main/1]).

main(_) ->
    io:format("hello~n),
    ok.
