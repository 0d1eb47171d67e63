%% counters.erl -- Moat standard library: OTP 25's `counters` module,
%% written on the atomics BIFs (vm/atomics.c), as OTP writes it.
%%
%% A counter array is {atomics, Ref} or, with the write_concurrency
%% option, {write_concurrency, Ref}: both are signed 64-bit atomics in
%% Moat (erl spreads write_concurrency counters over schedulers; the
%% values read are the same, info/1's memory differs).
-module(counters).

-export([new/2, get/2, add/3, sub/3, put/3, info/1]).

-define(IS_INT64(I), (is_integer(I) andalso I >= -16#8000000000000000 andalso I =< 16#7fffffffffffffff)).

new(Size, Options) when is_integer(Size), Size >= 1, is_list(Options) ->
    Kind = kind(Options, atomics),
    try {Kind, atomics:new(Size, [{signed, true}])}
    catch error:badarg -> erlang:error(badarg, [Size, Options])
    end;
new(Size, Options) ->
    erlang:error(badarg, [Size, Options]).

kind([], Kind) -> Kind;
kind([atomics | T], _) -> kind(T, atomics);
kind([write_concurrency | T], _) -> kind(T, write_concurrency);
kind(_, _) -> erlang:error(badarg).

get({_, Ref}, Ix) -> atomics:get(Ref, Ix);
get(Ref, Ix) -> erlang:error(badarg, [Ref, Ix]).

add({_, Ref}, Ix, Incr) when ?IS_INT64(Incr) -> atomics:add(Ref, Ix, Incr);
add(Ref, Ix, Incr) -> erlang:error(badarg, [Ref, Ix, Incr]).

sub({_, Ref}, Ix, Decr) when ?IS_INT64(Decr) -> atomics:sub(Ref, Ix, Decr);
sub(Ref, Ix, Decr) -> erlang:error(badarg, [Ref, Ix, Decr]).

put({_, Ref}, Ix, Value) when ?IS_INT64(Value) -> atomics:put(Ref, Ix, Value);
put(Ref, Ix, Value) -> erlang:error(badarg, [Ref, Ix, Value]).

info({atomics, Ref}) -> atomics:info(Ref);
info({write_concurrency, Ref}) ->
    #{size := Size, memory := Memory} = atomics:info(Ref),
    #{size => Size, memory => Memory};
info(Ref) -> erlang:error(badarg, [Ref]).
