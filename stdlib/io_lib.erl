%% io_lib.erl -- Moat standard library: the Erlang part of OTP 25's io_lib.
%%
%% Provides: nl/0, fwrite/3, print/4, printable_list/1,
%% printable_latin1_list/1, printable_unicode_list/1, char_list/1,
%% deep_char_list/1, deep_latin1_char_list/1, deep_unicode_char_list/1,
%% latin1_char_list/1, indentation/2, chars_length/1, quote_atom/2,
%% write_string/2, write_latin1_string/1,2, write_string_as_latin1/1,2,
%% write_unicode_string/1, write_unicode_char/1, write_latin1_char/1,
%% write_char_as_latin1/1, write_atom_as_latin1/1.
%%
%% C BIFs in Moat (not defined here): format/2, format/3, fwrite/2,
%% write/1, write/2, print/1, write_atom/1, write_string/1, write_char/1.
%%
%% Not provided (they raise undef): build_text/1,2, collect_chars/3,4,
%% collect_line/3,4, format_prompt/1,2, get_until/3,4,
%% limit_term/2, scan_format/2, unscan_format/1, write/3, write_binary/3.
%%
%% printable_list/1 uses the latin1 printable range (erl's default, when
%% not started with +pc unicode).
-module(io_lib).

-export([fread/2, fread/3]).
-export([char_list/1, chars_length/1, deep_char_list/1,
         deep_latin1_char_list/1, deep_unicode_char_list/1, fwrite/3,
         indentation/2, latin1_char_list/1, nl/0, print/4,
         printable_latin1_list/1, printable_list/1,
         printable_unicode_list/1, quote_atom/2, write_atom_as_latin1/1,
         write_char_as_latin1/1, write_latin1_char/1,
         write_latin1_string/1, write_latin1_string/2,
         write_string/2, write_string_as_latin1/1,
         write_string_as_latin1/2, write_unicode_char/1,
         write_unicode_string/1]).

nl() -> "\n".

fwrite(Format, Args, Options) -> io_lib:format(Format, Args, Options).

print(Term, Column, LineLength, Depth) ->
    io_lib:format("~*.*P", [LineLength, Column, Term, Depth]).

%%% Character list predicates ----------------------------------------

printable_list(L) -> printable_latin1_list(L).

printable_latin1_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ ->
    printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when is_integer(C), C >= 16#A0, C =< 16#FF ->
    printable_latin1_list(Cs);
printable_latin1_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                     C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_latin1_list(Cs);
printable_latin1_list([]) -> true;
printable_latin1_list(_) -> false.

printable_unicode_list([C | Cs]) when is_integer(C), C >= $\s, C =< $~ ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs])
  when is_integer(C), C >= 16#A0, C < 16#D800;
       is_integer(C), C > 16#DFFF, C < 16#FFFE;
       is_integer(C), C > 16#FFFF, C =< 16#10FFFF ->
    printable_unicode_list(Cs);
printable_unicode_list([C | Cs]) when C =:= $\n; C =:= $\r; C =:= $\t; C =:= $\v;
                                      C =:= $\b; C =:= $\f; C =:= $\e ->
    printable_unicode_list(Cs);
printable_unicode_list([]) -> true;
printable_unicode_list(_) -> false.

is_unicode_char(C) when is_integer(C), C >= 0, C < 16#D800 -> true;
is_unicode_char(C) when is_integer(C), C > 16#DFFF, C < 16#FFFE -> true;
is_unicode_char(C) when is_integer(C), C > 16#FFFF, C =< 16#10FFFF -> true;
is_unicode_char(_) -> false.

char_list([C | Cs]) ->
    case is_unicode_char(C) of
        true -> char_list(Cs);
        false -> false
    end;
char_list([]) -> true;
char_list(_) -> false.

latin1_char_list([C | Cs]) when is_integer(C), C >= 0, C =< 255 -> latin1_char_list(Cs);
latin1_char_list([]) -> true;
latin1_char_list(_) -> false.

deep_char_list(L) -> deep_unicode_char_list(L).

deep_unicode_char_list(L) -> deep_chars(L, fun is_unicode_char/1).

deep_latin1_char_list(L) ->
    deep_chars(L, fun(C) -> is_integer(C) andalso C >= 0 andalso C =< 255 end).

deep_chars(L, IsChar) -> deep_chars(L, [], IsChar).

deep_chars([C | Cs], More, IsChar) when is_list(C) -> deep_chars(C, [Cs | More], IsChar);
deep_chars([C | Cs], More, IsChar) ->
    case IsChar(C) of
        true -> deep_chars(Cs, More, IsChar);
        false -> false
    end;
deep_chars([], [Cs | More], IsChar) -> deep_chars(Cs, More, IsChar);
deep_chars([], [], _) -> true;
deep_chars(_, _, _) -> false.

%%% Measuring --------------------------------------------------------------

chars_length(S) ->
    case catch erlang:iolist_size(S) of
        N when is_integer(N) -> N;
        _ -> string:length(S)
    end.

indentation([C | Cs], I) when is_list(C) -> indentation(Cs, indentation(C, I));
indentation([$\n | Cs], _) -> indentation(Cs, 0);
indentation([$\t | Cs], I) -> indentation(Cs, ((I + 8) div 8) * 8);
indentation([C | Cs], I) when is_integer(C) -> indentation(Cs, I + 1);
indentation([], I) -> I.

%%% Atoms --------------------------------------------------------------

%% quote_atom(Atom, Chars): does Atom, whose characters are Chars, need
%% quotes to be read back?
quote_atom(Atom, Cs0) ->
    case reserved_word(Atom) of
        true -> true;
        false ->
            case Cs0 of
                [C | Cs] when is_integer(C) ->
                    case lower(C) of
                        true -> not name_chars(Cs);
                        false -> true
                    end;
                _ -> true
            end
    end.

lower(C) -> (C >= $a andalso C =< $z) orelse (C >= 16#DF andalso C =< 16#FF andalso C =/= 16#F7).

name_chars([C | Cs]) when is_integer(C) ->
    case name_char(C) of
        true -> name_chars(Cs);
        false -> false
    end;
name_chars([]) -> true;
name_chars(_) -> false.

name_char(C) when C >= $a, C =< $z -> true;
name_char(C) when C >= $A, C =< $Z -> true;
name_char(C) when C >= $0, C =< $9 -> true;
name_char($_) -> true;
name_char($@) -> true;
name_char(C) when C >= 16#C0, C =< 16#FF, C =/= 16#D7, C =/= 16#F7 -> true;
name_char(_) -> false.

reserved_word('after') -> true;
reserved_word('and') -> true;
reserved_word('andalso') -> true;
reserved_word('band') -> true;
reserved_word('begin') -> true;
reserved_word('bnot') -> true;
reserved_word('bor') -> true;
reserved_word('bsl') -> true;
reserved_word('bsr') -> true;
reserved_word('bxor') -> true;
reserved_word('case') -> true;
reserved_word('catch') -> true;
reserved_word('cond') -> true;
reserved_word('div') -> true;
reserved_word('end') -> true;
reserved_word('fun') -> true;
reserved_word('if') -> true;
reserved_word('let') -> true;
reserved_word('not') -> true;
reserved_word('of') -> true;
reserved_word('or') -> true;
reserved_word('orelse') -> true;
reserved_word('receive') -> true;
reserved_word('rem') -> true;
reserved_word('try') -> true;
reserved_word('when') -> true;
reserved_word('xor') -> true;
reserved_word(_) -> false.

write_atom_as_latin1(A) ->
    Cs = atom_to_list(A),
    case quote_atom(A, Cs) of
        true -> quoted(Cs, $', latin1);
        false -> Cs
    end.

%%% Strings and characters ---------------------------------------------

write_string(S, Q) -> quoted(S, Q, unicode).

write_unicode_string(S) -> quoted(S, $", unicode).

write_latin1_string(S) -> write_latin1_string(S, $").

write_latin1_string(S, Q) -> quoted(S, Q, latin1_only).

write_string_as_latin1(S) -> write_string_as_latin1(S, $").

write_string_as_latin1(S, Q) -> quoted(S, Q, latin1).

%% Mode: unicode (characters above 255 as they are), latin1 (as \x{...}),
%% latin1_only (not allowed).
quoted(S, Q, Mode) -> [Q | quoted_1(S, Q, Mode)].

quoted_1([C | Cs], Q, Mode) when is_integer(C) -> esc(C, Q, Mode, quoted_1(Cs, Q, Mode));
quoted_1([], Q, _) -> [Q].

esc(Q, Q, _, Tail) -> [$\\, Q | Tail];
esc($\\, _, _, Tail) -> [$\\, $\\ | Tail];
esc(C, _, _, Tail) when C >= $\s, C =< $~ -> [C | Tail];
esc(C, _, Mode, Tail) -> esc_special(C, Mode, Tail).

esc_special($\b, _, Tail) -> [$\\, $b | Tail];
esc_special($\t, _, Tail) -> [$\\, $t | Tail];
esc_special($\n, _, Tail) -> [$\\, $n | Tail];
esc_special($\v, _, Tail) -> [$\\, $v | Tail];
esc_special($\f, _, Tail) -> [$\\, $f | Tail];
esc_special($\r, _, Tail) -> [$\\, $r | Tail];
esc_special($\e, _, Tail) -> [$\\, $e | Tail];
esc_special($\d, _, Tail) -> [$\\, $d | Tail];
esc_special(C, _, Tail) when C >= 0, C < 16#A0 ->
    [$\\, $0 + (C bsr 6), $0 + ((C bsr 3) band 7), $0 + (C band 7) | Tail];
esc_special(C, _, Tail) when C >= 16#A0, C =< 16#FF -> [C | Tail];
esc_special(C, unicode, Tail) when C > 16#FF -> [C | Tail];
esc_special(C, latin1, Tail) when C > 16#FF ->
    "\\x{" ++ erlang:integer_to_list(C, 16) ++ [$} | Tail].

write_unicode_char(C) -> io_lib:write_char(C).

write_latin1_char(C) when is_integer(C), C >= 0, C =< 255 -> char_lit(C, latin1).

write_char_as_latin1(C) when is_integer(C), C >= 0 -> char_lit(C, latin1).

%% $C with C escaped like in a string (but quotes are not special).
char_lit($\\, _) -> "$\\\\";
char_lit(C, _) when C >= $\s, C =< $~ -> [$$, C];
char_lit(C, Mode) -> [$$ | esc_special(C, Mode, [])].

%%% fread ---------------------------------------------------------------------
%%
%% fread(Format, Chars) reads Chars as Format says: white space in the
%% format skips any white space, ~d ~u ~- ~f ~s ~a ~c ~l read fields (with
%% an optional width and * to skip the value), ~# reads a based integer
%% (16#ff), other characters must match.

fread(Format, Chars) when is_list(Format) ->
    fread_fmt(Format, Chars, 0, []).

%% The continuation form, for reading line by line: Cont is the input so
%% far (start with []); a format is tried once a whole line is in.
fread(Cont, eof, Format) ->
    case Cont of
        [] -> {done, eof, eof};
        _ -> fread_done(fread(Format, Cont), eof)
    end;
fread(Cont, Chars, Format) ->
    Input = Cont ++ Chars,
    case lists:member($\n, Chars) of
        false -> {more, Input};
        true ->
            case fread(Format, Input) of
                {more, _, _, _} -> {more, Input};
                Other -> fread_done(Other, Input)
            end
    end.

fread_done({ok, Values, "\n"}, _) -> {done, {ok, Values}, []};
fread_done({ok, Values, Rest}, _) -> {done, {ok, Values}, Rest};
fread_done({more, _, _, _}, _) -> {done, {error, {fread, input}}, []};
fread_done({error, _} = Error, Input) -> {done, Error, Input}.

fread_fmt([], In, _, Acc) ->
    {ok, lists:reverse(Acc), In};
fread_fmt([$~ | Spec], In, _, _) when not is_list(In) ->
    {_, [Control | _]} = lists:splitwith(fun(C) -> C =:= $* orelse C >= $0 andalso C =< $9 end, Spec),
    {error, {fread, control_name(Control)}};
fread_fmt([$~ | Spec] = Fmt, In, N, Acc) ->
    {Skip, Spec1} = case Spec of
                        [$* | S1] -> {true, S1};
                        _ -> {false, Spec}
                    end,
    {Width, [Control | Rest]} = lists:splitwith(fun(C) -> C >= $0 andalso C =< $9 end, Spec1),
    W = case Width of [] -> none; _ -> list_to_integer(Width) end,
    case fread_field(Control, W, In) of
        more -> {more, Fmt, N, Acc};
        {error, _} = Error -> Error;
        {Value, In1} ->
            N1 = N + length(In) - length(In1),
            Acc1 = case Control of
                       $l -> [N | Acc];
                       $~ -> Acc;
                       _ when Skip -> Acc;
                       _ -> [Value | Acc]
                   end,
            fread_fmt(Rest, In1, N1, Acc1)
    end;
fread_fmt([C | Fmt], In, N, Acc) when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r ->
    In1 = skip_white(In),
    fread_fmt(Fmt, In1, N + length(In) - length(In1), Acc);
fread_fmt([C | Fmt], [C | In], N, Acc) ->
    fread_fmt(Fmt, In, N + 1, Acc);
fread_fmt(Fmt, [], N, Acc) ->
    {more, Fmt, N, Acc};
fread_fmt(_, _, _, _) ->
    {error, {fread, input}}.

control_name($d) -> integer;
control_name($u) -> unsigned;
control_name($f) -> float;
control_name($a) -> atom;
control_name($c) -> character;
control_name($s) -> string;
control_name($#) -> based;
control_name(_) -> input.

skip_white([C | T]) when C =:= $\s; C =:= $\t; C =:= $\n; C =:= $\r -> skip_white(T);
skip_white(T) -> T.

is_white(C) -> C =:= $\s orelse C =:= $\t orelse C =:= $\n orelse C =:= $\r.

%% The characters of a field: up to Width, or while Pred holds.
field(In, none, Pred) -> lists:splitwith(Pred, In);
field(In, W, Pred) ->
    {Field, Rest} = lists:split(min(W, length(In)), In),
    {Taken, Back} = lists:splitwith(Pred, Field),
    {Taken, Back ++ Rest}.

%% A field of non-white characters after white space, read by Parse
%% (-> {ok, Value, Left} | error): {Value, Rest} or {error, {fread, Tag}}.
fread_token(W, In0, Parse, Tag) ->
    case skip_white(In0) of
        [] -> more;
        In ->
            {Field, Rest} = field(In, W, fun(C) -> not is_white(C) end),
            case Parse(Field) of
                {ok, V, Left} -> {V, Left ++ Rest};
                error -> {error, {fread, Tag}}
            end
    end.

fread_field($~, _, [$~ | In]) -> {tilde, In};
fread_field($~, _, []) -> more;
fread_field($~, _, _) -> {error, {fread, input}};
fread_field($l, _, In) -> {count, In};
fread_field($d, W, In) -> fread_token(W, In, fun(F) -> signed_digits(F, 10) end, integer);
fread_field($u, W, In0) ->
    Base = case W of none -> 10; _ -> W end,
    case skip_white(In0) of
        [] -> more;
        In ->
            case digits(In, Base, 0, 0) of
                {0, _, _} -> {error, {fread, unsigned}};
                {_, V, Rest} -> {V, Rest}
            end
    end;
fread_field($#, W, In) -> fread_token(W, In, fun based/1, based);
fread_field($-, _, [$- | In]) -> {-1, In};
fread_field($-, _, [$+ | In]) -> {1, In};
fread_field($-, _, []) -> more;
fread_field($-, _, In) -> {1, In};
fread_field($f, W, In) -> fread_token(W, In, fun float_prefix/1, float);
fread_field($s, W, In0) ->
    case In0 of
        [] -> more;
        _ ->
            In = skip_white(In0),
            field(In, W, fun(C) -> not is_white(C) end)
    end;
fread_field($a, W, In0) ->
    case fread_field($s, W, In0) of
        {S, Rest} -> {list_to_atom(S), Rest};
        Other -> Other
    end;
fread_field($c, W, In) ->
    N = case W of none -> 1; _ -> W end,
    case length(In) >= N of
        true -> lists:split(N, In);
        false -> more
    end;
fread_field(_, _, _) ->
    {error, {fread, format}}.

%% [+-]Base#Digits, Base 2..36
based([$- | T]) -> case based(T) of {ok, V, R} -> {ok, -V, R}; E -> E end;
based([$+ | T]) -> based(T);
based(T) ->
    case digits(T, 10, 0, 0) of
        {N, Base, [$# | T1]} when N > 0, Base >= 2, Base =< 36 -> positive(digits(T1, Base, 0, 0));
        _ -> error
    end.

signed_digits([$- | T], Base) -> negate(digits(T, Base, 0, 0));
signed_digits([$+ | T], Base) -> positive(digits(T, Base, 0, 0));
signed_digits(T, Base) -> positive(digits(T, Base, 0, 0)).

negate({0, _, _}) -> error;
negate({_, V, Rest}) -> {ok, -V, Rest}.

positive({0, _, _}) -> error;
positive({_, V, Rest}) -> {ok, V, Rest}.

%% {DigitsRead, Value, Rest}
digits([C | T] = In, Base, N, V) ->
    case digit_value(C) of
        D when D < Base -> digits(T, Base, N + 1, V * Base + D);
        _ -> {N, V, In}
    end;
digits([], _, N, V) -> {N, V, []}.

digit_value(C) when C >= $0, C =< $9 -> C - $0;
digit_value(C) when C >= $a, C =< $z -> C - $a + 10;
digit_value(C) when C >= $A, C =< $Z -> C - $A + 10;
digit_value(_) -> 99.

%% An Erlang float at the start of the field: [sign] digits . digits [e exp]
float_prefix(Field) ->
    {Sign, T0} = case Field of
                     [$- | S] -> {"-", S};
                     [$+ | S] -> {"", S};
                     S -> {"", S}
                 end,
    {Int, T1} = lists:splitwith(fun is_digit/1, T0),
    case {Int, T1} of
        {[_ | _], [$. | T2]} ->
            case lists:splitwith(fun is_digit/1, T2) of
                {[_ | _] = Frac, T3} ->
                    {Exp, T4} = exponent(T3),
                    {ok, list_to_float(Sign ++ Int ++ "." ++ Frac ++ Exp), T4};
                _ -> error
            end;
        _ -> error
    end.

exponent([E | T] = In) when E =:= $e; E =:= $E ->
    {Sign, T1} = case T of
                     [$- | S] -> {"-", S};
                     [$+ | S] -> {"+", S};
                     S -> {"", S}
                 end,
    case lists:splitwith(fun is_digit/1, T1) of
        {[_ | _] = D, Rest} -> {"e" ++ Sign ++ D, Rest};
        _ -> {"", In}
    end;
exponent(In) -> {"", In}.

is_digit(C) -> C >= $0 andalso C =< $9.
