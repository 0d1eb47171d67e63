-module(stacktrace_bif).
-export([main/1]).
%% Top frames for errors raised inside BIFs: the BIF's frame carries the
%% argument list instead of the arity. The error_info part is not printed.

frame({M, F, A, Loc}) ->
    {M, F, A, proplists:get_value(line, Loc, none)}.

show(Class, Reason, St) ->
    io:format("~p:~p~n  ~p~n  ~p~n", [Class, Reason, frame(hd(St)), frame(hd(tl(St)))]).

call_atl(X) -> [atom_to_list(X)].
call_element(N, T) -> [element(N, T)].
call_hd(L) -> [hd(L)].
call_lti(S) -> [list_to_integer(S)].
call_error2() -> [error(my_error, [a, b])].
call_plus(A) -> [A + 1].
call_div(A) -> [10 div A].

main(_) ->
    try call_atl(id(1)) catch C1:R1:S1 -> show(C1, R1, S1) end,
    try call_element(id(5), {a}) catch C2:R2:S2 -> show(C2, R2, S2) end,
    try call_hd(id([])) catch C3:R3:S3 -> show(C3, R3, S3) end,
    try call_lti(id("x1")) catch C4:R4:S4 -> show(C4, R4, S4) end,
    try call_error2() catch C5:R5:S5 -> show(C5, R5, S5) end,
    try call_plus(id(a)) catch C6:R6:S6 -> show(C6, R6, S6) end,
    try call_div(id(0)) catch C7:R7:S7 -> show(C7, R7, S7) end.

id(X) -> X.
