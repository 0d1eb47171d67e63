/*
 * shell.h — what the shell's BIFs (vm/bif_shell.c) and the terminal front
 * end of `moat` with no file (vm/repl.c) say to each other.
 *
 * The shell itself is an Erlang process (stdlib/moat_shell.erl). It asks
 * for a line of input with moat_shell:read/2, which calls the front end's
 * request_input; the front end answers later, from its own thread, with a
 * message to the shell process: {'$moat_input', String} (one complete
 * expression, up to and including its ending dot), or '$moat_interrupt'
 * (Ctrl-C while an evaluation runs). Without a front end (an embedding
 * host), moat_shell:read/2 returns {error, no_terminal}.
 */
#ifndef MOAT_SHELL_H
#define MOAT_SHELL_H

#include <stddef.h>
#include <stdint.h>

struct shell_frontend {
    /* Any scheduler thread: the shell process `pid` waits for input;
       prompt is "N> " (UTF-8), vars the bound variable names (for
       completion). The callee copies what it keeps. */
    void (*request_input)(uint64_t pid, const char *prompt, const char *const *vars, size_t nvars);
    /* Any thread: the terminal's width (erl's io:columns/0), for values. */
    int (*columns)(void);
};

void shell_set_frontend(const struct shell_frontend *fe);

/* The byte offset of a lexer position (line, col: col counts code points)
   in src. */
size_t shell_offset_of(const char *src, size_t len, uint32_t line, uint32_t col);

#endif
