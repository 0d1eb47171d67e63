#!/bin/sh
# The mutation tests of tests/fuzz/fuzz.c (make check-fuzz): every stdlib
# module and a set of tests/erl programs compiled by moatc, then mutated
# and loaded; mutated ETF encodings through binary_to_term; mutated
# sources through the compiler. Fixed seeds: a failure reproduces.
# A crash, a sanitizer report (leaks included) or a run over its time
# limit fails.
: "${FUZZ:=./tests/fuzz/fuzz}"
: "${MOATC:=./moatc}"
: "${srcdir:=.}"
: "${FUZZ_MBC:=20000}"
: "${FUZZ_ETF:=10000}"
: "${FUZZ_SRC:=3000}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# programs chosen for their variety of instructions (binaries, maps,
# records, funs, try, receive, list comprehensions, big programs)
progs=$(ls "$srcdir"/tests/erl/prog_*.erl "$srcdir"/tests/erl/bin_*.erl "$srcdir"/tests/erl/map_*.erl \
  "$srcdir"/tests/erl/rec_*.erl "$srcdir"/tests/erl/fun_*.erl "$srcdir"/tests/erl/try_*.erl \
  "$srcdir"/tests/erl/lc_*.erl "$srcdir"/tests/erl/proc_*.erl 2>/dev/null)
mkdir "$tmp/mbc"
for f in "$srcdir"/stdlib/*.erl $progs; do
  "$MOATC" -I "$srcdir/tests/erl" -o "$tmp/mbc" "$f" 2>/dev/null || { echo "fuzz.sh: moatc refused $f"; exit 1; }
done
rc=0
run() {
  start=$(date +%s)
  timeout 300 "$FUZZ" "$@" > "$tmp/out" 2>&1
  status=$?
  cat "$tmp/out"
  echo "  ($(( $(date +%s) - start ))s)"
  if [ $status -ne 0 ]; then echo "fuzz.sh: fuzz $1 failed (status $status)"; rc=1; fi
}
run mbc "$FUZZ_MBC" 1 "$tmp"/mbc/*.mbc
run etf "$FUZZ_ETF" 2 "$srcdir/tests/fuzz/etf-seeds.txt"
run src "$FUZZ_SRC" 3 "$srcdir"/stdlib/*.erl $progs
exit $rc
