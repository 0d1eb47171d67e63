-module(code_reload_server).
-export([main/1]).

%% Hot code loading: a server loop that calls ?MODULE:loop/1 picks up a
%% new version on its next external call; a process in a local loop stays
%% in the old version until a purge kills it.

src(Version) ->
    ["-module(code_reload_srv).\n"
     "-export([loop/1, local_loop/0, version/0, mk/0]).\n"
     "version() -> ", atom_to_list(Version), ".\n"
     "mk() -> fun() -> version() end.\n"
     "loop(N) ->\n"
     "    receive\n"
     "        {From, ask} -> From ! {answer, version(), N}, ?MODULE:loop(N + 1);\n"
     "        {From, stop} -> From ! {stopped, N}\n"
     "    end.\n"
     "local_loop() ->\n"
     "    receive {From, ask} -> From ! {local, version()}, local_loop() end.\n"].

ask(Pid) ->
    Pid ! {self(), ask},
    receive {answer, _, _} = A -> A; {local, _} = L -> L end.

compile_version(Dir, Version, Opts) ->
    ok = file:write_file(Dir ++ "/code_reload_srv.erl", src(Version)),
    compile:file(Dir ++ "/code_reload_srv.erl", [{outdir, Dir} | Opts]).

down(Ref) ->
    receive {'DOWN', Ref, process, _, Reason} -> Reason after 5000 -> timeout end.

main(_) ->
    Dir = "/tmp/moat_code_reload_" ++ integer_to_list(os:system_time(nanosecond)),
    ok = file:make_dir(Dir),
    M = code_reload_srv,
    io:format("compile v1: ~p~n", [compile_version(Dir, v1, [])]),
    io:format("add_patha: ~p~n", [code:add_patha(Dir)]),
    io:format("load_file v1: ~p~n", [code:load_file(M)]),
    io:format("loaded: ~p ~p ~p~n", [erlang:module_loaded(M), element(1, code:is_loaded(M)),
                                     lists:keymember(M, 1, code:all_loaded())]),
    io:format("which is a path: ~p~n", [is_list(code:which(M))]),
    Server = spawn(M, loop, [0]),
    Local = spawn(M, local_loop, []),
    F = M:mk(),
    io:format("ask: ~p ~p ~p~n", [ask(Server), ask(Local), F()]),
    io:format("old code before: ~p~n", [erlang:check_old_code(M)]),

    io:format("compile v2: ~p~n", [compile_version(Dir, v2, [])]),
    io:format("load_file v2: ~p~n", [code:load_file(M)]),
    io:format("old code after: ~p~n", [erlang:check_old_code(M)]),
    %% the server answers once more from v1 (it was waiting there), then
    %% its ?MODULE:loop call enters v2
    io:format("ask: ~p~n", [ask(Server)]),
    io:format("ask: ~p~n", [ask(Server)]),
    io:format("local: ~p, new call: ~p, old fun: ~p~n", [ask(Local), M:version(), F()]),
    io:format("in old code: server ~p local ~p~n",
              [erlang:check_process_code(Server, M), erlang:check_process_code(Local, M)]),
    io:format("load_module with old code: ~p~n", [erlang:load_module(M, element(3, compile_version(Dir, v3, [binary])))]),
    io:format("soft_purge: ~p~n", [code:soft_purge(M)]),
    io:format("local still: ~p~n", [ask(Local)]),
    LRef = monitor(process, Local),
    io:format("purge: ~p~n", [code:purge(M)]),
    io:format("local ended: ~p~n", [down(LRef)]),
    io:format("old fun after purge: ~p~n", [try F() catch error:{badfun, _} -> badfun end]),
    io:format("old code: ~p, soft_purge: ~p, purge: ~p~n",
              [erlang:check_old_code(M), code:soft_purge(M), code:purge(M)]),

    %% a binary: the server (waiting in v2) keeps running as v2 is old
    {ok, M, Bin3} = compile_version(Dir, v3, [binary]),
    io:format("load_binary v3: ~p~n", [code:load_binary(M, "code_reload_srv.erl", Bin3)]),
    io:format("ask: ~p~n", [ask(Server)]),
    io:format("ask: ~p~n", [ask(Server)]),
    %% loading v4 while v2 is old: code:load_binary purges v2 first
    %% (nobody runs it now), as erl's code server does; v3 becomes old
    {ok, M, Bin4} = compile_version(Dir, v4, [binary]),
    io:format("load_binary v4: ~p~n", [code:load_binary(M, "code_reload_srv.erl", Bin4)]),
    %% v5 while the server waits in v3 (old): loading purges v3, killing it
    SRef = monitor(process, Server),
    {ok, M, Bin5} = compile_version(Dir, v5, [binary]),
    io:format("load_binary v5: ~p~n", [code:load_binary(M, "code_reload_srv.erl", Bin5)]),
    io:format("server ended: ~p~n", [down(SRef)]),
    io:format("new version: ~p~n", [M:version()]),

    %% delete: the current version becomes old, calls are undefined
    Waiting = spawn(M, local_loop, []),
    io:format("soft_purge: ~p, purge: ~p~n", [code:soft_purge(M), code:purge(M)]),
    io:format("waiting: ~p~n", [ask(Waiting)]),
    io:format("delete: ~p ~p~n", [code:delete(M), erlang:module_loaded(M)]),
    io:format("is_loaded: ~p~n", [code:is_loaded(M)]),
    WRef = monitor(process, Waiting),
    io:format("purge deleted: ~p ~p~n", [code:purge(M), down(WRef)]),
    io:format("loaded: ~p ~p~n", [erlang:module_loaded(M), code:is_loaded(M)]),
    io:format("purge none: ~p ~p~n", [code:purge(M), code:soft_purge(M)]),
    io:format("load missing: ~p~n", [code:load_file(code_reload_no_such_module)]),
    io:format("check_process_code self: ~p~n", [erlang:check_process_code(self(), M)]),
    [file:delete(Dir ++ "/" ++ N) || N <- ["code_reload_srv.erl", "code_reload_srv.beam", "code_reload_srv.mbc"]],
    io:format("cleanup: ~p~n", [file:del_dir(Dir)]).
