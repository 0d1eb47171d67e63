%% andalso/orelse as the value of a case, nested, with calls on the right
%% and a non-boolean on the left (error: {badarg, V}).
-module(case_shortcircuit).
-export([main/1]).

t(A, X, E) ->
    case E andalso (maps:is_key(a, A) orelse maps:is_key(b, A)) of
        true -> {yes, X};
        false -> no
    end.

u(A, E) ->
    case E orelse (maps:is_key(a, A) andalso not maps:is_key(b, A)) of
        true -> 1;
        false -> 0
    end.

main(_) ->
    io:format("~p~n", [[t(#{a => 1}, x, true), t(#{b => 1}, y, true), t(#{}, z, true), t(#{a => 1}, w, false)]]),
    io:format("~p~n", [[u(#{a => 1}, false), u(#{a => 1, b => 2}, false), u(#{}, true)]]),
    {C1, R1} = try t(#{}, q, maybe) catch C:R -> {C, R} end,
    io:format("~p~n", [{C1, R1}]),
    {C2, R2} = try u(#{}, 7) catch K:Q -> {K, Q} end,
    io:format("~p~n", [{C2, R2}]).
