%% moat --sandbox: file, net, os and halt are denied, to children too;
%% everything else works (make check-embed compares with sandbox.out).
-module(sandbox).
-export([main/1]).

main(_) ->
    io:format("~p~n", [catch_class(fun() -> file:read_file("sandbox.erl") end)]),
    io:format("~p~n", [catch_class(fun() -> erlang:halt(3) end)]),
    io:format("~p~n", [catch_class(fun() -> file:open("sandbox.erl", [read]) end)]),
    io:format("~p~n", [catch_class(fun() -> os:cmd("echo hi") end)]),
    io:format("~p~n", [catch_class(fun() -> os:getenv("HOME") end)]),
    Me = self(),
    spawn(fun() -> Me ! catch_class(fun() -> file:list_dir(".") end) end),
    receive R -> io:format("child: ~p~n", [R]) end,
    io:format("~p~n", [lists:sum(lists:seq(1, 10))]).

catch_class(F) ->
    try F() catch error:Reason -> Reason end.
