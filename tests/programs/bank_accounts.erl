%% A textbook process application without OTP behaviours: a bank of
%% account processes, a registry process that finds them by name, a
%% transfer coordinator, and clients that run in parallel.  A process
%% that gets a bad request exits; the bank monitors accounts and reports.
-module(bank_accounts).
-export([main/1]).

main(_) ->
    Bank = spawn(fun() -> bank(#{}) end),
    [ok = call(Bank, {open, Name, Amount}) || {Name, Amount} <- [{alice, 100}, {bob, 50}, {carol, 0}]],
    io:format("open again: ~p~n", [call(Bank, {open, alice, 5})]),
    Self = self(),
    Clients = [spawn(fun() -> client(Bank, Self, Ops) end) || Ops <- client_ops()],
    [receive {client_done, C, Results} -> io:format("client ~w: ~p~n", [N, Results]) end
     || {N, C} <- lists:zip(lists:seq(1, length(Clients)), Clients)],
    io:format("balances: ~p~n", [call(Bank, balances)]),
    io:format("transfer too much: ~p~n", [call(Bank, {transfer, carol, alice, 1000})]),
    io:format("unknown: ~p~n", [call(Bank, {balance, dave})]),
    io:format("crash bob: ~p~n", [call(Bank, {crash, bob})]),
    io:format("after crash: ~p~n", [call(Bank, balances)]),
    io:format("closed: ~p~n", [call(Bank, stop)]).

%% Every client does its operations one by one and reports their results.
client_ops() ->
    [[{deposit, alice, 10}, {withdraw, alice, 30}, {balance, alice}],
     [{deposit, bob, 25}, {withdraw, bob, 100}, {balance, bob}],
     [{deposit, carol, 5}, {deposit, carol, 5}, {balance, carol}]].

client(Bank, Parent, Ops) ->
    Results = [call(Bank, Op) || Op <- Ops],
    Parent ! {client_done, self(), Results}.

call(Pid, Request) ->
    Ref = make_ref(),
    Pid ! {call, self(), Ref, Request},
    receive {reply, Ref, Reply} -> Reply end.

reply(From, Ref, Reply) -> From ! {reply, Ref, Reply}.

%%% The bank: a registry of account processes -----------------------------

bank(Accounts) ->
    receive
        {call, From, Ref, {open, Name, Amount}} ->
            case maps:is_key(Name, Accounts) of
                true ->
                    reply(From, Ref, {error, exists}),
                    bank(Accounts);
                false ->
                    {Pid, _} = spawn_monitor(fun() -> account(Amount) end),
                    reply(From, Ref, ok),
                    bank(Accounts#{Name => Pid})
            end;
        {call, From, Ref, balances} ->
            Names = lists:sort(maps:keys(Accounts)),
            reply(From, Ref, [{N, call(maps:get(N, Accounts), balance)} || N <- Names]),
            bank(Accounts);
        {call, From, Ref, {transfer, A, B, Amount}} ->
            reply(From, Ref, transfer(Accounts, A, B, Amount)),
            bank(Accounts);
        {call, From, Ref, {crash, Name}} ->
            %% wait for the account's end, so later requests never see it
            Pid = maps:get(Name, Accounts),
            crashing = call(Pid, crash),
            receive
                {'DOWN', _, process, Pid, Reason} ->
                    io:format("account ~w ended: ~p~n", [Name, Reason]),
                    reply(From, Ref, {crashed, Reason}),
                    bank(maps:remove(Name, Accounts))
            end;
        {call, From, Ref, stop} ->
            [exit(P, kill) || P <- maps:values(Accounts)],
            reply(From, Ref, maps:size(Accounts));
        {call, From, Ref, {Op, Name}} ->
            forward(Accounts, From, Ref, Name, Op),
            bank(Accounts);
        {call, From, Ref, {Op, Name, Amount}} ->
            forward(Accounts, From, Ref, Name, {Op, Amount}),
            bank(Accounts)
    end.

forward(Accounts, From, Ref, Name, Request) ->
    case maps:find(Name, Accounts) of
        {ok, Pid} -> Pid ! {call, From, Ref, Request};
        error -> reply(From, Ref, {error, no_account})
    end.

transfer(Accounts, A, B, Amount) ->
    case {maps:find(A, Accounts), maps:find(B, Accounts)} of
        {{ok, Pa}, {ok, Pb}} ->
            case call(Pa, {withdraw, Amount}) of
                {ok, _} -> call(Pb, {deposit, Amount});
                Error -> Error
            end;
        _ -> {error, no_account}
    end.

%%% An account -------------------------------------------------------------

account(Balance) ->
    receive
        {call, From, Ref, balance} ->
            reply(From, Ref, Balance),
            account(Balance);
        {call, From, Ref, {deposit, N}} when N > 0 ->
            reply(From, Ref, {ok, Balance + N}),
            account(Balance + N);
        {call, From, Ref, {withdraw, N}} when N =< Balance ->
            reply(From, Ref, {ok, Balance - N}),
            account(Balance - N);
        {call, From, Ref, {withdraw, _}} ->
            reply(From, Ref, {error, insufficient_funds}),
            account(Balance);
        {call, From, Ref, crash} ->
            reply(From, Ref, crashing),
            exit({crashed, Balance})
    end.
