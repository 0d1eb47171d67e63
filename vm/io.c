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

#include "atom.h"
#include "node.h"
#include "ptab.h"
#include "scheduler.h"

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

/* ---- the standard io server ---------------------------------------------- */

uint64_t io_user_pid(void) { return atomic_load_explicit(&node_cur()->user_pid, memory_order_relaxed); }

bool io_user_start(void) {
    struct node *n = node_cur();
    if (io_user_pid()) return true;
    /* registered before it runs, so whereis(user) never sees it missing */
    struct spawn_opts o = {.no_start = true};
    uint64_t pid = proc_spawn(NULL, AM(start), AM(user), TERM_NIL, &o);
    struct proc *q = pid ? ptab_lookup(pid) : NULL;
    if (!q) return false;
    if (reg_register(AM(user), q) != 0) {
        proc_exit(q, AM(normal));
        ptab_release(q);
        return false;
    }
    atomic_store_explicit(&n->user_pid, pid, memory_order_relaxed);
    sched_start(NULL, q);
    ptab_release(q);
    return true;
}
