%% A well-behaved plugin: calls the host's native host:log/1.
-module(greeter).
-export([run/1]).

run(Name) ->
    host:log(iolist_to_binary(["hello, ", Name])),
    io:format("greeter ran for ~s~n", [Name]),
    {greeted, length(Name)}.
