/*
 * module.c — the export table, the module registry, and the code path.
 *
 * Owns:
 *   - export entries (module.h): one per M:F/A ever named, created on first
 *     reference and never freed, so code can hold struct export_entry *
 *     forever. A new entry for a BIF gets .bif/.bif_info from bif_lookup.
 *   - the registry of loaded modules: name -> current struct module, plus
 *     the list of every version ever loaded (for mapping code addresses
 *     back to functions and lines in stack traces).
 *   - the code path and loading modules on demand (compiling NAME.erl or
 *     reading NAME.mbc).
 *
 * Threads: one mutex (table_lock) guards the export hash and the registry;
 * .code of an entry is an atomic pointer read without the lock. Loading
 * on demand takes load_lock so two threads never compile the same module
 * twice at once.
 */
#include "module.h"
#include "alloc.h"
#include "interp.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../compiler/compiler.h"
#include "atom.h"
#include "loader.h"
#include "mbc.h"
#include "node.h"
#include "ptab.h"
#include "scheduler.h"
#include "strbuf.h"

struct modreg;

/* A node's code (vm/node.h): its export table, module registry and path. */
struct modtab {
    pthread_mutex_t table_lock; /* the export hash and the registry */
    pthread_mutex_t load_lock;  /* loading on demand; the missing list */
    /* install, delete and the end of a purge hold it across their export
       table updates, so two of them never interleave */
    pthread_mutex_t install_lock;
    struct export_entry **export_hash;
    size_t export_cap, export_count;
    struct modreg *regs; /* open addressing by atom index */
    size_t regs_cap, regs_count;
    struct module **all_versions; /* every version whose code is allocated */
    size_t nversions, versions_cap;
    /* Modules looked for and not found since the path last changed, so
       that calling a missing module in a loop does not search the disk
       each time. */
    term *missing;
    size_t nmissing, missing_cap;
    char **path_dirs;
    size_t npath;
    _Atomic size_t code_bytes; /* threaded code loaded (erlang:memory(code)) */
};

struct modtab *modtab_create(void) {
    struct modtab *mt = mem_zalloc(sizeof *mt);
    if (!mt) return NULL;
    pthread_mutex_init(&mt->table_lock, NULL);
    pthread_mutex_init(&mt->load_lock, NULL);
    pthread_mutex_init(&mt->install_lock, NULL);
    return mt;
}

size_t module_code_bytes(void) { return atomic_load_explicit(&node_cur()->code->code_bytes, memory_order_relaxed); }
void module_code_bytes_add(ptrdiff_t delta) {
    atomic_fetch_add_explicit(&node_cur()->code->code_bytes, (size_t)delta, memory_order_relaxed);
}

/* ---- export table --------------------------------------------------------- */


static size_t export_slot(term m, term f, uint32_t a, size_t cap) {
    uint64_t h = (m >> 6) * 0x9E3779B97F4A7C15ull;
    h ^= (f >> 6) * 0xC2B2AE3D27D4EB4Full;
    h ^= a * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    return (size_t)(h & (cap - 1));
}

static bool export_grow(void) {
    struct modtab *mt = node_cur()->code;
    size_t cap = mt->export_cap ? mt->export_cap * 2 : 1024;
    struct export_entry **nh = mem_calloc(cap, sizeof *nh);
    if (!nh) return false;
    for (size_t i = 0; i < mt->export_cap; i++) {
        struct export_entry *e = mt->export_hash[i];
        while (e) {
            struct export_entry *next = e->next_in_hash;
            size_t s = export_slot(e->module, e->function, e->arity, cap);
            e->next_in_hash = nh[s];
            nh[s] = e;
            e = next;
        }
    }
    mem_free(mt->export_hash);
    mt->export_hash = nh;
    mt->export_cap = cap;
    return true;
}

struct export_entry *export_get(term module, term function, uint32_t arity) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->table_lock);
    struct export_entry *e = NULL;
    if (mt->export_cap == 0 || mt->export_count >= mt->export_cap) {
        if (!export_grow() && mt->export_cap == 0) goto out;
    }
    size_t s = export_slot(module, function, arity, mt->export_cap);
    for (e = mt->export_hash[s]; e; e = e->next_in_hash)
        if (e->module == module && e->function == function && e->arity == arity) goto out;
    e = mem_zalloc(sizeof *e);
    if (!e) goto out;
    e->module = module;
    e->function = function;
    e->arity = arity;
    const struct bif_info *bi = bif_lookup(module, function, arity);
    if (bi) {
        e->bif = bi->fn;
        e->bif_info = bi;
        e->bif_again[0] = interp_handlers()[IOP_i_bif_again];
        e->bif_again[1] = (code_word)(uintptr_t)e;
    }
    e->next_in_hash = mt->export_hash[s];
    mt->export_hash[s] = e;
    mt->export_count++;
out:
    pthread_mutex_unlock(&mt->table_lock);
    return e;
}

/* ---- module registry --------------------------------------------------------- */

/* Per module name: the current and old versions (erl's two-version rule),
   a version being purged, and the purged versions (their fun tables and
   literals stay alive, see module.h). Entries are never removed. */
struct modreg {
    term name; /* 0: an empty slot */
    struct module *cur, *old;
    struct module *purging; /* detached from old by a purge in progress */
    bool purge_killed;      /* that purge has killed processes */
    struct module *retired; /* purged versions, linked by ->retired */
};

void modtab_destroy(struct modtab *mt) {
    if (!mt) return;
    for (size_t i = 0; i < mt->regs_cap; i++) {
        struct modreg *r = &mt->regs[i];
        if (!r->name) continue;
        loader_free_module(r->cur);
        loader_free_module(r->old);
        loader_free_module(r->purging);
        for (struct module *v = r->retired, *next; v; v = next) {
            next = v->retired;
            loader_free_module(v);
        }
    }
    for (size_t i = 0; i < mt->export_cap; i++) {
        for (struct export_entry *e = mt->export_hash[i], *next; e; e = next) {
            next = e->next_in_hash;
            mem_free(e);
        }
    }
    for (size_t i = 0; i < mt->npath; i++) mem_free(mt->path_dirs[i]);
    mem_free(mt->path_dirs);
    mem_free(mt->regs);
    mem_free(mt->all_versions);
    mem_free(mt->export_hash);
    mem_free(mt->missing);
    pthread_mutex_destroy(&mt->table_lock);
    pthread_mutex_destroy(&mt->load_lock);
    pthread_mutex_destroy(&mt->install_lock);
    mem_free(mt);
}

static size_t mod_slot(term name, size_t cap) { return (size_t)((term_to_atom(name) * 2654435761u) & (cap - 1)); }

static struct modreg *reg_find(term name) {
    struct modtab *mt = node_cur()->code;
    if (!mt->regs_cap) return NULL;
    size_t s = mod_slot(name, mt->regs_cap);
    while (mt->regs[s].name && mt->regs[s].name != name) s = (s + 1) & (mt->regs_cap - 1);
    return mt->regs[s].name ? &mt->regs[s] : NULL;
}

static bool regs_grow(void) {
    struct modtab *mt = node_cur()->code;
    size_t cap = mt->regs_cap ? mt->regs_cap * 2 : 64;
    struct modreg *nt = mem_calloc(cap, sizeof *nt);
    if (!nt) return false;
    for (size_t i = 0; i < mt->regs_cap; i++) {
        if (!mt->regs[i].name) continue;
        size_t s = mod_slot(mt->regs[i].name, cap);
        while (nt[s].name) s = (s + 1) & (cap - 1);
        nt[s] = mt->regs[i];
    }
    mem_free(mt->regs);
    mt->regs = nt;
    mt->regs_cap = cap;
    return true;
}

static struct modreg *reg_get(term name) {
    struct modtab *mt = node_cur()->code;
    struct modreg *r = reg_find(name);
    if (r) return r;
    if ((mt->regs_count + 1) * 2 > mt->regs_cap && !regs_grow()) return NULL;
    size_t s = mod_slot(name, mt->regs_cap);
    while (mt->regs[s].name) s = (s + 1) & (mt->regs_cap - 1);
    mt->regs[s].name = name;
    mt->regs_count++;
    return &mt->regs[s];
}

struct module *module_find(term name) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->table_lock);
    struct modreg *r = reg_find(name);
    struct module *m = r ? r->cur : NULL;
    pthread_mutex_unlock(&mt->table_lock);
    return m;
}

struct module *module_find_old(term name) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->table_lock);
    struct modreg *r = reg_find(name);
    struct module *m = r ? r->old : NULL;
    pthread_mutex_unlock(&mt->table_lock);
    return m;
}

void module_foreach_current(void (*fn)(struct module *, void *), void *arg) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->table_lock);
    for (size_t i = 0; i < mt->regs_cap; i++)
        if (mt->regs[i].name && mt->regs[i].cur) fn(mt->regs[i].cur, arg);
    pthread_mutex_unlock(&mt->table_lock);
}

static bool in_code(const struct module *m, const void *addr) {
    const code_word *a = addr;
    return m->code && a >= m->code && a < m->code + m->ncode;
}

/* Funs of older versions that run `from`'s code go on in `to`'s when the
   two are the same code (same digest), as erl's do; after any change they
   keep running the old code until it is purged (then badfun). */
static void funs_follow(struct modreg *r, const struct module *from, const struct module *to) {
    if (memcmp(from->md5, to->md5, sizeof from->md5) != 0) return;
    struct module *lists[3] = {r->old, r->purging, r->retired};
    for (int k = 0; k < 3; k++) {
        for (struct module *v = lists[k]; v; v = k == 2 ? v->retired : NULL) {
            for (uint32_t i = 0; i < v->nfuns; i++) {
                struct fun_entry *fe = &v->funs[i];
                if (!in_code(from, atomic_load_explicit(&fe->code, memory_order_relaxed))) continue;
                if (i < to->nfuns && to->funs[i].uniq == fe->uniq && to->funs[i].arity == fe->arity &&
                    to->funs[i].nfree == fe->nfree)
                    atomic_store_explicit(&fe->code, atomic_load_explicit(&to->funs[i].code, memory_order_relaxed),
                                          memory_order_release);
            }
        }
    }
}

static bool has_export(const struct module *m, term name, uint32_t arity) {
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].name == name && m->exports[i].arity == arity) return true;
    return false;
}

/* Point the export entries at m's code; those only `gone` had become
   undefined. Under install_lock. */
static void exports_switch(const struct module *gone, const struct module *m) {
    for (uint32_t i = 0; gone && i < gone->nexports; i++) {
        if (m && has_export(m, gone->exports[i].name, gone->exports[i].arity)) continue;
        struct export_entry *e = export_get(gone->name, gone->exports[i].name, gone->exports[i].arity);
        if (e && !e->bif) atomic_store_explicit(&e->code, NULL, memory_order_release);
    }
    for (uint32_t i = 0; m && i < m->nexports; i++) {
        struct export_entry *e = export_get(m->name, m->exports[i].name, m->exports[i].arity);
        if (!e) continue;
        for (uint32_t f = 0; f < m->nfuncs; f++) {
            if (m->funcs[f].name == m->exports[i].name && m->funcs[f].arity == m->exports[i].arity) {
                atomic_store_explicit(&e->code, (const void *)m->funcs[f].entry, memory_order_release);
                break;
            }
        }
    }
}

bool module_install(struct module *m) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->install_lock);
    pthread_mutex_lock(&mt->table_lock);
    struct modreg *r = reg_get(m->name);
    bool grown = true;
    if (mt->nversions == mt->versions_cap) {
        size_t cap = mt->versions_cap ? mt->versions_cap * 2 : 64;
        struct module **nv = mem_realloc(mt->all_versions, cap * sizeof *nv);
        if (nv) {
            mt->all_versions = nv;
            mt->versions_cap = cap;
        } else {
            grown = false;
        }
    }
    if (!r || !grown || (r->cur && r->old)) { /* out of memory, or not_purged */
        pthread_mutex_unlock(&mt->table_lock);
        pthread_mutex_unlock(&mt->install_lock);
        return false;
    }
    mt->all_versions[mt->nversions++] = m;
    struct module *prev = r->cur;
    if (prev) r->old = prev;
    r->cur = m;
    if (prev) funs_follow(r, prev, m);
    pthread_mutex_unlock(&mt->table_lock);
    exports_switch(prev, m); /* export_get takes the table lock itself */
    pthread_mutex_unlock(&mt->install_lock);
    return true;
}

bool module_delete(term name) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->install_lock);
    pthread_mutex_lock(&mt->table_lock);
    struct modreg *r = reg_find(name);
    struct module *m = r && r->cur && !r->old ? r->cur : NULL;
    if (m) {
        r->old = m;
        r->cur = NULL;
    }
    pthread_mutex_unlock(&mt->table_lock);
    if (m) exports_switch(m, NULL);
    pthread_mutex_unlock(&mt->install_lock);
    /* a later call may load it again from the path */
    pthread_mutex_lock(&mt->load_lock);
    mt->nmissing = 0;
    pthread_mutex_unlock(&mt->load_lock);
    return m != NULL;
}

/* ---- purging --------------------------------------------------------------------
 *
 * Old code may be freed only when no process can run it. A purge first
 * detaches the old version (r->purging), so no new call can enter it:
 * export entries already lead to the current version, and funs that still
 * run its code get a NULL entry (badfun when called). It then holds every
 * process in turn (proc_hold: not running) and looks at its saved pc, cp,
 * and the continuation pointers and catch markers on its stack, as erl's
 * check_process_code does. A process that could not be held (running, or
 * held by someone else) makes the step answer AGAIN; so does one that
 * refers to the code (a hard purge sends it a kill signal first; a soft
 * purge gives up and re-attaches the version). When one whole pass holds
 * every live process and none refers to the code, every process has been
 * stopped at least once since the detach, so none is inside the code or
 * about to enter it (any thread executing Erlang code runs a process),
 * and the code is freed.
 */

bool module_proc_uses(const struct proc *q, const struct module *m) {
    if (in_code(m, q->pc) || in_code(m, q->cp)) return true;
    for (const term *s = q->stop; s < q->heap_end; s++) {
        term w = *s;
        if (in_code(m, (const void *)(uintptr_t)w)) return true;
        if (term_is_catch(w) && in_code(m, term_to_catch(w))) return true;
    }
    return false;
}

struct purge_scan {
    struct proc *self;
    const struct module *m;
    bool soft;     /* only look: kill nobody */
    bool busy;     /* a process could not be examined */
    bool uses;     /* a process refers to the code */
    bool self_uses;
};

/* Hold q; if it runs on another scheduler, wait a little for the end of
   its slice first. Retrying the whole scan instead can go on for seconds
   while every other scheduler stays busy (one always has a process
   running); the bound keeps two scanners that wait on each other apart. */
static bool hold_soon(struct proc *q, uint32_t *was) {
    struct timespec t0, t;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (unsigned i = 1;; i++) {
        if (proc_hold(q, was)) return true;
        uint32_t st = atomic_load_explicit(&q->state, memory_order_acquire);
        if (st != PS_RUNNING && st != PS_NOTIFIED && st != PS_HELD) return false;
        if (i % 64 == 0) {
            clock_gettime(CLOCK_MONOTONIC, &t);
            if ((t.tv_sec - t0.tv_sec) * 1000000000L + (t.tv_nsec - t0.tv_nsec) > 2000000L) return false;
        }
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
    }
}

static void purge_scan_one(struct proc *q, void *arg) {
    struct purge_scan *ps = arg;
    uint32_t was = 0;
    bool uses;
    if (q == ps->self) {
        uses = module_proc_uses(q, ps->m);
    } else if (hold_soon(q, &was)) {
        uses = module_proc_uses(q, ps->m);
        proc_unhold(q, was);
    } else {
        if (atomic_load_explicit(&q->state, memory_order_acquire) != PS_EXITING) ps->busy = true;
        return;
    }
    if (!uses) return;
    ps->uses = true;
    if (q == ps->self) ps->self_uses = true;
    else if (!ps->soft) proc_exit_signal(ps->self, q->id, AM(kill));
}

/* Set the funs of every version that run m's code to NULL, or back. */
static void funs_detach(struct modreg *r, struct module *m, bool back) {
    struct module *lists[3] = {r->cur, m, r->retired};
    for (int k = 0; k < 3; k++) {
        for (struct module *v = lists[k]; v; v = k == 2 ? v->retired : NULL) {
            for (uint32_t i = 0; i < v->nfuns; i++) {
                struct fun_entry *fe = &v->funs[i];
                if (back) {
                    /* only m's own funs can have been detached from m */
                    if (v == m && !atomic_load_explicit(&fe->code, memory_order_relaxed))
                        atomic_store_explicit(&fe->code, (const void *)m->funcs[fe->fn_index].entry,
                                              memory_order_release);
                } else if (in_code(m, atomic_load_explicit(&fe->code, memory_order_relaxed))) {
                    atomic_store_explicit(&fe->code, NULL, memory_order_release);
                }
            }
        }
    }
}

int module_purge_step(struct proc *self, term name, bool soft, bool *killed) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->table_lock);
    struct modreg *r = reg_find(name);
    if (!r || (!r->old && !r->purging)) {
        pthread_mutex_unlock(&mt->table_lock);
        return MODULE_PURGE_NONE;
    }
    if (soft && !r->purging) {
        /* look first, changing nothing: a soft purge of code in use must
           leave its funs alone */
        struct purge_scan look = {self, r->old, true, false, false, false};
        pthread_mutex_unlock(&mt->table_lock);
        ptab_foreach(purge_scan_one, &look);
        if (look.uses) return MODULE_PURGE_IN_USE;
        if (look.busy) return MODULE_PURGE_AGAIN;
        pthread_mutex_lock(&mt->table_lock);
        r = reg_find(name);
        if (!r->old && !r->purging) {
            pthread_mutex_unlock(&mt->table_lock);
            return MODULE_PURGE_NONE;
        }
    }
    if (!r->purging) {
        r->purging = r->old;
        r->old = NULL;
        r->purge_killed = false;
        funs_detach(r, r->purging, false);
    }
    struct purge_scan ps = {self, r->purging, soft, false, false, false};
    pthread_mutex_unlock(&mt->table_lock);
    ptab_foreach(purge_scan_one, &ps); /* may send signals: not under the lock */
    pthread_mutex_lock(&mt->table_lock);
    r = reg_find(name);
    struct module *m = r->purging;
    *killed = false;
    if (!m) { /* another caller finished it meanwhile */
        pthread_mutex_unlock(&mt->table_lock);
        return MODULE_PURGE_DONE;
    }
    if (ps.uses && soft) { /* entered through a fun since the look: undo */
        funs_detach(r, m, true);
        if (!r->old) {
            r->old = m;
            r->purging = NULL;
        }
        pthread_mutex_unlock(&mt->table_lock);
        return MODULE_PURGE_IN_USE;
    }
    if (ps.uses) r->purge_killed = true;
    if (ps.self_uses) {
        /* the caller itself runs the code: it is killed like the others
           (the purge ends when the next call finds nobody in the code) */
        pthread_mutex_unlock(&mt->table_lock);
        return MODULE_PURGE_SELF;
    }
    if (ps.busy || ps.uses) {
        pthread_mutex_unlock(&mt->table_lock);
        return MODULE_PURGE_AGAIN;
    }
    *killed = r->purge_killed;
    r->purging = NULL;
    m->retired = r->retired;
    r->retired = m;
    for (size_t i = 0; i < mt->nversions; i++) {
        if (mt->all_versions[i] == m) {
            mt->all_versions[i] = mt->all_versions[--mt->nversions];
            break;
        }
    }
    pthread_mutex_unlock(&mt->table_lock);
    loader_free_purged(m);
    return MODULE_PURGE_DONE;
}

struct module *module_of_code(const void *addr) {
    struct modtab *mt = node_cur()->code;
    const code_word *a = addr;
    struct module *found = NULL;
    pthread_mutex_lock(&mt->table_lock);
    for (size_t i = 0; i < mt->nversions; i++) {
        struct module *m = mt->all_versions[i];
        if (a >= m->code && a < m->code + m->ncode) {
            found = m;
            break;
        }
    }
    pthread_mutex_unlock(&mt->table_lock);
    return found;
}

bool module_code_typed(const void *addr) {
    struct module *m = module_of_code(addr);
    return m && m->typed;
}

const struct mod_func *module_func_of(const struct module *m, const void *addr) {
    const code_word *a = addr;
    uint32_t lo = 0, hi = m->nfuncs;
    /* the last function starting at or before addr */
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (m->funcs[mid].start <= a) lo = mid + 1;
        else hi = mid;
    }
    return lo ? &m->funcs[lo - 1] : NULL;
}

uint32_t module_line_of(const struct module *m, const void *addr, uint32_t *file) {
    const code_word *a = addr;
    uint32_t lo = 0, hi = m->nlines;
    while (lo < hi) {
        uint32_t mid = (lo + hi) / 2;
        if (m->lines[mid].pc <= a) lo = mid + 1;
        else hi = mid;
    }
    if (!lo) {
        *file = UINT32_MAX;
        return 0;
    }
    /* a line entry of an earlier function does not describe this one */
    const struct mod_func *fn = module_func_of(m, addr);
    if (fn && m->lines[lo - 1].pc < fn->start) {
        *file = UINT32_MAX;
        return 0;
    }
    *file = m->lines[lo - 1].file;
    return m->lines[lo - 1].line;
}

/* ---- code path and loading on demand ----------------------------------------- */




/* The build tree's stdlib while it exists (the build runs where it was
   made, tests included), else the one make install put in place. Decided
   once per OS process: it does not change while it runs. */
static bool file_exists(const char *path);
static const char *stdlib_dir;
static pthread_once_t stdlib_once = PTHREAD_ONCE_INIT;
static void pick_stdlib(void) {
    stdlib_dir = file_exists(MOAT_STDLIB_DIR "/lists.erl") ? MOAT_STDLIB_DIR : MOAT_STDLIB_INSTALL_DIR;
}

const char *module_stdlib_dir(void) {
    pthread_once(&stdlib_once, pick_stdlib);
    return stdlib_dir;
}

void module_path_add_stdlib(void) {
    const char *dir = module_stdlib_dir();
    /* the build tree's compiled .mbc lie in the build directory */
    if (dir == (const char *)MOAT_STDLIB_DIR && strcmp(MOAT_STDLIB_MBC_DIR, MOAT_STDLIB_DIR) != 0)
        module_path_add(MOAT_STDLIB_MBC_DIR);
    module_path_add(dir);
}

void module_path_add(const char *dir) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->load_lock);
    char **nd = mem_realloc(mt->path_dirs, (mt->npath + 1) * sizeof *nd);
    if (nd) {
        mt->path_dirs = nd;
        mt->path_dirs[mt->npath] = mem_strdup(dir);
        if (mt->path_dirs[mt->npath]) mt->npath++;
    }
    mt->nmissing = 0;
    pthread_mutex_unlock(&mt->load_lock);
}

void module_path_add_front(const char *dir) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->load_lock);
    char **nd = mem_realloc(mt->path_dirs, (mt->npath + 1) * sizeof *nd);
    char *copy = mem_strdup(dir);
    if (nd) mt->path_dirs = nd;
    if (nd && copy) {
        memmove(mt->path_dirs + 1, mt->path_dirs, mt->npath * sizeof *mt->path_dirs);
        mt->path_dirs[0] = copy;
        mt->npath++;
    } else {
        mem_free(copy);
    }
    mt->nmissing = 0;
    pthread_mutex_unlock(&mt->load_lock);
}

void module_path_foreach(void (*fn)(const char *, void *), void *arg) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->load_lock);
    for (size_t i = 0; i < mt->npath; i++) fn(mt->path_dirs[i], arg);
    pthread_mutex_unlock(&mt->load_lock);
}

void module_path_clear(void) {
    struct modtab *mt = node_cur()->code;
    pthread_mutex_lock(&mt->load_lock);
    for (size_t i = 0; i < mt->npath; i++) mem_free(mt->path_dirs[i]);
    mem_free(mt->path_dirs);
    mt->path_dirs = NULL;
    mt->npath = 0;
    mt->nmissing = 0;
    pthread_mutex_unlock(&mt->load_lock);
}


struct module *module_load_gen(struct gen_module *g, const char *what) {
    char *err = NULL;
    struct module *m = loader_load_from(g, what, &err);
    if (!m) {
        fprintf(stderr, "moat: cannot load %s: %s\n", what, err ? err : "refused");
        mem_free(err);
    }
    return m;
}

/* Compile and load FILE (a .erl). NULL (diagnostics printed) on failure. */
struct module *module_load_source(const char *path) {
    size_t len;
    char *src = sb_read_file(path, &len);
    if (!src) {
        fprintf(stderr, "moat: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    struct diags d = {0};
    /* modules loaded on demand are compiled quietly: only errors are shown */
    struct compile_opts opts = {.stdlib_include = module_stdlib_dir(), .no_warnings = true};
    struct gen_module *g = compile_source(path, src, len, &opts, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    mem_free(src);
    if (!g) return NULL;
    struct module *m = module_load_gen(g, path);
    gen_module_free(g);
    return m;
}

static struct module *load_mbc(const char *path) {
    size_t len;
    char *bytes = sb_read_file(path, &len);
    if (!bytes) return NULL;
    char *err = NULL;
    struct gen_module *g = mbc_read((const uint8_t *)bytes, len, &err);
    mem_free(bytes);
    if (!g) {
        fprintf(stderr, "moat: %s: %s\n", path, err ? err : "out of memory"); /* no memory for the message */
        mem_free(err);
        return NULL;
    }
    struct module *m = module_load_gen(g, path);
    gen_module_free(g);
    return m;
}

static bool file_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether the .mbc at mbc exists and is not older than the .erl at erl
   (a source edited since it was compiled is compiled again). */
static bool mbc_current(const char *mbc, const char *erl) {
    struct stat sm, se;
    if (stat(mbc, &sm) != 0 || !S_ISREG(sm.st_mode)) return false;
    if (stat(erl, &se) != 0) return true;
    return sm.st_mtim.tv_sec > se.st_mtim.tv_sec ||
           (sm.st_mtim.tv_sec == se.st_mtim.tv_sec && sm.st_mtim.tv_nsec >= se.st_mtim.tv_nsec);
}

static bool is_missing(term name) {
    struct modtab *mt = node_cur()->code;
    for (size_t i = 0; i < mt->nmissing; i++)
        if (mt->missing[i] == name) return true;
    return false;
}

static void note_missing(term name) {
    struct modtab *mt = node_cur()->code;
    if (mt->nmissing == mt->missing_cap) {
        size_t cap = mt->missing_cap ? mt->missing_cap * 2 : 16;
        term *nm = mem_realloc(mt->missing, cap * sizeof *nm);
        if (!nm) return;
        mt->missing = nm;
        mt->missing_cap = cap;
    }
    mt->missing[mt->nmissing++] = name;
}

struct module *module_ensure_loaded(term name) {
    struct modtab *mt = node_cur()->code;
    struct module *m = module_find(name);
    if (m) return m;
    size_t nlen;
    const char *text = atom_text(term_to_atom(name), &nlen);
    /* module names with a '/' would escape the code path */
    if (memchr(text, '/', nlen) || nlen == 0) return NULL;
    pthread_mutex_lock(&mt->load_lock);
    m = module_find(name); /* another thread may have loaded it */
    if (!m && is_missing(name)) {
        pthread_mutex_unlock(&mt->load_lock);
        return NULL;
    }
    for (size_t i = 0; !m && i < mt->npath; i++) {
        struct strbuf mbc = STRBUF_INIT, erl = STRBUF_INIT;
        sb_printf(&mbc, "%s/%.*s.mbc", mt->path_dirs[i], (int)nlen, text);
        sb_printf(&erl, "%s/%.*s.erl", mt->path_dirs[i], (int)nlen, text);
        if (!mbc.failed && !erl.failed) {
            if (mbc_current(sb_cstr(&mbc), sb_cstr(&erl))) m = load_mbc(sb_cstr(&mbc));
            if (!m && file_exists(sb_cstr(&erl))) m = module_load_source(sb_cstr(&erl));
        }
        sb_free(&mbc);
        sb_free(&erl);
        if (m && m->name != name) m = NULL; /* the file defines another module */
    }
    if (!m) note_missing(name);
    pthread_mutex_unlock(&mt->load_lock);
    return m;
}

struct module *module_load_checked(struct gen_module *g, term name, const char *path, char **err) {
    *err = NULL;
    size_t nlen;
    const char *text = atom_text(term_to_atom(name), &nlen);
    if (!g->natoms || g->atoms[0].len != nlen || memcmp(g->atoms[0].text, text, nlen) != 0) {
        *err = mem_strdup("the module name in the code is not the one asked for");
        return NULL;
    }
    return loader_load_from(g, path, err);
}

struct module *module_load_image(const uint8_t *bytes, size_t len, term name, const char *path, char **err) {
    *err = NULL;
    struct gen_module *g = mbc_read(bytes, len, err);
    if (!g) return NULL;
    struct module *m = name ? module_load_checked(g, name, path, err) : loader_load_from(g, path, err);
    gen_module_free(g);
    return m;
}

/* NAME.mbc or NAME.erl in the path, read (and compiled) but not loaded. */
static struct gen_module *find_on_path(const char *text, size_t nlen, char **where, term *reason) {
    struct modtab *mt = node_cur()->code;
    *reason = AM(nofile);
    for (size_t i = 0; i < mt->npath; i++) {
        struct strbuf sb = STRBUF_INIT;
        sb_printf(&sb, "%s/%.*s.mbc", mt->path_dirs[i], (int)nlen, text);
        const char *p = sb_cstr(&sb);
        struct gen_module *g = NULL;
        if (!sb.failed && file_exists(p)) {
            size_t len;
            char *bytes = sb_read_file(p, &len);
            char *err = NULL;
            g = bytes ? mbc_read((const uint8_t *)bytes, len, &err) : NULL;
            mem_free(bytes);
            if (!g) {
                fprintf(stderr, "moat: %s: %s\n", p, err ? err : "cannot read");
                mem_free(err);
                *reason = AM(badfile);
                sb_free(&sb);
                return NULL;
            }
        } else {
            sb.len -= 4;
            sb_puts(&sb, ".erl");
            p = sb_cstr(&sb);
            if (!sb.failed && file_exists(p)) {
                size_t len;
                char *src = sb_read_file(p, &len);
                struct diags d = {0};
                struct compile_opts opts = {.stdlib_include = module_stdlib_dir(), .no_warnings = true};
                g = src ? compile_source(p, src, len, &opts, &d) : NULL;
                diags_print(&d, stderr);
                diags_free(&d);
                mem_free(src);
                if (!g) {
                    *reason = AM(badfile);
                    sb_free(&sb);
                    return NULL;
                }
            }
        }
        if (g) {
            *where = sb.data;
            return g;
        }
        sb_free(&sb);
    }
    return NULL;
}

struct module *module_load_file(term name, term *reason) {
    struct modtab *mt = node_cur()->code;
    size_t nlen;
    const char *text = atom_text(term_to_atom(name), &nlen);
    *reason = AM(nofile);
    if (memchr(text, '/', nlen) || nlen == 0) return NULL;
    pthread_mutex_lock(&mt->load_lock);
    char *where = NULL;
    struct gen_module *g = find_on_path(text, nlen, &where, reason);
    struct module *m = NULL;
    if (g) {
        char *err = NULL;
        m = module_load_checked(g, name, where, &err);
        if (!m) {
            bool not_purged = err && !strcmp(err, "not_purged");
            *reason = not_purged ? AM(not_purged) : AM(badfile);
            if (!not_purged) fprintf(stderr, "moat: cannot load %s: %s\n", where, err ? err : "refused");
            mem_free(err);
        }
        gen_module_free(g);
    }
    mem_free(where);
    pthread_mutex_unlock(&mt->load_lock);
    return m;
}
