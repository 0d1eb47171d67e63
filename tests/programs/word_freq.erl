%% Word frequency: read a text file, count its words (letters only, case
%% folded), print the twenty most common with their counts, ties broken
%% alphabetically, and a few totals.
-module(word_freq).
-export([main/1]).

main(Args) ->
    File = case Args of [F] -> F; _ -> "word_freq.txt" end,
    {ok, Text} = file:read_file(File),
    Words = words(string:lowercase(unicode:characters_to_list(Text))),
    Counts = lists:foldl(fun(W, M) -> maps:update_with(W, fun(C) -> C + 1 end, 1, M) end,
                         #{}, Words),
    Sorted = lists:sort(fun({A, Ca}, {B, Cb}) -> {-Ca, A} =< {-Cb, B} end, maps:to_list(Counts)),
    lists:foreach(fun({W, C}) -> io:format("~4w ~s~n", [C, W]) end, lists:sublist(Sorted, 20)),
    {ok, Fd} = file:open(File, [read]),
    Lines = count_lines(Fd, 0, 0),
    ok = file:close(Fd),
    io:format("~w words, ~w distinct, ~w lines (~w blank)~n",
              [length(Words), maps:size(Counts), element(1, Lines), element(2, Lines)]),
    Longest = lists:foldl(fun(W, Best) when length(W) > length(Best) -> W; (_, Best) -> Best end,
                          "", lists:usort(Words)),
    io:format("longest word: ~s~n", [Longest]).

words(Text) ->
    string:lexemes([case is_letter(C) of true -> C; false -> $\s end || C <- Text], " ").

is_letter(C) -> C >= $a andalso C =< $z.

count_lines(Fd, N, Blank) ->
    case file:read_line(Fd) of
        eof -> {N, Blank};
        {ok, "\n"} -> count_lines(Fd, N + 1, Blank + 1);
        {ok, _} -> count_lines(Fd, N + 1, Blank)
    end.
