#!/usr/bin/env python3
# Regenerates tests/shell/NAME.out from NAME.in with erl's own shell: erl
# runs under a pseudo-terminal in this directory, each line of NAME.in is
# typed after erl's prompt, and the transcript is kept without erl's
# banner, its prompts and the echo of what was typed. (A developer's tool:
# make check does not need erl or python.)  Usage: gen-expected.py [NAME...]
# Lines that an evaluation reads (stdin_read.in: io:get_line, io:fread)
# are echoed by the terminal and kept here: remove them by hand, since
# piped input is not echoed.
import os, pty, re, select, sys, time

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPT = re.compile(rb'(^|\n)\d+> $')

def read_until_prompt(fd, timeout=15.0):
    out, end = b'', time.time() + timeout
    while time.time() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                data = os.read(fd, 65536)
            except OSError:
                break
            if not data:
                break
            out += data
        elif PROMPT.search(out.replace(b'\r', b'')):
            break
    return out

def transcript(name):
    lines = open(os.path.join(HERE, name + '.in'), 'rb').read().split(b'\n')
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(HERE)
        os.execvp('erl', ['erl'])
    out = read_until_prompt(fd)
    start = out.rfind(b'1> ')
    for line in lines:
        if line:
            os.write(fd, line + b'\n')
            out += read_until_prompt(fd)
    os.write(fd, b'halt().\n')
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass
    os.waitpid(pid, 0)
    text = out[start:].replace(b'\r', b'').decode('utf-8')
    kept = [l for l in text.split('\n') if not re.match(r'^\d+> ', l)]
    return '\n'.join(kept).rstrip('\n') + '\n'

def clean():  # erl's c/1 leaves .beam files
    for f in os.listdir(HERE):
        if f.endswith('.beam'):
            os.remove(os.path.join(HERE, f))

for name in sys.argv[1:] or sorted(f[:-3] for f in os.listdir(HERE) if f.endswith('.in')):
    with open(os.path.join(HERE, name + '.out'), 'w') as f:
        f.write(transcript(name))
    clean()
