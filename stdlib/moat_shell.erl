%% moat_shell.erl -- the shell of `moat` run without a file: the loop that
%% reads an expression, evaluates it and prints the value, as erl's shell.
%%
%% Two processes. The shell process keeps the state (bindings, history,
%% records) and talks to the front end (vm/repl.c, through the BIFs of
%% vm/bif_shell.c: see vm/shell.h). The evaluator runs what is typed, so
%% self(), receive and flush() at the prompt see its mailbox. What is typed
%% is compiled into a throwaway module '$moat_shell_N' whose '$eval'/1
%% takes the bound variables it uses and returns {Value, NewVariables}.
%% When an evaluation raises, is interrupted (Ctrl-C) or the evaluator dies
%% of an exit signal, the exception is printed and a new evaluator started;
%% the bindings stay.
%%
%% shell_default's commands that need the shell's state (v/1 and friends
%% inside a larger expression) ask the shell process with request/1.
-module(moat_shell).
-export([start/0, request/1]).

-record(st, {n = 1, bindings = [], history = [], records = [], fields = [],
             eval, mon, seq = 0, forget = []}).

-define(HISTORY, 20).

start() ->
    loop(new_evaluator(#st{})).

new_evaluator(St) ->
    Shell = self(),
    {Pid, Ref} = spawn_monitor(fun() -> put('$moat_shell', Shell), evaluator(Shell) end),
    St#st{eval = Pid, mon = Ref}.

evaluator(Shell) ->
    receive
        {'$moat_eval', Shell, Mod, Args} ->
            R = try Mod:'$eval'(Args) of
                    V -> {value, V}
                catch
                    C:E:S -> {exception, C, E, S}
                end,
            Shell ! {'$moat_result', self(), R},
            case R of
                {value, _} -> evaluator(Shell);
                _ -> ok
            end
    end.

%% From the evaluator: ask the shell (shell_default's commands).
request(Req) ->
    case get('$moat_shell') of
        Shell when is_pid(Shell) ->
            Shell ! {'$moat_req', self(), Req},
            receive {'$moat_reply', Reply} -> Reply end;
        _ ->
            erlang:error(not_in_shell)
    end.

%% ---- the loop -----------------------------------------------------------

loop(St) ->
    Prompt = integer_to_list(St#st.n) ++ "> ",
    case moat_shell:read(Prompt, [K || {K, _} <- St#st.bindings]) of
        ok -> idle(St);
        {error, _} -> erlang:halt(0)
    end.

idle(St) ->
    Mon = St#st.mon,
    receive
        {'$moat_input', Text} ->
            loop(handle(Text, St));
        '$moat_interrupt' ->
            idle(St);
        {'DOWN', Mon, process, _, Reason} ->
            %% a process linked to the evaluator ended it
            print_exception(exit, Reason, []),
            idle(new_evaluator(St));
        {'$moat_req', From, Req} ->
            {Reply, St1} = serve(Req, St),
            From ! {'$moat_reply', Reply},
            idle(St1)
    end.

handle(Text, St) ->
    Seq = St#st.seq + 1,
    Mod = list_to_atom("$moat_shell_" ++ integer_to_list(Seq)),
    Bound = [K || {K, _} <- St#st.bindings],
    case moat_shell:compile(Text, Bound, [[D, $\s] || D <- St#st.records], Mod) of
        {ok, Params, New} ->
            Args = [proplists:get_value(P, St#st.bindings) || P <- Params],
            St#st.eval ! {'$moat_eval', self(), Mod, Args},
            St1 = await(Text, New, St#st{seq = Seq}),
            forget_module(Mod, Text),
            St1;
        {syntax_error, Msg} ->
            io:put_chars(Msg),
            St;
        {error, Msg} ->
            io:put_chars(Msg),
            next(St);
        {record, Def} ->
            define_record(Def, Text, St);
        {command, Name, Args} ->
            command(Name, Args, Text, St)
    end.

await(Text, New, St) ->
    #st{eval = Eval, mon = Mon} = St,
    receive
        {'$moat_result', Eval, {value, {Value, Vals}}} ->
            Bs = bind(lists:zip(New, Vals), St#st.bindings),
            Bs1 = forget(St#st.forget, Bs),
            print_value(Value, St),
            remember(Text, Value, St#st{bindings = Bs1, forget = []});
        {'$moat_result', Eval, {exception, Class, Reason, Stack}} ->
            erlang:demonitor(Mon, [flush]),
            print_exception(Class, Reason, Stack),
            next(new_evaluator(St#st{forget = []}));
        {'DOWN', Mon, process, Eval, Reason} ->
            print_exception(exit, Reason, []),
            next(new_evaluator(St#st{forget = []}));
        '$moat_interrupt' ->
            exit(Eval, kill),
            await(Text, New, St);
        {'$moat_req', From, Req} ->
            {Reply, St1} = serve(Req, St),
            From ! {'$moat_reply', Reply},
            await(Text, New, St1)
    end.

next(St) -> St#st{n = St#st.n + 1}.

%% A prompt's module is unloaded once its evaluation is over (a long
%% session would otherwise keep one per prompt), unless what was typed
%% may have made a fun: a fun still bound or running needs its code.
forget_module(Mod, Text) ->
    case string:find(Text, "fun") of
        nomatch ->
            erlang:delete_module(Mod),
            catch erlang:purge_module(Mod),
            ok;
        _ -> ok
    end.

remember(Text, Value, St) ->
    H = lists:sublist([{St#st.n, Text, Value} | St#st.history], ?HISTORY),
    next(St#st{history = H}).

bind([], Bs) -> Bs;
bind([{K, V} | T], Bs) -> bind(T, lists:keystore(K, 1, Bs, {K, V})).

forget([], Bs) -> Bs;
forget([all | _], _) -> [];
forget([K | T], Bs) -> forget(T, lists:keydelete(K, 1, Bs)).

%% ---- commands on the shell's state ----------------------------------------

command(f, [], Text, St) ->
    done(ok, Text, St#st{bindings = []});
command(f, [Var], Text, St) ->
    done(ok, Text, St#st{bindings = lists:keydelete(Var, 1, St#st.bindings)});
command(b, [], Text, St) ->
    print_bindings(St),
    done(ok, Text, St);
command(h, [], Text, St) ->
    print_history(St),
    done(ok, Text, St);
command(v, [N], Text, St) ->
    case history_value(N, St) of
        {ok, V} -> done(V, Text, St);
        error -> io:put_chars("** exception error: no value for v(" ++ integer_to_list(N) ++ ")\n"),
                 next(St)
    end;
command(e, [N], _Text, St) ->
    case history_entry(N, St) of
        {ok, {_, Old, _}} -> handle(Old, St);
        error -> io:put_chars("** exception error: no command " ++ integer_to_list(N) ++ "\n"),
                 next(St)
    end;
command(rf, [], Text, St) ->
    done(ok, Text, St#st{records = [], fields = []});
command(rf, [Name], Text, St) ->
    done(ok, Text, St#st{records = [D || {N, D} <- named(St), N =/= Name],
                         fields = lists:keydelete(Name, 1, St#st.fields)});
command(rr, [What], Text, St) ->
    Name = atom_to_list(What),
    File = case lists:suffix(".erl", Name) orelse lists:suffix(".hrl", Name) of
               true -> Name;
               false -> Name ++ ".erl"
           end,
    case moat_shell:read_records(File) of
        {ok, Defs} ->
            {Names, St1} = read_records(string:split(Defs, "\n", all), [], St),
            done(lists:usort(Names), Text, St1);
        {error, Why} ->
            done({error, Why}, Text, St)
    end;
command(rl, [], Text, St) ->
    [io:put_chars(D ++ "\n") || D <- St#st.records],
    done(ok, Text, St).

named(St) ->
    lists:zip([N || {N, _} <- St#st.fields], St#st.records).

done(Value, Text, St) ->
    print_value(Value, St),
    remember(Text, Value, St).

read_records([], Names, St) -> {Names, St};
read_records(["" | T], Names, St) -> read_records(T, Names, St);
read_records([Def | T], Names, St) ->
    case add_record(Def, St) of
        {ok, Name, St1} -> read_records(T, [Name | Names], St1);
        {error, Msg} -> io:put_chars(Msg), read_records(T, Names, St)
    end.

add_record(Def, St) ->
    case moat_shell:record_fields(Def) of
        {ok, [{Name, Fields}]} ->
            Keep = [{N, D} || {N, D} <- named(St), N =/= Name],
            {ok, Name, St#st{records = [D || {_, D} <- Keep] ++ [Def],
                             fields = [{N, F} || {N, F} <- St#st.fields, N =/= Name] ++ [{Name, Fields}]}};
        {ok, _} -> {error, "* bad record definition\n"};
        {error, Msg} -> {error, Msg}
    end.

define_record(Def, Text, St) ->
    case add_record(Def, St) of
        {ok, Name, St1} -> done(Name, Text, St1);
        {error, Msg} -> io:put_chars(Msg), next(St)
    end.

history_entry(N, St) when N =< 0 ->
    history_entry(St#st.n + N, St);
history_entry(N, St) ->
    case lists:keyfind(N, 1, St#st.history) of
        false -> error;
        E -> {ok, E}
    end.

history_value(N, St) ->
    case history_entry(N, St) of
        {ok, {_, _, V}} -> {ok, V};
        error -> error
    end.

%% shell_default's requests, from inside an evaluation
serve({v, N}, St) -> {history_value(N, St), St};
serve(b, St) -> print_bindings(St), {ok, St};
serve(h, St) -> print_history(St), {ok, St};
serve({f, What}, St) -> {ok, St#st{forget = St#st.forget ++ [What]}};
serve(_, St) -> {error, St}.

%% ---- printing -----------------------------------------------------------

print_bindings(St) ->
    [print_binding(K, V, St) || {K, V} <- lists:keysort(1, St#st.bindings)],
    ok.

print_binding(K, V, St) ->
    Name = atom_to_list(K),
    io:put_chars([Name, " = ", value_text(V, length(Name) + 4, St), $\n]).

print_history(St) ->
    [io:put_chars([integer_to_list(N), ": ", strip_dot(T), "\n-> ", value_text(V, 4, St), $\n])
     || {N, T, V} <- lists:reverse(St#st.history)],
    ok.

strip_dot(Text) ->
    case trim(lists:reverse(trim(Text))) of
        [$. | R] -> lists:reverse(trim(R));
        R -> lists:reverse(R)
    end.

trim([C | T]) when C =:= $\s; C =:= $\n; C =:= $\t; C =:= $\r -> trim(T);
trim(T) -> T.

print_value(V, St) ->
    io:put_chars([value_text(V, 1, St), $\n]).

value_text(V, Col, St) ->
    case St#st.fields =/= [] andalso has_record(V, St#st.fields) of
        true -> record_text(V, St#st.fields);
        false -> moat_shell:format_value(V, Col)
    end.

has_record(T, Fs) when is_tuple(T), tuple_size(T) > 0 ->
    is_record_of(T, Fs) orelse lists:any(fun(E) -> has_record(E, Fs) end, tuple_to_list(T));
has_record([H | T], Fs) -> has_record(H, Fs) orelse has_record(T, Fs);
has_record(M, Fs) when is_map(M) -> has_record(maps:to_list(M), Fs);
has_record(_, _) -> false.

is_record_of(T, Fs) ->
    case lists:keyfind(element(1, T), 1, Fs) of
        {_, Names} -> length(Names) + 1 =:= tuple_size(T);
        false -> false
    end.

%% Values holding records defined at the prompt, on one line.
record_text(T, Fs) when is_tuple(T), tuple_size(T) > 0 ->
    case is_record_of(T, Fs) of
        true ->
            {_, Names} = lists:keyfind(element(1, T), 1, Fs),
            Pairs = lists:zip(Names, tl(tuple_to_list(T))),
            ["#", io_lib:write_atom(element(1, T)), "{",
             join([[io_lib:write_atom(N), " = ", record_text(V, Fs)] || {N, V} <- Pairs]), "}"];
        false ->
            ["{", join([record_text(E, Fs) || E <- tuple_to_list(T)]), "}"]
    end;
record_text([_ | _] = L, Fs) ->
    case io_lib:printable_unicode_list(L) of
        true -> io_lib:format("~tp", [L]);
        false -> list_text(L, Fs, "[")
    end;
record_text(M, Fs) when is_map(M) ->
    ["#{", join([[record_text(K, Fs), " => ", record_text(V, Fs)] || {K, V} <- lists:sort(maps:to_list(M))]), "}"];
record_text(X, _) ->
    io_lib:format("~tw", [X]).

list_text([H | T], Fs, Acc) when is_list(T) ->
    Sep = case T of [] -> ""; _ -> "," end,
    list_text(T, Fs, [Acc, record_text(H, Fs), Sep]);
list_text([H | T], Fs, Acc) ->
    [Acc, record_text(H, Fs), "|", record_text(T, Fs), "]"];
list_text([], _, Acc) ->
    [Acc, "]"].

join([]) -> [];
join([H | T]) -> [H | [[",", X] || X <- T]].

%% erl's shell: the frames of the shell itself are not shown
print_exception(error, undef, [{shell_default, F, Args, _} | _]) when is_list(Args) ->
    io:format("** exception error: undefined shell command ~tw/~w~n", [F, length(Args)]);
print_exception(error, {badarity, {Fun, Args}} = Reason, Stack) when is_function(Fun), is_list(Args) ->
    %% a fun made at the prompt is erl's "interpreted function"
    {arity, Arity} = erlang:fun_info(Fun, arity),
    {module, M} = erlang:fun_info(Fun, module),
    case atom_to_list(M) of
        "$moat_shell_" ++ _ ->
            io:format("** exception error: interpreted function with arity ~w called with ~ts~n",
                      [Arity, count_args(length(Args))]);
        _ ->
            print_formatted(error, Reason, Stack)
    end;
print_exception(error, function_clause, [{M, _, Args, _} | T] = Stack) when is_list(Args) ->
    %% no clause of a fun made at the prompt: erl's words for it
    case atom_to_list(M) of
        "$moat_shell_" ++ _ ->
            print_formatted(error, function_clause, [{erl_eval, '-inside-an-interpreted-fun-', Args, []} | T]);
        _ ->
            print_formatted(error, function_clause, Stack)
    end;
print_exception(Class, Reason, Stack) ->
    print_formatted(Class, Reason, Stack).

print_formatted(Class, Reason, Stack) ->
    io:put_chars([moat_shell:format_exception(Class, Reason, user_frames(Stack)), $\n]).

count_args(0) -> "no arguments";
count_args(1) -> "one argument";
count_args(2) -> "two arguments";
count_args(N) -> integer_to_list(N) ++ " arguments".

user_frames([{M, _, _, _} = Frame | T]) ->
    case atom_to_list(M) of
        "$moat_shell_" ++ _ -> [];
        "moat_shell" -> [];
        _ -> [Frame | user_frames(T)]
    end;
user_frames(_) ->
    [].
