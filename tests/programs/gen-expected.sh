#!/bin/sh
# Regenerates tests/programs/*.out with erl (see tests/README.md): each
# NAME.erl is compiled with erlc and run as NAME:main([]) from this
# directory, with NAME.in (if there is one) as stdin.  k_nucleotide.in is
# the output of fasta with N=5000, made here too.
# Usage: tests/programs/gen-expected.sh [NAME...]
set -e
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ $# -gt 0 ]; then names="$*"; else names=$(ls *.erl | sed 's/\.erl$//'); fi
for name in $names; do
  erlc -o "$tmp" "$name.erl"
done
if echo " $names " | tr "\n" " " | grep -q " k_nucleotide "; then
  erlc -o "$tmp" fasta.erl
  erl -noshell -pa "$tmp" -eval 'fasta:main(["5000"]), halt().' > k_nucleotide.in
fi
for name in $names; do
  input=/dev/null
  [ -f "$name.in" ] && input="$name.in"
  erl -noshell -pa "$tmp" -eval "$name:main([]), halt()." < "$input" > "$tmp/$name.out" 2> "$tmp/$name.err"
  if [ -s "$tmp/$name.err" ] || [ ! -s "$tmp/$name.out" ]; then
    echo "$name: erl failed or wrote to stderr:"; cat "$tmp/$name.err"; exit 1
  fi
  if ! cmp -s "$tmp/$name.out" "$name.out" 2>/dev/null; then
    cp "$tmp/$name.out" "$name.out"; echo "wrote $name.out"
  fi
done
