-module(rec_update).
-export([main/1]).

-record(counter, {name, count = 0, history = []}).
-record(cfg, {a = 1, b = a_default(), c = {x, y}}).

a_default() -> computed.

bump(C = #counter{count = N, history = H}) -> C#counter{count = N + 1, history = [N | H]}.

main(_) ->
    C0 = #counter{name = clicks},
    C3 = bump(bump(bump(C0))),
    io:format("~p~n", [C0]),
    io:format("~p~n", [C3]),
    io:format("~p~n", [C3#counter.history]),
    io:format("~p~n", [#cfg{}]),
    io:format("~p~n", [#cfg{b = given}]),
    Cs = [#counter{name = N, count = length(atom_to_list(N))} || N <- [a, bbb, cc]],
    Sorted = lists:keysort(#counter.count, Cs),
    io:format("~p~n", [[X#counter.name || X <- Sorted]]),
    io:format("~p~n", [lists:keyfind(bbb, #counter.name, Cs)]),
    io:format("~p~n", [try (id(not_a_record))#counter{count = 1} catch error:E -> E end]),
    io:format("~p~n", [try (id({counter, 1, 2}))#counter{count = 1} catch error:E2 -> E2 end]).

id(X) -> X.
