#!/bin/sh
# Run the stdlib checkers on real erl (OTP 25): every stdlib/MOD.erl is
# compiled as m_MOD and compared with OTP's MOD by test/MOD_check.erl.
# Usage: stdlib/test/run-on-erl.sh [MOD...]      (default: all checkers)
set -e
here=$(cd "$(dirname "$0")" && pwd)
stdlib=$(dirname "$here")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ $# -gt 0 ]; then mods="$*"; else
  mods=$(cd "$here" && ls *_check.erl | sed 's/_check\.erl$//')
fi

erlc -o "$tmp" "$here/check_lib.erl"
status=0
for m in $mods; do
  if [ ! -f "$stdlib/$m.erl" ]; then echo "SKIP $m (no stdlib/$m.erl)"; continue; fi
  sed "s/^-module($m)\./-module(m_$m)./" "$stdlib/$m.erl" > "$tmp/m_$m.erl"
  if ! erlc +nowarn_deprecated_function -o "$tmp" "$tmp/m_$m.erl" || \
     ! erlc -o "$tmp" "$here/${m}_check.erl"; then
    echo "FAIL $m (does not compile)"; status=1; continue
  fi
  res=$(cd "$tmp" && erl -noshell -pa "$tmp" -eval "R = ${m}_check:run(), halt(case R of pass -> 0; _ -> 1 end)." 2>&1) || status=1
  echo "$res"
done
exit $status
