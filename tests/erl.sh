#!/bin/sh
# Runs every tests/erl/*.erl on moat and compares stdout with the .out
# file produced by erl (see tests/README.md).
: "${MOAT:=./moat}"
: "${srcdir:=.}"
pass=0; fail=0; failed=""
for f in "$srcdir"/tests/erl/*.erl; do
  name=$(basename "$f" .erl)
  exp="$srcdir/tests/erl/$name.out"
  [ -f "$exp" ] || continue
  if timeout 60 "$MOAT" "$f" > "tests-erl-$name.actual" 2> "tests-erl-$name.stderr" && cmp -s "$exp" "tests-erl-$name.actual"; then
    pass=$((pass + 1)); rm -f "tests-erl-$name.actual" "tests-erl-$name.stderr"
  else
    fail=$((fail + 1)); failed="$failed $name"
  fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
