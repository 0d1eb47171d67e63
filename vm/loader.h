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

/* Load without the verifier: only for hand-built modules in unit tests of
   instructions the verifier does not yet accept. */
struct module *loader_load_unverified(const struct gen_module *g, char **err);

#endif
