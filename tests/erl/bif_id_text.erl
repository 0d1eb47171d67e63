%% Pids, ports, refs and funs as text and back, the node list of a node
%% that is not distributed, erlang:append/2 and subtract/2, now/0.
-module(bif_id_text).
-export([main/1]).

t(F) -> try F() catch C:R -> {C, R} end.

main(_) ->
    P = self(),
    R = make_ref(),
    L = pid_to_list(P),
    io:format("~p~n", [[hd(L), lists:last(L), list_to_pid(L) =:= P, ref_to_list(R) =:= lists:flatten(io_lib:format("~w", [R])),
                        list_to_ref(ref_to_list(R)) =:= R, list_to_pid("<0.0.0>"), list_to_pid("<0.05.0>")]]),
    io:format("~p~n", [[list_to_ref("#Ref<0.1.2.3>"), list_to_port("#Port<0.7>"), port_to_list(list_to_port("#Port<0.7>"))]]),
    io:format("~p~n", [[t(fun() -> list_to_pid(X) end)
                        || X <- ["<1.2.3>", "<0.5.0> ", " <0.5.0>", "<0.5.-1>", "<0.5>", "<0.5.0.1>", "", "<0..0>",
                                 "<0.99999999999999999999.0>", [60, 48, 46, 53, 46, 48 | 62], <<"<0.5.0>">>, atom]]]),
    io:format("~p~n", [[t(fun() -> list_to_ref(X) end) || X <- ["#Ref<0.1.2>", "#Ref<0.1.2.3.4>", "#Ref<0.4294967296.0.0>"]]]),
    io:format("~p~n", [[t(fun() -> list_to_port(X) end) || X <- ["#Port<0.7.1>", "#Port<7>", "<0.7>"]]]),
    io:format("~p~n", [[t(fun() -> F(X) end) || F <- [fun pid_to_list/1, fun erlang:port_to_list/1, fun ref_to_list/1,
                                                      fun erlang:fun_to_list/1],
                                               X <- [a, 1, "<0.1.0>"]]]),
    io:format("~p~n", [[erlang:fun_to_list(fun lists:map/2), erlang:fun_to_list(fun erlang:'+'/2),
                        lists:prefix("#Fun<bif_id_text.", erlang:fun_to_list(fun() -> ok end))]]),
    io:format("~p~n", [[nodes(), nodes(visible), nodes(hidden), nodes(connected), nodes(this), nodes(known),
                        nodes([visible, this]), nodes([]), t(fun() -> nodes(bad) end), t(fun() -> nodes([this | x]) end),
                        erlang:nodes(this, #{}), erlang:nodes(visible, #{connection_id => true}),
                        t(fun() -> erlang:nodes(this, x) end), is_alive()]]),
    io:format("~p~n", [[erlang:append([1], [2]), erlang:subtract([1, 2, 3, 2], [2]), t(fun() -> erlang:append(a, [2]) end),
                        t(fun() -> erlang:subtract([1], a) end)]]),
    {M1, S1, U1} = N1 = now(),
    N2 = now(),
    io:format("~p~n", [[is_integer(M1), is_integer(S1), is_integer(U1), N2 > N1,
                        lists:all(fun({A, B}) -> A < B end, pairs([now() || _ <- lists:seq(1, 1000)]))]]).

pairs([A, B | T]) -> [{A, B} | pairs([B | T])];
pairs(_) -> [].
