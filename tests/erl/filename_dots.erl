-module(filename_dots).
-export([main/1]).

%% filename:join/nativename drop a "." component only when a "/" follows
%% it and it is not the first of a relative name ("./x" stays "./x");
%% a binary inside a deep list is refused (function_clause), except by
%% pathtype/1.
t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    [io:format("~p ~p~n", [A, t(fun() -> filename:join(A) end)])
     || A <- [[".", "x"], ["./x", "x"], ["a/./b", "c"], ["a", "./b"], ["a", "."], [".", "."],
              ["a/.", "b"], ["./", "x"], [".//x"], ["x/./"], ["/./a"], ["a", "/./b/."],
              ["..", "x"], ["a/..", "b"], ["a//b/", "c//"], [[".", [$/]], "x"],
              ["a", ".", "b"], ["/", "."], ["./."], [<<"./a">>, "b"]]],
    [io:format("~p ~p ~p ~p~n", [P, t(fun() -> filename:nativename(P) end),
                                 t(fun() -> filename:split(P) end),
                                 t(fun() -> filename:dirname(P) end)])
     || P <- ["./x", "x/.", "./", ".", "a/./b", "/./", "././a", <<"./b">>]],
    [io:format("~p ~p ~p~n", [P, t(fun() -> filename:basename(P) end),
                              t(fun() -> filename:pathtype(P) end)])
     || P <- [["a", [$/, "b"], <<".c">>], ["a", <<"b">>], [a, "/b"], [<<"/a">>, "b"], ['/', "b"]]],
    ok.
