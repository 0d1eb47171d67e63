#!/bin/sh
# Runs every tests/erl/*.erl on moat and compares stdout with the .out
# file produced by erl (see tests/README.md).
# tests/erl/XFAIL lists programs known to fail, each with the reason (the
# open issue that will fix it): they are run and reported, and do not fail
# the suite; one that passes is reported so the list can be shortened.
# MOAT_ERL_SKIP="a b" skips programs (the GC-stress run skips the ones whose
# large live data makes every collection slow).
: "${MOAT:=./moat}"
: "${srcdir:=.}"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
xfail_list="$srcdir/tests/erl/XFAIL"
pass=0; fail=0; xfail=0; failed=""; xpassed=""
for f in "$srcdir"/tests/erl/*.erl; do
  name=$(basename "$f" .erl)
  exp="$srcdir/tests/erl/$name.out"
  [ -f "$exp" ] || continue
  case " $MOAT_ERL_SKIP " in *" $name "*) continue ;; esac
  expected_fail=0
  [ -f "$xfail_list" ] && grep -q "^$name\b" "$xfail_list" && expected_fail=1
  if timeout 60 "$MOAT" "$f" > "$out/$name.actual" 2> "$out/$name.stderr" && cmp -s "$exp" "$out/$name.actual"; then
    pass=$((pass + 1))
    [ $expected_fail = 1 ] && xpassed="$xpassed $name"
  elif [ $expected_fail = 1 ]; then
    xfail=$((xfail + 1))
  else
    fail=$((fail + 1)); failed="$failed $name"
    if [ -n "$VERBOSE" ]; then
      echo "--- $name"; head -5 "$out/$name.stderr"; diff "$exp" "$out/$name.actual" | head -10
    fi
  fi
done
[ -n "$failed" ] && echo "failed:$failed"
[ -n "$xpassed" ] && echo "passing now (remove from tests/erl/XFAIL):$xpassed"
echo "erl suite: $pass passed, $fail failed, $xfail expected failures"
[ "$fail" -eq 0 ]
