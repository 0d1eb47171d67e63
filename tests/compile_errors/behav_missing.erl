-module(behav_missing).
-behaviour(gen_server).
-export([init/1, handle_cast/2]).

init(A) -> {ok, A}.
handle_cast(_, S) -> {noreply, S}.
