-module(prog_json).
-export([main/1]).
%% A tiny JSON encoder producing iolists.

enc(null) -> <<"null">>;
enc(true) -> <<"true">>;
enc(false) -> <<"false">>;
enc(N) when is_integer(N) -> integer_to_binary(N);
enc(F) when is_float(F) -> float_to_binary(F, [short]);
enc(A) when is_atom(A) -> enc(atom_to_binary(A));
enc(B) when is_binary(B) -> [$", escape(B), $"];
enc(L) when is_list(L) -> [$[, lists:join($,, [enc(X) || X <- L]), $]];
enc(M) when is_map(M) ->
    Pairs = [[enc(to_bin(K)), $:, enc(V)] || {K, V} <- lists:sort(maps:to_list(M))],
    [${, lists:join($,, Pairs), $}].

to_bin(K) when is_atom(K) -> atom_to_binary(K);
to_bin(K) when is_binary(K) -> K;
to_bin(K) when is_integer(K) -> integer_to_binary(K).

escape(B) -> [esc(C) || <<C>> <= B].
esc($") -> <<"\\\"">>;
esc($\\) -> <<"\\\\">>;
esc($\n) -> <<"\\n">>;
esc(C) when C < 32 -> io_lib:format("\\u~4.16.0b", [C]);
esc(C) -> C.

main(_) ->
    Docs = [null, true, 42, -7, 1.5, 1.0e-5, <<"hi">>, <<"q\"uote\n">>, [], [1, 2, 3],
            #{}, #{name => <<"moat">>, version => 1, tags => [a, b], nested => #{ok => true}},
            [#{id => 1}, #{id => 2, extra => null}], <<1, 2>>],
    lists:foreach(fun(D) -> io:format("~s~n", [iolist_to_binary(enc(D))]) end, Docs),
    io:format("~p~n", [iolist_size(enc(lists:seq(1, 100)))]).
