%% queue.erl -- Moat standard library: the OTP 25 `queue` module.
%%
%% Provides every function of OTP 25's queue (original, extended and Okasaki
%% APIs).  No function of this module is a C BIF in Moat.
%%
%% A queue is {Rear, Front}: Front holds the oldest elements in order, Rear
%% the newest in reverse order.  The queues built by every function have
%% exactly the shape OTP builds (users print them).
-module(queue).

-export([all/2, any/2, cons/2, daeh/1, delete/2, delete_r/2, delete_with/2,
         delete_with_r/2, drop/1, drop_r/1, filter/2, filtermap/2, fold/3,
         from_list/1, get/1, get_r/1, head/1, in/2, in_r/2, init/1,
         is_empty/1, is_queue/1, join/2, lait/1, last/1, len/1, liat/1,
         member/2, new/0, out/1, out_r/1, peek/1, peek_r/1, reverse/1,
         snoc/2, split/2, tail/1, to_list/1]).

-define(IS_Q(R, F), is_list(R), is_list(F)).

%%% Balancing ----------------------------------------------------------

%% A queue from a list in queue order: the first half goes to the front.
f2r([]) -> {[], []};
f2r([_] = L) -> {L, []};
f2r(L) ->
    {F, Rest} = lists:split(length(L) div 2, L),
    {lists:reverse(Rest), F}.

%% A queue from a list in rear order (newest first): the newest half stays
%% in the rear.
r2f([]) -> {[], []};
r2f([_] = L) -> {[], L};
r2f(L) ->
    {R, Rest} = lists:split(length(L) div 2, L),
    {R, lists:reverse(Rest)}.

%%% Original API -------------------------------------------------------

new() -> {[], []}.

is_queue({R, F}) when ?IS_Q(R, F) -> true;
is_queue(_) -> false.

is_empty({[], []}) -> true;
is_empty({R, F}) when ?IS_Q(R, F) -> false;
is_empty(Q) -> erlang:error(badarg, [Q]).

len({R, F}) when ?IS_Q(R, F) -> length(R) + length(F);
len(Q) -> erlang:error(badarg, [Q]).

to_list({R, F}) when ?IS_Q(R, F) -> F ++ lists:reverse(R);
to_list(Q) -> erlang:error(badarg, [Q]).

from_list(L) when is_list(L) -> f2r(L);
from_list(L) -> erlang:error(badarg, [L]).

member(X, {R, F}) when ?IS_Q(R, F) -> lists:member(X, F) orelse lists:member(X, R);
member(X, Q) -> erlang:error(badarg, [X, Q]).

in(X, {[_] = R, []}) -> {[X], R};
in(X, {R, F}) when ?IS_Q(R, F) -> {[X | R], F};
in(X, Q) -> erlang:error(badarg, [X, Q]).

in_r(X, {[], [_] = F}) -> {F, [X]};
in_r(X, {R, F}) when ?IS_Q(R, F) -> {R, [X | F]};
in_r(X, Q) -> erlang:error(badarg, [X, Q]).

out({[], []} = Q) -> {empty, Q};
out({R, F} = Q) when ?IS_Q(R, F) ->
    {V, Q1} = take_front(Q),
    {{value, V}, Q1};
out(Q) -> erlang:error(badarg, [Q]).

out_r({[], []} = Q) -> {empty, Q};
out_r({R, F} = Q) when ?IS_Q(R, F) ->
    {V, Q1} = take_rear(Q),
    {{value, V}, Q1};
out_r(Q) -> erlang:error(badarg, [Q]).

%% Remove the oldest element of a non-empty queue.
take_front({[V], []}) -> {V, {[], []}};
take_front({[Y | R], []}) ->
    [V | F] = lists:reverse(R),
    {V, {[Y], F}};
take_front({R, [V]}) -> {V, r2f(R)};
take_front({R, [V | F]}) -> {V, {R, F}}.

%% Remove the newest element of a non-empty queue.
take_rear({[], [V]}) -> {V, {[], []}};
take_rear({[], [Y | F]}) ->
    [V | R] = lists:reverse(F),
    {V, {R, [Y]}};
take_rear({[V], F}) -> {V, f2r(F)};
take_rear({[V | R], F}) -> {V, {R, F}}.

%%% Extended API -------------------------------------------------------

get({[], []} = Q) -> erlang:error(empty, [Q]);
get({R, F}) when ?IS_Q(R, F) -> front(R, F);
get(Q) -> erlang:error(badarg, [Q]).

front(_, [V | _]) -> V;
front([V], []) -> V;
front(R, []) -> lists:last(R).

get_r({[], []} = Q) -> erlang:error(empty, [Q]);
get_r({R, F}) when ?IS_Q(R, F) -> rear(R, F);
get_r(Q) -> erlang:error(badarg, [Q]).

rear([V | _], _) -> V;
rear([], [V]) -> V;
rear([], F) -> lists:last(F).

peek({[], []}) -> empty;
peek({R, F}) when ?IS_Q(R, F) -> {value, front(R, F)};
peek(Q) -> erlang:error(badarg, [Q]).

peek_r({[], []}) -> empty;
peek_r({R, F}) when ?IS_Q(R, F) -> {value, rear(R, F)};
peek_r(Q) -> erlang:error(badarg, [Q]).

drop({[], []} = Q) -> erlang:error(empty, [Q]);
drop({R, F} = Q) when ?IS_Q(R, F) -> element(2, take_front(Q));
drop(Q) -> erlang:error(badarg, [Q]).

drop_r({[], []} = Q) -> erlang:error(empty, [Q]);
drop_r({R, F} = Q) when ?IS_Q(R, F) -> element(2, take_rear(Q));
drop_r(Q) -> erlang:error(badarg, [Q]).

reverse({R, F}) when ?IS_Q(R, F) -> {F, R};
reverse(Q) -> erlang:error(badarg, [Q]).

join({R, F} = Q, {[], []}) when ?IS_Q(R, F) -> Q;
join({[], []}, {R, F} = Q) when ?IS_Q(R, F) -> Q;
join({R1, F1}, {R2, F2}) when ?IS_Q(R1, F1), ?IS_Q(R2, F2) ->
    {R2, F1 ++ lists:reverse(R1, F2)};
join(Q1, Q2) -> erlang:error(badarg, [Q1, Q2]).

split(0, {R, F} = Q) when ?IS_Q(R, F) -> {{[], []}, Q};
split(N, {R, F} = Q) when is_integer(N), N >= 1, ?IS_Q(R, F) ->
    LF = length(F),
    if N < LF ->
            {[X | F1], F2} = lists:split(N, F),
            {{lists:reverse(F1), [X]}, {R, F2}};
       N =:= LF ->
            {f2r(F), r2f(R)};
       true ->
            LR = length(R),
            if N =:= LF + LR -> {Q, {[], []}};
               N > LF + LR -> erlang:error(badarg, [N, Q]);
               true ->
                    {[Y | R2], R1} = lists:split(LR - (N - LF), R),
                    {{R1, F}, {[Y], lists:reverse(R2)}}
            end
    end;
split(N, Q) -> erlang:error(badarg, [N, Q]).

filter(Fun, {R, F}) when is_function(Fun, 1), ?IS_Q(R, F) ->
    F1 = filter_f(Fun, F),
    R1 = filter_r(Fun, R),
    rebalance(R1, F1);
filter(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

%% Front list, in queue order.
filter_f(_, []) -> [];
filter_f(Fun, [X | F]) ->
    case Fun(X) of
        true -> [X | filter_f(Fun, F)];
        false -> filter_f(Fun, F);
        L when is_list(L) -> L ++ filter_f(Fun, F)
    end.

%% Rear list, newest first: replacement lists go in reversed.
filter_r(_, []) -> [];
filter_r(Fun, [X | R]) ->
    case Fun(X) of
        true -> [X | filter_r(Fun, R)];
        false -> filter_r(Fun, R);
        L when is_list(L) -> lists:reverse(L, filter_r(Fun, R))
    end.

rebalance([], []) -> {[], []};
rebalance(R, []) -> r2f(R);
rebalance([], F) -> f2r(F);
rebalance(R, F) -> {R, F}.

filtermap(Fun, {R, F}) when is_function(Fun, 1), ?IS_Q(R, F) ->
    F1 = lists:filtermap(Fun, F),
    R1 = lists:filtermap(Fun, R),
    rebalance(R1, F1);
filtermap(Fun, Q) -> erlang:error(badarg, [Fun, Q]).

fold(Fun, Acc, {R, F}) when is_function(Fun, 2), ?IS_Q(R, F) ->
    lists:foldr(Fun, lists:foldl(Fun, Acc, F), R);
fold(Fun, Acc, Q) -> erlang:error(badarg, [Fun, Acc, Q]).

any(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    lists:any(Pred, F) orelse lists:any(Pred, R);
any(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

all(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    lists:all(Pred, F) andalso lists:all(Pred, R);
all(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete(X, {R, F}) when ?IS_Q(R, F) ->
    del_front(fun(Y) -> Y =:= X end, R, F);
delete(X, Q) -> erlang:error(badarg, [X, Q]).

delete_r(X, {R, F}) when ?IS_Q(R, F) ->
    del_rear(fun(Y) -> Y =:= X end, R, F);
delete_r(X, Q) -> erlang:error(badarg, [X, Q]).

delete_with(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    del_front(Pred, R, F);
delete_with(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

delete_with_r(Pred, {R, F}) when is_function(Pred, 1), ?IS_Q(R, F) ->
    del_rear(Pred, R, F);
delete_with_r(Pred, Q) -> erlang:error(badarg, [Pred, Q]).

%% Delete the oldest element matching Pred.
del_front(Pred, R, F) ->
    case del_first(Pred, F) of
        {ok, []} -> r2f(R);
        {ok, F1} -> {R, F1};
        none ->
            case del_first(Pred, lists:reverse(R)) of
                {ok, RevR1} ->
                    case lists:reverse(RevR1) of
                        [] -> f2r(F);
                        R1 -> {R1, F}
                    end;
                none -> {R, F}
            end
    end.

%% Delete the newest element matching Pred.
del_rear(Pred, R, F) ->
    case del_first(Pred, R) of
        {ok, []} -> f2r(F);
        {ok, R1} -> {R1, F};
        none ->
            case del_first(Pred, lists:reverse(F)) of
                {ok, RevF1} ->
                    case lists:reverse(RevF1) of
                        [] -> r2f(R);
                        F1 -> {R, F1}
                    end;
                none -> {R, F}
            end
    end.

del_first(Pred, L) -> del_first(Pred, L, []).

del_first(Pred, [X | T], Acc) ->
    case Pred(X) of
        true -> {ok, lists:reverse(Acc, T)};
        false -> del_first(Pred, T, [X | Acc])
    end;
del_first(_, [], _) -> none.

%%% Okasaki API --------------------------------------------------------

cons(X, Q) -> in_r(X, Q).

head({[], []} = Q) -> erlang:error(empty, [Q]);
head({R, F}) when ?IS_Q(R, F) -> front(R, F);
head(Q) -> erlang:error(badarg, [Q]).

tail(Q) -> drop(Q).

snoc(Q, X) -> in(X, Q).

daeh(Q) -> get_r(Q).

last(Q) -> get_r(Q).

liat(Q) -> drop_r(Q).

lait(Q) -> drop_r(Q).

init(Q) -> drop_r(Q).
