-module(fmt_p_records).
-export([main/1]).
%% ~p of record-shaped tuples (records print as plain tuples) at different nesting depths.

-record(user, {id, name, email, roles = [], settings = #{}}).

main(_) ->
    U = #user{id = 1, name = "Ada Lovelace", email = "ada@example.org", roles = [admin, author],
              settings = #{theme => dark, lang => "en"}},
    io:format("~p~n", [U]),
    io:format("~p~n", [[U, U#user{id = 2, name = "Grace Hopper", roles = []}]]),
    io:format("~p~n", [{ok, U}]),
    io:format("~p~n", [{reply, {ok, [U]}, state}]),
    io:format("~w~n", [U]),
    io:format("~P~n", [U, 4]),
    io:format("result: ~p~n", [U]),
    io:format("~p~n", [lists:duplicate(3, #user{})]).
