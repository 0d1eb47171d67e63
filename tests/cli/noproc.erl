-module(noproc).
-export([main/1]).

%% erl explains noproc in words
main(_) ->
    erlang:error(list_to_atom("noproc")).
