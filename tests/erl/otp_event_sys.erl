-module(otp_event_sys).
-behaviour(gen_event).
-export([main/1, init/1, handle_event/2, handle_call/2, code_change/3]).

%% sys on a gen_event manager: get_status (its handler records), suspend
%% and resume (events wait), get_state, replace_state, change_code.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, M} = gen_event:start_link(),
    ok = gen_event:add_handler(M, ?MODULE, []),
    ok = gen_event:add_sup_handler(M, {?MODULE, 2}, [two]),
    {status, Pid, Mod, [_, SysState, Parent, Debug, Misc]} = sys:get_status(M),
    io:format("~p ~p ~p ~p ~p~n", [Pid =:= M, Mod, SysState, Parent =:= self(), Debug]),
    [{header, H}, {data, D}, {items, {Title, Hs}}] = Misc,
    io:format("~p~n~p~n~p~n", [H =:= lists:flatten(io_lib:format("Status for event handler ~w", [M])),
                               lists:keydelete("Parent", 1, D), Title]),
    io:format("~p~n", [[setelement(5, X, element(5, X) =:= self()) || X <- Hs]]),
    ok = sys:suspend(M),
    gen_event:notify(M, while_suspended),
    Req = gen_event:send_request(M, ?MODULE, get),
    io:format("~p~n", [gen_event:wait_response(Req, 0)]),
    io:format("~p~n", [sys:get_state(M)]),
    io:format("~p~n", [sys:replace_state(M, fun({Md, Id, S}) -> {Md, Id, [replaced | S]} end)]),
    io:format("~p~n", [sys:change_code(M, ?MODULE, "1", extra)]),
    {status, _, _, [_, suspended | _]} = sys:get_status(M),
    ok = sys:resume(M),
    io:format("~p~n", [gen_event:wait_response(Req, infinity)]),
    io:format("~p~n", [gen_event:call(M, {?MODULE, 2}, get)]),
    io:format("~p~n", [sys:change_code(M, ?MODULE, "2", extra)]),
    unlink(M),
    io:format("~p~n", [sys:terminate(M, normal)]),
    receive {gen_event_EXIT, Handler, Why} -> io:format("~p ~p~n", [Handler, Why]) end,
    %% the manager stays linked to a supervisor (erl never unlinks)
    {ok, M2} = gen_event:start(),
    ok = gen_event:add_sup_handler(M2, {?MODULE, a}, []),
    ok = gen_event:add_sup_handler(M2, {?MODULE, b}, []),
    io:format("linked ~p~n", [linked(M2)]),
    ok = gen_event:delete_handler(M2, {?MODULE, a}, x),
    io:format("linked ~p~n", [linked(M2)]),
    ok = gen_event:swap_handler(M2, {{?MODULE, b}, x}, {{?MODULE, c}, []}),
    io:format("linked ~p~n", [linked(M2)]),
    ok = gen_event:delete_handler(M2, {?MODULE, c}, x),
    io:format("linked ~p~n", [linked(M2)]),
    ok = gen_event:stop(M2),
    ok.

linked(Pid) ->
    {links, L} = process_info(self(), links),
    lists:member(Pid, L).

init({[], _}) -> {ok, []};
init(S) -> {ok, S}.

handle_event(E, S) -> {ok, [E | S]}.

handle_call(get, S) -> {ok, lists:reverse(S), S}.

code_change(Vsn, S, Extra) -> {ok, [{code_change, Vsn, Extra} | S]}.
