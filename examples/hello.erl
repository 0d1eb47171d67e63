%% The smallest Moat program: `./moat examples/hello.erl [Name]`.
-module(hello).
-export([main/1]).

main([]) -> main(["world"]);
main([Name | _]) ->
    io:format("Hello, ~s! 2 ** 100 = ~p~n", [Name, 1 bsl 100]).
