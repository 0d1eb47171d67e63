-module(macro_cond).
-export([main/1]).

-define(FEATURE_A, true).
-define(LEVEL, 3).

-ifdef(FEATURE_A).
feature() -> a_enabled.
-else.
feature() -> a_disabled.
-endif.

-ifndef(FEATURE_B).
other() -> b_missing.
-else.
other() -> b_present.
-endif.

-undef(LEVEL).
-ifdef(LEVEL).
level() -> still_defined.
-else.
level() -> undefined_now.
-endif.

-define(LEVEL, 7).

-ifdef(NOT_DEFINED).
-define(VALUE, 1).
-else.
-ifdef(FEATURE_A).
-define(VALUE, 2).
-else.
-define(VALUE, 3).
-endif.
-endif.

-if(?LEVEL > 5).
big() -> level_big.
-else.
big() -> level_small.
-endif.

-if(?LEVEL > 100).
huge() -> yes.
-elif(?LEVEL > 6).
huge() -> almost.
-else.
huge() -> no.
-endif.

main(_) ->
    io:format("~p~n", [feature()]),
    io:format("~p~n", [other()]),
    io:format("~p~n", [level()]),
    io:format("~p~n", [?LEVEL]),
    io:format("~p~n", [?VALUE]),
    io:format("~p~n", [big()]),
    io:format("~p~n", [huge()]).
