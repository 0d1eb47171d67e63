-module(proc_after).
-export([main/1]).
%% receive ... after 0 and empty mailboxes.

main(_) ->
    R1 = receive X -> {got, X} after 0 -> timeout end,
    io:format("~p~n", [R1]),
    self() ! hello,
    R2 = receive Y -> {got, Y} after 0 -> timeout end,
    io:format("~p~n", [R2]),
    self() ! unmatched,
    R3 = receive matched -> yes after 0 -> no end,
    io:format("~p~n", [R3]),
    R4 = receive Z -> {still_there, Z} after 0 -> gone end,
    io:format("~p~n", [R4]),
    R5 = receive after 0 -> just_after end,
    io:format("~p~n", [R5]),
    R6 = receive after 10 -> waited end,
    io:format("~p~n", [R6]),
    Parent = self(),
    spawn(fun() -> Parent ! late end),
    R7 = receive late -> arrived after 5000 -> too_slow end,
    io:format("~p~n", [R7]),
    io:format("~p~n", [process_info(self(), message_queue_len)]).
