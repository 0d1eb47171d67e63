%% gen_call: 1,000,000 gen_server:call round trips to a counter server
%% (each a monitor, a send, a reply and a demonitor).
-module(gen_call).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2]).

-define(N, 1000000).

init(N) -> {ok, N}.
handle_call(incr, _From, N) -> {reply, N + 1, N + 1}.
handle_cast(_Msg, N) -> {noreply, N}.

loop(_S, 0) -> ok;
loop(S, N) ->
    gen_server:call(S, incr),
    loop(S, N - 1).

main(_) ->
    {ok, S} = gen_server:start(?MODULE, 0, []),
    T0 = erlang:monotonic_time(microsecond),
    loop(S, ?N),
    T1 = erlang:monotonic_time(microsecond),
    ?N = gen_server:call(S, incr) - 1,
    gen_server:stop(S),
    io:format("gen_call: ~w us (~w calls)~n", [T1 - T0, ?N]).
