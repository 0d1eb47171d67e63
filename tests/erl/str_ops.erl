-module(str_ops).
-export([main/1]).
%% Strings as lists: manual processing without the string module.

upper(S) -> [if C >= $a, C =< $z -> C - 32; true -> C end || C <- S].

words(S) -> words(S, [], []).
words([], [], Acc) -> lists:reverse(Acc);
words([], W, Acc) -> lists:reverse([lists:reverse(W) | Acc]);
words([$\s | T], [], Acc) -> words(T, [], Acc);
words([$\s | T], W, Acc) -> words(T, [], [lists:reverse(W) | Acc]);
words([C | T], W, Acc) -> words(T, [C | W], Acc).

palindrome(S) -> S =:= lists:reverse(S).

count(C, S) -> length([X || X <- S, X =:= C]).

caesar(S, N) -> [if C >= $a, C =< $z -> $a + (C - $a + N) rem 26; true -> C end || C <- S].

main(_) ->
    io:format("~s~n", [upper("hello, world")]),
    io:format("~p~n", [words("  the quick  brown fox ")]),
    io:format("~p~n", [[palindrome(W) || W <- ["racecar", "hello", "", "a", "abba"]]]),
    io:format("~p~n", [count($l, "hello world")]),
    io:format("~s~n", [caesar("attack at dawn", 13)]),
    io:format("~s~n", [caesar(caesar("round trip", 7), 19)]),
    io:format("~p~n", ["abc" < "abd"]),
    io:format("~p~n", ["abc" < "abcd"]),
    io:format("~p~n", ["Z" < "a"]),
    io:format("~p~n", [lists:sort(["banana", "Apple", "cherry", "apple"])]),
    io:format("~p~n", [integer_to_list(42) ++ " items"]),
    io:format("~p~n", [lists:flatten(["a", ["b", ["c"]], "d"])]),
    io:format("~p~n", [lists:flatten(io_lib:format("~p-~p", [1, x]))]),
    io:format("~p~n", [[C || C <- "h e l l o", C =/= $\s]]),
    io:format("~p~n", [lists:usort("mississippi")]),
    io:format("~p~n", [string:join(lists:map(fun integer_to_list/1, [1, 2, 3]), "+")]).
