%% The file functions answer a bad name or bad data with {error, badarg}
%% (they do not raise): names that are not text, text with a NUL, data
%% that is not iodata.
-module(file_badarg).
-export([main/1]).

main(_) ->
    Dir = "/tmp/moat_file_badarg_" ++ os:getpid(),
    ok = file:make_dir(Dir),
    F = filename:join(Dir, "f"),
    Calls = [{write_file_name, fun() -> file:write_file(123, <<>>) end},
             {write_file_tuple, fun() -> file:write_file({a}, <<"x">>) end},
             {write_file_nul, fun() -> file:write_file("a\0b", <<"x">>) end},
             {write_file_char_256, fun() -> file:write_file(F, [256]) end},
             {write_file_atom_data, fun() -> file:write_file(F, foo) end},
             {write_file_bits, fun() -> file:write_file(F, <<1:3>>) end},
             {write_file_improper, fun() -> file:write_file(F, [$a | $b]) end},
             {read_file, fun() -> file:read_file(123) end},
             {list_dir, fun() -> file:list_dir(123) end},
             {delete, fun() -> file:delete(123) end},
             {make_dir, fun() -> file:make_dir([-1]) end},
             {del_dir, fun() -> file:del_dir(123) end},
             {rename_from, fun() -> file:rename(1, F) end},
             {rename_to, fun() -> file:rename(F, 2) end},
             {consult, fun() -> file:consult(123) end},
             {still_works, fun() -> file:write_file(F, [$o, <<"k">>]) end},
             {read_back, fun() -> file:read_file(F) end}],
    [io:format("~p: ~p~n", [Name, try Fun() catch C:R -> {raised, C, R} end]) || {Name, Fun} <- Calls],
    ok = file:delete(F),
    ok = file:del_dir(Dir).
