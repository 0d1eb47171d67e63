%% Startup: a main/1 that prints one line (measured as a whole process).
-module(hello).
-export([main/1]).

main(_) -> io:format("hello~n").
