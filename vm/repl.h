/*
 * repl.h — `moat` with no file: the interactive shell's terminal front end
 * (vm/repl.c, linked into the moat command only).
 */
#ifndef MOAT_REPL_H
#define MOAT_REPL_H

#include <stdbool.h>

struct vm;

/* Run the shell until it halts; returns the exit status. interactive:
   banner, prompts, readline; otherwise read expressions from stdin
   quietly and halt at its end. */
int repl_run(struct vm *vm, bool interactive);

#endif
