/*
 * io.h — the one function all program output goes through (vm/io.c).
 *
 * For now it writes to the OS process's stdout/stderr through stdio
 * buffers (io_flush before exit); the I/O system will take it over later.
 */
#ifndef MOAT_IO_H
#define MOAT_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "proc.h"

/* Write bytes to fd 1 (stdout), 2 (stderr) or an open file's descriptor,
   on behalf of p (may be NULL).
   Returns 0, or -1 if the write failed. */
int io_write(struct proc *p, int fd, const void *bytes, size_t len);
void io_flush(void);
/* Send all output to fn instead (NULL: back to stdout/stderr): the
   embedding host's callback (vm/moat.c) or the interactive shell's front
   end (vm/repl.c). Set while no process runs. */
void io_set_sink(void (*fn)(int fd, const char *bytes, size_t len, void *ud), void *ud);

/* The node's standard io server: a process running user:start()
   (stdlib/user.erl) that speaks the Erlang I/O protocol for stdin and
   stdout, registered as `user`; the group leader of every process that
   was never given another. io_user_start spawns it (after sched_init;
   false if out of memory); io_user_pid is its pid number, 0 before.
   Writes whose device is this server skip it and write to fd 1 directly
   (vm/format.c), so only other servers cost a message round trip. */
bool io_user_start(void);
uint64_t io_user_pid(void);

/* The script and its arguments, for init:get_plain_arguments/0 (as
   escript gives them); set once by main before any process runs. */
void io_set_plain_args(int argc, char **argv);
/* Append the bytes of iodata (depth: of the list nesting so far, 0 at
   the top); false if it is not iodata. */
struct strbuf;
bool io_iodata_append(struct strbuf *sb, term t, int depth);
/* A node's descriptor table (vm/bif_io.c); destroying it closes the
   node's files. */
struct io_state;
struct io_state *io_state_create(void);
void io_state_destroy(struct io_state *io);

/* Whether fd was set to {encoding, unicode} (io:setopts/1,2, or a file
   opened with {encoding, utf8}): text is then written as UTF-8. */
bool io_fd_unicode(int fd);

/* The descriptor of an open file's handle (the Data of the device
   {file_descriptor, moat_io, Data}) for p; -1 if it is not one or was
   closed, IO_FD_DENIED if p may not use files. */
#define IO_FD_DENIED (-2)
int io_handle_fd(struct proc *p, int64_t handle);

/* The piped shell (vm/repl.c) reads its input through stdin's buffer,
   the one io:get_line and every other reader of descriptor 0 use, a line
   at a time: what an evaluation reads is the input after its expression,
   as in erl. io_stdin_line appends the buffered bytes up to and including
   a newline to sb, reading stdin once first if nothing is buffered;
   returns how many it appended, 0 at the end of input, or -errno.
   io_stdin_buffered: bytes are waiting (poll would not see them). */
ssize_t io_stdin_line(struct strbuf *sb);
bool io_stdin_buffered(void);

#endif
