-module(tailrec_mutual).
-export([main/1]).
%% A tail-recursive state machine over a long input: mutual recursion between states.

%% Counts words, lines and digits in a character stream.
start(S) -> space(S, {0, 0, 0}).

space([], Acc) -> Acc;
space([$\n | T], {W, L, D}) -> space(T, {W, L + 1, D});
space([C | T], Acc) when C =:= $\s; C =:= $\t -> space(T, Acc);
space(S, {W, L, D}) -> word(S, {W + 1, L, D}).

word([], Acc) -> Acc;
word([$\n | T], {W, L, D}) -> space(T, {W, L + 1, D});
word([C | T], Acc) when C =:= $\s; C =:= $\t -> space(T, Acc);
word([C | T], {W, L, D}) when C >= $0, C =< $9 -> word(T, {W, L, D + 1});
word([_ | T], Acc) -> word(T, Acc).

ping(0, Acc) -> Acc;
ping(N, Acc) -> pong(N - 1, [ping | Acc]).
pong(0, Acc) -> Acc;
pong(N, Acc) -> ping(N - 1, Acc).

main(_) ->
    Line = "the 42 quick brown foxes jumped over 7 lazy dogs\n",
    Text = lists:append(lists:duplicate(50000, Line)),
    io:format("~p~n", [length(Text)]),
    io:format("~p~n", [start(Text)]),
    io:format("~p~n", [start("  a  b\tc\n\nd 1 22 333")]),
    io:format("~p~n", [length(ping(3000001, []))]).
