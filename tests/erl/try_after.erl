-module(try_after).
-export([main/1]).
%% Ordering of after blocks.

step(S) -> io:format("step ~p~n", [S]).

main(_) ->
    R1 = try step(body), body_value after step(after1) end,
    io:format("R1=~p~n", [R1]),
    R2 = try
             try step(inner_body), throw(t) after step(inner_after) end
         catch throw:t -> step(outer_catch), caught
         after step(outer_after)
         end,
    io:format("R2=~p~n", [R2]),
    R3 = try step(of_body), 1 of
             1 -> step(of_clause), one
         catch _:_ -> step(not_here)
         after step(after3)
         end,
    io:format("R3=~p~n", [R3]),
    R4 = (catch try error(boom) after step(after_before_propagating) end),
    io:format("R4=~p~n", [element(1, element(2, R4))]),
    R5 = try
             try throw(a) catch throw:a -> step(catch_a), throw(b) after step(after_a) end
         catch throw:b -> step(catch_b), b
         end,
    io:format("R5=~p~n", [R5]),
    R6 = f(),
    io:format("R6=~p~n", [R6]),
    lists:foreach(fun(N) ->
                          try
                              case N rem 2 of 0 -> throw({even, N}); 1 -> N end
                          catch throw:{even, E} -> step({caught_even, E})
                          after step({after_loop, N})
                          end
                  end, [1, 2, 3]).

f() ->
    try
        step(f_body),
        f_result
    after
        step(f_after_value_ignored),
        ignored
    end.
