%% Signals from one process arrive in the order sent: after exit(P, kill),
%% a monitor or a link of P is answered as by a dead process (noproc).
-module(proc_signal_order).
-export([main/1]).
main(_) ->
    R = [begin
        P = spawn(fun() -> receive _ -> ok end end),
        exit(P, kill),
        M = monitor(process, P),
        receive {'DOWN', M, process, P, Why} -> Why end
     end || _ <- lists:seq(1, 200)],
    L = [begin
        process_flag(trap_exit, true),
        P = spawn(fun() -> receive _ -> ok end end),
        exit(P, kill),
        link(P),
        receive {'EXIT', P, Why} -> Why end
     end || _ <- lists:seq(1, 200)],
    io:format("~p~n~p~n", [lists:usort(R), lists:usort(L)]).
