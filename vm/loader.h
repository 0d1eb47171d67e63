/*
 * loader.h — turn a generic module (vm/gen.h) into loaded, threaded code
 * (vm/loader.c).
 */
#ifndef MOAT_LOADER_H
#define MOAT_LOADER_H

#include "gen.h"
#include "module.h"

/* Verify g, build its struct module and install it (module_install): the
   new code becomes current. NULL with *err set (mi_free it) if g is
   refused. g is not kept: the caller still frees it. */
struct module *loader_load(const struct gen_module *g, char **err);
/* The same, recording the file it came from (code:which). */
struct module *loader_load_from(const struct gen_module *g, const char *path, char **err);
/* Free what a purged version no longer needs: its code and tables. The
   struct, its fun table and its literal area stay (funs and literals on
   process heaps point at them). Only vm/module.c, once no process can
   run the code. */
void loader_free_purged(struct module *m);
/* Free a module entirely, purged or not (a node's end: nothing runs it). */
void loader_free_module(struct module *m);

/* Load without the verifier: only for hand-built modules in unit tests of
   instructions the verifier does not yet accept. */
struct module *loader_load_unverified(const struct gen_module *g, char **err);

#endif
