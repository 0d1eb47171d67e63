-module(behav_two).
-behaviour(supervisor).
-behaviour(gen_statem).
-export([init/1]).

init(A) -> {ok, A}.
