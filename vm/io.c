/*
 * io.c — program output. stdout is buffered (stdio); anything written to
 * stderr first flushes stdout so the two streams interleave as written.
 * Any thread (stdio locks each call).
 */
#include "io.h"

#include <stdio.h>

int io_write(struct proc *p, int fd, const void *bytes, size_t len) {
    (void)p;
    FILE *f = fd == 2 ? stderr : stdout;
    if (fd == 2) fflush(stdout);
    if (len && fwrite(bytes, 1, len, f) != len) return -1;
    return 0;
}

void io_flush(void) {
    fflush(stdout);
    fflush(stderr);
}
