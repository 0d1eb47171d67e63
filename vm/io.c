/*
 * io.c — program output. stdout is buffered (stdio); anything written to
 * stderr first flushes stdout so the two streams interleave as written.
 * Any thread (stdio locks each call).
 */
#include "io.h"

#include <stdio.h>

/* The shell's front end (vm/repl.c) takes the output while it owns the
   terminal. Set before the schedulers start. */
static int (*sink)(int fd, const void *bytes, size_t len);
void io_set_sink(int (*fn)(int fd, const void *bytes, size_t len)) { sink = fn; }

int io_write(struct proc *p, int fd, const void *bytes, size_t len) {
    (void)p;
    if (sink) return sink(fd, bytes, len);
    FILE *f = fd == 2 ? stderr : stdout;
    if (fd == 2) fflush(stdout);
    if (len && fwrite(bytes, 1, len, f) != len) return -1;
    return 0;
}

void io_flush(void) {
    fflush(stdout);
    fflush(stderr);
}
