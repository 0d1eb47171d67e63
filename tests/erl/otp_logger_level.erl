-module(otp_logger_level).
-export([main/1]).

%% The primary level: its default, changing it, events below it are
%% dropped (only dropped events are logged here: erl prints the others
%% with a time stamp).
main(_) ->
    io:format("~p~n", [maps:get(level, logger:get_primary_config())]),
    io:format("~p~n", [logger:info("not shown ~p", [1])]),
    io:format("~p~n", [logger:debug("not shown")]),
    io:format("~p~n", [logger:set_primary_config(level, bogus)]),
    io:format("~p~n", [logger:set_primary_config(level, warning)]),
    io:format("~p~n", [logger:get_primary_config()]),
    io:format("~p~n", [logger:notice("dropped")]),
    io:format("~p~n", [logger:info(#{report => dropped})]),
    ok = logger:set_primary_config(level, none),
    io:format("~p~n", [logger:emergency("dropped too")]),
    io:format("~p~n", [logger:error("dropped ~p", [x])]),
    io:format("~p~n", [logger:log(error, "dropped")]),
    io:format("~p~n", [maps:get(level, logger:get_primary_config())]),
    ok = logger:set_primary_config(level, all),
    io:format("~p~n", [maps:get(level, logger:get_primary_config())]),
    ok = logger:set_primary_config(level, emergency),
    io:format("~p~n", [logger:alert("dropped")]),
    io:format("~p~n", [logger:set_primary_config(nonsense, 1)]),
    {'EXIT', {Why, _}} = (catch logger:log(bogus, "x")),
    io:format("~p~n", [Why]),
    %% a crashing proc_lib process would print a crash report: none here
    {_, Ref} = proc_lib:spawn_opt(fun() -> exit(boom) end, [monitor]),
    receive {'DOWN', Ref, process, _, R} -> io:format("down ~p~n", [R]) end,
    ok.
