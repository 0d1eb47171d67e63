-module(diff_float_print).
-export([main/1]).

%% ??Arg of a float literal is its io_lib:write text (1.0e20, not
%% 100000000000000000000.0); float_to_list's {scientific, N} takes a
%% negative N as C's printf does, and refuses results over 255 characters.
-define(S(E), io:format("~s~n", [??E])).

t(F) -> try F() catch C:R -> {C, R} end.
id(X) -> X.

main(_) ->
    ?S(1.0e20), ?S(1.0E5), ?S(0.1), ?S(1.5e-3), ?S(123456.789), ?S(1.0e15),
    ?S(9007199254740993.0), ?S(2.5e-320), ?S(1_0.0_1), ?S(16#ff), ?S($a),
    Ns = [-1, -100, -(1 bsl 31), -(1 bsl 32), -(1 bsl 32) + 2, -(1 bsl 40),
          -(1 bsl 59), -(1 bsl 60), -(1 bsl 32) + 249, -(1 bsl 32) + 250,
          0, 249, 250],
    [io:format("~w ~p~n", [N, t(fun() -> float_to_list(id(1.5), [{scientific, N}]) end)])
     || N <- Ns],
    [io:format("~w ~p~n", [F, t(fun() -> length(float_to_list(id(F), [{scientific, 249}])) end)])
     || F <- [1.5, -1.5, 1.0e100, 1.0e-100, -0.0]],
    [io:format("~w ~p~n", [N, t(fun() -> float_to_binary(id(2.5), [{scientific, N}]) end)])
     || N <- [-1, 2]],
    ok.
