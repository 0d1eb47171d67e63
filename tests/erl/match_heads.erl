%% Function heads whose only tests are type tests (the parts go straight
%% to their registers or stack slots), and clauses that share a type test
%% with the clause before them.
-module(match_heads).
-export([main/1]).

id(X) -> X.

%% two list arguments: the parts of the second must not be overwritten by
%% the first's
zip([A | As], [B | Bs]) -> [{A, B} | zip(As, Bs)];
zip(_, _) -> [].

%% the tail used after a call
tail_after([H | T]) -> {id(H), T};
tail_after([]) -> none.

%% the tail used only before the call, the head after
rev_app([H | T], Acc) -> rev_app(T, [H | Acc]);
rev_app([], Acc) -> Acc.

%% tuples, tagged and not, with unused parts
pt({point, X, Y}) -> id(X) + Y;
pt({X, _, Z}) -> {X, id(Z)};
pt({A, B}) -> [B, A];
pt(_) -> other.

%% same tuple shape in a row, with guards (not simple) and without
sh({A, B}) when A > B -> {gt, id(A)};
sh({A, B}) -> {le, A, B, id(B)};
sh([H | T]) -> {list, H, T}.

%% a list argument and a plain argument kept across a call
walk([X | Xs], N) -> [X + N | walk(Xs, id(N))];
walk([], N) -> [N].

%% aliases: the whole argument and its parts
alias([H | T] = L, Acc) -> alias(T, [{H, length(L)} | Acc]);
alias([], Acc) -> lists:reverse(Acc).

%% only the head of a list, only its tail
hd_only([H | _]) -> id(H).
tl_only([_ | T]) -> id(T).

%% a tuple whose first element is a name, used after a call
pair({K, V}, L) -> [{V, K} | id(L)].

main(_) ->
    io:format("~p~n", [zip([1, 2, 3], [a, b])]),
    io:format("~p~n", [[tail_after([x, y, z]), tail_after([])]]),
    io:format("~p~n", [rev_app([1, 2, 3], [0])]),
    io:format("~p~n", [[pt({point, 1, 2}), pt({a, b, c}), pt({1, 2}), pt(x), pt({point, 1, 2, 3})]]),
    io:format("~p~n", [[sh({2, 1}), sh({1, 2}), sh([1, 2])]]),
    io:format("~p~n", [walk([1, 2, 3], 10)]),
    io:format("~p~n", [alias([a, b, c], [])]),
    io:format("~p~n", [[hd_only([1, 2]), tl_only([1, 2])]]),
    io:format("~p~n", [pair({k, v}, [x])]),
    io:format("~p~n", [try hd_only([]) catch error:R1 -> R1 end]),
    io:format("~p~n", [try sh(x) catch error:R2 -> R2 end]).
