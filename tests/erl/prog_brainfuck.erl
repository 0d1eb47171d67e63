-module(prog_brainfuck).
-export([main/1]).
%% A small Brainfuck interpreter using a zipper tape and a precomputed jump map.

run(Prog) ->
    P = list_to_tuple(Prog),
    Jumps = jumps(Prog, 1, [], #{}),
    exec(P, 1, Jumps, {[], 0, []}, []).

jumps([], _, [], M) -> M;
jumps([$[ | T], I, S, M) -> jumps(T, I + 1, [I | S], M);
jumps([$] | T], I, [O | S], M) -> jumps(T, I + 1, S, M#{O => I, I => O});
jumps([_ | T], I, S, M) -> jumps(T, I + 1, S, M).

exec(P, I, _, _, Out) when I > tuple_size(P) -> lists:reverse(Out);
exec(P, I, J, {L, C, R} = Tape, Out) ->
    case element(I, P) of
        $+ -> exec(P, I + 1, J, {L, (C + 1) band 255, R}, Out);
        $- -> exec(P, I + 1, J, {L, (C - 1) band 255, R}, Out);
        $> -> [H | T] = case R of [] -> [0]; _ -> R end, exec(P, I + 1, J, {[C | L], H, T}, Out);
        $< -> [H | T] = L, exec(P, I + 1, J, {T, H, [C | R]}, Out);
        $. -> exec(P, I + 1, J, Tape, [C | Out]);
        $[ when C =:= 0 -> exec(P, maps:get(I, J) + 1, J, Tape, Out);
        $] when C =/= 0 -> exec(P, maps:get(I, J) + 1, J, Tape, Out);
        _ -> exec(P, I + 1, J, Tape, Out)
    end.

main(_) ->
    Hello = "++++++++[>++++[>++>+++>+++>+<<<<-]>+>+>->>+[<]<-]>>.>---.+++++++..+++.>>.<-.<.+++.------.--------.>>+.",
    io:format("~s", [run(Hello)]),
    Count = "++++++++++[>+++++<-]>-" ++ lists:append(lists:duplicate(10, ".+")),
    io:format("~s~n", [run(Count)]),
    io:format("~p~n", [run("+++[>+++++<-]>.")]).
