/*
 * verify.h — the bytecode verifier (vm/verify.c). Every module passes it
 * before the loader turns it into running code; after it, the interpreter
 * trusts the code.
 */
#ifndef MOAT_VERIFY_H
#define MOAT_VERIFY_H

#include <stdbool.h>

#include "gen.h"

/* true if m is safe to load; otherwise false with *err set to a message
   "verify: F/A at N: rule" (mi_free it). */
bool verify_module(const struct gen_module *m, char **err);

/* The same for m already decoded into d (decode.h), as the loader does:
   the checks decode_module made are not made again. */
struct decoded;
bool verify_decoded(const struct gen_module *m, const struct decoded *d, char **err);

#endif
