-module(prog_bank).
-export([main/1]).
%% A bank ledger using records and maps, with validation errors as values.

-record(account, {id, owner, balance = 0, history = []}).

open(Bank, Id, Owner) ->
    case maps:is_key(Id, Bank) of
        true -> {error, {exists, Id}};
        false -> {ok, Bank#{Id => #account{id = Id, owner = Owner}}}
    end.

deposit(Bank, Id, Amt) when Amt > 0 ->
    with(Bank, Id, fun(A = #account{balance = B, history = H}) ->
                           {ok, A#account{balance = B + Amt, history = [{dep, Amt} | H]}}
                   end);
deposit(_, _, Amt) -> {error, {bad_amount, Amt}}.

withdraw(Bank, Id, Amt) ->
    with(Bank, Id, fun(#account{balance = B}) when B < Amt -> {error, {insufficient, B}};
                      (A = #account{balance = B, history = H}) ->
                           {ok, A#account{balance = B - Amt, history = [{wd, Amt} | H]}}
                   end).

with(Bank, Id, F) ->
    case Bank of
        #{Id := A} -> case F(A) of {ok, A2} -> {ok, Bank#{Id := A2}}; E -> E end;
        _ -> {error, {no_account, Id}}
    end.

run(Bank, []) -> Bank;
run(Bank, [{Op, Args} | Rest]) ->
    case apply_op(Bank, Op, Args) of
        {ok, B2} -> io:format("~p ~p: ok~n", [Op, Args]), run(B2, Rest);
        {error, R} -> io:format("~p ~p: error ~p~n", [Op, Args, R]), run(Bank, Rest)
    end.

apply_op(B, open, [Id, Owner]) -> open(B, Id, Owner);
apply_op(B, deposit, [Id, Amt]) -> deposit(B, Id, Amt);
apply_op(B, withdraw, [Id, Amt]) -> withdraw(B, Id, Amt).

main(_) ->
    Ops = [{open, [1, "ann"]}, {open, [2, "bob"]}, {open, [1, "dup"]}, {deposit, [1, 100]},
           {deposit, [2, 50]}, {withdraw, [1, 30]}, {withdraw, [2, 80]}, {deposit, [3, 10]},
           {deposit, [1, -5]}, {withdraw, [1, 70]}],
    Bank = run(#{}, Ops),
    lists:foreach(fun(#account{id = Id, owner = O, balance = B, history = H}) ->
                          io:format("~w ~s ~w ~w~n", [Id, O, B, lists:reverse(H)])
                  end, [A || {_, A} <- lists:sort(maps:to_list(Bank))]).
