-module(io_setopts).
-export([main/1]).

main(_) ->
    io:format("~ts|~s~n", [[233, 9786], [233]]),
    io:format("~p~n", [io:setopts([{encoding, unicode}])]),
    io:format("~ts|~s|~w~n", [[233, 9786], [233], [9786]]),
    io:put_chars([104, 233, 9786, $\n]),
    io:format("~p~n", [io:setopts(standard_io, [{encoding, latin1}])]),
    io:format("~ts~n", [[233, 9786]]),
    io:format("~p~n", [io:setopts([{bogus, 1}])]),
    io:format("~p ~p~n", [io:columns(), io:rows()]),
    io:format("~p~n", [io:printable_range()]),
    Dir = "/tmp/moat_io_setopts_test",
    _ = file:del_dir_r(Dir),
    ok = file:make_dir(Dir),
    F = filename:join(Dir, "u.txt"),
    {ok, D} = file:open(F, [write, {encoding, utf8}]),
    io:format(D, "~ts~n", [[233, 9786]]),
    ok = file:close(D),
    io:format("~w~n", [file:read_file(F)]),
    ok = file:del_dir_r(Dir).
