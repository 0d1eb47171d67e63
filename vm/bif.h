/*
 * bif.h — built-in functions implemented in C.
 *
 * The table is vm/bifs.def (one line per BIF). The loader resolves an
 * import M:F/A to its BIF when the table has it, before looking for an
 * Erlang function: a stdlib .erl module never defines a function that is
 * a BIF.
 *
 * Calling convention:
 *   term fn(struct proc *p, term *args)
 * args[0..A-1] are the arguments. They live in x registers that p->live
 * covers, so a GC inside the BIF (heap_ensure_free) updates them: re-read
 * args[i] after heap_ensure_free, never keep a copy across it.
 * On success return the result. On failure return the value of one of
 * the raise_ functions of vm/error.h (TERM_NONE), which record the
 * exception in p.
 */
#ifndef MOAT_BIF_H
#define MOAT_BIF_H

#include <stdbool.h>

#include "proc.h"
#include "term.h"

typedef term (*bif_fn)(struct proc *p, term *args);

struct bif_info {
    const char *module;
    const char *name;
    unsigned arity;
    bif_fn fn;
    unsigned flags;
};

#define BIF_GUARD 1u /* allowed in guards */
/* embedding: the capability class a BIF needs (proc.h enum proc_cap) */
#define BIF_CAP_SHIFT 8
#define BIF_CAP(c) ((unsigned)(c) << BIF_CAP_SHIFT)
/* Raise error:{capability, Class} for the lowest class in classes (a BIF
   that checks a capability itself, e.g. on a file handle). */
term bif_raise_capability(struct proc *p, unsigned classes);

struct strbuf;
/* Append a text argument (chardata: code point lists, binaries, atoms,
   nested to a depth of 100) as UTF-8; false if t is not one. A code
   point 0 is refused unless allow_nul (file names cannot hold one). */
bool bif_text_append(struct strbuf *sb, term t, bool allow_nul);

/* A BIF called through an export (call_ext, apply) may return TERM_RETRY:
   the caller's time slice ends and the same call is made again when it
   next runs (e.g. process_info of a process that is running). */
#define TERM_RETRY ((term)8)

/* A BIF called through an export may hand the call on to an Erlang
   function instead (BEAM's BIF trap): `return bif_trap(p, args, ep,
   targs)` puts ep's arity terms targs in args[0..] (the x registers the
   call_export path passed) and the interpreter calls ep with them, in
   place of the BIF (same continuation, so a tail call stays one). Used
   where the slow case is Erlang code: the io BIFs when the device is an
   io server process (vm/format.c, stdlib/io.erl). Never from a BIF that
   the compiler calls with bif0..bif3 (guard BIFs). */
#define TERM_TRAP ((term)16)
struct export_entry;
term bif_trap(struct proc *p, term *args, struct export_entry *ep, const term *targs);
/* The interpreter, after TERM_TRAP: the export to call (this thread's). */
struct export_entry *bif_trap_target(void);

#define BIF(mod, name, arity, fn, flags) term fn(struct proc *p, term *args);
#include "bifs.def"
#undef BIF

/* The table, in bifs.def order. */
extern const struct bif_info bif_table[];
extern const unsigned bif_count;
/* Find a BIF; NULL if M:F/A is not one. Thread-safe after bif_init. */
const struct bif_info *bif_lookup(term module, term name, unsigned arity);
void bif_init(void);

/* A file name term (string, atom, binary, deep list) as a C string in sb;
   false if it is not one (vm/bif_file.c). */
struct strbuf;
bool file_name(term t, struct strbuf *sb);

#endif
