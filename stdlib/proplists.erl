%% proplists.erl -- Moat standard library: the OTP 25 `proplists` module.
%%
%% Provides every function of OTP 25's proplists.  No function of this
%% module is a C BIF in Moat.  get_keys/1 returns the keys in the order of
%% sets:to_list/1, as OTP does.
-module(proplists).

-export([append_values/2, compact/1, delete/2, expand/2, from_map/1,
         get_all_values/2, get_bool/2, get_keys/1, get_value/2, get_value/3,
         is_defined/2, lookup/2, lookup_all/2, normalize/2, property/1,
         property/2, split/2, substitute_aliases/2, substitute_negations/2,
         to_map/1, to_map/2, unfold/1]).

property({Key, true}) when is_atom(Key) -> Key;
property(P) -> P.

property(Key, true) when is_atom(Key) -> Key;
property(Key, Value) -> {Key, Value}.

unfold([P | Ps]) when is_atom(P) -> [{P, true} | unfold(Ps)];
unfold([P | Ps]) -> [P | unfold(Ps)];
unfold([]) -> [].

compact(List) -> [property(P) || P <- List].

lookup(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> {Key, true};
       tuple_size(P) >= 1, element(1, P) =:= Key -> P;
       true -> lookup(Key, Ps)
    end;
lookup(_, []) -> none.

lookup_all(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> [{Key, true} | lookup_all(Key, Ps)];
       tuple_size(P) >= 1, element(1, P) =:= Key -> [P | lookup_all(Key, Ps)];
       true -> lookup_all(Key, Ps)
    end;
lookup_all(_, []) -> [].

is_defined(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> true;
       tuple_size(P) >= 1, element(1, P) =:= Key -> true;
       true -> is_defined(Key, Ps)
    end;
is_defined(_, []) -> false.

get_value(Key, List) -> get_value(Key, List, undefined).

get_value(Key, [P | Ps], Default) ->
    if is_atom(P), P =:= Key -> true;
       tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} -> Value;
                _ -> Default
            end;
       true -> get_value(Key, Ps, Default)
    end;
get_value(_, [], Default) -> Default.

get_all_values(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> [true | get_all_values(Key, Ps)];
       tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} -> [Value | get_all_values(Key, Ps)];
                _ -> get_all_values(Key, Ps)
            end;
       true -> get_all_values(Key, Ps)
    end;
get_all_values(_, []) -> [].

append_values(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> [true | append_values(Key, Ps)];
       tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, Value} when is_list(Value) -> Value ++ append_values(Key, Ps);
                {_, Value} -> [Value | append_values(Key, Ps)];
                _ -> append_values(Key, Ps)
            end;
       true -> append_values(Key, Ps)
    end;
append_values(_, []) -> [].

get_bool(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> true;
       tuple_size(P) >= 1, element(1, P) =:= Key ->
            case P of
                {_, true} -> true;
                _ -> false
            end;
       true -> get_bool(Key, Ps)
    end;
get_bool(_, []) -> false.

get_keys(Ps) -> sets:to_list(get_keys(Ps, sets:new())).

get_keys([P | Ps], Keys) ->
    if is_atom(P) -> get_keys(Ps, sets:add_element(P, Keys));
       tuple_size(P) >= 1 -> get_keys(Ps, sets:add_element(element(1, P), Keys));
       true -> get_keys(Ps, Keys)
    end;
get_keys([], Keys) -> Keys.

delete(Key, [P | Ps]) ->
    if is_atom(P), P =:= Key -> delete(Key, Ps);
       tuple_size(P) >= 1, element(1, P) =:= Key -> delete(Key, Ps);
       true -> [P | delete(Key, Ps)]
    end;
delete(_, []) -> [].

%% The key of an entry, or none for terms that are not entries.
key_of(P) when is_atom(P) -> {ok, P};
key_of(P) when tuple_size(P) >= 1 -> {ok, element(1, P)};
key_of(_) -> none.

substitute_aliases(As, Props) -> [alias(As, P) || P <- Props].

alias(As, P) ->
    case key_of(P) of
        {ok, K} ->
            case first_pair(K, As) of
                {ok, K2} when is_atom(P) -> property(K2, true);
                {ok, K2} when tuple_size(P) =:= 2 -> property(K2, element(2, P));
                {ok, K2} -> setelement(1, P, K2);
                none -> P
            end;
        none -> P
    end.

%% The first {Key, Value} in a list of pairs: {ok, Value} or none.
first_pair(Key, [{Key, V} | _]) -> {ok, V};
first_pair(Key, [_ | T]) -> first_pair(Key, T);
first_pair(_, []) -> none.

substitute_negations(As, Props) -> [negate(As, P) || P <- Props].

negate(As, P) ->
    case key_of(P) of
        {ok, K} ->
            case first_pair(K, As) of
                {ok, K2} when is_atom(P) -> {K2, false};
                {ok, K2} ->
                    case P of
                        {_, true} -> {K2, false};
                        _ -> property(K2, true)
                    end;
                none -> P
            end;
        none -> P
    end.

%% expand/2: for each {Property, Expansion} in turn: if the first entry
%% with the key of Property has the same normal form as Property, it is
%% replaced by the terms of Expansion and later entries with the key are
%% deleted; otherwise that entry is put in normal form.  At the end, list
%% elements are spliced into the result (one level).
expand(Es, Ps) when is_list(Es) ->
    expand_1(Es, Ps).

entry_key(P) when is_tuple(P), tuple_size(P) >= 1 -> element(1, P);
entry_key(P) -> P.

expand_1([{P, Exp} | Es], Ps) ->
    expand_1(Es, expand_2(entry_key(P), property(P), Exp, Ps));
expand_1([], Ps) -> flatten_1(Ps).

expand_2(Key, P1, Exp, [P | Ps]) ->
    case key_of(P) of
        {ok, Key} ->
            case property(P) of
                P1 -> [Exp | delete(Key, Ps)];
                P2 -> [P2 | Ps]
            end;
        _ -> [P | expand_2(Key, P1, Exp, Ps)]
    end;
expand_2(_, _, _, []) -> [].

flatten_1([P | Ps]) when is_list(P) -> P ++ flatten_1(Ps);
flatten_1([P | Ps]) -> [P | flatten_1(Ps)];
flatten_1([]) -> [].

normalize(L, [{aliases, As} | Xs]) -> normalize(substitute_aliases(As, L), Xs);
normalize(L, [{expand, Es} | Xs]) -> normalize(expand(Es, L), Xs);
normalize(L, [{negations, Ns} | Xs]) -> normalize(substitute_negations(Ns, L), Xs);
normalize(L, []) -> compact(L).

split(List, Keys) ->
    Lists = [[P || P <- List, key_of(P) =:= {ok, K}] || K <- Keys],
    Rest = [P || P <- List, not in_keys(key_of(P), Keys)],
    {Lists, Rest}.

in_keys({ok, K}, Keys) -> lists:member(K, Keys);
in_keys(none, _) -> false.

%% to_map/1: the first entry for a key decides; entries that are neither
%% atoms nor pairs leave their key out.
to_map(List) -> to_map_1(lists:reverse(List), #{}).

to_map_1([P | Ps], M) when is_atom(P) -> to_map_1(Ps, maps:put(P, true, M));
to_map_1([{K, V} | Ps], M) -> to_map_1(Ps, maps:put(K, V, M));
to_map_1([P | Ps], M) when is_tuple(P), tuple_size(P) >= 1 ->
    to_map_1(Ps, maps:remove(element(1, P), M));
to_map_1([_ | Ps], M) -> to_map_1(Ps, M);
to_map_1([], M) -> M.

to_map(List, Stages) -> to_map(normalize(List, Stages)).

from_map(Map) -> maps:to_list(Map).
