%% queue_check.erl -- compare stdlib/queue.erl (as m_queue) with OTP's
%% queue on erl, including the exact shape of every queue built.
-module(queue_check).
-export([run/0]).

-import(check_lib, [cmp/4, pick/1, times/2, int/2]).

-define(R, queue).
-define(M, m_queue).

c(F, Args) -> cmp(?R, ?M, F, Args).

%% A random queue built by OTP operations (any reachable shape).
rq() ->
    Q0 = queue:from_list(lists:seq(1, int(0, 6))),
    lists:foldl(fun(_, Q) -> op(Q) end, Q0, lists:seq(1, int(0, 12))).

op(Q) ->
    N = 100 + rand:uniform(100),
    case rand:uniform(7) of
        1 -> queue:in(N, Q);
        2 -> queue:in_r(N, Q);
        3 -> element(2, queue:out(Q));
        4 -> element(2, queue:out_r(Q));
        5 -> queue:in(N, queue:in(N + 1, Q));
        6 -> queue:filter(fun(X) -> X rem 3 =/= 0 end, Q);
        7 -> queue:reverse(Q)
    end.

bad() -> pick([x, {[], x}, {a, b, c}, [1, 2]]).

run() ->
    check_lib:start(),
    check_lib:exports(?R, ?M, []),
    [c(F, [B]) || B <- [{[], []}, x, {[], x}, {x, []}],
                 F <- [is_queue, is_empty, len, to_list, out, out_r, get, get_r, peek, peek_r,
                       drop, drop_r, reverse, head, tail, daeh, last, liat, lait, init]],
    c(from_list, [x]), c(from_list, [[a | b]]),
    times(4000, fun round/0),
    times(300, fun lockstep/0),
    check_lib:finish("queue").

round() ->
    Q = pick([rq(), rq(), rq(), bad()]), Q2 = pick([rq(), rq(), bad()]),
    X = pick([1, 2, 3, 101, 150]),
    [c(F, [Q]) || F <- [is_queue, is_empty, len, to_list, out, out_r, get, get_r, peek, peek_r,
                       drop, drop_r, reverse, head, tail, daeh, last, liat, lait, init]],
    c(from_list, [lists:seq(1, int(0, 9))]),
    [c(F, [X, Q]) || F <- [in, in_r, member, delete, delete_r, cons]],
    c(snoc, [Q, X]),
    c(join, [Q, Q2]),
    c(split, [pick([0, 1, 2, 3, 4, 5, 8, -1, a]), Q]),
    P = pick([fun(E) -> E rem 2 =:= 0 end, fun(E) -> E > 2 end, fun(_) -> false end,
              fun(_) -> true end, notfun]),
    [c(F, [P, Q]) || F <- [any, all, delete_with, delete_with_r]],
    c(filter, [pick([P, fun(E) -> [E, E] end, fun(E) when E > 3 -> []; (E) -> [E] end,
                     fun(_) -> x end]), Q]),
    c(filtermap, [pick([P, fun(E) when E > 2 -> {true, {E}}; (_) -> false end]), Q]),
    c(fold, [pick([fun(E, A) -> [E | A] end, notfun]), [], Q]),
    ok.

%% Apply the same random operations to both; states must stay identical.
lockstep() ->
    lists:foldl(
      fun(_, {QR, QM}) ->
              N = rand:uniform(50),
              {F, A} = pick([{in, [N]}, {in_r, [N]}, {drop, []}, {drop_r, []},
                             {tail, []}, {liat, []}, {cons, [N]}]),
              Args = fun(Q) -> case F of
                                   cons -> [N, Q];
                                   _ -> A ++ [Q]
                               end end,
              R1 = try apply(queue, F, Args(QR)) catch C1:E1 -> {'EXIT', C1, E1} end,
              R2 = try apply(m_queue, F, Args(QM)) catch C2:E2 -> {'EXIT', C2, E2} end,
              check_lib:same({lockstep, F, QR}, R1, R2),
              case R1 of
                  {'EXIT', _, _} -> {QR, QM};
                  _ -> {R1, R2}
              end
      end, {queue:new(), m_queue:new()}, lists:seq(1, 60)),
    ok.
