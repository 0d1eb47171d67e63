%% Counts words in a text file: `./moat examples/wordcount.erl FILE`.
%% Prints the total and the ten most frequent words.
-module(wordcount).
-export([main/1]).

main([File]) ->
    case file:read_file(File) of
        {ok, Bin} ->
            Words = string:lexemes(string:lowercase(binary_to_list(Bin)), " \t\r\n.,;:!?\"'()[]{}-"),
            Counts = lists:foldl(fun(W, M) -> maps:update_with(W, fun(C) -> C + 1 end, 1, M) end,
                                 #{}, Words),
            Sorted = lists:sort(fun({W1, C1}, {W2, C2}) -> {C1, W2} > {C2, W1} end, maps:to_list(Counts)),
            io:format("~w words, ~w distinct~n", [length(Words), maps:size(Counts)]),
            [io:format("~7w ~s~n", [C, W]) || {W, C} <- lists:sublist(Sorted, 10)],
            ok;
        {error, Reason} ->
            io:format("cannot read ~s: ~p~n", [File, Reason]),
            halt(1)
    end;
main(_) ->
    io:format("usage: moat wordcount.erl FILE~n"),
    halt(2).
