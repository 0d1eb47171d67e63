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
#include "interp.h"

#include <errno.h>
#include <mimalloc.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "../compiler/compiler.h"
#include "atom.h"
#include "loader.h"
#include "mbc.h"
#include "strbuf.h"

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t load_lock = PTHREAD_MUTEX_INITIALIZER;

/* ---- export table --------------------------------------------------------- */

static struct export_entry **export_hash;
static size_t export_cap, export_count;

static size_t export_slot(term m, term f, uint32_t a, size_t cap) {
    uint64_t h = (m >> 6) * 0x9E3779B97F4A7C15ull;
    h ^= (f >> 6) * 0xC2B2AE3D27D4EB4Full;
    h ^= a * 0x165667B19E3779F9ull;
    h ^= h >> 29;
    return (size_t)(h & (cap - 1));
}

static bool export_grow(void) {
    size_t cap = export_cap ? export_cap * 2 : 1024;
    struct export_entry **nh = mi_calloc(cap, sizeof *nh);
    if (!nh) return false;
    for (size_t i = 0; i < export_cap; i++) {
        struct export_entry *e = export_hash[i];
        while (e) {
            struct export_entry *next = e->next_in_hash;
            size_t s = export_slot(e->module, e->function, e->arity, cap);
            e->next_in_hash = nh[s];
            nh[s] = e;
            e = next;
        }
    }
    mi_free(export_hash);
    export_hash = nh;
    export_cap = cap;
    return true;
}

struct export_entry *export_get(term module, term function, uint32_t arity) {
    pthread_mutex_lock(&table_lock);
    struct export_entry *e = NULL;
    if (export_cap == 0 || export_count >= export_cap) {
        if (!export_grow() && export_cap == 0) goto out;
    }
    size_t s = export_slot(module, function, arity, export_cap);
    for (e = export_hash[s]; e; e = e->next_in_hash)
        if (e->module == module && e->function == function && e->arity == arity) goto out;
    e = mi_zalloc(sizeof *e);
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
    e->next_in_hash = export_hash[s];
    export_hash[s] = e;
    export_count++;
out:
    pthread_mutex_unlock(&table_lock);
    return e;
}

/* ---- module registry --------------------------------------------------------- */

static struct module **current; /* open addressing by atom index */
static size_t current_cap, current_count;
static struct module **all_versions;
static size_t nversions, versions_cap;

static size_t mod_slot(term name, size_t cap) { return (size_t)((term_to_atom(name) * 2654435761u) & (cap - 1)); }

static struct module **find_slot(term name) {
    if (!current_cap) return NULL;
    size_t s = mod_slot(name, current_cap);
    while (current[s] && current[s]->name != name) s = (s + 1) & (current_cap - 1);
    return &current[s];
}

struct module *module_find(term name) {
    pthread_mutex_lock(&table_lock);
    struct module **s = find_slot(name);
    struct module *m = s ? *s : NULL;
    pthread_mutex_unlock(&table_lock);
    return m;
}

static bool registry_grow(void) {
    size_t cap = current_cap ? current_cap * 2 : 64;
    struct module **nt = mi_calloc(cap, sizeof *nt);
    if (!nt) return false;
    for (size_t i = 0; i < current_cap; i++) {
        if (!current[i]) continue;
        size_t s = mod_slot(current[i]->name, cap);
        while (nt[s]) s = (s + 1) & (cap - 1);
        nt[s] = current[i];
    }
    mi_free(current);
    current = nt;
    current_cap = cap;
    return true;
}

void module_install(struct module *m) {
    pthread_mutex_lock(&table_lock);
    if (nversions == versions_cap) {
        size_t cap = versions_cap ? versions_cap * 2 : 64;
        struct module **nv = mi_realloc(all_versions, cap * sizeof *nv);
        if (nv) {
            all_versions = nv;
            versions_cap = cap;
        }
    }
    if (nversions < versions_cap) all_versions[nversions++] = m;
    if (current_count * 2 >= current_cap && !registry_grow() && current_count + 1 >= current_cap) {
        pthread_mutex_unlock(&table_lock); /* out of memory: not registered */
        return;
    }
    struct module **s = find_slot(m->name);
    if (s) {
        if (*s) {
            m->old = *s;
        } else {
            current_count++;
        }
        *s = m;
    }
    pthread_mutex_unlock(&table_lock);
    /* export_get takes the table lock itself */
    for (uint32_t i = 0; i < m->nexports; i++) {
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

struct module *module_of_code(const void *addr) {
    const code_word *a = addr;
    struct module *found = NULL;
    pthread_mutex_lock(&table_lock);
    for (size_t i = 0; i < nversions; i++) {
        struct module *m = all_versions[i];
        if (a >= m->code && a < m->code + m->ncode) {
            found = m;
            break;
        }
    }
    pthread_mutex_unlock(&table_lock);
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

static char **path_dirs;
static size_t npath;

/* Modules looked for and not found since the path last changed, so that
   calling a missing module in a loop does not search the disk each time. */
static term *missing;
static size_t nmissing, missing_cap;


void module_path_add(const char *dir) {
    pthread_mutex_lock(&load_lock);
    char **nd = mi_realloc(path_dirs, (npath + 1) * sizeof *nd);
    if (nd) {
        path_dirs = nd;
        path_dirs[npath] = mi_strdup(dir);
        if (path_dirs[npath]) npath++;
    }
    nmissing = 0;
    pthread_mutex_unlock(&load_lock);
}

void module_path_clear(void) {
    pthread_mutex_lock(&load_lock);
    for (size_t i = 0; i < npath; i++) mi_free(path_dirs[i]);
    mi_free(path_dirs);
    path_dirs = NULL;
    npath = 0;
    nmissing = 0;
    pthread_mutex_unlock(&load_lock);
}

static char *read_file_bytes(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    struct strbuf sb = STRBUF_INIT;
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) sb_append(&sb, buf, n);
    fclose(f);
    if (sb.failed) {
        sb_free(&sb);
        return NULL;
    }
    sb_cstr(&sb);
    *len = sb.len;
    return sb.data;
}

_Atomic size_t module_code_bytes;

struct module *module_load_gen(struct gen_module *g, const char *what) {
    char *err = NULL;
    struct module *m = loader_load(g, &err);
    if (!m) {
        fprintf(stderr, "moat: cannot load %s: %s\n", what, err ? err : "refused");
        mi_free(err);
    }
    return m;
}

/* Compile and load FILE (a .erl). NULL (diagnostics printed) on failure. */
struct module *module_load_source(const char *path) {
    size_t len;
    char *src = read_file_bytes(path, &len);
    if (!src) {
        fprintf(stderr, "moat: cannot read %s: %s\n", path, strerror(errno));
        return NULL;
    }
    struct diags d = {0};
    /* modules loaded on demand are compiled quietly: only errors are shown */
    struct compile_opts opts = {.stdlib_include = MOAT_STDLIB_DIR, .no_warnings = true};
    struct gen_module *g = compile_source(path, src, len, &opts, &d);
    diags_print(&d, stderr);
    diags_free(&d);
    mi_free(src);
    if (!g) return NULL;
    struct module *m = module_load_gen(g, path);
    gen_module_free(g);
    return m;
}

static struct module *load_mbc(const char *path) {
    size_t len;
    char *bytes = read_file_bytes(path, &len);
    if (!bytes) return NULL;
    char *err = NULL;
    struct gen_module *g = mbc_read((const uint8_t *)bytes, len, &err);
    mi_free(bytes);
    if (!g) {
        fprintf(stderr, "moat: %s: %s\n", path, err ? err : "malformed");
        mi_free(err);
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
    for (size_t i = 0; i < nmissing; i++)
        if (missing[i] == name) return true;
    return false;
}

static void note_missing(term name) {
    if (nmissing == missing_cap) {
        size_t cap = missing_cap ? missing_cap * 2 : 16;
        term *nm = mi_realloc(missing, cap * sizeof *nm);
        if (!nm) return;
        missing = nm;
        missing_cap = cap;
    }
    missing[nmissing++] = name;
}

struct module *module_ensure_loaded(term name) {
    struct module *m = module_find(name);
    if (m) return m;
    size_t nlen;
    const char *text = atom_text(term_to_atom(name), &nlen);
    /* module names with a '/' would escape the code path */
    if (memchr(text, '/', nlen) || nlen == 0) return NULL;
    pthread_mutex_lock(&load_lock);
    m = module_find(name); /* another thread may have loaded it */
    if (!m && is_missing(name)) {
        pthread_mutex_unlock(&load_lock);
        return NULL;
    }
    for (size_t i = 0; !m && i < npath; i++) {
        struct strbuf mbc = STRBUF_INIT, erl = STRBUF_INIT;
        sb_printf(&mbc, "%s/%.*s.mbc", path_dirs[i], (int)nlen, text);
        sb_printf(&erl, "%s/%.*s.erl", path_dirs[i], (int)nlen, text);
        if (!mbc.failed && !erl.failed) {
            if (mbc_current(sb_cstr(&mbc), sb_cstr(&erl))) m = load_mbc(sb_cstr(&mbc));
            if (!m && file_exists(sb_cstr(&erl))) m = module_load_source(sb_cstr(&erl));
        }
        sb_free(&mbc);
        sb_free(&erl);
        if (m && m->name != name) m = NULL; /* the file defines another module */
    }
    if (!m) note_missing(name);
    pthread_mutex_unlock(&load_lock);
    return m;
}
