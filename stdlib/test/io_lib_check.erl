%% io_lib_check.erl -- compare stdlib/io_lib.erl (as m_io_lib) with OTP's
%% io_lib on erl (only the functions Moat writes in Erlang).
-module(io_lib_check).
-export([run/0]).

-import(check_lib, [cmp/4, cmp/5, pick/1, times/2, int/2]).

-define(R, io_lib).
-define(M, m_io_lib).

c(F, Args) -> cmp(?R, ?M, F, Args).

chr() ->
    pick([$a, $Z, $\s, $", $', $\\, $~, 0, 1, 7, 8, 9, 10, 11, 12, 13, 27, 31, 127,
          128, 159, 160, 200, 255, 256, 1000, 16#D7FF, 16#D800, 16#FFFD, 16#FFFE,
          16#10000, 16#10FFFF, 16#110000, -1, a, [$a], [], "bc", <<"x">>]).

charlist() ->
    case rand:uniform(10) of
        1 -> x;
        2 -> [$a | b];
        _ -> [chr() || _ <- lists:seq(1, int(0, 6))]
    end.

str() -> [pick([$a, $", $', $\\, $\n, 0, 7, 27, 127, 128, 159, 200, 255, 256, 1000, $\t, $\s])
          || _ <- lists:seq(1, int(0, 8))].

atom() ->
    pick(['abc', 'Abc', 'a b', 'a@b', 'a_1', '_x', '1a', '', 'case', 'maybe', 'else',
          'cond', 'let', 'a\'b', 'a"b', 'a\nb', '\x{DF}', 'a\x{D7}', 'a\x{F7}', 'a\x{100}',
          '\x{E9}t\x{E9}', 'x\\y', 'a.b', [], 'true', 'receive']).

run() ->
    check_lib:start(),
    Bifs = [{format, 2}, {format, 3}, {fwrite, 2}, {write, 1}, {write, 2}, {print, 1},
            {write_atom, 1}, {write_string, 1}, {write_char, 1}],
    Skipped = [{build_text, 1}, {build_text, 2}, {collect_chars, 3}, {collect_chars, 4},
               {collect_line, 3}, {collect_line, 4}, {format_prompt, 1}, {format_prompt, 2},
               {fread, 2}, {fread, 3}, {get_until, 3}, {get_until, 4}, {limit_term, 2},
               {scan_format, 2}, {unscan_format, 1}, {write, 3}, {write_binary, 3}],
    check_lib:exports(?R, ?M, Bifs ++ Skipped),
    c(nl, []),
    [c(F, [C]) || C <- [chr() || _ <- lists:seq(1, 200)] ++ lists:seq(0, 300),
                  F <- [write_latin1_char, write_char_as_latin1, write_unicode_char]],
    [c(quote_atom, [A, atom_to_list(A)]) || is_atom(A = atom())],
    [c(quote_atom, [A, atom_to_list(A)]) || A <- ['abc', 'Abc', 'a b', 'a@b', 'a_1', '_x', '1a', '',
        'case', 'maybe', 'else', 'cond', 'let', 'a\'b', '\x{DF}', 'a\x{D7}', 'a\x{F7}', 'a\x{100}',
        '\x{E9}t\x{E9}', 'a\x{AA}', 'a\x{B5}', '\x{AA}', 'a\x{C0}\x{D6}\x{D8}\x{F6}\x{F8}\x{FF}']],
    c(quote_atom, [a, x]), c(quote_atom, [abc, "case"]), c(quote_atom, ['case', "abc"]),
    [c(quote_atom, [a, [C]]) || C <- lists:seq(0, 300)],
    [c(quote_atom, [a, [$a, C]]) || C <- lists:seq(0, 300)],
    times(2000, fun round/0),
    check_lib:finish("io_lib").

round() ->
    L = charlist(),
    [c(F, [L]) || F <- [printable_list, printable_latin1_list, printable_unicode_list,
                       char_list, latin1_char_list, deep_char_list, deep_latin1_char_list,
                       deep_unicode_char_list]],
    D = [pick([L, [L], [[], L], [$a, [L]]])],
    [c(F, [D]) || F <- [deep_char_list, deep_latin1_char_list, deep_unicode_char_list,
                       chars_length]],
    S = str(),
    c(indentation, [pick([S, [S, "\t", [S]], "ab\tc\nd", [$a | b], x]), pick([0, 3, 7, 8])]),
    c(chars_length, [pick([S, [S, <<"ab">>], x, [a], <<"é"/utf8>>])]),
    [c(F, [S]) || F <- [write_latin1_string, write_string_as_latin1, write_unicode_string]],
    Q = pick([$", $']),
    [c(F, [S, Q]) || F <- [write_string, write_latin1_string, write_string_as_latin1]],
    c(write_atom_as_latin1, [atom()]),
    T = pick([{a, "bc", [1, 2, 3], lists:seq(1, 30)}, "abc", [x, y], #{a => [1, 2]}]),
    cmp(?R, ?M, print, [T, int(1, 8), pick([20, 40, 80]), pick([-1, 3, 8])],
        fun(A, B) -> lists:flatten(A) =:= lists:flatten(B) end),
    cmp(?R, ?M, fwrite, ["~p ~s", [T, "x"], []],
        fun(A, B) -> lists:flatten(A) =:= lists:flatten(B) end),
    ok.
