%% Register allocation around calls: a variable lives in an x register
%% unless a call (or receive, try, catch, a comprehension) lies between
%% its binding and a use. Each function below has a value that must
%% survive a call on some path only, or a value that must not.
-module(case_live_regs).
-export([main/1]).

-record(r, {a = 1, b = id(2), c}).

id(X) -> X.

%% A is needed after the call in one branch only.
one_branch(A, B) ->
    case B of
        call -> C = id(B), {A, C};
        none -> {A, B}
    end.

%% X is bound in both branches, one of which calls.
bound_in_branches(K, V) ->
    X = case K of
            a -> id(V) + 1;
            b -> V * 2
        end,
    {X, K, V}.

%% The argument is read before the call and in a different clause after.
arg_reuse([H | T], L) -> [H | arg_reuse(T, L)];
arg_reuse([], L) -> L.

%% A variable used as an argument beside a call argument.
beside(N, L) -> {N, length(id(L)), N + 1, id(N)}.

%% try/catch with values from before the try, used in the handler and after.
try_vals(A, B) ->
    C = A + 1,
    R = try
            id(B) / A
        catch
            error:badarith -> {caught, C}
        end,
    {R, A, B, C}.

%% catch with a variable bound before it.
catch_vals(X) ->
    Y = X * 3,
    Z = (catch id(X) div 0),
    {Y, element(1, Z), X}.

%% receive after calls: values from before survive the wait.
recv_after(P) ->
    self() ! {msg, P},
    Q = id(P),
    receive
        {msg, M} -> {M, Q, P}
    after 100 -> timeout
    end.

%% andalso with a call on its right.
short(A, B) -> {A > 0 andalso id(B), A, B}.

%% records whose default value calls a function; fields given out of order.
rec(X, Y) -> R = #r{c = id(X), a = Y}, {R, X, Y}.

%% maps built and updated around calls.
maps_around(K, V) ->
    M = #{K => id(V)},
    M2 = M#{other => V},
    {maps:get(K, M2), K, V, maps:size(M2)}.

%% binary match with a size from an earlier segment, then a call.
bin_size(<<N:8, B:N/binary, Rest/binary>>) -> {id(B), N, Rest}.

%% a fun capturing values, called after another call.
fun_capture(A, B) ->
    F = fun(X) -> X + A + B end,
    Y = id(A),
    {F(Y), A, B}.

%% guards with BIFs that fail, falling to the next clause that tests the
%% same type again.
guards([H | T], X) when H > X, length(T) > 1 -> {big, H};
guards([H | _], _) when is_atom(H) -> atom;
guards([_ | T], X) -> guards(T, X);
guards([], _) -> done.

tup({A, B}) when A > B -> gt;
tup({A, A}) -> eq;
tup({A, _}) when is_atom(A) -> atom;
tup({_, _}) -> lt;
tup(_) -> other.

%% a value live across two calls and used between them.
two_calls(A) ->
    B = id(A),
    C = id(B + A),
    {A, B, C}.

%% a variable bound after a call, then read after another call.
after_call(A) ->
    B = id(A),
    C = id(A + 1),
    B + C.

%% nested case: inner binding used after an outer call.
nested(A, B) ->
    case A of
        {x, P} ->
            case id(P) of
                Q when Q > B -> {Q, P, B};
                Q -> {small, Q, P}
            end;
        _ -> {none, A, B}
    end.

%% list comprehension with outer values.
lc(L, K) -> [X * K || X <- L, X > id(K)] ++ [K].

%% many arguments, some used after a call.
many(A, B, C, D, E) ->
    F = id(A + B),
    {F, C, id(D), E}.

main(_) ->
    io:format("~p~n", [[one_branch(1, call), one_branch(2, none)]]),
    io:format("~p~n", [[bound_in_branches(a, 5), bound_in_branches(b, 5)]]),
    io:format("~p~n", [arg_reuse([1, 2, 3], [4])]),
    io:format("~p~n", [beside(7, [a, b])]),
    io:format("~p~n", [[try_vals(2, 8), try_vals(0, 8)]]),
    io:format("~p~n", [catch_vals(4)]),
    io:format("~p~n", [recv_after(hello)]),
    io:format("~p~n", [[short(1, yes), short(0, yes)]]),
    io:format("~p~n", [rec(x, y)]),
    io:format("~p~n", [maps_around(k, v)]),
    io:format("~p~n", [bin_size(<<2, "ab", "rest">>)]),
    io:format("~p~n", [fun_capture(1, 2)]),
    io:format("~p~n", [[guards([5, 1, 2], 3), guards([5, 1], 3), guards([a], 3), guards([1, 2], 3)]]),
    io:format("~p~n", [[tup({2, 1}), tup({1, 1}), tup({a, b}), tup({1, 2}), tup(x), tup({1, 2, 3})]]),
    io:format("~p~n", [[two_calls(3), after_call(3)]]),
    io:format("~p~n", [[nested({x, 5}, 1), nested({x, 0}, 1), nested(y, 1)]]),
    io:format("~p~n", [lc([1, 2, 3, 4], 2)]),
    io:format("~p~n", [many(1, 2, 3, 4, 5)]).
