-module(otp_statem_enter_loop).
-behaviour(gen_statem).
-export([main/1, init/1, callback_mode/0, idle/3, busy/3, code_change/4]).

%% gen_statem:enter_loop/4,5,6 (with a name, with actions, with state
%% enter calls), send_request and its responses, and sys on a state
%% machine: suspend, get_status, replace_state, change_code.
main(_) ->
    ok = logger:set_primary_config(level, none),
    Self = self(),
    P1 = proc_lib:spawn(fun() -> put(mode, state_functions), gen_statem:enter_loop(?MODULE, [], idle, #{n => 1}) end),
    io:format("~p~n", [gen_statem:call(P1, get)]),
    proc_lib:spawn(fun() -> put(mode, state_functions),
                                register(el2, self()),
                                Self ! registered,
                                gen_statem:enter_loop(?MODULE, [], idle, #{n => 2}, {local, el2})
                        end),
    receive registered -> ok end,
    io:format("~p~n", [gen_statem:call(el2, get)]),
    P3 = proc_lib:spawn(fun() -> put(mode, state_functions),
                                gen_statem:enter_loop(?MODULE, [], idle, #{n => 3},
                                                      [{next_event, internal, work}])
                        end),
    io:format("~p~n", [gen_statem:call(P3, get)]),
    P4 = proc_lib:spawn(fun() -> put(mode, state_functions),
                                put(mode, [state_functions, state_enter]),
                                register(el4, self()),
                                Self ! registered,
                                gen_statem:enter_loop(?MODULE, [], busy, #{n => 4}, {local, el4},
                                                      [{next_event, internal, work}])
                        end),
    receive registered -> ok end,
    io:format("~p~n", [gen_statem:call(el4, get)]),
    io:format("~p~n", [down(proc_lib:spawn(fun() -> put(mode, state_functions),
        gen_statem:enter_loop(?MODULE, [], idle, #{}, {local, not_me}) end))]),
    io:format("~p~n", [down(spawn(fun() -> put(mode, state_functions), gen_statem:enter_loop(?MODULE, [], idle, #{}) end))]),

    R1 = gen_statem:send_request(P1, get),
    io:format("~p~n", [gen_statem:wait_response(R1)]),
    R2 = gen_statem:send_request(el2, get),
    io:format("~p~n", [gen_statem:receive_response(R2)]),
    R3 = gen_statem:send_request(P3, get),
    io:format("~p~n", [gen_statem:receive_response(R3, 5000)]),
    R4 = gen_statem:send_request(P4, get),
    io:format("~p~n", [gen_statem:check_response(receive M4 -> M4 end, R4)]),
    C = gen_statem:send_request(P1, get, one,
                                gen_statem:send_request(nowhere, get, two, gen_statem:reqids_new())),
    io:format("~p~n", [gen_statem:reqids_size(C)]),
    {Resp1, _, C1} = gen_statem:wait_response(C, infinity, true),
    {Resp2, _, C2} = gen_statem:receive_response(C1, infinity, true),
    io:format("~p~n", [lists:sort([Resp1, Resp2])]),
    io:format("~p~n", [gen_statem:check_response(x, C2, true)]),

    ok = sys:suspend(P1),
    gen_statem:cast(P1, {timers}),
    gen_statem:cast(P1, postpone_me),
    io:format("~p~n", [sys:get_state(P1)]),
    io:format("~p~n", [sys:change_code(P1, ?MODULE, "1", extra)]),
    ok = sys:resume(P1),
    io:format("~p~n", [gen_statem:call(P1, get)]),
    io:format("~p~n", [sys:replace_state(P1, fun({S, D}) -> {S, D#{replaced => true}} end)]),
    {status, _, Mod, [_, SysState, _, _, Misc]} = sys:get_status(P1),
    [{header, H}, {data, D}, Rest] = Misc,
    {"Time-outs", {N, Ts}} = lists:keyfind("Time-outs", 1, D),
    io:format("~p ~p~n~p~n~p~n~p~n", [Mod, SysState,
                                      H =:= lists:flatten(io_lib:format("Status for state machine ~w", [P1])),
                                      {N, lists:sort(Ts)}, Rest]),
    io:format("~p~n", [lists:keydelete("Parent", 1, lists:keydelete("Time-outs", 1, D))]),
    ok.

down(Pid) ->
    Mon = monitor(process, Pid),
    receive {'DOWN', Mon, _, _, Why} -> Why end.

init(_) -> {ok, idle, #{}}.

callback_mode() -> get(mode).

idle({call, From}, get, D) -> {keep_state_and_data, [{reply, From, {idle, D}}]};
idle(internal, work, D) -> {next_state, busy, D#{worked => true}};
idle(cast, {timers}, _) ->
    {keep_state_and_data, [{state_timeout, 100000, st}, {{timeout, g}, 100000, gt},
                           {timeout, 100000, et}]};
idle(cast, postpone_me, _) -> {keep_state_and_data, [postpone]}.

busy(enter, Old, D) -> {keep_state, D#{entered_from => Old}};
busy({call, From}, get, D) -> {keep_state_and_data, [{reply, From, {busy, D}}]};
busy(internal, work, D) -> {keep_state, D#{worked => true}}.

code_change(Vsn, State, Data, Extra) -> {ok, State, Data#{vsn => {Vsn, Extra}}}.
