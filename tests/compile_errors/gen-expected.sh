#!/bin/bash
# Regenerates tests/compile_errors/NAME.err for every NAME.erl here (or only
# the NAMEs given as arguments). Each .err holds exactly what
#   erlc NAME.erl
# prints (stdout and stderr together) when run with a relative file name from
# the directory holding the file (a scratch copy, so no .beam lands here), so
# that messages start with "NAME.erl:LINE:COL:", followed by a final line
# "exit: N" with erlc's exit status (1 for errors, 0 for warnings only).
set -u
cd "$(dirname "$0")" || exit 1
command -v erlc >/dev/null || { echo "erlc not found" >&2; exit 1; }
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

names=()
if [ $# -gt 0 ]; then
  for a in "$@"; do a=$(basename "$a"); names+=("${a%.erl}"); done
else
  for f in *.erl; do names+=("${f%.erl}"); done
fi

status=0
for name in "${names[@]}"; do
  if [ ! -f "$name.erl" ]; then echo "$name.erl: no such file" >&2; status=1; continue; fi
  rm -rf "$TMP/src"; mkdir "$TMP/src"; cp "$name.erl" "$TMP/src/"
  (cd "$TMP/src" && erlc "$name.erl") > "$TMP/$name.err" 2>&1
  echo "exit: $?" >> "$TMP/$name.err"
  if ! cmp -s "$TMP/$name.err" "$name.err" 2>/dev/null; then
    cp "$TMP/$name.err" "$name.err"; echo "wrote $name.err"
  fi
done
exit $status
