-module(timeout_value).
-export([main/1]).

%% erl explains timeout_value in words
main(_) -> receive after list_to_atom("infinite") -> ok end.
