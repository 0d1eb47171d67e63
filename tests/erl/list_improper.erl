-module(list_improper).
-export([main/1]).

main(_) ->
    L = [1, 2 | 3],
    io:format("~p~n", [L]),
    io:format("~w~n", [L]),
    io:format("~p~n", [[a | b]]),
    io:format("~p~n", [[[] | []]]),
    io:format("~p~n", [[a | {b}]]),
    io:format("~p~n", [["abc" | "def"]]),
    io:format("~p~n", [[$a, $b | $c]]),
    io:format("~p~n", [[$a, $b | "cd"]]),
    io:format("~p~n", [[1 | <<"x">>]]),
    [H | T] = L,
    io:format("~p ~p~n", [H, T]),
    io:format("~p~n", [hd(tl(L))]),
    io:format("~p~n", [tl(tl(L))]),
    io:format("~p~n", [is_list(L)]),
    io:format("~p~n", [[0 | L]]),
    io:format("~p~n", [[] ++ improper()]),
    io:format("~p~n", [[1] ++ 2]),
    io:format("~p~n", [[x | [y | z]]]),
    io:format("~p~n", [count(L)]),
    io:format("~p~n", [lists:flatten([[1, 2], [3]])]),
    io:format("~p~n", [improper() =:= [1 | 2]]),
    io:format("~p~n", [term_to_binary([1 | 2])]).

count([_ | T]) -> 1 + count(T);
count(_) -> 0.

improper() -> [1 | 2].
