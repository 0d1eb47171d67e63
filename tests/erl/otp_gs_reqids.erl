-module(otp_gs_reqids).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2]).

%% gen_server:send_request and its responses, alone and in OTP 25's
%% request id collections: {reply, R}, {error, {Reason, ServerRef}},
%% timeout, no_reply, no_request, {Response, Label, NewCollection}.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, P} = gen_server:start({local, rq}, ?MODULE, [], []),
    R1 = gen_server:send_request(rq, {echo, 1}),
    io:format("~p~n", [gen_server:wait_response(R1, infinity)]),
    R2 = gen_server:send_request(P, {echo, 2}),
    io:format("~p~n", [gen_server:receive_response(R2, 5000)]),
    R3 = gen_server:send_request(P, {echo, 3}),
    Msg3 = receive M3 -> M3 end,
    io:format("~p~n", [gen_server:check_response(other, R3)]),
    io:format("~p~n", [gen_server:check_response(Msg3, R3)]),
    R4 = gen_server:send_request(P, hold),
    io:format("~p~n", [gen_server:wait_response(R4, 0)]),
    io:format("~p~n", [gen_server:receive_response(R4, {abs, erlang:monotonic_time(millisecond)})]),
    io:format("~p~n", [gen_server:wait_response(gen_server:send_request(nosuch, x), infinity)]),
    io:format("~p~n", [gen_server:wait_response(gen_server:send_request({global, nosuch}, x), 100)]),
    io:format("~p~n", [gen_server:wait_response(gen_server:send_request({nosuch, node()}, x), 100)]),
    R5 = gen_server:send_request(rq, {stop, bye}),
    {error, {bye, P5}} = gen_server:receive_response(R5, infinity),
    io:format("error bye, the pid: ~p~n", [P5 =:= P]),

    {ok, Q} = gen_server:start(?MODULE, [], []),
    C0 = gen_server:reqids_new(),
    io:format("~p ~p~n", [gen_server:reqids_size(C0), gen_server:reqids_to_list(C0)]),
    io:format("~p~n", [gen_server:wait_response(C0, infinity, true)]),
    io:format("~p~n", [gen_server:receive_response(C0, infinity, false)]),
    io:format("~p~n", [gen_server:check_response(anything, C0, true)]),
    C1 = gen_server:send_request(Q, {echo, a}, label_a, C0),
    C2 = gen_server:send_request(Q, {echo, b}, label_b, C1),
    [R1a] = [R || {R, label_b} <- gen_server:reqids_to_list(C2)],
    C3 = gen_server:send_request(Q, hold, label_held, C2),
    C4 = gen_server:reqids_add(gen_server:send_request(Q, {echo, c}), label_c, C3),
    io:format("~p ~p~n", [gen_server:reqids_size(C4),
                          lists:sort([L || {_, L} <- gen_server:reqids_to_list(C4)])]),
    {A1, L1, C5} = gen_server:wait_response(C4, infinity, true),
    io:format("~p ~p ~p~n", [A1, L1, gen_server:reqids_size(C5)]),
    {A2, L2, C6} = gen_server:receive_response(C5, infinity, false),
    io:format("~p ~p ~p~n", [A2, L2, gen_server:reqids_size(C6)]),
    Msg = receive M -> M end,
    {A3, L3, C7} = gen_server:check_response(Msg, C6, true),
    io:format("~p ~p ~p~n", [A3, L3, gen_server:reqids_size(C7)]),
    io:format("~p~n", [gen_server:check_response(other, C7, true)]),
    io:format("~p~n", [gen_server:wait_response(C7, 0, true)]),
    [{Held, _}] = [X || {_, label_held} = X <- gen_server:reqids_to_list(C7)],
    {'EXIT', {badarg, _}} = (catch gen_server:reqids_add(Held, again, C7)),
    io:format("badarg~n"),
    io:format("~p~n", [try gen_server:reqids_size(not_a_collection) catch C:E -> {C, E} end]),
    C8 = gen_server:send_request(gone, x, label_gone, C7),
    {E1, EL1, C9} = gen_server:receive_response(C8, infinity, true),
    io:format("~p ~p ~p~n", [E1, EL1, gen_server:reqids_size(C9)]),
    gen_server:cast(Q, {stop, bye}),
    {E2, EL2, C10} = gen_server:receive_response(C9, infinity, true),
    io:format("~p ~p ~p~n", [E2 =:= {error, {bye, Q}}, EL2, gen_server:reqids_to_list(C10) =:= [{R1a, label_b}]]),
    ok.

init(_) -> {ok, []}.

handle_call(hold, _From, S) -> {noreply, S};
handle_call({stop, R}, _From, S) -> {stop, R, S};
handle_call({echo, X}, _From, S) -> {reply, {echoed, X}, S}.

handle_cast({stop, R}, S) -> {stop, R, S}.
