-module(stacktrace_basic).
-export([main/1]).
%% The top frames of stack traces: {Module, Function, ArityOrArgs} and line.
%% Frames are printed as {M, F, A, Line}; Line is 'none' when the frame has no location.

frames(St, N) -> [frame(F) || F <- lists:sublist(St, N)].

frame({M, F, A, Loc}) ->
    {M, F, A, proplists:get_value(line, Loc, none)}.

level1(X) -> [level2(X)].
level2(X) -> [level3(X)].
level3(X) -> [X + 1].

crash_case(X) ->
    R = case X of
            a -> 1
        end,
    [R].

main(_) ->
    try level1(id(x))
    catch error:E1:St1 -> io:format("~p ~p~n", [E1, frames(St1, 4)])
    end,
    try crash_case(id(b))
    catch error:E2:St2 -> io:format("~p ~p~n", [E2, frames(St2, 2)])
    end,
    try [throw_here(1)]
    catch throw:E3:St3 -> io:format("~p ~p~n", [E3, frames(St3, 2)])
    end,
    try [exit_here()]
    catch exit:E4:St4 -> io:format("~p ~p~n", [E4, frames(St4, 2)])
    end,
    try [clause(id(99))]
    catch error:E5:St5 -> io:format("~p ~p~n", [E5, frames(St5, 2)])
    end,
    try [badmatch_here(id(1))]
    catch error:E6:St6 -> io:format("~p ~p~n", [E6, frames(St6, 2)])
    end.

throw_here(N) ->
    throw({thrown, N}).

exit_here() ->
    exit(gone).

clause(1) -> one;
clause(2) -> two.

badmatch_here(X) ->
    {ok, Y} = X,
    Y.

id(X) -> X.
