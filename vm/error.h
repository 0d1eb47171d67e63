/*
 * error.h — raising Erlang exceptions from C.
 *
 * A raise_ function records the exception in the process (exc_class,
 * exc_reason) and returns TERM_NONE, so a BIF writes
 *     return raise_error(p, AM(badarg));
 * The interpreter then unwinds to the nearest catch, adding the
 * stacktrace. Building a reason tuple may need heap: raise_error2 takes
 * care of it (falling back to the bare tag if memory is short); its value
 * argument must be a term that stays valid across a GC, i.e. a root
 * (usually an args[] slot) — it re-reads nothing else.
 */
#ifndef MOAT_ERROR_H
#define MOAT_ERROR_H

#include "proc.h"
#include "term.h"

term raise_error(struct proc *p, term reason);
term raise_exit(struct proc *p, term reason);
term raise_throw(struct proc *p, term value);
/* error {Tag, *value} — value is a pointer to a rooted slot */
term raise_error2(struct proc *p, term tag, term *value);
/* error(badarg) etc. with the BIF's args recorded for the top stack frame */
term raise_badarg(struct proc *p);
term raise_badarith(struct proc *p);
term raise_system_limit(struct proc *p);

#endif
