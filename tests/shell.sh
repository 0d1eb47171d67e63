#!/bin/sh
# The shell (`moat` without a file) on piped input: runs `moat -s <
# tests/shell/NAME.in` in tests/shell and compares stdout with NAME.out
# (erl's shell transcript without its prompts: see gen-expected.py), then
# the interactive test under a pseudo-terminal (tests/shell/pty_test, a
# C program built by make check): Ctrl-C stops an endless loop.
: "${MOAT:=./moat}"
: "${srcdir:=.}"
case "$MOAT" in /*) ;; *) MOAT="$(pwd)/$MOAT" ;; esac
dir="$srcdir/tests/shell"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0; fail=0; failed=""
for f in "$dir"/*.in; do
  name=$(basename "$f" .in)
  (cd "$dir" && HOME="$out" timeout 60 "$MOAT" -s < "$name.in" > "$out/$name.actual" 2>&1)
  if cmp -s "$dir/$name.out" "$out/$name.actual"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); failed="$failed $name"
    [ -n "$VERBOSE" ] && diff "$dir/$name.out" "$out/$name.actual"
  fi
done
# the piped mode's own promises: no banner, no prompt, status 0 at the end
if [ "$(echo 'X = 2, X * 21.' | "$MOAT")" = 42 ]; then pass=$((pass + 1)); else
  fail=$((fail + 1)); failed="$failed piped-42"; fi
# what the compiler needs a deep C stack for does not end the shell: a list
# of 100,000 elements, 50,000 nested parentheses (refused), then 1+1
deep=$(awk 'BEGIN { printf "X = ["; for (i = 1; i < 100000; i++) printf "1,"; print "1], length(X).";
                    for (i = 0; i < 50000; i++) printf "("; printf "1"; for (i = 0; i < 50000; i++) printf ")";
                    print "."; print "1+1." }' | "$MOAT" -s)
if [ "$deep" = "$(printf '100000\n* 1:1: the expression is nested too deeply\n2')" ]; then pass=$((pass + 1)); else
  fail=$((fail + 1)); failed="$failed deep"; fi
if [ -n "$PTY_TEST" ]; then
  if HOME="$out" timeout 60 "$PTY_TEST" "$MOAT"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); failed="$failed pty"; fi
fi
[ -n "$failed" ] && echo "failed:$failed"
echo "shell: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
