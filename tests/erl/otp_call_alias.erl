%% gen_server calls go through an alias, as in OTP 25: From is
%% {Pid, [alias | Ref]}, and a reply that comes after the caller gave up
%% (a call's timeout, an abandoned request) is dropped, not left in the
%% caller's mailbox.
-module(otp_call_alias).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2, handle_info/2]).

init([]) -> {ok, []}.

handle_call(shape, {P, [alias | R]}, S) when is_pid(P), is_reference(R) -> {reply, alias_tag, S};
handle_call(shape, _From, S) -> {reply, other_tag, S};
handle_call(hold, From, S) -> {noreply, [From | S]}.

%% answer the held calls now
handle_cast(release, S) ->
    [gen_server:reply(From, late) || From <- S],
    {noreply, []}.

handle_info(_, S) -> {noreply, S}.

flush() -> receive M -> [M | flush()] after 0 -> [] end.

main(_) ->
    {ok, P} = gen_server:start(?MODULE, [], []),
    io:format("~p~n", [gen_server:call(P, shape)]),
    {'EXIT', {timeout, {gen_server, call, [_, Req, T]}}} = (catch gen_server:call(P, hold, 10)),
    io:format("~p~n", [{timeout, Req, T}]),
    gen_server:cast(P, release),
    sys:get_state(P), % the late reply has been sent by now
    io:format("late call reply: ~p~n", [flush()]),
    R1 = gen_server:send_request(P, hold),
    io:format("~p~n", [gen_server:receive_response(R1, 10)]),
    gen_server:cast(P, release),
    sys:get_state(P),
    io:format("late request reply: ~p~n", [flush()]),
    R2 = gen_server:send_request(P, hold),
    gen_server:cast(P, release),
    io:format("~p~n", [gen_server:receive_response(R2, infinity)]),
    io:format("~p~n", [flush()]).
