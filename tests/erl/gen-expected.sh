#!/bin/bash
# Regenerates tests/erl/NAME.out from real Erlang/OTP (erl) for every
# tests/erl/*.erl, or only for the NAMEs (or NAME.erl paths) given as arguments.
#
#   tests/erl/gen-expected.sh            # all
#   tests/erl/gen-expected.sh lists_basic maps_get
#
# Each NAME.erl is compiled with `erlc -o $TMP` and run with
#   erl -noshell -pa $TMP -eval 'NAME:main([]), halt().'
# and its stdout is written to NAME.out. Fails (non-zero) if a file does not
# compile, if erl exits non-zero, or if the output is empty or shows an
# uncaught exception.
set -u
cd "$(dirname "$0")" || exit 1
command -v erlc >/dev/null || { echo "erlc not found" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if [ $# -gt 0 ]; then
  names=()
  for a in "$@"; do a=$(basename "$a"); names+=("${a%.erl}"); done
else
  names=()
  for f in *.erl; do names+=("${f%.erl}"); done
fi

status=0
for name in "${names[@]}"; do
  if [ ! -f "$name.erl" ]; then echo "$name.erl: no such file" >&2; status=1; continue; fi
  if ! erlc -o "$TMP" "$name.erl" > "$TMP/$name.erlc" 2>&1; then
    echo "$name: erlc failed:" >&2; cat "$TMP/$name.erlc" >&2; status=1; continue
  fi
  # Warnings are tolerated but reported.
  if [ -s "$TMP/$name.erlc" ]; then sed "s/^/[warning] /" "$TMP/$name.erlc" >&2; fi
  ERL_CRASH_DUMP="$TMP/erl_crash.dump" erl -noshell -pa "$TMP" -eval "$name:main([]), halt()." > "$TMP/$name.out" 2> "$TMP/$name.err" < /dev/null
  rc=$?
  if [ $rc -ne 0 ] || [ -s "$TMP/$name.err" ] || [ ! -s "$TMP/$name.out" ] \
     || grep -q -e 'init terminating' -e 'erl_crash.dump' -e '^Crash dump' "$TMP/$name.out"; then
    echo "$name: bad run (exit $rc):" >&2; cat "$TMP/$name.err" >&2; tail -5 "$TMP/$name.out" >&2
    status=1; continue
  fi
  if ! cmp -s "$TMP/$name.out" "$name.out" 2>/dev/null; then
    cp "$TMP/$name.out" "$name.out"; echo "wrote $name.out"
  fi
done
exit $status
