-module(os_basic).
-export([main/1]).
main(_) ->
    P = fun(X) -> io:format("~p~n", [X]) end,
    P(os:getenv("MOAT_TEST_NOPE")),
    P(os:getenv("MOAT_TEST_NOPE", "dflt")),
    P(os:putenv("MOAT_TEST_VAR", "hello world")),
    P(os:getenv("MOAT_TEST_VAR")),
    P(lists:member("MOAT_TEST_VAR=hello world", os:getenv())),
    P(lists:member({"MOAT_TEST_VAR", "hello world"}, os:env())),
    P(os:unsetenv("MOAT_TEST_VAR")),
    P(os:getenv("MOAT_TEST_VAR")),
    P(os:cmd("echo hi; echo there")),
    P(os:cmd("printf 'abcdef'", #{max_size => 3})),
    P(os:type()),
    P(is_list(os:getpid())),
    P(os:find_executable("sh") =/= false),
    P(os:find_executable("moat-no-such-program")),
    P(catch_it(fun() -> os:getenv(42) end)),
    P(catch_it(fun() -> os:cmd(42) end)),
    P(catch_it(fun() -> os:putenv("A=B", "x") end)),
    {A, B, C} = os:timestamp(),
    P(is_integer(A + B + C)),
    P(is_integer(os:system_time(second))),
    P(is_list(init:get_plain_arguments())),
    ok.
catch_it(F) -> try F() catch C:R -> {C, R} end.
