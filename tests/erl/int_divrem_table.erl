-module(int_divrem_table).
-export([main/1]).
%% div/rem sign rules over a grid of small values (truncating division).

main(_) ->
    Ns = [-7, -6, -1, 0, 1, 6, 7],
    Ds = [-3, -2, -1, 1, 2, 3],
    lists:foreach(fun(N) ->
                          io:format("~3w:", [N]),
                          lists:foreach(fun(D) -> io:format(" ~w/~w", [N div D, N rem D]) end, Ds),
                          io:format("~n")
                  end, Ns),
    io:format("~w~n", [[(-7) band 3, (-7) bor 3, (-7) bxor 3, (-7) bsr 1, (-8) bsr 1, (-1) bsr 1]]),
    io:format("~w~n", [[X rem 3 || X <- lists:seq(-6, 6)]]),
    io:format("~w~n", [[X div 3 || X <- lists:seq(-6, 6)]]),
    io:format("~w~n", [[(X rem 3 + 3) rem 3 || X <- lists:seq(-6, 6)]]).
