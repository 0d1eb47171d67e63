-module(map_large_keys).
-export([main/1]).
%% Large maps with keys of every kind: =:= keys (1 and 1.0 differ),
%% term order and equality of maps, external term format, hashing.

main(_) ->
    Keys = keys(),
    M = lists:foldl(fun({I, K}, Acc) -> Acc#{K => I} end, #{}, lists:enumerate(Keys)),
    R = lists:foldl(fun({I, K}, Acc) -> maps:put(K, I, Acc) end, #{}, lists:reverse(lists:enumerate(Keys))),
    io:format("size ~p ~p~n", [map_size(M), length(Keys)]),
    io:format("one ~p ~p ~p~n", [maps:get(1, M), maps:get(1.0, M), maps:get(3.0, M, none)]),
    io:format("lookups ~p~n", [lists:all(fun({I, K}) -> maps:get(K, M) =:= I end, lists:enumerate(Keys))]),
    io:format("same keys ~p ~p~n", [lists:sort(maps:keys(M)) =:= lists:sort(maps:keys(R)), M =:= R]),
    %% same pairs inserted in another order
    S = maps:from_list(lists:reverse(maps:to_list(M))),
    Sh = lists:foldl(fun(K, Acc) -> Acc#{K => maps:get(K, M)} end, #{}, shuffle(Keys)),
    io:format("orders ~p ~p ~p~n", [S =:= M, Sh =:= M, Sh == M]),
    %% term order: size first, then keys, then values
    Bigger = M#{zzz => 1},
    OtherVal = M#{42 := other},
    OtherKey = maps:put(new_key, 1, maps:remove(42, M)),
    io:format("cmp ~p ~p ~p ~p~n", [M < Bigger, Bigger > M, compare(M, OtherVal), compare(M, OtherKey)]),
    io:format("cmp small ~p ~p~n", [#{a => 1} < M, M < {}]),
    io:format("sort ~p~n", [[map_size(X) || X <- lists:sort([Bigger, M, #{}, OtherKey, #{x => 1}])]]),
    %% 1 and 1.0 keys: == on maps is still key-exact
    A = maps:from_list([{K, 0} || K <- lists:seq(1, 40)]),
    B = maps:put(1.0, 0, maps:remove(1, A)),
    io:format("float key ~p ~p ~p~n", [A == B, A =:= B, compare(A, B)]),
    %% values compared with == in ==
    C = A#{2 := 0.0},
    io:format("float val ~p ~p~n", [A == C, A =:= C]),
    %% external term format
    Bin = term_to_binary(M),
    io:format("etf ~p ~p~n", [binary_to_term(Bin) =:= M, byte_size(Bin)]),
    io:format("etf nested ~p~n", [binary_to_term(term_to_binary({M, [R]})) =:= {M, [R]}]),
    %% a large map as a key and a message
    K2 = #{M => a, A => b},
    io:format("map keys ~p ~p~n", [maps:get(R, K2), maps:get(B, K2, none)]),
    Self = self(),
    spawn(fun() -> Self ! {back, M} end),
    receive {back, Got} -> io:format("message ~p~n", [Got =:= M]) end,
    io:format("phash2 ~p ~p~n", [erlang:phash2(A), erlang:phash2(A) =:= erlang:phash2(maps:from_list(maps:to_list(A)))]),
    Grown = lists:foldl(fun(I, Acc) -> Acc#{I => {I}} end, #{}, lists:seq(1, 1000)),
    io:format("phash2 ~p ~p ~p~n", [erlang:phash2(Grown), erlang:phash2(M), erlang:phash2({M, [Grown]}, 1000)]),
    %% keys that differ only very deep down (the hash of a key may stop
    %% before its end: such keys collide)
    Deep = [nest(I, 80) || I <- lists:seq(1, 40)],
    D = lists:foldl(fun(K, Acc) -> Acc#{K => size_of(K)} end, M, Deep),
    io:format("deep ~p ~p~n", [map_size(D), lists:all(fun(K) -> maps:get(K, D) =:= size_of(K) end, Deep)]),
    D2 = lists:foldl(fun(K, Acc) -> maps:remove(K, Acc) end, D, tl(Deep)),
    io:format("deep ~p ~p ~p~n", [map_size(D2), maps:is_key(hd(Deep), D2), D2 =:= M#{hd(Deep) => 1}]),
    D3 = lists:foldl(fun(K, Acc) -> Acc#{K := x} end, D, Deep),
    io:format("deep ~p ~p~n", [maps:get(lists:last(Deep), D3), maps:get(nest(41, 80), D3, none)]),
    ok.

nest(I, 0) -> I;
nest(I, N) -> {nest(I, N - 1)}.

size_of(K) -> length(tuple_to_list(K)).

compare(X, Y) when X < Y -> lt;
compare(X, Y) when X > Y -> gt;
compare(_, _) -> eq.

keys() ->
    Ints = lists:seq(-200, 200),
    Floats = [I + 0.5 || I <- lists:seq(-50, 50)] ++ [1.0, 2.0, 0.0],
    Atoms = [list_to_atom("k" ++ integer_to_list(I)) || I <- lists:seq(1, 100)],
    Bins = [<<I:16>> || I <- lists:seq(1, 100)] ++ [<<"x", I>> || I <- lists:seq(1, 50)],
    Tuples = [{I, I * 2} || I <- lists:seq(1, 100)] ++ [{a, [I]} || I <- lists:seq(1, 30)],
    Lists = [[I, I] || I <- lists:seq(1, 60)] ++ ["str" ++ integer_to_list(I) || I <- lists:seq(1, 40)],
    Bigs = [(1 bsl 70) + I || I <- lists:seq(1, 50)] ++ [-(1 bsl 65) - I || I <- lists:seq(1, 20)],
    Maps = [#{I => I} || I <- lists:seq(1, 20)],
    (Ints ++ Floats ++ Atoms ++ Bins ++ Tuples ++ Lists ++ Bigs ++ Maps).

%% deterministic shuffle
shuffle(L) ->
    [X || {_, X} <- lists:sort([{erlang:phash2({I, 7}), X} || {I, X} <- lists:enumerate(L)])].
