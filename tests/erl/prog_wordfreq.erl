-module(prog_wordfreq).
-export([main/1]).
%% Word frequencies over a text, case-folded, punctuation stripped, top N with ties by word.

text() ->
    "It was the best of times, it was the worst of times, it was the age of wisdom, "
    "it was the age of foolishness, it was the epoch of belief, it was the epoch of "
    "incredulity, it was the season of Light, it was the season of Darkness.".

words(T) ->
    Clean = [case C of C when C >= $a, C =< $z -> C; C when C >= $A, C =< $Z -> C + 32; _ -> $\s end || C <- T],
    string:lexemes(Clean, " ").

main(_) ->
    Ws = words(text()),
    io:format("~p words~n", [length(Ws)]),
    Counts = lists:foldl(fun(W, M) -> maps:update_with(W, fun(N) -> N + 1 end, 1, M) end, #{}, Ws),
    io:format("~p distinct~n", [map_size(Counts)]),
    Sorted = lists:sort(fun({W1, C1}, {W2, C2}) -> {-C1, W1} =< {-C2, W2} end, maps:to_list(Counts)),
    [io:format("~-12s ~2w ~s~n", [W, C, lists:duplicate(C, $*)]) || {W, C} <- lists:sublist(Sorted, 8)],
    Longest = lists:foldl(fun(W, Best) when length(W) > length(Best) -> W; (_, Best) -> Best end, "", Ws),
    io:format("longest: ~s~n", [Longest]).
