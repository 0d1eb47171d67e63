#!/bin/sh
# Source that nests or chains very deeply is compiled, or refused with a
# message, never a crash: a 200,000-element list literal and a chain of
# 100,000 additions compile (the passes recurse on a large reserved
# stack); 20,000 nested parentheses are refused (the parser's limit).
: "${MOAT:=./moat}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected '$2', got '$3'"; fail=1; fi
}
{ printf -- '-module(longlist).\n-export([main/1]).\nmain(_) -> X = ['; seq -s, 1 200000 | tr -d '\n'
  printf '], io:format("~p~n", [length(X)]).\n'; } > "$t/longlist.erl"
check "a 200,000-element list literal" "200000" "$("$MOAT" "$t/longlist.erl" 2>&1)"
{ printf -- '-module(longsum).\n-export([main/1]).\nmain(_) -> X = 0'; seq 1 100000 | sed 's/^/+/' | tr -d '\n'
  printf ', io:format("~p~n", [X]).\n'; } > "$t/longsum.erl"
check "a chain of 100,000 additions" "5000050000" "$("$MOAT" "$t/longsum.erl" 2>&1)"
{ printf -- '-module(nested).\n-export([main/1]).\nmain(_) -> X = '; i=0
  while [ $i -lt 20000 ]; do printf '('; i=$((i + 1)); done; printf 1; i=0
  while [ $i -lt 20000 ]; do printf ')'; i=$((i + 1)); done; printf ', X.\n'; } > "$t/nested.erl"
out=$("$MOAT" "$t/nested.erl" 2>&1); status=$?
check "20,000 nested parentheses: refused" "1" "$(printf '%s\n' "$out" | grep -c 'nested.erl:3:[0-9]*: expression nested too deeply')"
check "... with the compile-error status" "127" "$status"
exit $fail
