%% pidigits (benchmarks game): digits of pi from the unbounded spigot,
%% ten to a line, on bignums.
-module(pidigits).
-export([main/1]).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 300 end,
    digits(N, 0, 1, 1, 0, 1, []).

%% Gibbons' streaming algorithm with state (Q, R, T) and K.
digits(N, I, K, Q, R, T, Line) when I < N ->
    case extract(Q, R, T, 3) =:= extract(Q, R, T, 4) of
        true ->
            D = extract(Q, R, T, 3),
            I1 = I + 1,
            Line1 = [$0 + D | Line],
            case I1 rem 10 of
                0 ->
                    io:format("~s\t:~w~n", [lists:reverse(Line1), I1]),
                    digits(N, I1, K, 10 * Q, 10 * (R - D * T), T, []);
                _ ->
                    digits(N, I1, K, 10 * Q, 10 * (R - D * T), T, Line1)
            end;
        false ->
            K2 = 2 * K + 1,
            digits(N, I, K + 1, Q * K, (2 * Q + R) * K2, T * K2, Line)
    end;
digits(N, _, _, _, _, _, Line) ->
    case Line of
        [] -> ok;
        _ -> io:format("~-10s\t:~w~n", [lists:reverse(Line), N])
    end.

extract(Q, R, T, X) -> (Q * X + R) div T.
