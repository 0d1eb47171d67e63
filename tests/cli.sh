#!/bin/sh
# Runs every tests/cli/NAME.erl as `moat NAME.erl a b` from tests/cli and
# compares the exit status with NAME.status, stdout with NAME.stdout and
# stderr with NAME.stderr (a missing file means "empty"). The expected
# files come from escript (-mode(compile)) on the same file, with
# "escript:" replaced by "moat:", escript's and init's own frames dropped,
# and the "*** argument N: ..." detail lines of erl_erts_errors left out
# (docs/deviations.md).
: "${MOAT:=./moat}"
: "${srcdir:=.}"
case "$MOAT" in /*) ;; *) MOAT="$(pwd)/$MOAT" ;; esac
dir="$srcdir/tests/cli"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pass=0; fail=0; failed=""
for f in "$dir"/*.erl; do
  name=$(basename "$f" .erl)
  (cd "$dir" && timeout 60 "$MOAT" "$name.erl" a b > "$out/$name.stdout" 2> "$out/$name.stderr"; echo $? > "$out/$name.status")
  ok=1
  cmp -s "$dir/$name.status" "$out/$name.status" || ok=0
  for s in stdout stderr; do
    if [ -f "$dir/$name.$s" ]; then cmp -s "$dir/$name.$s" "$out/$name.$s" || ok=0
    else [ -s "$out/$name.$s" ] && ok=0; fi
  done
  if [ $ok = 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); failed="$failed $name"
    [ -n "$VERBOSE" ] && { echo "--- $name: status $(cat "$out/$name.status")"; cat "$out/$name.stderr"; }
  fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
