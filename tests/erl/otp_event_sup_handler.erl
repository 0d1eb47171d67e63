-module(otp_event_sup_handler).
-behaviour(gen_event).
-export([main/1, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

%% gen_event: supervised handlers (add_sup_handler, swap_sup_handler) and
%% the {gen_event_EXIT, Handler, Reason} their supervisor gets, the
%% handler removed when its supervisor dies, swap_handler, delete_handler
%% and which_handlers.
main(_) ->
    ok = logger:set_primary_config(level, none),
    register(main, self()),
    {ok, _} = gen_event:start({local, em}),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, a}, a)]),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, b}, b)]),
    io:format("~p~n", [gen_event:add_handler(em, {?MODULE, c}, c)]),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, x}, fail)]),
    io:format("~p~n", [gen_event:which_handlers(em)]),
    io:format("~p~n", [gen_event:delete_handler(em, {?MODULE, a}, bye)]),
    flush(),
    io:format("~p~n", [gen_event:delete_handler(em, {?MODULE, a}, bye)]),
    io:format("~p~n", [gen_event:swap_handler(em, {{?MODULE, b}, swap1}, {{?MODULE, d}, d})]),
    flush(),
    io:format("~p~n", [gen_event:swap_sup_handler(em, {{?MODULE, c}, swap2}, {{?MODULE, e}, e})]),
    io:format("~p~n", [gen_event:swap_handler(em, {{?MODULE, none}, swap3}, {{?MODULE, f}, f})]),
    io:format("~p~n", [gen_event:swap_sup_handler(em, {{?MODULE, f}, swap4}, {{?MODULE, g}, g})]),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, y}, y)]),
    io:format("~p~n", [gen_event:swap_handler(em, {{?MODULE, y}, swap5}, {{?MODULE, z}, fail})]),
    flush(),
    io:format("~p~n", [gen_event:which_handlers(em)]),
    ok = gen_event:sync_notify(em, {remove, d}),
    flush(),
    ok = gen_event:sync_notify(em, {crash, e}),
    flush(),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, h}, h)]),
    ok = gen_event:sync_notify(em, {bad_return, h}),
    flush(),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, i}, i)]),
    io:format("~p~n", [gen_event:call(em, {?MODULE, i}, remove)]),
    flush(),
    io:format("~p~n", [gen_event:which_handlers(em)]),

    Sup = spawn(fun() ->
                        ok = gen_event:add_sup_handler(em, {?MODULE, j}, j),
                        main ! added,
                        receive go -> exit(sup_gone) end
                end),
    receive added -> ok end,
    io:format("~p~n", [gen_event:which_handlers(em)]),
    Sup ! go,
    receive {terminated, j} -> ok end,
    io:format("~p~n", [gen_event:which_handlers(em)]),
    io:format("~p~n", [gen_event:add_sup_handler(em, {?MODULE, k}, k)]),
    Req = gen_event:send_request(em, {?MODULE, k}, ping),
    io:format("~p~n", [gen_event:receive_response(Req, infinity)]),
    io:format("~p~n", [gen_event:stop(em)]),
    flush(),
    ok.

flush() ->
    receive {gen_event_EXIT, H, R} -> io:format("exit ~p ~p~n", [H, short(R)]), flush()
    after 0 -> ok
    end.

short({'EXIT', {R, [_ | _]}}) -> {'EXIT', R};
short({swapped, H, Pid}) -> {swapped, H, Pid =:= self()};
short(R) -> R.

init(fail) -> {error, failed};
init({fail, _}) -> {error, failed};
init({Args, Prev}) -> io:format("init ~p ~p~n", [Args, Prev]), {ok, Args};
init(S) -> {ok, S}.

handle_event({remove, S}, S) -> remove_handler;
handle_event({crash, S}, S) -> exit(crashed);
handle_event({bad_return, S}, S) -> {what, S};
handle_event(_, S) -> {ok, S}.

handle_call(remove, _S) -> {remove_handler, removed};
handle_call(ping, S) -> {ok, {pong, S}, S}.

handle_info({'EXIT', _, Why}, S) -> io:format("~p info exit ~p~n", [S, Why]), {ok, S};
handle_info(_, S) -> {ok, S}.

terminate(Arg, S) ->
    io:format("terminate ~p ~p~n", [S, short(strip(Arg))]),
    main ! {terminated, S},
    {terminated, S}.

strip({error, E}) -> {error, short(E)};
strip(A) -> A.
