-module(prog_rpn).
-export([main/1]).
%% Reverse Polish notation calculator with error handling.

eval(Expr) ->
    try
        Tokens = string:lexemes(Expr, " "),
        [Result] = lists:foldl(fun step/2, [], Tokens),
        {ok, Result}
    catch
        error:{badmatch, Stack} -> {error, {leftover, Stack}};
        error:function_clause -> {error, stack_underflow};
        error:badarith -> {error, arithmetic};
        throw:{bad_token, T} -> {error, {bad_token, T}}
    end.

step("+", [B, A | S]) -> [A + B | S];
step("-", [B, A | S]) -> [A - B | S];
step("*", [B, A | S]) -> [A * B | S];
step("/", [B, A | S]) -> [A / B | S];
step("^", [B, A | S]) -> [math:pow(A, B) | S];
step("neg", [A | S]) -> [-A | S];
step("sum", S) -> [lists:sum(S)];
step(Op, S) when Op =:= "+"; Op =:= "-"; Op =:= "*"; Op =:= "/"; Op =:= "^"; Op =:= "neg" ->
    error(function_clause, [Op, S]);
step(N, S) ->
    case string:to_integer(N) of
        {I, ""} -> [I | S];
        _ -> case string:to_float(N) of
                 {F, ""} -> [F | S];
                 _ -> throw({bad_token, N})
             end
    end.

main(_) ->
    Exprs = ["3 4 +", "5 1 2 + 4 * + 3 -", "2 3 ^", "1 2 3 sum", "10 4 /", "1 0 /",
             "1 +", "1 2", "2 x +", "1.5 2.25 *", "7 neg 2 *", "", "100000000000 100000000000 *"],
    lists:foreach(fun(E) -> io:format("~p => ~p~n", [E, eval(E)]) end, Exprs).
