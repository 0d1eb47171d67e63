/*
 * module.h — loaded code: export entries, fun entries, modules.
 *
 * Export entries belong to a node (vm/node.h) and last as long as it: one
 * per M:F/A ever referred to, created on first reference (export_get), so an import resolves to
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
/* and where make install puts both (a build that is never installed,
   such as the sanitizer variants, keeps to the source tree's) */
#ifndef MOAT_STDLIB_INSTALL_DIR
#define MOAT_STDLIB_INSTALL_DIR MOAT_STDLIB_DIR
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
    uint32_t fn_index; /* the lifted function's index in module.funcs */
    uint32_t arity;   /* arity seen by callers */
    uint32_t nfree;
    uint32_t uniq;
    /* entry of the lifted function (arity + nfree args). Hot loading points
       it at the same fun of the new version when there is one; purging the
       code it points into sets it to NULL (calling the fun then raises
       badfun, as erl does). Read with acquire, written with release. */
    const void *_Atomic code;
};

/* ---- loaded modules (vm/module.c, built by vm/loader.c) -------------------
 *
 * Threaded code is an array of words: each instruction is one word holding
 * its handler (vm/interp.c) followed by pre-decoded operands (see
 * vm/loader.c for the encoding). A module owns its code, its literal area
 * (terms no process GC ever moves) and its tables; all are immutable after
 * loading. A replaced version stays as the module's old code until it is
 * purged (module_purge_step); purging frees its code and tables but keeps
 * the struct, its fun table and its literal area for the life of the VM:
 * funs and literals on process heaps may still point at them.
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
    char *path;             /* the file it was loaded from (code:which), or NULL */
    struct module *retired; /* registry (vm/module.c): next purged version */
};

/* The current version of a module, or NULL (no loading). Any thread. */
struct module *module_find(term name);
/* Make m the current version of its module and point the export entries of
   its exports at its code; the version it replaces becomes old. False
   (nothing changed) if the module already has old code (not_purged). */
bool module_install(struct module *m);
/* The old version of a module, or NULL. */
struct module *module_find_old(term name);
/* code:delete: the current version becomes old (its exports undefined).
   False if there is no current version or old code exists. */
bool module_delete(term name);
/* One step of purging a module's old code, called again until it is done
   (see vm/module.c): MODULE_PURGE_NONE (no old code), _DONE (freed; *killed
   says whether processes were killed), _IN_USE (soft: a process runs it;
   nothing changed), _AGAIN (some process could not be examined yet, or a
   killed one has not ended: call again after a time slice), _SELF (hard:
   the caller runs the code and must die; the next call goes on). */
enum { MODULE_PURGE_NONE, MODULE_PURGE_DONE, MODULE_PURGE_IN_USE, MODULE_PURGE_AGAIN, MODULE_PURGE_SELF };
int module_purge_step(struct proc *self, term name, bool soft, bool *killed);
/* Whether process q (held, or self) has code of m's version on its stack. */
bool module_proc_uses(const struct proc *q, const struct module *m);
/* Calls fn for every module with a current version (under the registry
   lock: fn must not call back into this file). */
void module_foreach_current(void (*fn)(struct module *, void *), void *arg);
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
/* The standard library's sources: the build tree's while it exists, else
   the installed one (make install); and adding it (with its compiled
   .mbc) to the path. */
const char *module_stdlib_dir(void);
void module_path_add_stdlib(void);
void module_path_add_front(const char *dir);
void module_path_clear(void);
/* The directories in order: calls fn for each (under the path lock). */
void module_path_foreach(void (*fn)(const char *, void *), void *arg);
/* code:load_file: find NAME.mbc or NAME.erl on the path and load it, even
   if a version is loaded (it must have no old code). NULL with *reason
   set to nofile, badfile or not_purged (an atom) on failure. */
struct module *module_load_file(term name, term *reason);
/* Load module `name` if it is not loaded: NAME.mbc or NAME.erl in the code
   path (compiling it in-process; diagnostics go to stderr). Returns the
   module, or NULL if not found or refused (a message is printed). */
struct module *module_ensure_loaded(term name);
/* Compile FILE.erl and load it / load a generic module (what names it in
   messages). NULL, with diagnostics on stderr, on failure. */
struct module *module_load_source(const char *path);
struct gen_module;
/* Bytes of threaded code loaded now (erlang:memory(code)); the loader
   counts code in and out. */
size_t module_code_bytes(void);
void module_code_bytes_add(ptrdiff_t delta);
/* A node's code tables (vm/node.h): empty; freed with every module. */
struct modtab;
struct modtab *modtab_create(void);
void modtab_destroy(struct modtab *mt);

struct module *module_load_gen(struct gen_module *g, const char *what);
/* Load g as the module called `name` (from the file `path`, or NULL).
   NULL with *err set (mi_free it) if refused: "not_purged" when old code
   exists, else the reader's, verifier's or loader's message. */
struct module *module_load_checked(struct gen_module *g, term name, const char *path, char **err);
/* The one entry for bytecode from outside (code:load_binary, hosts, the
   fuzzer): read an .mbc image (vm/mbc.c), verify and load it. name: the
   module it must be, or 0 for any. NULL with *err set (mi_free it). */
struct module *module_load_image(const uint8_t *bytes, size_t len, term name, const char *path, char **err);

#endif
