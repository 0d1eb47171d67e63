%% code:load_binary/3 with bytes that are not a module: {error, badfile},
%% and the reader's message on stderr (erl's logger prints an error report
%% with its loader's message instead: docs/deviations.md).
-module(code_load_badfile).
-export([main/1]).

main(_) ->
    io:format("~p~n", [code:load_binary(code_load_badfile_x, "x.mbc", <<"not a module">>)]),
    io:format("~p~n", [code:load_binary(code_load_badfile_x, "x.mbc", <<>>)]),
    io:format("~p~n", [code:is_loaded(code_load_badfile_x)]),
    io:format("~p~n", [try code:load_binary("x", "x.mbc", <<>>) catch error:R -> R end]).
