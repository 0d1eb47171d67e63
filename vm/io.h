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
/* Send all output to fn instead (NULL: back to stdout/stderr): the
   embedding host's callback (vm/moat.c) or the interactive shell's front
   end (vm/repl.c). Set while no process runs. */
void io_set_sink(void (*fn)(int fd, const char *bytes, size_t len, void *ud), void *ud);

#endif
