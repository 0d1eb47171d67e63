-module(proc_exit_reasons).
-export([main/1]).
%% Exit reasons as seen through monitors and links: any term travels unchanged,
%% error-like reasons keep their shape. (Only exit/1 is used: a real error or
%% throw in a process makes erl log an =ERROR REPORT= with a timestamp.)

down(F) ->
    {Pid, Ref} = spawn_monitor(F),
    receive {'DOWN', Ref, process, Pid, Reason} -> Reason end.

via_link(F) ->
    Me = self(),
    spawn(fun() ->
                  process_flag(trap_exit, true),
                  Pid = spawn_link(F),
                  receive {'EXIT', Pid, Reason} -> Me ! {reason, Reason} end
          end),
    receive {reason, R} -> R end.

main(_) ->
    Reasons = [normal, kill, shutdown, {shutdown, why}, 42, "text", <<"bin">>, [],
               {badarith, []}, {badmatch, 3}, {{nocatch, thrown}, []}, #{k => v}, 1.5],
    [io:format("~p -> ~p / ~p~n", [R, down(fun() -> exit(R) end), via_link(fun() -> exit(R) end)])
     || R <- Reasons],
    Caught = fun() ->
                     try 1 = id(2)
                     catch error:E:St -> exit({E, length(St) > 0})
                     end
             end,
    io:format("caught error: ~p~n", [down(Caught)]),
    Thrown = fun() -> try throw(ball) catch throw:T -> exit({{nocatch, T}, []}) end end,
    io:format("caught throw: ~p~n", [element(1, down(Thrown))]),
    Err = fun() -> try erlang:error(my_error) catch error:E:St -> exit({E, St}) end end,
    io:format("error with stack: ~p~n", [element(1, down(Err))]),
    Arith = fun() -> try id(1) + id(a) catch error:E:St -> exit({E, St}) end end,
    io:format("badarith: ~p~n", [element(1, via_link(Arith))]),
    Fc = fun() -> try (fun(x) -> x end)(id(y)) catch error:E:St -> exit({E, St}) end end,
    io:format("function_clause: ~p~n", [element(1, down(Fc))]),
    io:format("exit/2 from another: ~p~n",
              [down(fun() -> Me = self(), spawn(fun() -> exit(Me, {sent, by_other}) end),
                             receive after infinity -> ok end end)]),
    io:format("exit/1 inside catch: ~p~n", [down(fun() -> R = (catch exit(inner)), exit({outer, R}) end)]),
    io:format("return value is ignored: ~p~n", [down(fun() -> {some, value} end)]).

id(X) -> X.
