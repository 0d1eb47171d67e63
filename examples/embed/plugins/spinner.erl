%% A plugin that never returns: its max_reductions budget stops it.
-module(spinner).
-export([run/1]).

run(N) -> run(N + 1).
