-module(halt_slogan).
-export([main/1]).

%% halt(Slogan) says the slogan on stderr and ends with status 1 (erl also
%% writes erl_crash.dump and says so: docs/deviations.md)
main(_) ->
    io:format("before~n"),
    halt("the slogan").
