-module(syntax_error).
-export([main/1]).

%% escript reports the syntax errors and stops: no "function main/1
%% undefined", no warnings (erlc would lint what parsed).
unused() -> ok.

main(_) -> X = , io:format("~p~n", [X]).
