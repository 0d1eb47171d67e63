-module(rec_guards).
-export([main/1]).
%% Records in guards and in list comprehension filters; record field defaults from expressions.

-record(item, {name, price = 0, qty = 1, tags = []}).
-record(wrap, {inner = #item{name = default}, n = length([a, b, c])}).

cheap(I) when I#item.price < 10 -> true;
cheap(_) -> false.

total(#item{price = P, qty = Q}) -> P * Q.

tagged(I, T) when is_record(I, item) -> lists:member(T, I#item.tags);
tagged(_, _) -> false.

main(_) ->
    Items = [#item{name = pen, price = 2, qty = 10, tags = [office]},
             #item{name = lamp, price = 40, tags = [home, office]},
             #item{name = mug, price = 8, qty = 3, tags = [home]}],
    io:format("~p~n", [[I#item.name || I <- Items, cheap(I)]]),
    io:format("~p~n", [[I#item.name || I <- Items, I#item.qty > 1]]),
    io:format("~p~n", [lists:sum([total(I) || I <- Items])]),
    io:format("~p~n", [[I#item.name || I <- Items, tagged(I, office)]]),
    io:format("~p~n", [#wrap{}]),
    io:format("~p~n", [[N || #item{name = N, price = P} <- Items, P > 5]]),
    io:format("~p~n", [lists:keysort(#item.price, Items)]),
    io:format("~p~n", [[element(#item.name, I) || I <- Items]]),
    io:format("~p~n", [tagged({item, x}, home)]),
    io:format("~p~n", [case #item{name = x} of #item{price = 0, qty = 1} -> defaults; _ -> other end]).
