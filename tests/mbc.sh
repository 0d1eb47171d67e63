#!/bin/sh
# Compiled modules on the code path: moat loads NAME.mbc written by moatc,
# and compiles NAME.erl instead when the source is newer than the .mbc.
: "${MOAT:=./moat}"
MOATC=${MOATC:-$(dirname "$MOAT")/moatc}
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
fail=0
check() { # description, expected, actual
  if [ "$2" = "$3" ]; then echo "ok: $1"; else echo "FAIL: $1: expected '$2', got '$3'"; fail=1; fi
}
printf -- '-module(m).\n-export([v/0]).\nv() -> one.\n' > "$t/m.erl"
printf -- '-module(run).\n-export([main/1]).\nmain(_) -> io:format("~p~n", [m:v()]).\n' > "$t/run.erl"
"$MOATC" -o "$t" "$t/m.erl" || fail=1
rm "$t/m.erl"
check "the .mbc alone is loaded" "one" "$("$MOAT" "$t/run.erl" 2>&1)"
sleep 0.01
printf -- '-module(m).\n-export([v/0]).\nv() -> two.\n' > "$t/m.erl"
check "a newer source wins over the .mbc" "two" "$("$MOAT" "$t/run.erl" 2>&1)"
"$MOATC" -o "$t" "$t/m.erl" && rm "$t/m.erl"
check "moatc rewrote the .mbc" "two" "$("$MOAT" "$t/run.erl" 2>&1)"
head -c 40 "$t/m.mbc" > "$t/m2" && mv "$t/m2" "$t/m.mbc"
out=$("$MOAT" "$t/run.erl" 2>&1)
case "$out" in *m.mbc:*) echo "ok: a truncated .mbc is refused with a reason" ;;
  *) echo "FAIL: truncated .mbc: $out"; fail=1 ;; esac
exit $fail
