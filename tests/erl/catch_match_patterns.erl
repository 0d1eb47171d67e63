%% Catch clauses whose reason pattern is a match: Class:Pat = Var[:Stack].
-module(catch_match_patterns).
-export([main/1]).
f(X) -> X:foo().
main(_) ->
    R1 = try f(nomod) catch error:undef = E1:S1 -> {E1, length(S1) > 0} end,
    R2 = try f(nomod) catch error:(undef = E2):S2 -> {E2, is_list(S2)} end,
    R3 = try throw({a, 1}) catch throw:{a, N} = T -> {N, T} end,
    R4 = try exit(x) catch C:R when C =:= exit -> {C, R} end,
    io:format("~p~n", [[R1, R2, R3, R4]]).
