%% A plugin that allocates without end: max_memory stops it.
-module(hog).
-export([run/1]).

run(Acc) -> run([lists:seq(1, 100) | Acc]).
