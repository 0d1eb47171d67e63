-module(macro_predefined).
-export([main/1]).
%% Predefined macros (except ?FILE, whose value depends on how erlc is invoked).

-define(WHERE, {?MODULE, ?FUNCTION_NAME, ?FUNCTION_ARITY, ?LINE}).

f(A, B) -> {?WHERE, A, B}.

g() ->
    F = fun() -> ?FUNCTION_NAME end,
    {F(), ?FUNCTION_ARITY}.

main(_) ->
    io:format("~p~n", [?MODULE]),
    io:format("~p~n", [?MODULE_STRING]),
    io:format("~p~n", [?LINE]),
    io:format("~p~n",
              [?LINE]),
    io:format("~p~n", [f(1, 2)]),
    io:format("~p~n", [g()]),
    io:format("~p~n", [?WHERE]),
    io:format("~p~n", [?OTP_RELEASE]),
    io:format("~p~n", [is_integer(?OTP_RELEASE)]),
    io:format("~p~n", [?MODULE:module_info(module)]),
    io:format("~p~n", [[F || {F, _} <- ?MODULE:module_info(exports)]]).
