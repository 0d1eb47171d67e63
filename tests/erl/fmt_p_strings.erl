-module(fmt_p_strings).
-export([main/1]).
%% ~p layout of long strings and strings inside nested structures.

main(_) ->
    Long = "The quick brown fox jumps over the lazy dog and keeps running far away",
    io:format("~p~n", [Long]),
    io:format("~p~n", [Long ++ Long]),
    io:format("~p~n", [{title, Long}]),
    io:format("~p~n", [[Long, "short"]]),
    io:format("~p~n", [{a, {b, {c, Long}}}]),
    io:format("~p~n", [#{text => Long}]),
    io:format("~p~n", ["line one\nline two\nline three"]),
    io:format("~p~n", [[{name, "Alice"}, {email, "alice@example.com"}, {roles, ["admin", "dev", "ops"]}]]),
    io:format("~p~n", [[[$a + (I rem 26) || I <- lists:seq(0, J)] || J <- lists:seq(0, 12, 3)]]),
    io:format("~p~n", [list_to_binary(Long ++ Long)]),
    io:format("~p~n", [{<<"key">>, list_to_binary(Long)}]).
