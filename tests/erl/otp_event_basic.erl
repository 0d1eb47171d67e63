-module(otp_event_basic).
-behaviour(gen_event).
-export([main/1, init/1, handle_event/2, handle_call/2, handle_info/2, terminate/2]).

%% gen_event: handlers added and deleted, notify and sync_notify reach
%% every handler, calls to one handler, remove_handler, a crashing handler.
main(_) ->
    ok = logger:set_primary_config(level, none),
    {ok, M} = gen_event:start_link({local, events}),
    io:format("~p~n", [gen_event:add_handler(events, ?MODULE, counter)]),
    io:format("~p~n", [gen_event:add_handler(events, {?MODULE, two}, logger2)]),
    io:format("~p~n", [gen_event:add_handler(events, ?MODULE, again)]),
    io:format("~p~n", [gen_event:add_handler(events, {?MODULE, bad}, fail)]),
    io:format("~p~n", [gen_event:which_handlers(events)]),
    ok = gen_event:notify(events, {hello, 1}),
    ok = gen_event:sync_notify(events, {hello, 2}),
    io:format("~p~n", [gen_event:call(events, ?MODULE, get)]),
    io:format("~p~n", [gen_event:call(events, {?MODULE, two}, get)]),
    io:format("~p~n", [gen_event:call(events, nobody, get)]),
    M ! an_info,
    gen_event:sync_notify(events, remove_me),
    io:format("~p~n", [gen_event:which_handlers(events)]),
    gen_event:sync_notify(events, crash),
    io:format("~p~n", [gen_event:which_handlers(events)]),
    io:format("~p~n", [gen_event:delete_handler(events, ?MODULE, bye)]),
    io:format("~p~n", [gen_event:delete_handler(events, ?MODULE, bye)]),
    io:format("~p~n", [gen_event:stop(events)]),
    ok.

init(fail) -> {error, no};
init(counter) -> {ok, {counter, []}};
init(Name) -> {ok, {Name, []}}.

handle_event(remove_me, {logger2, _}) -> remove_handler;
handle_event(crash, {counter, _}) -> erlang:error(handler_crash);
handle_event(E, {Name, Seen}) ->
    io:format("~p got ~p~n", [Name, E]),
    {ok, {Name, Seen ++ [E]}}.

handle_call(get, {Name, Seen} = S) -> {ok, {Name, Seen}, S}.

handle_info(Msg, {Name, _} = S) ->
    io:format("~p info ~p~n", [Name, Msg]),
    {ok, S}.

terminate(Arg, {Name, _}) ->
    io:format("~p terminate ~p~n", [Name, strip(Arg)]),
    {terminated, Name}.

strip({error, {'EXIT', {R, _Stack}}}) -> {error, R};
strip(A) -> A.
