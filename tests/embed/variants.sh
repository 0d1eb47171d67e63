#!/bin/sh
# The embedding API tests under AddressSanitizer+UBSan and GC stress: the
# example host, linked with the ASan objects tests/build-variant.sh left in
# build-asan/obj, must print what host.out says, and the API tests must
# pass linked with the ASan and with the GC-stress objects, and
# tests/embed/threads.c must run clean under ThreadSanitizer, and the VM must
# survive a failing allocator (tests/embed/alloc_fail.c) (make check-embed).
#   tests/embed/variants.sh SRCDIR
set -e
src=${1:-.}
out=build-asan
objs=$(ls $out/obj/*.o | grep -v -e '/vm_main\.o$' -e '/vm_repl\.o$')
flags="-O1 -g -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
cc -std=gnu11 $flags -I"$src/vm" -o $out/host "$src/examples/embed/host.c" $objs \
  $(pkg-config --libs libuv) -lmimalloc -lgmp -lm -lpthread
(cd "$src/examples/embed" && "$OLDPWD/$out/host") > $out/host.actual 2>&1
cmp "$src/examples/embed/host.out" $out/host.actual
# and the API tests (10,000 calls, two threads, natives) under ASan too
cc -std=gnu11 $flags -I"$src/vm" $(pkg-config --cflags criterion) -o $out/embed "$src/tests/embed/test_embed.c" $objs \
  $(pkg-config --libs criterion libuv) -lmimalloc -lgmp -lm -lpthread
ASAN_OPTIONS=detect_leaks=1 $out/embed
# and with an allocator that fails from its Nth allocation on, for N across
# a whole workload: no crash, no leak (its counts vary run to run)
cc -std=gnu11 $flags -I"$src/vm" -o $out/alloc_fail "$src/tests/embed/alloc_fail.c" $objs \
  $(pkg-config --libs libuv) -lmimalloc -lgmp -lm -lpthread
ASAN_OPTIONS=detect_leaks=1 $out/alloc_fail 2>/dev/null
# and under GC stress: every handle must be a root
gobjs=$(ls build-gc-stress/obj/*.o | grep -v -e '/vm_main\.o$' -e '/vm_repl\.o$')
cc -std=gnu11 -O1 -g -DMOAT_GC_STRESS -I"$src/vm" $(pkg-config --cflags criterion) -o build-gc-stress/embed \
  "$src/tests/embed/test_embed.c" $gobjs $(pkg-config --libs criterion libuv) -lmimalloc -lgmp -lm -lpthread
build-gc-stress/embed
# several host threads at once under ThreadSanitizer
sh "$src/tests/build-variant.sh" tsan "$src"
tobjs=$(ls build-tsan/obj/*.o | grep -v -e '/vm_main\.o$' -e '/vm_repl\.o$')
cc -std=gnu11 -O1 -g -fsanitize=thread -I"$src/vm" -o build-tsan/threads "$src/tests/embed/threads.c" \
  "$src/tests/asan/mi_shim.c" $tobjs \
  $(pkg-config --libs libuv) -lmimalloc -lgmp -lm -lpthread
TSAN_OPTIONS=halt_on_error=1 build-tsan/threads > build-tsan/threads.actual
printf '44850\n44850\n44850\n44850\n44850\n44850\n44850\n74850\n44850\n74850\n' | cmp - build-tsan/threads.actual
