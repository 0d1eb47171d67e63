-module(macro_stringify).
-export([main/1]).
%% ??Arg turns macro arguments into strings of their tokens.

-define(STR(X), ??X).
-define(ASSERT_EQ(A, B), case (A) =:= (B) of
                             true -> io:format("ok: ~s~n", [??A]);
                             false -> io:format("FAIL: ~s =/= ~s~n", [??A, ??B])
                         end).

main(_) ->
    io:format("~p~n", [?STR(hello)]),
    io:format("~p~n", [?STR(1 + 2)]),
    io:format("~p~n", [?STR({a, [b, c]})]),
    io:format("~p~n", [?STR("string")]),
    io:format("~p~n", [?STR($a)]),
    io:format("~p~n", [?STR(foo:bar(X, Y))]),
    io:format("~p~n", [?STR(1.50)]),
    io:format("~p~n", [?STR(16#FF)]),
    io:format("~p~n", [?STR('Quoted Atom')]),
    io:format("~p~n", [?STR(<<1, 2>>)]),
    io:format("~p~n", [?STR(fun(Z) -> Z end)]),
    io:format("~p~n", [?STR(#{a => 1})]),
    io:format("~p~n", [?STR(A=:=B)]),
    ?ASSERT_EQ(1 + 1, 2),
    ?ASSERT_EQ(lists:reverse([1, 2]), [2, 1]),
    ?ASSERT_EQ(length("abc"), 4).
