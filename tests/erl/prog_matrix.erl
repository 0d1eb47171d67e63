-module(prog_matrix).
-export([main/1]).
%% Matrices as lists of lists: multiply, transpose, identity, power, determinant.

transpose([[] | _]) -> [];
transpose(M) -> [[hd(R) || R <- M] | transpose([tl(R) || R <- M])].

mul(A, B) -> BT = transpose(B), [[lists:sum(lists:zipwith(fun erlang:'*'/2, R, C)) || C <- BT] || R <- A].

identity(N) -> [[if I =:= J -> 1; true -> 0 end || J <- lists:seq(1, N)] || I <- lists:seq(1, N)].

pow(M, 0) -> identity(length(M));
pow(M, N) when N rem 2 =:= 0 -> H = pow(M, N div 2), mul(H, H);
pow(M, N) -> mul(M, pow(M, N - 1)).

det([[A]]) -> A;
det([Row | Rest]) ->
    lists:sum([sign(J) * X * det(minor(J, Rest)) || {J, X} <- lists:zip(lists:seq(1, length(Row)), Row)]).
minor(J, Rows) -> [[X || {K, X} <- lists:zip(lists:seq(1, length(R)), R), K =/= J] || R <- Rows].
sign(J) when J rem 2 =:= 1 -> 1;
sign(_) -> -1.

main(_) ->
    A = [[1, 2], [3, 4]],
    B = [[5, 6], [7, 8]],
    io:format("~p~n", [mul(A, B)]),
    io:format("~p~n", [transpose([[1, 2, 3], [4, 5, 6]])]),
    io:format("~p~n", [identity(3)]),
    io:format("~p~n", [pow([[1, 1], [1, 0]], 10)]),
    io:format("~p~n", [hd(hd(pow([[1, 1], [1, 0]], 200)))]),
    io:format("~p~n", [det([[2, 0, 1], [1, 3, 2], [1, 1, 1]])]),
    io:format("~p~n", [det([[1.5, 2], [3, 4]])]),
    io:format("~p~n", [det([[I * J + (I + J) rem 3 || J <- lists:seq(1, 5)] || I <- lists:seq(1, 5)])]).
