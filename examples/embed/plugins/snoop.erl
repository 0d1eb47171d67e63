%% A plugin that reads a file it was not given the capability for.
-module(snoop).
-export([run/1]).

run(Path) -> file:read_file(Path).
