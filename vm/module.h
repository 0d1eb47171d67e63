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

/* stdlib's sources, and where make put their compiled .mbc (the same
   directory in a build inside the source tree) */
#ifndef MOAT_STDLIB_MBC_DIR
#define MOAT_STDLIB_MBC_DIR MOAT_STDLIB_DIR
#endif

#include <stdbool.h>
#include <stdint.h>

#include "bif.h"
#include "term.h"

struct module;

/* A word of threaded code (vm/loader.c). */
typedef uintptr_t code_word;

struct export_entry {
    term module;   /* atom */
    term function; /* atom */
    uint32_t arity;
    const void *_Atomic code; /* entry point of the loaded function, or NULL */
    bif_fn bif;               /* set when M:F/A is a BIF */
    struct export_entry *next_in_hash;
    /* added by vm/module.c: the BIF's table entry when .bif is set */
    const struct bif_info *bif_info;
    /* a BIF's retry stub: [i_bif_again][this entry] (vm/bif.h TERM_RETRY) */
    code_word bif_again[2];
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

/* ---- loaded modules (vm/module.c, built by vm/loader.c) -------------------
 *
 * Threaded code is an array of words: each instruction is one word holding
 * its handler (vm/interp.c) followed by pre-decoded operands (see
 * vm/loader.c for the encoding). A module owns its code, its literal area
 * (terms no process GC ever moves) and its tables; all are immutable after
 * loading and live as long as the VM (replaced modules stay allocated).
 */

struct mod_func {
    term name; /* atom */
    uint32_t arity;
    const code_word *start; /* the func_info instruction */
    const code_word *entry; /* the code after it */
    struct module *module;
};

struct mod_line {
    const code_word *pc; /* first instruction from this line */
    uint32_t line;
    uint32_t file; /* index into files */
};

struct mod_export {
    term name;
    uint32_t arity;
};

struct module {
    term name; /* atom */
    code_word *code;
    size_t ncode;
    term *lit_area; /* literal terms live here */
    size_t lit_words;
    term *lit_offheap; /* refc binary handles in the literal area */
    term *lits;        /* literal index -> term */
    uint32_t nlits;
    struct mod_func *funcs; /* in code order */
    uint32_t nfuncs;
    struct mod_line *lines; /* sorted by pc */
    uint32_t nlines;
    term *file_names; /* per file: the name as an Erlang string (in lit_area) */
    char **file_cnames;
    uint32_t nfiles;
    struct mod_export *exports; /* in the gen_module's order */
    uint32_t nexports;
    struct fun_entry *funs;
    uint32_t nfuns;
    term attributes; /* a list (in lit_area), or [] */
    uint8_t md5[16];
    struct module *old; /* the version this one replaced, or NULL */
    bool typed;         /* compiled from the shell's prompt (vm/bif_shell.c) */
};

/* The current version of a module, or NULL (no loading). Any thread. */
struct module *module_find(term name);
/* Make m the current version of its module and point the export entries of
   its exports at its code. */
void module_install(struct module *m);
/* The module (current or old) whose code holds addr, or NULL. */
struct module *module_of_code(const void *addr);
/* Whether the code at addr was typed at the shell: erl interprets that
   code, so its arithmetic errors always show the operator's frame. */
bool module_code_typed(const void *addr);
/* The function whose code holds addr, NULL if none. */
const struct mod_func *module_func_of(const struct module *m, const void *addr);
/* The source line of the instruction at addr (0 if unknown); *file gets
   the file index (or UINT32_MAX). */
uint32_t module_line_of(const struct module *m, const void *addr, uint32_t *file);

/* ---- the code path: where modules not yet loaded are found ---- */
void module_path_add(const char *dir); /* appended to the search list */
void module_path_clear(void);
/* Load module `name` if it is not loaded: NAME.mbc or NAME.erl in the code
   path (compiling it in-process; diagnostics go to stderr). Returns the
   module, or NULL if not found or refused (a message is printed). */
struct module *module_ensure_loaded(term name);
/* Compile FILE.erl and load it / load a generic module (what names it in
   messages). NULL, with diagnostics on stderr, on failure. */
struct module *module_load_source(const char *path);
struct gen_module;
/* Bytes of threaded code loaded so far (erlang:memory(code)). */
extern _Atomic size_t module_code_bytes;

struct module *module_load_gen(struct gen_module *g, const char *what);

#endif
