#!/bin/sh
# Builds a variant of the moat command into build-VARIANT/moat, straight
# from the sources (an autotools VPATH build is refused once the source
# tree is configured), for make check's ASan and GC-stress runs.
#   tests/build-variant.sh asan|gc-stress|tsan SRCDIR
set -e
variant=$1
src=${2:-.}
out=build-$variant
case $variant in
  asan) flags="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer -DMOAT_ASAN" ;;
  gc-stress) flags="-O1 -g -DMOAT_GC_STRESS" ;;
  tsan) flags="-O1 -g -fsanitize=thread" ;; # check-tsan: ETS stress, embedding threads
  *) echo "unknown variant $variant" >&2; exit 2 ;;
esac
mkdir -p "$out/obj"
stdlib=$(cd "$src" && pwd)/stdlib
set -- -std=gnu11 -w $flags -I"$src/vm" -I"$src/compiler" "-DMOAT_STDLIB_DIR=\"$stdlib\"" $(pkg-config --cflags libuv)
objs=""
jobs=0
for f in "$src"/vm/*.c "$src"/compiler/*.c; do
  [ -f "$f" ] || continue
  case $(basename "$f") in moatc.c) continue ;; esac
  o="$out/obj/$(basename "$(dirname "$f")")_$(basename "$f" .c).o"
  objs="$objs $o"
  if [ ! -f "$o" ] || [ -n "$(find "$src/vm" "$src/compiler" -newer "$o" \( -name '*.[ch]' -o -name '*.def' \) | head -1)" ]; then
    cc "$@" -c "$f" -o "$o" &
    jobs=$((jobs + 1))
    if [ "$jobs" -ge 2 ]; then wait; jobs=0; fi
  fi
done
wait
# TSan cannot see mimalloc's own synchronisation (a block freed on one
# thread and reused on another looks like a race): the TSan build puts
# mimalloc's functions on malloc (tests/asan/mi_shim.c), as the ASan fuzzer
shim=""
[ "$variant" = tsan ] && shim="$src/tests/asan/mi_shim.c"
cc $flags -o "$out/moat" $shim $objs $(pkg-config --libs libuv) -lmimalloc -lgmp -lreadline -lm -lpthread
# the ASan build also links the fuzzer (tests/fuzz/fuzz.c, make check-fuzz),
# with mimalloc's functions on malloc so ASan checks every heap block
if [ "$variant" = asan ]; then
  cc "$@" -o "$out/fuzz" "$src/tests/fuzz/fuzz.c" "$src/tests/asan/mi_shim.c" $(echo $objs | tr ' ' '\n' | grep -v -e '/vm_main\.o$' -e '/vm_repl\.o$') \
    $(pkg-config --libs libuv) -lmimalloc -lgmp -lm -lpthread
fi
