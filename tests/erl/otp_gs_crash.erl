-module(otp_gs_crash).
-behaviour(gen_server).
-export([main/1, init/1, handle_call/3, handle_cast/2, terminate/2]).

%% A server that crashes during a call, one whose parent exits (terminate
%% runs when it traps exits), a server without handle_info, and linked
%% starts that fail.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, P} = gen_server:start(?MODULE, plain, []),
    {'EXIT', {{badarith, _Stack}, {gen_server, call, [P, divide, 5000]}}} =
        (catch gen_server:call(P, divide, 5000)),
    io:format("caller saw badarith~n"),
    {ok, P1} = gen_server:start(?MODULE, plain, []),
    {'EXIT', {R1, {gen_server, call, [P1, _]}}} = (catch gen_server:call(P1, {exit_with, {shutdown, bye}})),
    io:format("~p~n", [R1]),
    {ok, P2} = gen_server:start(?MODULE, plain, []),
    Ref2 = monitor(process, P2),
    gen_server:cast(P2, {throw_it, thrown_state}),
    io:format("~p~n", [gen_server:call(P2, state)]),
    P2 ! no_handle_info,
    io:format("~p~n", [gen_server:call(P2, state)]),
    gen_server:cast(P2, bad_return),
    receive {'DOWN', Ref2, process, P2, R2} -> io:format("down ~p~n", [R2]) end,
    %% a parent that exits: the trapping child's terminate runs
    Self = self(),
    Parent = spawn(fun() ->
                           {ok, C} = gen_server:start_link(?MODULE, trapping, []),
                           Self ! {child, C},
                           receive go -> exit(parent_gone) end
                   end),
    C = receive {child, C0} -> C0 end,
    RefC = monitor(process, C),
    Parent ! go,
    receive {'DOWN', RefC, process, C, RC} -> io:format("child down ~p~n", [RC]) end,
    %% start_link whose init fails: the caller traps exits and gets both
    process_flag(trap_exit, true),
    io:format("~p~n", [gen_server:start_link(?MODULE, {stop, nope}, [])]),
    receive {'EXIT', _, R3} -> io:format("exit ~p~n", [R3]) end,
    {error, {{badmatch, 2}, _}} = gen_server:start_link(?MODULE, crash_in_init, []),
    receive {'EXIT', _, {{badmatch, 2}, _}} -> io:format("exit badmatch~n") end,
    io:format("~p~n", [gen_server:start_link(?MODULE, {timeout_init, 300}, [{timeout, 50}])]),
    ok.

init(trapping) -> process_flag(trap_exit, true), {ok, trapping};
init({stop, R}) -> {stop, R};
init(crash_in_init) -> 1 = id(2);
init({timeout_init, T}) -> timer:sleep(T), {ok, late};
init(S) -> {ok, S}.

handle_call(divide, _From, S) -> {reply, 1 div id(0), S};
handle_call({exit_with, R}, _From, _S) -> exit(R);
handle_call(state, _From, S) -> {reply, S, S}.

handle_cast({throw_it, S}, _) -> throw({noreply, S});
handle_cast(bad_return, _) -> oops.

terminate({Reason, Stack}, S) when is_list(Stack) ->
    io:format("terminate ~p (with stack) ~p~n", [Reason, S]);
terminate(Reason, S) ->
    io:format("terminate ~p ~p~n", [Reason, S]).

id(X) -> X.
