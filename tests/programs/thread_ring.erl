%% thread-ring (benchmarks game): 503 linked processes pass a token
%% around a ring; the one holding it when it reaches zero prints its id.
-module(thread_ring).
-export([main/1]).

-define(RING, 503).

main(Args) ->
    N = case Args of [A] -> list_to_integer(A); _ -> 200000 end,
    Self = self(),
    First = ring(Self),
    First ! {token, N},
    receive
        {done, Id} -> io:format("~w~n", [Id])
    end.

%% Spawn process 1, then ?RING down to 2, each sending to the next one;
%% process 1 learns that 2 is its next, and gets the token first.
ring(Parent) ->
    Last = spawn(fun() -> first(Parent) end),
    Next = lists:foldl(fun(Id, Next) ->
                               spawn(fun() -> node_loop(Id, Next, Parent) end)
                       end, Last, lists:seq(?RING, 2, -1)),
    Last ! {next, Next},
    Last.

first(Parent) ->
    receive {next, Next} -> node_loop(1, Next, Parent) end.

node_loop(Id, Next, Parent) ->
    receive
        {token, 0} ->
            Parent ! {done, Id},
            exit(normal);
        {token, N} ->
            Next ! {token, N - 1},
            node_loop(Id, Next, Parent)
    end.
