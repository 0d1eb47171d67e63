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
%% collect_line/3,4, format_prompt/1,2, fread/2,3, get_until/3,4,
%% limit_term/2, scan_format/2, unscan_format/1, write/3, write_binary/3.
%%
%% printable_list/1 uses the latin1 printable range (erl's default, when
%% not started with +pc unicode).
-module(io_lib).

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
