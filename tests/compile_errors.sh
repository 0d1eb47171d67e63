#!/bin/sh
# The compiler's diagnostics: moatc on each tests/compile_errors/NAME.erl
# (copied to a scratch directory and compiled there with a relative name,
# as gen-expected.sh ran erlc) must print exactly NAME.err, erlc's output,
# with erlc's exit status on its last line.
: "${MOATC:=./moatc}"
: "${srcdir:=.}"
case "$MOATC" in /*) ;; *) MOATC="$(pwd)/$MOATC" ;; esac
dir="$srcdir/tests/compile_errors"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; failed=""
for f in "$dir"/*.erl; do
  name=$(basename "$f" .erl)
  rm -rf "$tmp/src"; mkdir "$tmp/src"; cp "$f" "$tmp/src/"
  (cd "$tmp/src" && "$MOATC" "$name.erl") > "$tmp/$name.actual" 2>&1
  echo "exit: $?" >> "$tmp/$name.actual"
  if cmp -s "$dir/$name.err" "$tmp/$name.actual"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); failed="$failed $name"
    [ -n "$VERBOSE" ] && diff "$dir/$name.err" "$tmp/$name.actual"
  fi
done
[ -n "$failed" ] && echo "failed:$failed"
echo "compile errors: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
