-module(escript_main_return).
-export([main/1]).
%% main/1 returning a value: nothing is printed for the return value.

main([]) ->
    io:format("no arguments~n"),
    returned_value_is_ignored;
main(Args) ->
    io:format("arguments: ~p~n", [Args]),
    ok.
