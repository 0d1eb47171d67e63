%% A plugin with a bug: it crashes, and only its own actor goes down.
-module(crasher).
-export([run/1]).

run(Arg) -> {ok, 10 div id(Arg)}.

id(X) -> X.
