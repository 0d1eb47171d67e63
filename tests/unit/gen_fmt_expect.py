#!/usr/bin/env python3
"""Fill in / check the expected strings of test_format.c and test_print.c
from erl 25: each row CASE("Format", "ArgsInErlangSyntax", "Expected") is
evaluated as lists:flatten(io_lib:format(Format, Args)) in erl; a badarg
becomes "!badarg". A Format "!mod:fun/arity" applies mod:fun to Args and
expects the ~p text of the result. Usage: gen_fmt_expect.py FILE.c [--write]
(prints the rows whose expectation differs; --write rewrites them)."""
import re, subprocess, sys, tempfile, os

ROW = re.compile(r'CASE\(("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*"),\s*("(?:[^"\\]|\\.)*")\)', re.S)

def c_unescape(lit):
    b = bytearray(); s = lit[1:-1].encode('utf-8'); i = 0
    while i < len(s):
        c = s[i]
        if c == 0x5c:
            n = chr(s[i+1])
            if n in '01234567':
                j = i + 1; v = 0
                while j < len(s) and j < i + 4 and chr(s[j]) in '01234567': v = v*8 + int(chr(s[j])); j += 1
                b.append(v); i = j; continue
            b.append({'n':10,'t':9,'r':13,'"':34,'\\':92,'e':27,'b':8,'f':12,'v':11}[n]); i += 2
        else:
            b.append(c); i += 1
    return bytes(b)

def c_escape(bs):
    out = '"'
    for x in bs:
        if x == 34: out += '\\"'
        elif x == 92: out += '\\\\'
        elif x == 10: out += '\\n'
        elif 32 <= x < 127: out += chr(x)
        else: out += '\\%03o' % x
    return out + '"'

def erl_run(rows):
    with tempfile.TemporaryDirectory() as d:
        inp = os.path.join(d, 'in')
        with open(inp, 'wb') as f:
            for fmt, args in rows:
                f.write(fmt.hex().encode() + b' ' + args.hex().encode() + b'\n')
        script = r'''
main([In]) ->
    {ok, B} = file:read_file(In),
    Lines = [L || L <- binary:split(B, <<"\n">>, [global]), L =/= <<>>],
    [try
        [F, A] = binary:split(L, <<" ">>),
        Fmt = unicode:characters_to_list(binary:decode_hex(F)),
        A1 = re:replace(binary:decode_hex(A), "<0\\.([0-9]+)\\.0>", "list_to_pid(\"<0.\\1.0>\")",
                        [global, {return, binary}]),
        {ok, Toks, _} = erl_scan:string(unicode:characters_to_list(A1) ++ "."),
        {ok, Exprs} = erl_parse:parse_exprs(Toks),
        {value, Args, _} = erl_eval:exprs(Exprs, []),
        R = try unicode:characters_to_binary(lists:flatten(run(Fmt, Args)))
            catch error:badarg -> <<"!badarg">>; C:E -> iolist_to_binary(io_lib:format("!~p:~p", [C, E])) end,
        io:put_chars(binary:encode_hex(R)), io:nl()
     catch X:Y -> io:put_chars(binary:encode_hex(iolist_to_binary(io_lib:format("!!parse ~p:~p", [X, Y])))), io:nl()
     end || L <- Lines].

run([$! | Call], Args) ->
    [M, FA] = string:split(Call, ":"),
    [F, _] = string:split(FA, "/"),
    io_lib:format("~p", [apply(list_to_atom(M), list_to_atom(F), Args)]);
run(Fmt, Args) -> io_lib:format(Fmt, Args).
'''
        sp = os.path.join(d, 's.escript')
        with open(sp, 'w') as f: f.write('%%! -noshell\n' + script)
        out = subprocess.run(['escript', sp, inp], capture_output=True).stdout
        res = []
        if b'escript' in out[:0]: pass
        for l in out.decode().split('\n'):
            if l.strip() == '' : continue
            res.append(bytes.fromhex(l.strip()))
        return res

def main():
    path = sys.argv[1]; write = '--write' in sys.argv
    src = open(path, encoding='utf-8').read()
    ms = list(ROW.finditer(src))
    rows = [(c_unescape(m.group(1)), c_unescape(m.group(2))) for m in ms]
    res = erl_run(rows)
    assert len(res) == len(ms), (len(res), len(ms))
    out = []; last = 0; diffs = 0
    for m, r in zip(ms, res):
        exp = c_escape(r)
        if c_unescape(m.group(3)) != r:
            diffs += 1
            print('%s %s: %s -> %s' % (m.group(1), m.group(2), m.group(3), exp))
        out.append(src[last:m.start(3)]); out.append(exp); last = m.end(3)
    out.append(src[last:])
    if write: open(path, 'w', encoding='utf-8').write(''.join(out))
    print('%d rows, %d differ' % (len(ms), diffs))

main()
