#!/bin/sh
# Runs every tests/programs/NAME.erl on moat from that directory, with
# NAME.in as stdin if there is one, and compares stdout with NAME.out
# (produced by erl: tests/programs/gen-expected.sh).  Whole programs of the
# kinds users run: benchmarks-game tasks, text processing, processes.
# MOAT_TIMES=1 prints each program's wall time.
: "${MOAT:=./moat}"
: "${srcdir:=.}"
case "$MOAT" in /*) ;; *) MOAT="$(pwd)/$MOAT" ;; esac
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cd "$srcdir/tests/programs" || exit 1
pass=0; fail=0; failed=""
for f in *.erl; do
  name=$(basename "$f" .erl)
  [ -f "$name.out" ] || continue
  input=/dev/null
  [ -f "$name.in" ] && input="$name.in"
  start=$(date +%s%N)
  if timeout 60 "$MOAT" "$f" < "$input" > "$out/$name.actual" 2> "$out/$name.stderr" &&
     cmp -s "$name.out" "$out/$name.actual"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); failed="$failed $name"
    if [ -n "$VERBOSE" ]; then
      echo "--- $name"; head -5 "$out/$name.stderr"; diff "$name.out" "$out/$name.actual" | head -10
    fi
  fi
  [ -n "$MOAT_TIMES" ] && echo "$name $(( ($(date +%s%N) - start) / 1000000 )) ms"
done
[ -n "$failed" ] && echo "failed:$failed"
echo "programs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
