-module(float_shortest_pow2).
-export([main/1]).

%% The shortest round-trip text of a float: just above a power of two the
%% nearest 16-digit string may miss (the doubles below are spaced twice as
%% closely) while its neighbour reads back: 2^-24 is 5.960464477539063e-8.
main(_) ->
    Pow = [math:pow(2, E) || E <- lists:seq(-1074, 1023, 7)] ++
          [math:pow(2, E) * 3 || E <- lists:seq(-1000, 1000, 37)],
    [io:format("~p ~w ~s~n", [F, -F, float_to_list(F, [short])]) || F <- Pow],
    <<H:16/float>> = <<0, 1>>,
    io:format("~p~n", [H]),
    ok.
