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
#include <stdbool.h>

#include "term.h"
#include "atom.h"

term raise_error(struct proc *p, term reason);
term raise_exit(struct proc *p, term reason);
term raise_throw(struct proc *p, term value);
/* error {Tag, *value} — value is a pointer to a rooted slot */
term raise_error2(struct proc *p, term tag, term *value);
/* error(badarg) etc. with the BIF's args recorded for the top stack frame */
term raise_badarg(struct proc *p);
term raise_badarith(struct proc *p);
term raise_system_limit(struct proc *p);

/* ---- added by vm/error.c's owner (interpreter) ----------------------------
 * p->exc_args, set by the raise functions, tells the interpreter how to
 * start the stack trace:
 *   EXC_ARGS_BIF      raised by a BIF: the trace starts with the BIF's own
 *                     frame {M, F, Args, [{error_info, ...}]} (erl's way);
 *   EXC_ARGS_NO_FRAME no frame for the raiser (erlang:error/1, exit/1,
 *                     throw/1: the caller's frame is the first);
 *   a list            erlang:error/2,3: the caller's frame, with these
 *                     arguments instead of its arity.
 * p->exc_trace is EXC_TRACE_UNBUILT until the interpreter builds the
 * trace, or the given trace for erlang:raise/3. All markers are
 * immediates: the exception fields are GC roots and always hold terms. */
#define EXC_ARGS_BIF AM(false)
#define EXC_ARGS_NO_FRAME AM(undefined)
#define EXC_TRACE_UNBUILT AM(undefined)
/* raise with an explicit class (error, exit or throw), no raiser frame */
term raise_class(struct proc *p, term class_, term reason);

/* A list of {M, F, ArityOrArgs, Location} frames (erlang:raise/3's check). */
bool error_is_stacktrace(term t);

/* Format an uncaught exception as escript does, into sb (ends in "\n"):
   "<prefix>: exception error: bad argument\n  in function  ...". */
struct strbuf;
void error_format_uncaught(struct strbuf *sb, const char *prefix, term class_, term reason, term trace);
/* The same text without the prefix: "exception error: ...\n  in function ..."
   (proc_lib's crash report indents it, vm/bif_logger.c). */
void error_format_exception(struct strbuf *sb, term class_, term reason, term trace);
/* The same as erl's shell prints it: "** exception error: ...". */
void error_format_shell(struct strbuf *sb, term class_, term reason, term trace);

#endif
