-module(code_reload_stress).
-export([main/1]).

%% Workers call M:value() in a loop on every scheduler while the main
%% process loads new versions of M forty times, each after a soft purge
%% of the old one succeeds: no worker is killed, no call fails, and every
%% worker sees only values of versions that were loaded.

src(V) ->
    ["-module(code_reload_stress_m).\n-export([value/0]).\nvalue() -> ", integer_to_list(V), ".\n"].

worker(M, Parent, Seen) ->
    receive
        stop -> Parent ! {done, self(), lists:usort(Seen)}
    after 0 ->
        V = M:value(),
        worker(M, Parent, [V | lists:sublist(Seen, 50)])
    end.

load(M, File, Bin) ->
    case code:soft_purge(M) of
        true -> {module, M} = code:load_binary(M, File, Bin);
        false -> erlang:yield(), load(M, File, Bin)
    end.

main(_) ->
    Dir = "/tmp/moat_code_reload_stress_" ++ integer_to_list(os:system_time(nanosecond)),
    ok = file:make_dir(Dir),
    M = code_reload_stress_m,
    File = Dir ++ "/code_reload_stress_m.erl",
    Bins = [begin
                ok = file:write_file(File, src(V)),
                {ok, M, B} = compile:file(File, [binary]),
                B
            end || V <- [1, 2, 3]],
    {module, M} = code:load_binary(M, File, hd(Bins)),
    Self = self(),
    Workers = [spawn_link(fun() -> worker(M, Self, []) end) || _ <- lists:seq(1, 8)],
    [load(M, File, lists:nth(1 + I rem 3, Bins)) || I <- lists:seq(1, 40)],
    [W ! stop || W <- Workers],
    Seen = lists:usort(lists:append([receive {done, W, S} -> S end || W <- Workers])),
    io:format("workers: ~p, values seen within [1,2,3]: ~p~n",
              [length(Workers), Seen -- [1, 2, 3] =:= []]),
    io:format("current: ~p, old code: ~p~n", [M:value(), erlang:check_old_code(M)]),
    io:format("soft_purge: ~p, purge: ~p~n", [code:soft_purge(M), code:purge(M)]),
    file:delete(File),
    io:format("cleanup: ~p~n", [file:del_dir(Dir)]).
