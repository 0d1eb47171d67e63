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
      "rr(File)   -- read record information from File\n"
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
    io:format("Module: ~tw~nExports: ~n", [Mod]),
    [io:format("         ~tw/~w~n", [F, A]) || {F, A} <- lists:sort(Exports)],
    ok.

i() ->
    io:format("~-22s~-33s~9s~9s~5s~n~-22s~-33s~9s~14s~n",
              ["Pid", "Initial Call", "Heap", "Reds", "Msgs", "Registered", "Current Function", "Stack", ""]),
    Items = [initial_call, current_function, heap_size, reductions, message_queue_len,
             stack_size, registered_name],
    Rows = [{P, process_info(P, Items)} || P <- processes()],
    Totals = [i_row(P, [V || {_, V} <- Info]) || {P, Info} <- Rows, Info =/= undefined],
    {Heap, Reds, Msgs, Stack} =
        lists:foldl(fun({H, R, M, S}, {H0, R0, M0, S0}) -> {H0 + H, R0 + R, M0 + M, S0 + S} end,
                    {0, 0, 0, 0}, Totals),
    io:format("~-55s~9w~9w~5w~n~-55s~9w~14s~n", ["Total", Heap, Reds, Msgs, "", Stack, ""]),
    ok.

i_row(P, [Init, Cur, Heap, Reds, Msgs, Stack, Name]) ->
    Reg = case Name of [] -> ""; _ -> io_lib:format("~tw", [Name]) end,
    io:format("~-22ts~-33ts~9w~9w~5w~n~-22ts~-33ts~9w~14s~n",
              [io_lib:format("~w", [P]), mfa(Init), Heap, Reds, Msgs, Reg, mfa(Cur), Stack, ""]),
    {Heap, Reds, Msgs, Stack}.

mfa({M, F, A}) -> io_lib:format("~tw:~tw/~w", [M, F, A]);
mfa(Other) -> io_lib:format("~tw", [Other]).

flush() ->
    receive
        X -> io:format("Shell got ~tp~n", [X]), flush()
    after 0 -> ok
    end.

pid(0, B, C) -> moat_shell:pid(B, C);
pid(A, B, C) -> erlang:error(badarg, [A, B, C]).

regs() ->
    io:format("~n** Registered procs on node nonode@nohost **~n"
              "~-22s~-13s~-25s~13s~5s~n", ["Name", "Pid", "Initial Call", "Reds", "Msgs"]),
    [reg_row(N, whereis(N)) || N <- lists:sort(registered())],
    io:format("~n** Registered ports on node nonode@nohost **~n"
              "Name                  Id              Command                                 ~n"),
    ok.

reg_row(_, undefined) -> ok;
reg_row(Name, Pid) ->
    case process_info(Pid, [initial_call, reductions, message_queue_len]) of
        [{_, Init}, {_, Reds}, {_, Msgs}] ->
            io:format("~-21ts ~-12ts ~-25ts~13w~5w~n",
                      [io_lib:format("~tw", [Name]), io_lib:format("~w", [Pid]), mfa(Init), Reds, Msgs]);
        _ -> ok
    end.

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
