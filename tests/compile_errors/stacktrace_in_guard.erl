-module(stacktrace_in_guard).
-export([f/1]).

f(X) ->
    try X() catch error:x:St when length(St) > 0, St =/= [] -> St end.
