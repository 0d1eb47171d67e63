-module(unused_function_warning).
-export([main/1]).

main(_) -> io:format("done~n").

helper() -> not_called.
