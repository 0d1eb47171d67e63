#!/bin/bash
# make bench: runs each bench/*.erl on moat and, when erl is installed, on
# erl in the same run; 3 runs each, the median; prints a table with the
# ratio erl/moat (higher is better for moat).
#   bench/run.sh [NAME...]     (default: every benchmark, then "load")
# "load" is the cost of loading the compiled stdlib phase by phase
# (bench/load/loadstat.c; make bench builds it and sets LOADSTAT).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
MOAT=${MOAT:-$top/moat}
RUNS=${RUNS:-3}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/runstat" "$here/runstat.c" || exit 1
have_erl=0
command -v erl >/dev/null && command -v erlc >/dev/null && have_erl=1

median() { sort -n | awk '{a[NR]=$1} END {if (NR) print a[int((NR+1)/2)]; else print "-"}'; }

# Prints the microseconds the program reports ("NAME: N us"), one per run.
time_moat() { "$MOAT" "$here/$1.erl" 2>/dev/null | sed -n 's/^[a-z_]*: \([0-9]*\) us.*/\1/p'; }
# +P: the spawn benchmark keeps 1,000,000 processes alive (erl allows 262,144 by default).
time_erl() { erl +P 2000000 -noshell -pa "$tmp" -eval "$1:main([]), halt()." 2>/dev/null | sed -n 's/^[a-z_]*: \([0-9]*\) us.*/\1/p'; }

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$here"/*.erl; do names+=("$(basename "$f" .erl)"); done
  names+=(load)
fi
echo "bench on $(nproc) cores, $(date -u +%Y-%m-%d), erl $([ $have_erl = 1 ] && erl -noshell -eval 'io:format("~s",[erlang:system_info(otp_release)]),halt().' || echo 'not installed')"
printf '%-14s %14s %14s %8s\n' benchmark "moat" "erl" "erl/moat"
for n in "${names[@]}"; do
  if [ "$n" = load ]; then
    load_report=
    if [ -x "${LOADSTAT:-}" ]; then
      load_report=$("$LOADSTAT" "${STDLIB_MBC_DIR:-$top/stdlib}"/*.mbc)
      printf '%-14s verify overhead %s of read+load (stdlib; table below)\n' load \
        "$(echo "$load_report" | sed -n 's/^verify overhead: \([0-9-]*%\).*/\1/p')"
    fi
    continue
  fi
  [ $have_erl = 1 ] && erlc -o "$tmp" "$here/$n.erl" 2>/dev/null
  if [ "$n" = hello ]; then
    # startup: the whole process, wall time and peak memory
    m=$(for i in $(seq "$RUNS"); do "$tmp/runstat" "$MOAT" "$here/hello.erl" 2>&1 >/dev/null | tail -1; done | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    e="- -"
    [ $have_erl = 1 ] && e=$(for i in $(seq "$RUNS"); do "$tmp/runstat" erl -noshell -pa "$tmp" -eval 'hello:main([]), halt().' 2>&1 >/dev/null | tail -1; done | sort -n | awk '{a[NR]=$0} END {print a[int((NR+1)/2)]}')
    mu=${m% *}; mk=${m#* }; eu=${e% *}; ek=${e#* }
    ratio=-; [ "$eu" != - ] && [ -n "$mu" ] && ratio=$(awk "BEGIN{printf \"%.2f\", $eu/$mu}")
    printf '%-14s %11s us %11s us %8s   (peak RSS: moat %s KiB, erl %s KiB)\n' startup "${mu:--}" "$eu" "$ratio" "${mk:--}" "$ek"
    continue
  fi
  m=$(for i in $(seq "$RUNS"); do time_moat "$n"; done | median)
  e=-
  [ $have_erl = 1 ] && e=$(for i in $(seq "$RUNS"); do time_erl "$n"; done | median)
  ratio=-
  if [ "$m" != - ] && [ "$e" != - ] && [ "$m" -gt 0 ]; then ratio=$(awk "BEGIN{printf \"%.2f\", $e/$m}"); fi
  printf '%-14s %11s us %11s us %8s\n' "$n" "$m" "$e" "$ratio"
  if [ "$n" = fib ] && command -v lua5.4 >/dev/null; then
    # the same fib(30) in Lua 5.4 (bench/fib.lua), in the erl column
    l=$(for i in $(seq "$RUNS"); do lua5.4 "$here/fib.lua" | sed -n 's/^fib: \([0-9]*\) us/\1/p'; done | median)
    ratio=-; [ "$m" != - ] && [ "$m" -gt 0 ] && ratio=$(awk "BEGIN{printf \"%.2f\", $l/$m}")
    printf '%-14s %11s us %11s us %8s   (lua5.4 in the erl column)\n' "fib-vs-lua" "$m" "$l" "$ratio"
  fi
done
[ -n "${load_report:-}" ] && echo && echo "$load_report"
exit 0
