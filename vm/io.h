/*
 * io.h — the one function all program output goes through (vm/io.c).
 *
 * For now it writes to the OS process's stdout/stderr through stdio
 * buffers (io_flush before exit); the I/O system will take it over later.
 */
#ifndef MOAT_IO_H
#define MOAT_IO_H

#include <stddef.h>

#include "proc.h"

/* Write bytes to fd 1 (stdout) or 2 (stderr) on behalf of p (may be NULL).
   Returns 0, or -1 if the write failed. */
int io_write(struct proc *p, int fd, const void *bytes, size_t len);
void io_flush(void);
/* Send all output to fn instead (the interactive shell, vm/repl.c). */
void io_set_sink(int (*fn)(int fd, const void *bytes, size_t len));

#endif
