-module(unused_var_warning).
-export([main/1]).

main(Args) ->
    Unused = Args,
    io:format("done~n").
