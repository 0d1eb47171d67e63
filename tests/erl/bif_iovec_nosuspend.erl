%% erlang:send_nosuspend/2,3, bump_reductions/1, term_to_iovec/1,2 and
%% iolist_to_iovec/1 (small data: one binary, as erl gives it).
-module(bif_iovec_nosuspend).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    io:format("~p~n", [[t(fun() -> erlang:send_nosuspend(self(), a) end),
                        t(fun() -> erlang:send_nosuspend(self(), b, [noconnect]) end),
                        t(fun() -> erlang:send_nosuspend(self(), c, []) end),
                        t(fun() -> erlang:send_nosuspend(x, b) end),
                        t(fun() -> erlang:send_nosuspend(self(), b, [bad]) end),
                        t(fun() -> erlang:send_nosuspend(self(), b, [nosuspend]) end)]]),
    io:format("~p~n", [[receive M -> M after 0 -> none end || _ <- [1, 2, 3, 4]]]),
    io:format("~p~n", [[t(fun() -> erlang:bump_reductions(N) end) || N <- [0, 10, 1 bsl 70, -1, a, 1.0]]]),
    io:format("~p~n", [[t(fun() -> erlang:term_to_iovec(a) end),
                        t(fun() -> erlang:term_to_iovec({a, <<1, 2>>}, [{minor_version, 1}]) end),
                        t(fun() -> erlang:term_to_iovec(a, bad) end),
                        t(fun() -> binary_to_term(iolist_to_binary(erlang:term_to_iovec({x, "y", 1.5}))) end)]]),
    io:format("~p~n", [[t(fun() -> erlang:iolist_to_iovec(X) end)
                        || X <- [[], [<<1>>, 2, [3]], <<>>, <<1, 2>>, a, [<<>>, []], [256], [1 | 2]]]]).
