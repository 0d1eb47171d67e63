/*
 * io.c — program output. stdout is buffered (stdio); anything written to
 * stderr first flushes stdout so the two streams interleave as written.
 * Other descriptors (files opened by file:open/2) are written directly.
 * Any thread (stdio locks each call). An embedding host or the shell may
 * take stdout and stderr over (io_set_sink, per node).
 */
#include "io.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

#include "node.h"

void io_set_sink(void (*fn)(int fd, const char *bytes, size_t len, void *ud), void *ud) {
    struct node *n = node_cur();
    n->sink = fn;
    n->sink_ud = ud;
}

int io_write(struct proc *p, int fd, const void *bytes, size_t len) {
    (void)p;
    if (fd > 2) { /* a file opened by file:open/2 (vm/bif_io.c): unbuffered */
        for (size_t off = 0; off < len;) {
            ssize_t n = write(fd, (const char *)bytes + off, len - off);
            if (n < 0 && errno != EINTR) return -1;
            if (n > 0) off += (size_t)n;
        }
        return 0;
    }
    struct node *n = node_cur();
    atomic_fetch_add_explicit(&n->stats.io_out, len, memory_order_relaxed);
    if (n->sink) {
        n->sink(fd, bytes, len, n->sink_ud);
        return 0;
    }
    FILE *f = fd == 2 ? stderr : stdout;
    if (fd == 2) fflush(stdout);
    if (len && fwrite(bytes, 1, len, f) != len) return -1;
    return 0;
}

void io_flush(void) {
    fflush(stdout);
    fflush(stderr);
}
