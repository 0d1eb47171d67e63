-module(stacktrace_bound).
-export([f/1]).

f(St) ->
    try St() catch error:x:St -> St end.
