%% shell_default.erl -- the commands of the shell (stdlib/moat_shell.erl):
%% a call at the prompt of a local function that does not exist comes
%% here, as in erl. Those that need the shell's state (b/0, f/0,1, h/0,
%% v/1) ask the shell process; typed alone, the shell handles them itself.
-module(shell_default).
-export([help/0, b/0, f/0, f/1, h/0, v/1, c/1, l/1, m/1, i/0, flush/0, pid/3,
         regs/0, memory/0, cd/1, pwd/0, ls/0, ls/1, q/0]).

help() ->
    io:put_chars(
      "b()        -- display all variable bindings\n"
      "e(N)       -- repeat the expression in query <N>\n"
      "f()        -- forget all variable bindings\n"
      "f(X)       -- forget the binding of variable X\n"
      "h()        -- history\n"
      "v(N)       -- use the value of query <N>\n"
      "rd(R,D)    -- define a record\n"
      "rf()       -- remove all record information\n"
      "rf(R)      -- remove record information about R\n"
      "rl()       -- display all record information\n"
      "c(Mod)     -- compile and load module or file <Mod>\n"
      "cd(Dir)    -- change working directory\n"
      "flush()    -- flush any messages sent to the shell\n"
      "help()     -- help info\n"
      "i()        -- information about the system\n"
      "l(Module)  -- load or reload module\n"
      "ls()       -- list files in the current directory\n"
      "ls(Dir)    -- list files in directory <Dir>\n"
      "m(Mod)     -- information about module <Mod>\n"
      "memory()   -- memory allocation information\n"
      "pid(X,Y,Z) -- convert X,Y,Z to a Pid\n"
      "pwd()      -- print working directory\n"
      "q()        -- quit - shorthand for init:stop()\n"
      "regs()     -- information about registered processes\n"),
    true.

b() -> moat_shell:request(b).
f() -> moat_shell:request({f, all}).
f(Name) when is_atom(Name) -> moat_shell:request({f, Name}).
h() -> moat_shell:request(h).
v(N) when is_integer(N) ->
    case moat_shell:request({v, N}) of
        {ok, V} -> V;
        error -> erlang:error({no_value, N})
    end.

c(Mod) ->
    File = case lists:suffix(".erl", to_list(Mod)) of
               true -> to_list(Mod);
               false -> to_list(Mod) ++ ".erl"
           end,
    case moat_shell:compile_file(File) of
        {ok, M, Msgs} -> io:put_chars(Msgs), {ok, M};
        {error, non_existing} -> {error, non_existing};
        {error, Msgs} when is_list(Msgs) -> io:put_chars(Msgs), error;
        {error, _} = E -> E
    end.

to_list(A) when is_atom(A) -> atom_to_list(A);
to_list(L) -> L.

l(Mod) -> moat_shell:load(Mod).

m(Mod) ->
    Exports = Mod:module_info(exports),
    io:format("Module: ~tw~nExports:~n", [Mod]),
    columns([io_lib:format("~tw/~w", [F, A]) || {F, A} <- lists:sort(Exports)]),
    ok.

columns([A, B | T]) -> io:format("         ~-30ts~ts~n", [A, B]), columns(T);
columns([A]) -> io:format("         ~ts~n", [A]);
columns([]) -> ok.

i() ->
    io:format("~-21s ~-32s ~8s ~8s ~4s~n", ["Pid", "Initial Call", "Heap", "Reds", "Msgs"]),
    Rows = [{P, process_info(P, [initial_call, heap_size, reductions, message_queue_len, registered_name])}
            || P <- processes()],
    [i_row(P, Info) || {P, Info} <- Rows, Info =/= undefined],
    ok.

i_row(P, Info) ->
    {M, F, A} = proplists:get_value(initial_call, Info),
    Name = case proplists:get_value(registered_name, Info) of
               [] -> "";
               undefined -> "";
               N -> io_lib:format(" (~tw)", [N])
           end,
    io:format("~-21ts ~-32ts ~8w ~8w ~4w~n",
              [io_lib:format("~w~ts", [P, Name]), io_lib:format("~tw:~tw/~w", [M, F, A]),
               proplists:get_value(heap_size, Info), proplists:get_value(reductions, Info),
               proplists:get_value(message_queue_len, Info)]).

flush() ->
    receive
        X -> io:format("Shell got ~tp~n", [X]), flush()
    after 0 -> ok
    end.

pid(0, B, C) -> moat_shell:pid(B, C);
pid(A, B, C) -> erlang:error(badarg, [A, B, C]).

regs() ->
    io:format("~-24s ~-21s~n", ["Name", "Pid"]),
    [io:format("~-24tw ~-21w~n", [N, whereis(N)]) || N <- lists:sort(registered())],
    ok.

memory() -> erlang:memory().

cd(Dir) ->
    _ = file:set_cwd(Dir),
    pwd().

pwd() ->
    {ok, Dir} = file:get_cwd(),
    io:format("~ts~n", [Dir]).

ls() -> ls(".").
ls(Dir) ->
    case file:list_dir(Dir) of
        {ok, Names} -> ls_columns(lists:sort(Names)), ok;
        {error, Why} -> io:format("~ts: ~w~n", [Dir, Why]), ok
    end.

ls_columns([]) -> ok;
ls_columns(Names) ->
    W = lists:max([length(N) || N <- Names]) + 2,
    PerLine = max(1, 80 div W),
    ls_lines(Names, W, PerLine, 0).

ls_lines([], _, _, _) -> io:nl();
ls_lines([N | T], W, PerLine, K) when K + 1 =:= PerLine ->
    io:format("~ts~n", [N]), ls_lines2(T, W, PerLine);
ls_lines([N | T], W, PerLine, K) ->
    io:format("~-*ts", [W, N]), ls_lines(T, W, PerLine, K + 1).

ls_lines2([], _, _) -> ok;
ls_lines2(T, W, PerLine) -> ls_lines(T, W, PerLine, 0).

q() -> erlang:halt(0).
