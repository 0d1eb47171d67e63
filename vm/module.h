/*
 * module.h — loaded code: export entries, fun entries, modules.
 *
 * Export entries are global and permanent: one per M:F/A ever referred
 * to, created on first reference (export_get), so an import resolves to
 * an entry even before its module is loaded, and a fully-qualified call
 * always goes to the entry's current code (hot loading swaps .code).
 * Readers may read .code and .bif without a lock (atomic pointer stores).
 */
#ifndef MOAT_MODULE_H
#define MOAT_MODULE_H

#include <stdint.h>

#include "bif.h"
#include "term.h"

struct module;

struct export_entry {
    term module;   /* atom */
    term function; /* atom */
    uint32_t arity;
    const void *_Atomic code; /* entry point of the loaded function, or NULL */
    bif_fn bif;               /* set when M:F/A is a BIF */
    struct export_entry *next_in_hash;
};

struct export_entry *export_get(term module, term function, uint32_t arity);

/* One per fun expression in a module (the lambda table). */
struct fun_entry {
    struct module *module;
    term module_name; /* atom */
    term name;        /* atom of the lifted function, e.g. '-main/1-fun-0-' */
    uint32_t index;   /* position in the module's lambda table */
    uint32_t arity;   /* arity seen by callers */
    uint32_t nfree;
    uint32_t uniq;
    const void *code; /* entry of the lifted function (arity + nfree args) */
};

#endif
