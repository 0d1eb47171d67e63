%% moat_term.erl -- Moat's own helper (no OTP module has this name): reads
%% Erlang terms written as text, for file:consult/1 and io:read/1,2.
%%
%% Literal terms only, as file:consult accepts them: numbers (with base#
%% and $c), atoms, strings (adjacent ones joined), tuples, lists, maps and
%% binaries of strings and integers, each term ended by a full stop.
%% Errors are {error, {Line, erl_parse, Message}, Line}, shaped like erl's.
-module(moat_term).

-export([parse_term/1, parse_term/2, parse_all/1]).

%% The first term of Text: {ok, Term, Rest} | more | {error, Info, Line}.
parse_term(Text) -> parse_term(Text, 1).

%% The same, the text starting at line Line.
parse_term(Text, Line0) ->
    case scan(Text, Line0, []) of
        more -> more;
        {error, Line, Msg} -> {error, {Line, erl_scan, Msg}, Line};
        {Tokens, Rest, Line} ->
            case parse(Tokens) of
                {ok, Term, [{dot, _}]} -> {ok, Term, Rest};
                {ok, _, [Tok | _]} -> syntax_error(Tok);
                {error, Tok} -> syntax_error(Tok);
                eof -> syntax_error({eof, Line})
            end
    end.

%% Every term of Text: {ok, Terms} | {error, {Line, Module, Message}}.
parse_all(Text) -> parse_all(Text, 1, []).

parse_all(Text, Line0, Acc) ->
    case skip_blank(Text, Line0) of
        {[], _} -> {ok, lists:reverse(Acc)};
        {Text1, Line} ->
            case scan(Text1, Line, []) of
                more -> {error, {Line, erl_parse, ["syntax error before: ", ""]}};
                {error, L, Msg} -> {error, {L, erl_scan, Msg}};
                {Tokens, Rest, Line2} ->
                    case parse(Tokens) of
                        {ok, Term, [{dot, _}]} -> parse_all(Rest, Line2, [Term | Acc]);
                        {ok, _, [Tok | _]} -> error2(syntax_error(Tok));
                        {error, Tok} -> error2(syntax_error(Tok));
                        eof -> error2(syntax_error({eof, Line2}))
                    end
            end
    end.

error2({error, Info, _}) -> {error, Info}.

syntax_error(Tok) ->
    Line = element(2, Tok),
    {error, {Line, erl_parse, ["syntax error before: ", token_text(Tok)]}, Line}.

token_text({atom, _, A}) -> io_lib:write_atom(A);
token_text({string, _, S}) -> io_lib:write_string(S);
token_text({integer, _, I}) -> integer_to_list(I);
token_text({float, _, F}) -> io_lib:format("~p", [F]);
token_text({var, _, V}) -> V;
token_text({char, _, C}) -> io_lib:format("~p", [C]);
token_text({dot, _}) -> "'.'";
token_text({eof, _}) -> "";
token_text({P, _}) -> "'" ++ atom_to_list(P) ++ "'".

%%% Scanner -------------------------------------------------------------------

skip_blank([C | T], L) when C =:= $\n -> skip_blank(T, L + 1);
skip_blank([C | T], L) when C =:= $\s; C =:= $\t; C =:= $\r -> skip_blank(T, L);
skip_blank([$% | T], L) -> skip_blank(lists:dropwhile(fun(C) -> C =/= $\n end, T), L);
skip_blank(T, L) -> {T, L}.

%% Tokens up to a full stop: {Tokens, Rest, Line} | more | {error, Line, Msg}.
scan(Text, Line0, Acc) ->
    case skip_blank(Text, Line0) of
        {[], _} -> more;
        {[$.], L} ->
            {lists:reverse([{dot, L} | Acc]), [], L};
        {[$., $% | T], L} ->
            {lists:reverse([{dot, L} | Acc]), [$% | T], L};
        {[$., C | T], L} when C =:= $\s; C =:= $\n; C =:= $\t; C =:= $\r ->
            %% as erl_scan, the full stop takes the white space after it
            {lists:reverse([{dot, L} | Acc]), T, L + length([C || C =:= $\n])};
        {T, L} ->
            case token(T, L) of
                more -> more;
                {error, _, _} = E -> E;
                {Tok, Rest, L2} -> scan(Rest, L2, [Tok | Acc])
            end
    end.

token([C | _] = T, L) when C >= $0, C =< $9 -> number(T, L);
token([C | _] = T, L) when C >= $a, C =< $z -> name(T, L, atom);
token([C | _] = T, L) when C >= $A, C =< $Z; C =:= $_ -> name(T, L, var);
token([$' | T], L) -> quoted(T, L, $', atom);
token([$" | T], L) -> quoted(T, L, $", string);
token([$$], _) -> more;
token([$$, $\\ | T], L) ->
    case escape(T) of
        more -> more;
        {C, Rest} -> {{char, L, C}, Rest, L}
    end;
token([$$, C | T], L) -> {{char, L, C}, T, L};
token("<<" ++ T, L) -> {{'<<', L}, T, L};
token(">>" ++ T, L) -> {{'>>', L}, T, L};
token("=>" ++ T, L) -> {{'=>', L}, T, L};
token(":=" ++ T, L) -> {{':=', L}, T, L};
token([C | T], L) ->
    case lists:member(C, "{}[](),|#-+/:.") of
        true -> {{list_to_atom([C]), L}, T, L};
        false -> {error, L, {illegal, char}}
    end.

name(T, L, Kind) ->
    {Name, Rest} = lists:splitwith(fun(C) -> C >= $a andalso C =< $z orelse
                                                 C >= $A andalso C =< $Z orelse
                                                 C >= $0 andalso C =< $9 orelse
                                                 C =:= $_ orelse C =:= $@ end, T),
    case Kind of
        atom -> {{atom, L, list_to_atom(Name)}, Rest, L};
        var -> {{var, L, Name}, Rest, L}
    end.

quoted(T, L, Q, Kind) -> quoted(T, L, L, Q, Kind, []).

quoted([], _, _, _, _, _) -> more;
quoted([Q | T], L0, L, Q, Kind, Acc) ->
    S = lists:reverse(Acc),
    case Kind of
        atom -> {{atom, L0, list_to_atom(S)}, T, L};
        string -> {{string, L0, S}, T, L}
    end;
quoted([$\\ | T], L0, L, Q, Kind, Acc) ->
    case escape(T) of
        more -> more;
        {C, Rest} -> quoted(Rest, L0, L, Q, Kind, [C | Acc])
    end;
quoted([$\n | T], L0, L, Q, Kind, Acc) -> quoted(T, L0, L + 1, Q, Kind, [$\n | Acc]);
quoted([C | T], L0, L, Q, Kind, Acc) -> quoted(T, L0, L, Q, Kind, [C | Acc]).

escape([]) -> more;
escape([C | T]) when C >= $0, C =< $7 ->
    {Oct, Rest} = lists:splitwith(fun(D) -> D >= $0 andalso D =< $7 end, [C | T]),
    {Use, Back} = lists:split(min(3, length(Oct)), Oct),
    {list_to_integer(Use, 8), Back ++ Rest};
escape([$x, ${ | T]) ->
    {Hex, [$} | Rest]} = lists:splitwith(fun(D) -> D =/= $} end, T),
    {list_to_integer(Hex, 16), Rest};
escape([$x, A, B | T]) -> {list_to_integer([A, B], 16), T};
escape([$^, C | T]) -> {C band 31, T};
escape([C | T]) ->
    {case C of
         $n -> $\n; $t -> $\t; $r -> $\r; $s -> $\s; $e -> 27; $b -> $\b;
         $f -> $\f; $v -> $\v; $d -> 127; _ -> C
     end, T}.

number(T, L) ->
    {Int, Rest} = lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 orelse C =:= $_ end, T),
    Digits = [C || C <- Int, C =/= $_],
    case Rest of
        [$# | R] ->
            Base = list_to_integer(Digits),
            {Ds, R2} = lists:splitwith(fun(C) -> is_base_digit(C, Base) end, R),
            {{integer, L, list_to_integer(Ds, Base)}, R2, L};
        [$., D | R] when D >= $0, D =< $9 ->
            {Frac, R2} = lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, [D | R]),
            {Exp, R3} = exponent(R2),
            {{float, L, list_to_float(Digits ++ "." ++ Frac ++ Exp)}, R3, L};
        _ ->
            {{integer, L, list_to_integer(Digits)}, Rest, L}
    end.

is_base_digit(C, B) when C >= $0, C =< $9 -> C - $0 < B;
is_base_digit(C, B) when C >= $a, C =< $z -> C - $a + 10 < B;
is_base_digit(C, B) when C >= $A, C =< $Z -> C - $A + 10 < B;
is_base_digit(_, _) -> false.

exponent([E | T] = In) when E =:= $e; E =:= $E ->
    {Sign, T1} = case T of
                     [$- | S] -> {"-", S};
                     [$+ | S] -> {"+", S};
                     S -> {"", S}
                 end,
    case lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, T1) of
        {[_ | _] = D, Rest} -> {"e" ++ Sign ++ D, Rest};
        _ -> {"", In}
    end;
exponent(In) -> {"", In}.

%%% Parser ----------------------------------------------------------------------

%% {ok, Term, RestTokens} | {error, Token} | eof
parse([]) -> eof;
parse([{integer, _, I} | T]) -> {ok, I, T};
parse([{float, _, F} | T]) -> {ok, F, T};
parse([{char, _, C} | T]) -> {ok, C, T};
parse([{atom, _, A} | T]) -> {ok, A, T};
parse([{string, _, S} | T]) -> strings(T, S);
parse([{'-', _}, {integer, _, I} | T]) -> {ok, -I, T};
parse([{'-', _}, {float, _, F} | T]) -> {ok, -F, T};
parse([{'+', _}, {integer, _, I} | T]) -> {ok, I, T};
parse([{'+', _}, {float, _, F} | T]) -> {ok, F, T};
parse([{'{', _}, {'}', _} | T]) -> {ok, {}, T};
parse([{'{', _} | T]) ->
    case elements(T, '}') of
        {ok, Es, T1} -> {ok, list_to_tuple(Es), T1};
        Error -> Error
    end;
parse([{'[', _}, {']', _} | T]) -> {ok, [], T};
parse([{'[', _} | T]) -> list(T);
parse([{'#', _}, {'{', _}, {'}', _} | T]) -> {ok, #{}, T};
parse([{'#', _}, {'{', _} | T]) -> map(T, #{});
parse([{'<<', _}, {'>>', _} | T]) -> {ok, <<>>, T};
parse([{'<<', _} | T]) -> binary(T, []);
parse([Tok | _]) -> {error, Tok}.

strings([{string, _, S} | T], Acc) -> strings(T, Acc ++ S);
strings(T, Acc) -> {ok, Acc, T}.

%% Terms separated by commas, up to Close.
elements(T, Close) ->
    case parse(T) of
        {ok, E, [{',', _} | T1]} ->
            case elements(T1, Close) of
                {ok, Es, T2} -> {ok, [E | Es], T2};
                Error -> Error
            end;
        {ok, E, [{Close, _} | T1]} -> {ok, [E], T1};
        {ok, _, [Tok | _]} -> {error, Tok};
        {ok, _, []} -> eof;
        Error -> Error
    end.

list(T) ->
    case parse(T) of
        {ok, E, [{',', _} | T1]} ->
            case list(T1) of
                {ok, Es, T2} -> {ok, [E | Es], T2};
                Error -> Error
            end;
        {ok, E, [{']', _} | T1]} -> {ok, [E], T1};
        {ok, E, [{'|', _} | T1]} ->
            case parse(T1) of
                {ok, Tail, [{']', _} | T2]} -> {ok, [E | Tail], T2};
                {ok, _, [Tok | _]} -> {error, Tok};
                {ok, _, []} -> eof;
                Error -> Error
            end;
        {ok, _, [Tok | _]} -> {error, Tok};
        {ok, _, []} -> eof;
        Error -> Error
    end.

map(T, Acc) ->
    case parse(T) of
        {ok, K, [{'=>', _} | T1]} ->
            case parse(T1) of
                {ok, V, [{',', _} | T2]} -> map(T2, Acc#{K => V});
                {ok, V, [{'}', _} | T2]} -> {ok, Acc#{K => V}, T2};
                {ok, _, [Tok | _]} -> {error, Tok};
                {ok, _, []} -> eof;
                Error -> Error
            end;
        {ok, _, [Tok | _]} -> {error, Tok};
        {ok, _, []} -> eof;
        Error -> Error
    end.

binary([{string, _, S} | T], Acc) -> binary_next(T, [list_to_binary(S) | Acc]);
binary([{integer, _, I} | T], Acc) -> binary_next(T, [<<I>> | Acc]);
binary([{char, _, C} | T], Acc) -> binary_next(T, [<<C>> | Acc]);
binary([Tok | _], _) -> {error, Tok};
binary([], _) -> eof.

binary_next([{',', _} | T], Acc) -> binary(T, Acc);
binary_next([{'>>', _} | T], Acc) -> {ok, list_to_binary(lists:reverse(Acc)), T};
binary_next([Tok | _], _) -> {error, Tok};
binary_next([], _) -> eof.
